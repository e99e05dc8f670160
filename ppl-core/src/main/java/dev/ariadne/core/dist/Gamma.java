package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The gamma distribution in the shape-rate parameterisation: density on x > 0
 * {@code rate^shape x^(shape-1) exp(-rate x) / Gamma(shape)}, mean {@code shape / rate}. (The scale is
 * {@code 1 / rate}.) For integer shape it is the waiting time for the shape-th event of a Poisson process with the
 * given rate.
 *
 * @param shape the shape, finite and > 0
 * @param rate  the rate (inverse scale), finite and > 0
 */
public record Gamma(double shape, double rate) implements RealDist {

    private static final String NAME = "Gamma";

    /** Validates the parameters. */
    public Gamma {
        Check.positive(NAME, "shape", shape);
        Check.positive(NAME, "rate", rate);
    }

    /** The half-line [0, inf). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /**
     * The log density at x. At x = 0 it is the limit: {@code +inf} for shape < 1, {@code log(rate)} for shape 1,
     * {@code -inf} for shape > 1. {@code -inf} for negative, infinite or NaN x.
     */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = shape * Math.log(rate) - rate * x - LogGamma.value(shape);
        if (shape != 1) {
            lp += (shape - 1) * Math.log(x);
        }
        return lp;
    }

    /** A Marsaglia-Tsang draw of Gamma(shape, 1), divided by the rate. May underflow to 0 for tiny shapes. */
    @Override
    public double sample(Rng rng) {
        return Numerics.standardGamma(rng, shape) / rate;
    }

    /** {@code shape / rate}. */
    @Override
    public double mean() {
        return shape / rate;
    }

    /** {@code shape / rate^2}. */
    @Override
    public double variance() {
        return shape / rate / rate;
    }

    @Override
    public String toString() {
        return "Gamma(shape=" + shape + ", rate=" + rate + ")";
    }
}
