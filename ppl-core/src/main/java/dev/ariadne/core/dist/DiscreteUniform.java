package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The discrete uniform distribution: each integer from lower to upper inclusive with equal probability.
 *
 * @param lower the smallest value
 * @param upper the largest value, >= lower
 */
public record DiscreteUniform(int lower, int upper) implements IntDist {

    private static final String NAME = "DiscreteUniform";

    /** Validates the parameters. */
    public DiscreteUniform {
        if (upper < lower) {
            throw new ParameterException(NAME, "upper", upper, ">= lower (" + lower + ")");
        }
    }

    /** The number of values, {@code upper - lower + 1} (as a long: it may exceed int range). */
    public long count() {
        return (long) upper - lower + 1;
    }

    /** The integers lower..upper. */
    @Override
    public Support support() {
        return Support.integers(lower, upper);
    }

    /** {@code -log(upper - lower + 1)} inside lower..upper, {@code -inf} outside. */
    @Override
    public double logMass(int k) {
        return k >= lower && k <= upper ? -Math.log(count()) : Double.NEGATIVE_INFINITY;
    }

    /** {@code lower + } a uniform draw from 0..count-1. */
    @Override
    public int sample(Rng rng) {
        return (int) (lower + rng.nextLong(count()));
    }

    /** The midpoint {@code (lower + upper) / 2}. */
    @Override
    public double mean() {
        return 0.5 * lower + 0.5 * upper;
    }

    /** {@code (count^2 - 1) / 12}. */
    @Override
    public double variance() {
        double n = count();
        return (n * n - 1) / 12.0;
    }

    @Override
    public String toString() {
        return "DiscreteUniform(lower=" + lower + ", upper=" + upper + ")";
    }
}
