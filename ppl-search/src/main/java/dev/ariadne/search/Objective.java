package dev.ariadne.search;

import dev.ariadne.inference.Estimate;
import java.util.List;

/**
 * What a search minimises, estimated from runs of the guided model (l = log p(x, e) - log q(x)).
 */
public enum Objective {
    /**
     * The free energy F = E_q[log q - log p] = KL(q || p(.|e)) - log P(e), the negative ELBO. When some runs fail
     * (w = 0) the estimate is that of the restart-on-failure guide: the free energy of the accepted runs minus
     * the log acceptance rate.
     */
    FREE_ENERGY,
    /**
     * The inclusive KL(p(.|e) || q): what matters for importance sampling, since about exp(KL(p || q)) runs are
     * needed. Estimated as sum(wbar_i l_i) - log Z-hat (Chatterjee and Diaconis); approximate.
     */
    INCLUSIVE_KL,
    /**
     * The chi-square divergence, reported as log(1 + chi^2) = log E_q[w^2] - 2 log E_q[w]: the relative variance
     * of the weights, which governs the variance of the evidence estimate.
     */
    CHI_SQUARE;

    /**
     * The fewest accepted runs a restart-on-failure free energy needs for a standard error. Fewer runs, accepted by
     * luck, are those of the largest weights, and their mean reads far below the objective: a new user's CMA-ES search
     * recorded 9.50 and 14.38 from one accepted run in 2,000 on a model where no free energy can be below 21.55,
     * followed them into a guide whose runs all failed, and returned the prior after 15 seconds.
     */
    static final int MIN_ACCEPTED = 10;

    /**
     * The objective estimated from a batch of runs, with a standard error; {@code +inf} when no run was accepted, and
     * a standard error of {@code +inf} when fewer than {@link #MIN_ACCEPTED} were (the optimisers then do not trust
     * the value).
     */
    Estimate estimate(List<RunOutcome> runs) {
        int k = runs.size();
        double[] l = new double[k];
        int a = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            l[i] = runs.get(i).logWeight();
            if (l[i] > Double.NEGATIVE_INFINITY) {
                a++;
                max = Math.max(max, l[i]);
            }
        }
        if (a == 0) {
            boolean unrepresentable = k > 0 && runs.stream().allMatch(r -> r.unrepresentable);
            return new Estimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "no run was accepted"
                    + (unrepresentable ? ": each drew " + dev.ariadne.core.dist.Support.UNWEIGHABLE_ZONE : ""));
        }
        switch (this) {
            case FREE_ENERGY: {
                double m = 0;
                for (double x : l) {
                    if (x > Double.NEGATIVE_INFINITY) {
                        m += -x;
                    }
                }
                m /= a;
                double v = 0;
                for (double x : l) {
                    if (x > Double.NEGATIVE_INFINITY) {
                        v += (-x - m) * (-x - m);
                    }
                }
                v = a > 1 ? v / (a - 1) : Double.POSITIVE_INFINITY;
                if (a == k) {
                    return new Estimate(m, Math.sqrt(v / k), "free energy");
                }
                double p = a / (double) k;
                String label = "restart-on-failure free energy (" + (k - a) + " of " + k + " runs failed)";
                if (a < MIN_ACCEPTED) {
                    return new Estimate(m - Math.log(p), Double.POSITIVE_INFINITY, label + "; it rests on " + a
                            + " accepted run" + (a == 1 ? "" : "s") + ", too few to stand for the guide");
                }
                return new Estimate(m - Math.log(p), Math.sqrt(v / a + (1 - p) / a), label);
            }
            case INCLUSIVE_KL: {
                double s = 0;
                for (double x : l) {
                    s += Math.exp(x - max);
                }
                double logZ = max + Math.log(s / k);
                double mean = 0;
                for (double x : l) {
                    if (x > Double.NEGATIVE_INFINITY) {
                        mean += Math.exp(x - max) / s * x;
                    }
                }
                double v = 0;
                for (double x : l) {
                    if (x > Double.NEGATIVE_INFINITY) {
                        double w = Math.exp(x - max) / s;
                        v += w * w * (x - mean) * (x - mean);
                    }
                }
                return new Estimate(mean - logZ, Math.sqrt(v), "inclusive KL estimate: approximate");
            }
            default: {
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                double s4 = 0;
                for (double x : l) {
                    double w = Math.exp(x - max);
                    s1 += w;
                    s2 += w * w;
                    s3 += w * w * w;
                    s4 += w * w * w * w;
                }
                double m1 = s1 / k;
                double m2 = s2 / k;
                double varW = s2 / k - m1 * m1;
                double varW2 = s4 / k - m2 * m2;
                double cov = s3 / k - m1 * m2;
                double var = (varW2 / (m2 * m2) + 4 * varW / (m1 * m1) - 4 * cov / (m1 * m2)) / k;
                double value = Math.log(m2) - 2 * Math.log(m1);
                return new Estimate(value, Math.sqrt(Math.max(0, var)), "log(1 + chi^2) estimate: approximate");
            }
        }
    }
}
