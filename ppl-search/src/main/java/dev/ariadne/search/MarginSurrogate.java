package dev.ariadne.search;

import java.util.List;

/**
 * A smoothed surrogate of hard evidence stated with a margin, for the gradient strategy when too few runs are
 * accepted to estimate the true gradient: each margin condition's weight 1[margin >= 0] is replaced by the soft
 * evidence sigmoid(margin / tau), so a run's surrogate log weight is its relaxed log weight (log p with the
 * conditions dropped, minus log q) plus log sigmoid(margin / tau). Every run that reached its margin conditions
 * then has a finite surrogate weight, and the surrogate free energy's gradient, the covariance over those runs of
 * (log q - log p_surrogate) with the score, points toward larger margins. The surrogate's optimum is not the
 * posterior; it only carries the guide to where runs are accepted, after which the true objective is used. tau
 * follows the batch's spread of margins and falls where the guide stalls ({@link #temperature}), so the surrogate
 * tends to the hard condition.
 */
final class MarginSurrogate {

    /** How many surrogate units the batch's spread of margins spans (before cooling). */
    static final double SHARPNESS = 4;

    /** Steps between two looks at the guide's progress toward the threshold. */
    static final int WINDOW = 10;
    /** The least share of the remaining distance the median margin must climb in a window, else tau halves. */
    static final double PROGRESS = 0.05;

    private double scale = 1;
    private double markMedian = Double.NaN;
    private int steps;

    /** A surrogate for one search: it keeps the cooling of tau from step to step. */
    MarginSurrogate() {
    }

    /**
     * The temperature tau for this batch: a quarter of the spread (standard deviation) of its finite margins,
     * times a scale that halves whenever the batch's median margin has climbed less than {@value #PROGRESS} of its
     * remaining distance to the threshold in {@value #WINDOW} steps. While the guide climbs, tau stays, so the
     * surrogate and the prior keep their balance (in a hierarchical model the shared parameters follow the
     * choices that carry the margin); where it stalls, tau falls. A fixed tau would hold the guide short of the
     * evidence: the surrogate pulls each run up with a force of at most 1/tau per unit of margin, while the prior's
     * pull grows with the distance travelled. 0 when fewer than 2 runs have a finite margin or all margins are
     * equal.
     */
    double temperature(List<RunOutcome> runs) {
        int n = 0;
        double mean = 0;
        double m2 = 0;
        double[] finite = new double[runs.size()];
        for (RunOutcome r : runs) {
            if (Double.isFinite(r.margin)) {
                finite[n] = r.margin;
                n++;
                double d = r.margin - mean;
                mean += d / n;
                m2 += d * (r.margin - mean);
            }
        }
        if (n < 2) {
            return 0;
        }
        java.util.Arrays.sort(finite, 0, n);
        double median = finite[n / 2];
        if (Double.isNaN(markMedian)) {
            markMedian = median;
        } else if (++steps % WINDOW == 0) {
            if (median - markMedian < PROGRESS * Math.abs(markMedian)) {
                scale /= 2;
            }
            markMedian = median;
        }
        double tau = scale * Math.sqrt(m2 / (n - 1)) / SHARPNESS;
        return tau > 0 && Double.isFinite(tau) ? tau : 0;
    }

    /** The surrogate free energy's gradient (to descend), or null when fewer than 2 runs have a finite margin. */
    static double[] gradient(Layout layout, List<RunOutcome> runs, double tau) {
        int d = layout.size();
        int k = 0;
        double fMean = 0;
        double[] sMean = new double[d];
        double[][] s = new double[runs.size()][];
        double[] f = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            RunOutcome r = runs.get(i);
            if (!Double.isFinite(r.margin) || !Double.isFinite(r.relaxedLogWeight)) {
                continue;
            }
            f[i] = -(r.relaxedLogWeight + logSigmoid(r.margin / tau));
            s[i] = GradientStrategy.wholeRunScore(layout, r, d);
            k++;
            fMean += f[i];
            for (int j = 0; j < d; j++) {
                sMean[j] += s[i][j];
            }
        }
        if (k < 2) {
            return null;
        }
        fMean /= k;
        for (int j = 0; j < d; j++) {
            sMean[j] /= k;
        }
        double[] g = new double[d];
        for (int i = 0; i < runs.size(); i++) {
            if (s[i] != null) {
                for (int j = 0; j < d; j++) {
                    g[j] += (f[i] - fMean) * (s[i][j] - sMean[j]) / (k - 1);
                }
            }
        }
        return g;
    }

    /** log(1 / (1 + exp(-x))), exact in both tails. */
    static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }
}
