package dev.ariadne.core.dist;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Log masses of the Binomial and the Poisson where their counts pass the log-factorial table (1024): Loader's
 * saddle-point expansion, as Commons Statistics computes it. The direct form {@code log n! - log k! - log (n-k)! + ...}
 * subtracts terms near {@code n log n}, which at n = 10^9 are about 2 x 10^10 and keep only about 10^-6 of the log
 * mass (an error of 2 x 10^-6 in every log weight); the expansion keeps its relative precision at any count.
 */
final class LargeCountMass {

    private LargeCountMass() {
    }

    /** {@code log C(n, k) p^k (1-p)^(n-k)} for k in 0..n and p strictly between 0 and 1. */
    static double binomial(int n, double p, int k) {
        double lp = BinomialDistribution.of(n, p).logProbability(k);
        if (lp == Double.NEGATIVE_INFINITY) {
            // The saddle point reads -infinity for a subnormal p (n = 2^31 - 1, p = 4.9e-324, k = 1, whose mass is
            // e^-722.95; an adversarial tester): every k in 0..n has positive mass for p in (0, 1), so the sum of
            // logs, which cancels in its log-binomial at such n but stays finite and close, takes over.
            return LogMath.logGamma(n + 1.0) - LogMath.logGamma(k + 1.0) - LogMath.logGamma(n - k + 1.0)
                    + k * Math.log(p) + (n - k) * Math.log1p(-p);
        }
        return lp;
    }

    /** {@code k log(rate) - rate - log k!} for k >= 0 and a finite rate > 0. */
    static double poisson(double rate, int k) {
        return PoissonDistribution.of(rate).logProbability(k);
    }
}
