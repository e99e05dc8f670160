package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The exponential distribution: density {@code rate exp(-rate x)} on x >= 0, the waiting time to the first event of
 * a Poisson process with the given rate. Mean {@code 1 / rate}.
 *
 * @param rate the rate (events per unit time), finite and > 0
 */
public record Exponential(double rate) implements RealDist {

    private static final String NAME = "Exponential";

    /** Validates the parameter. */
    public Exponential {
        Check.positive(NAME, "rate", rate);
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
        return Math.log(rate) - rate * x;
    }

    /** A standard exponential draw divided by the rate. */
    @Override
    public double sample(Rng rng) {
        return rng.standardExponential() / rate;
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

    @Override
    public String toString() {
        return "Exponential(rate=" + rate + ")";
    }
}
