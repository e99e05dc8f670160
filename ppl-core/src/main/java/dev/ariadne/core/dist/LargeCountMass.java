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
        return BinomialDistribution.of(n, p).logProbability(k);
    }

    /** {@code k log(rate) - rate - log k!} for k >= 0 and a finite rate > 0. */
    static double poisson(double rate, int k) {
        return PoissonDistribution.of(rate).logProbability(k);
    }
}
