package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The geometric distribution: the number of failures before the first success in independent trials that each
 * succeed with probability p. Mass {@code p (1 - p)^k} for k = 0, 1, 2, ...
 *
 * @param p the success probability of each trial, in (0, 1]
 */
public record Geometric(double p) implements IntDist {

    private static final String NAME = "Geometric";

    /** Validates the parameter. */
    public Geometric {
        Check.positiveProbability(NAME, "p", p);
    }

    /** The counts 0, 1, 2, .... */
    @Override
    public Support support() {
        return Support.COUNTS;
    }

    /** {@code log p + k log(1 - p)}; {@code -inf} for k < 0 (and for k > 0 when p = 1). */
    @Override
    public double logMass(int k) {
        if (k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (k == 0) {
            return Math.log(p);
        }
        return Math.log(p) + k * Math.log1p(-p);
    }

    /**
     * Inversion in closed form: {@code floor(E / -log(1 - p))} with E standard exponential. Saturates at
     * {@link Integer#MAX_VALUE} for p so small that the draw leaves int range.
     */
    @Override
    public int sample(Rng rng) {
        if (p == 1) {
            return 0;
        }
        return (int) Math.floor(rng.standardExponential() / -Math.log1p(-p));
    }

    /** {@code (1 - p) / p}. */
    @Override
    public double mean() {
        return (1 - p) / p;
    }

    /** {@code (1 - p) / p^2}. */
    @Override
    public double variance() {
        return (1 - p) / (p * p);
    }

    @Override
    public String toString() {
        return "Geometric(p=" + p + ")";
    }
}
