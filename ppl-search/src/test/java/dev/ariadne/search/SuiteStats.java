package dev.ariadne.search;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The false-failure levels of the search module's statistical tests (see TESTING.md), with the helpers that turn a
 * level into a threshold. Commons Math 3 is used because it is what ppl-search already depends on (Commons
 * Statistics is a test dependency of ppl-inference only, so it is not on this module's test classpath).
 */
final class SuiteStats {

    /** Every p-value and quantile assertion fails a correct implementation with probability 1e-6. */
    static final double ALPHA = 1e-6;

    private SuiteStats() {
    }

    /**
     * The chi-square p-value of counts against equal expected counts, as the regularised upper incomplete gamma
     * function (accurate far into the tail, where 1 - cdf would round to 0).
     */
    static double uniformChiSquarePValue(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double e = (double) n / counts.length;
        double stat = 0;
        for (long c : counts) {
            stat += (c - e) * (c - e) / e;
        }
        return Gamma.regularizedGammaQ((counts.length - 1) / 2.0, stat / 2);
    }

    /**
     * The two-sided Student t multiplier at level {@link #ALPHA} for the mean of k independent replicates:
     * |mean - truth| <= t * sd / sqrt(k) fails with probability 1e-6 when the replicates are normal.
     */
    static double tMultiplier(int k) {
        return new TDistribution(k - 1).inverseCumulativeProbability(1 - ALPHA / 2);
    }

    /** The largest violation count a valid bound allows: the smallest v with P(Binomial(r, delta) > v) <= 1e-6. */
    static int allowedViolations(int r, double delta) {
        BinomialDistribution b = new BinomialDistribution(r, delta);
        int v = 0;
        while (1 - b.cumulativeProbability(v) > ALPHA) {
            v++;
        }
        return v;
    }
}
