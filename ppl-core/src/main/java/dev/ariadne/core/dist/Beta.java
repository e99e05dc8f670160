package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * The beta distribution on [0, 1], with density {@code x^(alpha-1) (1-x)^(beta-1) / B(alpha, beta)}: for example
 * the distribution of an unknown probability after alpha - 1 successes and beta - 1 failures from a flat prior.
 *
 * @param alpha the first shape (pseudo-count of successes), finite and > 0
 * @param beta  the second shape (pseudo-count of failures), finite and > 0
 */
public record Beta(double alpha, double beta) implements RealDist {

    private static final String NAME = "Beta";

    /** Validates the parameters. */
    public Beta {
        Check.positive(NAME, "alpha", alpha);
        Check.positive(NAME, "beta", beta);
    }

    /** The unit interval [0, 1]. */
    @Override
    public Support support() {
        return Support.UNIT_INTERVAL;
    }

    /**
     * The log density at x. At the ends it is the limit: {@code +inf} at 0 when alpha < 1 (at 1 when beta < 1),
     * finite when the shape is exactly 1, {@code -inf} when it is larger. {@code -inf} outside [0, 1] and for NaN.
     */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x <= 1)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = -LogBeta.value(alpha, beta);
        if (alpha != 1) {
            lp += (alpha - 1) * Math.log(x);
        }
        if (beta != 1) {
            lp += (beta - 1) * Math.log1p(-x);
        }
        return lp;
    }

    /**
     * A draw by Cheng's (1978) algorithms BB and BC (Commons RNG). With both shapes very small the draw may be
     * exactly 0 or 1, which the density treats as its limit there.
     */
    @Override
    public double sample(Rng rng) {
        return ChengBetaSampler.of(rng, alpha, beta).sample();
    }

    /** {@code alpha / (alpha + beta)}. */
    @Override
    public double mean() {
        return alpha / (alpha + beta);
    }

    /** {@code alpha beta / ((alpha + beta)^2 (alpha + beta + 1))}. */
    @Override
    public double variance() {
        double s = alpha + beta;
        return alpha / s * (beta / s) / (s + 1);
    }

    @Override
    public String toString() {
        return "Beta(alpha=" + alpha + ", beta=" + beta + ")";
    }
}
