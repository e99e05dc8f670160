package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;

/**
 * Bayesian logistic regression, written as a user writes it: weights w_0 (intercept), w_1, w_2 ~ N(0, 2), each
 * prior made at its sample site, and 200 observations y_i ~ Bernoulli(sigmoid(w_0 + w_1 x_i1 + w_2 x_i2)), one
 * {@code observe} per point with its {@code Bernoulli.ofLogit} made at the site.
 *
 * <p>Data: x_i1, x_i2 standard normal (rounded to 2 decimals) and y_i drawn with true weights (-0.3, 1.0, -0.7),
 * from {@code Rng.forRun(202417, 1)}; 80 of the 200 outcomes are 1. Written into the source, and into
 * {@code webppl/logreg.wppl}.
 *
 * <p>Proposal: a fixed mean-field normal guide, w_j ~ N(m_j, 1.5 s_j), with (m, s) the mode and the
 * sds of the Laplace approximation of the posterior. The prior would waste nearly every run (the posterior
 * occupies about 1e-3 of the prior's volume); this guide, as linreg's, keeps the effective sample size near
 * half the runs, so that the estimate can be checked against the exact value.
 *
 * <p>Exact log evidence -120.959142801167; see {@link #EXACT_LOG_Z}.
 */
public final class LogisticRegression {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "logreg";
    /**
     * The exact log evidence: the 3-dimensional integral over the weights by Gauss-Hermite quadrature around the
     * posterior mode (mode (-0.4565, 0.9940, -0.5915), sds (0.162, 0.200, 0.173)), 20 and 40 nodes per axis,
     * agreeing with Gauss-Legendre on a box of +-12 posterior sds (3 x 40 nodes per axis) to 1e-12
     * ({@code ExactEvidenceTest}).
     */
    public static final double EXACT_LOG_Z = -120.959142801167;

    static final int N = 200;
    static final double[] X1 = {
        0.71, -1.62, 1.69, -0.27, -1.81, -0.52, -0.01, -0.24, 1.03, 0.90, -0.47, -0.86, 0.62, -0.76, -0.59, -1.10,
        -1.67, 0.83, 0.46, 1.07, -0.05, -1.97, -0.34, 0.66, 0.34, -0.95, 0.87, -0.43, 0.51, 0.47, -0.12, 2.16, -2.18,
        -1.52, -0.01, 1.19, 1.51, -0.33, 0.44, 0.27, 1.03, 0.06, -0.10, 0.30, 0.07, -0.95, 0.09, -1.13, -0.71, 0.63,
        0.52, -2.63, 0.24, 1.09, -0.02, -0.36, 1.48, -0.23, 0.00, -0.86, -0.09, 0.58, -1.64, -0.54, -0.29, -0.81,
        0.31, -0.41, -0.61, 0.00, -0.69, -0.99, 2.23, 0.62, 0.50, 0.99, -0.93, 0.29, 0.62, 0.54, -0.10, 0.91, -0.34,
        0.10, 0.43, -1.70, 0.10, -0.77, -0.66, 1.32, 0.91, -1.27, -0.49, -0.01, 1.34, -0.84, 0.38, -1.02, -0.20,
        -0.72, 1.23, -0.85, -0.21, -0.34, -1.21, -0.53, 1.69, -1.28, -1.13, 0.50, 1.49, 0.24, -0.07, 1.11, -1.31,
        -2.79, -3.28, 0.58, 0.29, 1.36, 0.35, -1.22, -2.44, -0.48, 0.41, 1.08, -1.07, -0.33, 0.16, -1.52, 0.39, -0.37,
        -0.28, 0.59, 0.35, -0.62, -0.43, -0.73, 1.11, -0.98, 0.62, 0.98, 0.19, -2.04, -0.01, 1.70, -0.97, 0.21, -0.69,
        -0.92, 2.00, -0.56, -0.50, -0.13, 0.69, 0.74, -0.06, -0.99, 0.47, 0.51, 0.54, 0.21, -1.01, 1.29, -0.34, -0.76,
        -0.12, -0.34, 0.07, 0.33, 0.57, 0.15, -0.34, -0.42, 0.54, -0.63, 2.38, 1.12, -0.67, -0.73, -1.78, 0.57, 0.45,
        1.29, 1.52, 1.04, 0.83, 0.49, 0.19, -0.78, -0.80, -1.39, 0.02, 0.65, -0.74, -0.44, 0.03, -1.29, 1.15, -0.65};
    static final double[] X2 = {
        0.78, 0.43, 0.86, -0.53, -0.90, 1.43, -1.28, 0.48, -0.24, -0.50, -0.85, -0.88, 0.37, 0.19, 0.35, 0.40, -0.42,
        -1.67, -0.58, 0.13, 1.27, -2.20, 0.83, 0.39, -0.59, 0.28, -0.07, -0.46, -0.76, -1.38, -0.91, -0.66, -0.70,
        -0.74, 0.42, 2.69, 0.18, -1.74, -0.74, 0.40, -0.98, 1.32, -0.69, 0.58, -0.47, -0.28, -0.66, 0.60, -0.81,
        -1.09, -0.36, -0.62, 0.69, 0.75, 1.31, -0.88, -0.70, -0.96, 0.09, 0.90, 0.20, 0.89, -1.14, 1.01, 0.38, -0.49,
        0.66, -1.84, 0.42, 1.09, 0.13, 1.27, -0.81, -0.10, -1.52, 0.78, -1.34, -0.68, -0.51, 2.15, 1.24, 0.66, 0.42,
        0.45, 1.07, -0.19, 0.15, -0.03, -1.65, 0.52, -0.93, 1.83, -1.12, -1.32, -2.19, 0.99, -0.84, 0.22, -1.05,
        -0.36, -0.66, -0.02, 0.64, -0.10, 0.21, 0.31, -1.28, 1.37, 1.05, -1.03, -2.03, -1.22, -0.43, 1.42, 0.03,
        -0.28, -0.16, 0.07, -0.86, 1.44, 0.98, -0.12, 0.16, -0.20, -1.99, 1.70, -0.53, -0.37, 0.04, 1.25, -2.07, 0.00,
        -0.98, 0.06, -0.48, -1.08, 0.10, -1.09, 1.26, -0.10, -1.05, 0.56, -0.32, 0.75, 0.13, 0.36, -0.39, -1.92, 0.12,
        -1.42, 2.03, 0.43, 1.56, -0.17, 1.32, -0.04, -0.59, 0.05, 0.90, 0.23, -0.24, 1.01, 1.36, -1.05, 0.14, 1.19,
        -2.18, 0.14, -0.41, 0.44, -0.46, 0.47, 0.55, 0.01, 0.73, -0.86, -0.29, -1.12, -1.66, -0.69, -0.27, 0.39,
        -1.41, -1.16, 0.67, 0.16, 1.61, 2.33, 1.10, 1.42, -0.41, 0.20, 1.06, 0.31, 0.22, 0.21, -0.66, 2.13, 1.39,
        -0.74};
    /** The outcomes, 1 or 0. */
    static final int[] Y = {
        1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0,
        0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0,
        1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1,
        1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1,
        1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0,
        0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0};
    static final boolean[] OUTCOME = new boolean[N];

