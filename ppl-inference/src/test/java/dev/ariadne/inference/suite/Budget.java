package dev.ariadne.inference.suite;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The false-failure budget of the statistical suite (see TESTING.md): the significance level of every
 * distributional assertion, and the helpers that turn a level into a threshold. Every assertion in the suite uses
 * one of these, so its false-failure rate is stated here rather than tuned to a seed.
 */
public final class Budget {

    /** Chi-square and other p-value assertions fail a correct implementation with probability 1e-6. */
    public static final double ALPHA = 1e-6;

    /** A 5-standard-error check fails a correct estimator with probability about 5.7e-7 (two-sided normal). */
    public static final double FIVE_SE = 5;

    private Budget() {
    }

    /** The chi-square p-value of observed counts against equal expected counts. */
    public static double uniformChiSquarePValue(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double e = (double) n / counts.length;
        double stat = 0;
        for (long c : counts) {
            stat += (c - e) * (c - e) / e;
        }
        return ChiSquaredDistribution.of(counts.length - 1).survivalProbability(stat);
    }

    /** The largest violation count a valid bound allows: the Binomial(r, delta) quantile at 1 - 1e-6. */
    public static int allowedViolations(int r, double delta) {
        return BinomialDistribution.of(r, delta).inverseSurvivalProbability(ALPHA);
    }

    /**
     * A distribution-free interval for the median of sorted replicates: the order statistics r/2 -+ 5 sqrt(r)/2
     * (the count below the median is Binomial(r, 1/2) with sd sqrt(r)/2), so the true median lies outside with
     * probability about 6e-7. Returns {lower end, upper end, sample median}.
     */
    public static double[] medianInterval(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int r = s.length;
        int lo = (int) Math.floor(r / 2.0 - 5 * Math.sqrt(r) / 2);
        int hi = (int) Math.ceil(r / 2.0 + 5 * Math.sqrt(r) / 2);
        return new double[] {s[Math.max(0, lo)], s[Math.min(r - 1, hi)], s[r / 2]};
    }
}
