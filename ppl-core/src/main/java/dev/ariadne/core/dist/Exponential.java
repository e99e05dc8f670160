package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The exponential distribution: density {@code rate exp(-rate x)} on x >= 0, the waiting time to the first event of
 * a Poisson process with the given rate. Mean {@code 1 / rate}.
 *
 * <p>A final class rather than a record so that it holds {@code log(rate)}, computed once when it is made; it
 * compares, hashes and prints like a record of (rate).
 */
public final class Exponential implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Exponential";

    private final double rate;
    private final transient double logRate;

    /**
     * Validates the parameter.
     *
     * @param rate the rate (events per unit time), finite and > 0
     */
    public Exponential(double rate) {
        Check.positive(NAME, "rate", rate);
        this.rate = rate;
        // the thread's last log of a positive real (KeptLog): a rate drawn at a Gamma site has had its log taken by
        // the site's density, and an Exponential(rate) made at each observation of one latent rate (a survival model)
        // takes it once a run, as a loop hoists it; the same call on the same argument, bit for bit
        this.logRate = KeptLog.of(rate);
    }

    /** The rate. */
    public double rate() {
        return rate;
    }

    /** The half-line [0, inf). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /** {@code log(rate) - rate x} for x >= 0; {@code -inf} for negative, infinite or NaN x. */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        return logRate - rate * x;
    }

    /**
     * A standard exponential draw divided by the rate; one beyond the largest double (a subnormal rate) is an
     * {@link ArithmeticException} naming the distribution.
     */
    @Override
    public double sample(Rng rng) {
        return Numerics.finiteDraw(rng.standardExponential() / rate, this);
    }

    /** {@code 1 / rate}. */
    @Override
    public double mean() {
        return 1 / rate;
    }

    /** {@code 1 / rate^2}. */
    @Override
    public double variance() {
        return 1 / (rate * rate);
    }

    private Object readResolve() {
        return new Exponential(rate);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Exponential e && Double.compare(rate, e.rate) == 0);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(rate);
    }

    @Override
    public String toString() {
        return "Exponential(rate=" + rate + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Exponential(Exponential original) {
        this.rate = original.rate;
        this.logRate = original.logRate;
    }

    /**
     * An equal Exponential, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Exponential detached() {
        return new Exponential(this);
    }
}
