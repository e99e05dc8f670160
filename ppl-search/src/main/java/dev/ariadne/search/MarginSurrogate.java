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
 * starts at a quarter of the batch's spread of margins and falls by {@value #COOLING} at each step (the gradient
 * strategy keeps it), so the surrogate tends to the hard condition.
 */
final class MarginSurrogate {

    /** How many surrogate units the batch's spread of margins spans: tau = sd(margins) / SHARPNESS at most. */
    static final double SHARPNESS = 4;
    /**
     * The factor by which tau falls at each surrogate step. A fixed tau would hold the guide short of the
     * evidence: the surrogate pulls each run up with a force of at most 1/tau per unit of margin, while the prior's
     * pull grows with the distance travelled, so tau must fall until runs are accepted.
     */
    static final double COOLING = 0.9;

    private MarginSurrogate() {
    }

    /**
     * The temperature tau for this batch: the standard deviation of the finite margins divided by
     * {@value #SHARPNESS}, so that for runs well below the threshold the surrogate's log weight varies by several
     * units across the batch; 0 when fewer than 2 runs have a finite margin or all margins are equal.
     */
    static double temperature(List<RunOutcome> runs) {
        int n = 0;
        double mean = 0;
        double m2 = 0;
        for (RunOutcome r : runs) {
            if (Double.isFinite(r.margin)) {
                n++;
                double d = r.margin - mean;
                mean += d / n;
                m2 += d * (r.margin - mean);
            }
        }
        if (n < 2) {
            return 0;
        }
        double sd = Math.sqrt(m2 / (n - 1));
        return sd > 0 && Double.isFinite(sd) ? sd / SHARPNESS : 0;
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
