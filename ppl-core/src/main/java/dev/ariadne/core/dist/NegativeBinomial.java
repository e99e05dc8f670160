package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The negative binomial distribution: for integer r, the number of failures before the r-th success in
 * independent trials that each succeed with probability p; for real r > 0, its continuation, a gamma mixture of
 * Poissons (over-dispersed counts). Mass {@code Gamma(k + r) / (k! Gamma(r)) p^r (1 - p)^k} for k = 0, 1, 2, ...
 *
 * @param r the number of successes (any real > 0), finite
 * @param p the success probability of each trial, in (0, 1]
 */
public record NegativeBinomial(double r, double p) implements IntDist {

    private static final String NAME = "NegativeBinomial";

    /** Validates the parameters. */
    public NegativeBinomial {
        Check.positive(NAME, "r", r);
        Check.positiveProbability(NAME, "p", p);
    }

    /** The counts 0, 1, 2, .... */
    @Override
    public Support support() {
        return Support.COUNTS;
    }

    /** The log mass at k; {@code -inf} for k < 0 (and for k > 0 when p = 1). */
    @Override
    public double logMass(int k) {
        if (k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = r * Math.log(p);
        if (k == 0) {
            return lp;
        }
        return lp + LogGamma.value(k + r) - Numerics.logFactorial(k) - LogGamma.value(r) + k * Math.log1p(-p);
    }

    /** A Poisson draw whose rate is a Gamma(r, rate p / (1 - p)) draw. Saturates at {@link Integer#MAX_VALUE}. */
    @Override
    public int sample(Rng rng) {
        if (p == 1) {
            return 0;
        }
        double lambda = Math.exp(Numerics.logStandardGamma(rng, r) + Math.log1p(-p) - Math.log(p));
        return Numerics.poisson(rng, lambda);
    }

    /** {@code r (1 - p) / p}. */
    @Override
    public double mean() {
        return r * (1 - p) / p;
    }

    /** {@code r (1 - p) / p^2}. */
    @Override
    public double variance() {
        return r * (1 - p) / (p * p);
    }

    @Override
    public String toString() {
        return "NegativeBinomial(r=" + r + ", p=" + p + ")";
    }
}
