package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The half-normal distribution: |Z| scale with Z standard normal; density
 * {@code 2 exp(-x^2 / (2 scale^2)) / (scale sqrt(2 pi))} on x >= 0. A common prior for a standard deviation.
 *
 * @param scale the sd of the normal that is folded, finite and > 0
 */
public record HalfNormal(double scale) implements RealDist {

    private static final String NAME = "HalfNormal";

    /** Validates the parameter. */
    public HalfNormal {
        Check.positive(NAME, "scale", scale);
    }

    /** The half-line [0, inf). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /** The log density at x; {@code -inf} for negative, infinite or NaN x. */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = x / scale;
        return Numerics.LN_2 - Numerics.LN_SQRT_2PI - Math.log(scale) - 0.5 * z * z;
    }

    /** {@code scale |Z|}. */
    @Override
    public double sample(Rng rng) {
        return scale * Math.abs(rng.standardNormal());
    }

    /** {@code scale sqrt(2 / pi)}. */
    @Override
    public double mean() {
        return scale * Math.sqrt(2 / Math.PI);
    }

    /** {@code scale^2 (1 - 2 / pi)}. */
    @Override
    public double variance() {
        return scale * scale * (1 - 2 / Math.PI);
    }

    @Override
    public String toString() {
        return "HalfNormal(scale=" + scale + ")";
    }
}
