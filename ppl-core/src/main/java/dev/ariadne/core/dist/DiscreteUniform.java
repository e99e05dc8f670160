package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The discrete uniform distribution: each integer from lower to upper inclusive with equal probability.
 *
 * <p>A final class rather than a record so that it holds {@code -log(count)}, found when it is made (in a table for
 * counts below 1,024); it compares, hashes and prints like a record of (lower, upper).
 */
public final class DiscreteUniform implements IntDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "DiscreteUniform";

    /** Counts below this take {@code -log(count)} from {@link #NEG_LOG_COUNT}. */
    private static final int TABLE_SIZE = 1024;
    /**
     * {@code -log(n)} for n below {@value #TABLE_SIZE}, computed as the constructor computes it above: a change point
     * or a population size drawn at its site from {@code new DiscreteUniform(lo, hi)} took a logarithm per
     * construction, which a hand-written loop hoists.
     */
    private static final double[] NEG_LOG_COUNT = negativeLogs();

    private final int lower;
    private final int upper;
    private final transient double logMassInside;

    private static double[] negativeLogs() {
        double[] t = new double[TABLE_SIZE];
        t[0] = Double.NaN; // no distribution has no values
        for (int n = 1; n < TABLE_SIZE; n++) {
            t[n] = -Math.log((long) n);
        }
        return t;
    }

    /**
     * Validates the parameters.
     *
     * @param lower the smallest value
     * @param upper the largest value, >= lower
     */
    public DiscreteUniform(int lower, int upper) {
        if (upper < lower) {
            throw new ParameterException(NAME, "upper", upper, ">= lower (" + lower + ")");
        }
        this.lower = lower;
        this.upper = upper;
        long n = count();
        this.logMassInside = n < TABLE_SIZE ? NEG_LOG_COUNT[(int) n] : -Math.log(n);
    }

    /** The smallest value. */
    public int lower() {
        return lower;
    }

    /** The largest value. */
    public int upper() {
        return upper;
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
        return k >= lower && k <= upper ? logMassInside : Double.NEGATIVE_INFINITY;
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

    private Object readResolve() {
        return new DiscreteUniform(lower, upper);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof DiscreteUniform u && lower == u.lower && upper == u.upper);
    }

    @Override
    public int hashCode() {
        return 31 * lower + upper;
    }

    @Override
    public String toString() {
        return "DiscreteUniform(lower=" + lower + ", upper=" + upper + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private DiscreteUniform(DiscreteUniform original) {
        this.lower = original.lower;
        this.upper = original.upper;
        this.logMassInside = original.logMassInside;
    }

    /**
     * An equal DiscreteUniform, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public DiscreteUniform detached() {
        return new DiscreteUniform(this);
    }
}
