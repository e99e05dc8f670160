package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Bernoulli distribution: a coin that comes up {@code true} with probability p.
 *
 * <p>A final class rather than a record so that it can hold {@code log p} and {@code log(1 - p)}, computed once
 * at construction instead of at every mass evaluation; it compares, hashes and prints like a record of (p).
 */
public final class Bernoulli implements BoolDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Bernoulli";

    private final double p;
    private final double logP;
    private final double log1mP;

    /**
     * Validates the parameter.
     *
     * @param p the probability of {@code true}, in [0, 1]
     */
    public Bernoulli(double p) {
        Check.probability(NAME, "p", p);
        this.p = p;
        UnitLogs logs = UnitLogs.of(p);
        this.logP = logs.log;
        this.log1mP = logs.log1m;
    }

    private Bernoulli(double p, double logP, double log1mP) {
        this.p = p;
        this.logP = logP;
        this.log1mP = log1mP;
    }

    /**
     * The Bernoulli distribution with log-odds {@code logit}: {@code p = 1 / (1 + exp(-logit))}, as in logistic
     * regression. Both log masses come straight from the logit ({@link LogMath#logSigmoid}), so they stay exact
     * where p itself rounds to 0 or 1: {@code ofLogit(40).logMass(false)} is -40, where
     * {@code new Bernoulli(1 / (1 + exp(-40)))} has p = 1 and gives {@code -inf}. Equal to {@code new Bernoulli(p)}
     * for the same p (their log masses may differ in the last bits).
     *
     * @param logit the log-odds {@code log(p / (1 - p))}, finite
     */
    public static Bernoulli ofLogit(double logit) {
        Check.finite(NAME, "logit", logit);
        // With e = exp(-|logit|) <= 1 and t = log(1 + e), the two log masses are -t and -|logit| - t.
        double e = Math.exp(-Math.abs(logit));
        double t = LogMath.log1p(e);
        // One allocation for both signs: a model's Bernoulli made at its site is then a value C2 can keep in
        // registers (two allocations merged into one result are always allocated).
        boolean positive = logit >= 0;
        return new Bernoulli((positive ? 1 : e) / (1 + e), positive ? -t : logit - t, positive ? -logit - t : -t);
    }

    /** The probability of {@code true}. */
    public double p() {
        return p;
    }

    /** {@code log p} for true, {@code log(1 - p)} for false ({@code -inf} where that probability is 0). */
    @Override
    public double logMass(boolean b) {
        return b ? logP : log1mP;
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
    public boolean equals(Object o) {
        return this == o || (o instanceof Bernoulli && Double.compare(p, ((Bernoulli) o).p) == 0);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(p);
    }

    @Override
    public String toString() {
        return "Bernoulli(p=" + p + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Bernoulli(Bernoulli original) {
        this.p = original.p;
        this.logP = original.logP;
        this.log1mP = original.log1mP;
    }

    /**
     * An equal Bernoulli, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Bernoulli detached() {
        return new Bernoulli(this);
    }
}
