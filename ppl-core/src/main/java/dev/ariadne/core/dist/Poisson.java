package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Poisson distribution: the number of events in a unit of time when they occur independently at the given
 * rate. Mass {@code rate^k exp(-rate) / k!} for k = 0, 1, 2, ...
 *
 * @param rate the mean number of events, finite, > 0 and at most {@value #MAX_RATE} (so draws fit in an int)
 */
public record Poisson(double rate) implements IntDist {

    /** The largest accepted rate: draws stay below {@link Integer#MAX_VALUE} with overwhelming probability. */
    public static final double MAX_RATE = 1e9;

    private static final String NAME = "Poisson";

    /** Validates the parameter. */
    public Poisson {
        if (!(rate > 0 && rate <= MAX_RATE)) {
            throw new ParameterException(NAME, "rate", rate, "finite, > 0 and <= " + MAX_RATE);
        }
    }

    /** The counts 0, 1, 2, .... */
    @Override
    public Support support() {
        return Support.COUNTS;
    }

    /** {@code k log(rate) - rate - log(k!)}; {@code -inf} for k < 0. */
    @Override
    public double logMass(int k) {
        if (k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return k * Math.log(rate) - rate - Numerics.logFactorial(k);
    }

    /** Inversion for rates below 30 (allocation-free); the Commons RNG large-mean sampler above. */
    @Override
    public int sample(Rng rng) {
        return Numerics.poisson(rng, rate);
    }

    /** The rate. */
    @Override
    public double mean() {
        return rate;
    }

    /** The rate. */
    @Override
    public double variance() {
        return rate;
    }

    @Override
    public String toString() {
        return "Poisson(rate=" + rate + ")";
    }
}
