package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Laplace (double exponential) distribution: density {@code exp(-|x - location| / scale) / (2 scale)}.
 *
 * @param location the mean and median, finite
 * @param scale    the scale (mean absolute deviation), finite and > 0
 */
public record Laplace(double location, double scale) implements RealDist {

    private static final String NAME = "Laplace";

    /** Validates the parameters. */
    public Laplace {
        Check.finite(NAME, "location", location);
        Check.positive(NAME, "scale", scale);
    }

    /** The whole real line. */
    @Override
    public Support support() {
        return Support.REAL;
    }

    /** {@code -log(2 scale) - |x - location| / scale}; {@code -inf} for infinite or NaN x. */
    @Override
    public double logDensity(double x) {
        double lp = -Numerics.LN_2 - Math.log(scale) - Math.abs(x - location) / scale;
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /** {@code location +/- scale E}, with E standard exponential and a fair random sign. */
    @Override
    public double sample(Rng rng) {
        double e = scale * rng.standardExponential();
        return rng.nextBoolean() ? location + e : location - e;
    }

    /** The location. */
    @Override
    public double mean() {
        return location;
    }

    /** {@code 2 scale^2}. */
    @Override
    public double variance() {
        return 2 * scale * scale;
    }

    @Override
    public String toString() {
        return "Laplace(location=" + location + ", scale=" + scale + ")";
    }
}
