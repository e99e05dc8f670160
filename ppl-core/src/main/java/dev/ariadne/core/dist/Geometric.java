package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The geometric distribution: the number of failures before the first success in independent trials that each
 * succeed with probability p. Mass {@code p (1 - p)^k} for k = 0, 1, 2, ...
 *
 * <p>A final class rather than a record so that it holds {@code log p} and {@code log(1 - p)}, computed once when it
 * is made; it compares, hashes and prints like a record of (p).
 */
public final class Geometric implements IntDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Geometric";

    private final double p;
    private final transient double logP;
    private final transient double log1mP;

    /**
     * Validates the parameter.
     *
     * @param p the success probability of each trial, in (0, 1]
     */
    public Geometric(double p) {
        Check.positiveProbability(NAME, "p", p);
        this.p = p;
        // the thread's last probability's logs: a model that observes each count with new Geometric(p) at one
        // latent p (a discrete-time survival model) takes the two logs once a run, as a loop hoists them; the same
        // calls on the same argument, so bit for bit those taken afresh
        UnitLogs logs = UnitLogs.of(p);
        this.logP = logs.log;
        this.log1mP = logs.log1m;
    }

    /** The success probability of each trial. */
    public double p() {
        return p;
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
            return logP;
        }
        return logP + k * log1mP;
    }

    /**
     * Inversion in closed form: {@code floor(E / -log(1 - p))} with E standard exponential. A draw beyond
     * {@link Integer#MAX_VALUE} (for p below about 1e-9 that is most of them) is an {@link ArithmeticException}
     * naming the distribution, not a saturated value.
     */
    @Override
    public int sample(Rng rng) {
        if (p == 1) {
            return 0;
        }
        return Numerics.intDraw(Math.floor(rng.standardExponential() / -log1mP), this);
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

    private Object readResolve() {
        return new Geometric(p);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Geometric g && Double.compare(p, g.p) == 0);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(p);
    }

    @Override
    public String toString() {
        return "Geometric(p=" + p + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Geometric(Geometric original) {
        this.p = original.p;
        this.logP = original.logP;
        this.log1mP = original.log1mP;
    }

    /**
     * An equal Geometric, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Geometric detached() {
        return new Geometric(this);
    }
}