    static {
        for (int i = 0; i < N; i++) {
            OUTCOME[i] = Y[i] == 1;
        }
    }

    static final double PRIOR_SD = 2;
    /** The guide's means and sds: the Laplace mode and 1.5 times its sds. */
    static final double[] GUIDE_MEAN = {-0.46, 0.99, -0.59};
    static final double[] GUIDE_SD = {0.24, 0.30, 0.26};
    private static final Normal[] GUIDE = {new Normal(GUIDE_MEAN[0], GUIDE_SD[0]),
        new Normal(GUIDE_MEAN[1], GUIDE_SD[1]), new Normal(GUIDE_MEAN[2], GUIDE_SD[2])};

    private LogisticRegression() {
    }

    /** The model: returns w_1. */
    public static Model<Double> model() {
        return p -> {
            double w0 = p.sample("w", 0, new Normal(0, PRIOR_SD));
            double w1 = p.sample("w", 1, new Normal(0, PRIOR_SD));
            double w2 = p.sample("w", 2, new Normal(0, PRIOR_SD));
            for (int i = 0; i < N; i++) {
                p.observe("y", i, Bernoulli.ofLogit(w0 + w1 * X1[i] + w2 * X2[i]), OUTCOME[i]);
            }
            return w1;
        };
    }

    /** The guide: w_j ~ N(GUIDE_MEAN[j], GUIDE_SD[j]). */
    public static Guide guide() {
        return Guide.bySite((site, history) -> site.name().equals("w") ? GUIDE[site.index()] : null);
    }

    private static final double LOG_PRIOR_SD = Math.log(PRIOR_SD);
    private static final double INV_PRIOR_SD = 1 / PRIOR_SD;
    private static final double[] LOG_GUIDE_SD = new double[3];
    private static final double[] INV_GUIDE_SD = new double[3];

    static {
        for (int j = 0; j < 3; j++) {
            LOG_GUIDE_SD[j] = Math.log(GUIDE_SD[j]);
            INV_GUIDE_SD[j] = 1 / GUIDE_SD[j];
        }
    }

    /**
     * The hand-written baseline: the log weight of one run drawn from {@code r}, with the priors' and guide's
     * logs taken once, and each observation's log mass from its logit as {@code Bernoulli.ofLogit} computes it.
     */
    static double logWeight(Rng r) {
        double lp = 0;
        double lq = 0;
        double w0 = Densities.normalSample(r, GUIDE_MEAN[0], GUIDE_SD[0]);
        lp += Densities.normal(w0, 0, INV_PRIOR_SD, LOG_PRIOR_SD);
        lq += Densities.normal(w0, GUIDE_MEAN[0], INV_GUIDE_SD[0], LOG_GUIDE_SD[0]);
        double w1 = Densities.normalSample(r, GUIDE_MEAN[1], GUIDE_SD[1]);
        lp += Densities.normal(w1, 0, INV_PRIOR_SD, LOG_PRIOR_SD);
        lq += Densities.normal(w1, GUIDE_MEAN[1], INV_GUIDE_SD[1], LOG_GUIDE_SD[1]);
        double w2 = Densities.normalSample(r, GUIDE_MEAN[2], GUIDE_SD[2]);
        lp += Densities.normal(w2, 0, INV_PRIOR_SD, LOG_PRIOR_SD);
        lq += Densities.normal(w2, GUIDE_MEAN[2], INV_GUIDE_SD[2], LOG_GUIDE_SD[2]);
        for (int i = 0; i < N; i++) {
            lp += Densities.bernoulliLogit(OUTCOME[i], w0 + w1 * X1[i] + w2 * X2[i]);
        }
        return lp - lq;
    }
}
