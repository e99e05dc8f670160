package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Cauchy distribution: density {@code 1 / (pi scale (1 + ((x - location)/scale)^2))}. So heavy-tailed that it
 * has no mean and no variance.
 *
 * @param location the median, finite
 * @param scale    the half-width at half-maximum, finite and > 0
 */
public record Cauchy(double location, double scale) implements RealDist {

    private static final String NAME = "Cauchy";

    /** Validates the parameters. */
    public Cauchy {
        Check.finite(NAME, "location", location);
        Check.positive(NAME, "scale", scale);
    }

    /** The whole real line. */
    @Override
    public Support support() {
        return Support.REAL;
    }

    /** The log density at x; {@code -inf} for infinite or NaN x. */
    @Override
    public double logDensity(double x) {
        if (!Double.isFinite(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = (x - location) / scale;
        double az = Math.abs(z);
        double log1pZ2 = az < 1e150 ? Math.log1p(z * z) : 2 * Math.log(az);
        return -Numerics.LN_PI - Math.log(scale) - log1pZ2;
    }

    /** {@code location + scale tan(pi (U - 1/2))} with U uniform on the open interval (0, 1). */
    @Override
    public double sample(Rng rng) {
        return location + scale * Math.tan(Math.PI * (rng.openUniform() - 0.5));
    }

    /** Always throws {@link ArithmeticException}: the Cauchy distribution has no mean. */
    @Override
    public double mean() {
        throw new ArithmeticException(this + ": the mean is undefined");
    }

    /** Always throws {@link ArithmeticException}: the Cauchy distribution has no variance. */
    @Override
    public double variance() {
        throw new ArithmeticException(this + ": the variance is undefined");
    }

    @Override
    public String toString() {
        return "Cauchy(location=" + location + ", scale=" + scale + ")";
    }
}
