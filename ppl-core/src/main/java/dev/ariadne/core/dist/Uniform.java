package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The continuous uniform distribution on the interval [lower, upper]: density {@code 1 / (upper - lower)} there.
 *
 * @param lower the lower end, finite
 * @param upper the upper end, finite and > lower, with {@code upper - lower} finite
 */
public record Uniform(double lower, double upper) implements RealDist {

    private static final String NAME = "Uniform";

    /** Validates the parameters. */
    public Uniform {
        Check.finite(NAME, "lower", lower);
        Check.finite(NAME, "upper", upper);
        if (!(upper > lower)) {
            throw new ParameterException(NAME, "upper", upper, "> lower (" + lower + ")");
        }
        if (!Double.isFinite(upper - lower)) {
            throw new ParameterException(NAME, "upper", upper, "within a finite distance of lower (" + lower + ")");
        }
    }

    /** The interval [lower, upper]. */
    @Override
    public Support support() {
        return Support.interval(lower, upper);
    }

    /** {@code -log(upper - lower)} inside [lower, upper], {@code -inf} outside or for NaN. */
    @Override
    public double logDensity(double x) {
        return x >= lower && x <= upper ? -Math.log(upper - lower) : Double.NEGATIVE_INFINITY;
    }

    /** {@code lower + (upper - lower) U} with U uniform on [0, 1). */
    @Override
    public double sample(Rng rng) {
        double x = lower + (upper - lower) * rng.nextDouble();
        return x > upper ? upper : x;
    }

    /** The midpoint. */
    @Override
    public double mean() {
        return 0.5 * lower + 0.5 * upper;
    }

    /** {@code (upper - lower)^2 / 12}. */
    @Override
    public double variance() {
        double w = upper - lower;
        return w * w / 12.0;
    }

    @Override
    public String toString() {
        return "Uniform(lower=" + lower + ", upper=" + upper + ")";
    }
}
