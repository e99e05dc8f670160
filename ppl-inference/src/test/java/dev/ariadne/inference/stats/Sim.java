package dev.ariadne.inference.stats;

import dev.ariadne.core.Rng;

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
