package dev.ariadne.inference.stats;

import dev.ariadne.core.Rng;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/** Shared simulation helpers for the statistics tests. */
final class Sim {
    private Sim() {
    }

    /** n log weights l ~ N(-s^2/2, s), so that E[w] = 1, from the stream of (seed, rep). */
    static double[] logNormalWeights(long seed, long rep, int n, double s) {
        Rng rng = Rng.forRun(seed, rep);
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = -0.5 * s * s + s * rng.standardNormal();
        }
        return l;
    }

    /** The largest violation count allowed by Binomial(r, delta) at false-failure probability 1e-6. */
    static int allowedViolations(int r, double delta) {
        return BinomialDistribution.of(r, delta).inverseSurvivalProbability(1e-6);
    }

    /**
     * A distribution-free confidence interval for the median from sorted replicates: the order statistics
     * r/2 -+ 5 sqrt(r)/2 (the count below the median is Binomial(r, 1/2), sd sqrt(r)/2), so the true median lies
     * outside with probability about 6e-7.
     */
    static double[] medianInterval(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int r = s.length;
        int lo = (int) Math.floor(r / 2.0 - 5 * Math.sqrt(r) / 2);
        int hi = (int) Math.ceil(r / 2.0 + 5 * Math.sqrt(r) / 2);
        return new double[] {s[Math.max(0, lo)], s[Math.min(r - 1, hi)], s[r / 2]};
    }

    static BettingBound betting(double[] l, int batch) {
        BettingBound b = new BettingBound(batch);
        for (double x : l) {
            b.add(x);
        }
        return b;
    }

    static WeightStats stats(double[] l) {
        WeightStats w = new WeightStats();
        for (double x : l) {
            w.add(x);
        }
        return w;
    }
}
