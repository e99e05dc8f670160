package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Bernoulli distribution: a coin that comes up {@code true} with probability p.
 *
 * @param p the probability of {@code true}, in [0, 1]
 */
public record Bernoulli(double p) implements BoolDist {

    private static final String NAME = "Bernoulli";

    /** Validates the parameter. */
    public Bernoulli {
        Check.probability(NAME, "p", p);
    }

    /** {@code log p} for true, {@code log(1 - p)} for false ({@code -inf} where that probability is 0). */
    @Override
    public double logMass(boolean b) {
        return b ? Math.log(p) : Math.log1p(-p);
    }

    /** True when a uniform draw on [0, 1) is below p: never for p = 0, always for p = 1. */
    @Override
    public boolean sample(Rng rng) {
        return rng.nextDouble() < p;
    }

    /** The mean of the 0/1 indicator: p. */
    public double mean() {
        return p;
    }

    /** The variance of the 0/1 indicator: {@code p (1 - p)}. */
    public double variance() {
        return p * (1 - p);
    }

    @Override
    public String toString() {
        return "Bernoulli(p=" + p + ")";
    }
}
