package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Draws;
import dev.ariadne.core.dist.Normal;

/**
 * A two-component Gaussian mixture with an assignment per point, written as a user writes it: means
 * mu_0 ~ N(-1.5, 1) and mu_1 ~ N(1.5, 1), weights pi ~ Dirichlet(1, 1), and for each of 100 points an assignment
 * z_i ~ Categorical(pi) and an observation y_i ~ N(mu_{z_i}, 1), every distribution made at its site.
 *
 * <p>Data: 100 points, each from component 0 with probability 0.4 (40 of them) else 1, around -2 and 2 with
 * sd 1 (rounded to 2 decimals), from {@code Rng.forRun(202417, 2)}; written into the source and into
 * {@code webppl/mixture.wppl}. The priors on the means are asymmetric so that one labelling dominates: the swapped
 * mode carries about e^-12 of the evidence.
 *
 * <p>Proposal: a fixed guide. The means from N(m_k, 1.5 s_k) and the weights from a Dirichlet with the posterior's
 * mean and twice its variance (Laplace approximation of the posterior with the assignments summed out); each
 * assignment from a fixed Categorical, its responsibility at that mode kept within [0.001, 0.999] so that no
 * assignment is nearly impossible under the guide. The prior would propose 100 assignments blind, and no run
 * would ever weigh anything; this guide keeps the effective sample size in the thousands per 10^5 runs.
 *
 * <p>Exact log evidence: see {@link #EXACT_LOG_Z}.
 */
public final class Mixture {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "mixture";
    /**
     * The exact log evidence: the assignments summed out, the 3-dimensional integral over (mu_0, mu_1, logit
     * pi_0) by Gauss-Hermite quadrature around the posterior mode (40 nodes per axis), agreeing with
     * Gauss-Legendre on a box of +-12 posterior sds (3 x 40 nodes per axis) to 1e-12 ({@code ExactEvidenceTest}).
     */
    public static final double EXACT_LOG_Z = -207.864483710793;

    static final int N = 100;
    static final double[] Y = {
        2.35, 1.54, -3.10, 2.57, 0.10, 1.40, -0.28, 1.40, -2.07, -3.20, -3.60, 3.39, -0.83, 0.70, 2.57, 1.13, 1.97,
        1.44, 1.13, -2.03, 1.15, 3.11, -0.33, 2.76, 2.54, 3.58, 2.05, 1.17, -1.63, -0.44, -2.76, -0.89, 2.08, -2.03,
        -2.76, 2.34, 1.67, -1.51, 1.71, -2.43, 1.94, -3.23, -1.09, 0.96, 3.59, -0.93, 1.49, 3.22, -1.08, 1.77, -3.00,
        3.47, -0.81, 2.08, 2.11, 0.66, 3.17, -2.34, 0.92, -2.01, 2.54, -1.57, 3.18, 2.83, 1.29, -0.95, -0.04, 0.59,
        -1.83, 1.99, -2.64, 2.92, 3.89, 2.65, -0.97, -2.10, 3.67, 1.94, -0.88, 0.98, -2.30, 2.19, 3.84, 1.80, -3.62,
        1.16, 2.58, 3.31, -1.18, 1.52, -3.19, -2.33, 0.76, -1.34, -0.82, -1.11, -1.50, 1.94, -1.42, 1.22};

    static final double[] PRIOR_MEAN = {-1.5, 1.5};
    static final double SIGMA = 1;
    /** The guide of the means: the Laplace mode and 1.5 times its sds. */
    static final double[] GUIDE_MEAN = {-1.74, 2.04};
    static final double[] GUIDE_SD = {0.25, 0.21};
    /** The guide of the weights: a Dirichlet with the posterior's mean of pi and twice its variance. */
    static final double[] GUIDE_PI = {19.3, 26.7};
    /** The mode of the posterior of (mu_0, mu_1, pi_0), from which the assignments' guide is made. */
    static final double[] MODE = {-1.74, 2.04, 0.42};

    private static final Normal[] MEAN_GUIDE = {new Normal(GUIDE_MEAN[0], GUIDE_SD[0]),
        new Normal(GUIDE_MEAN[1], GUIDE_SD[1])};
    private static final Dirichlet WEIGHT_GUIDE = new Dirichlet(GUIDE_PI);
    /** Per point, the responsibility of component 0 at the mode, kept within [0.001, 0.999]. */
    static final double[] GUIDE_Z0 = new double[N];
    private static final Categorical[] ASSIGNMENT_GUIDE = new Categorical[N];

    static {
        for (int i = 0; i < N; i++) {
            double a = MODE[2] * Math.exp(-0.5 * sq(Y[i] - MODE[0]));
            double b = (1 - MODE[2]) * Math.exp(-0.5 * sq(Y[i] - MODE[1]));
            GUIDE_Z0[i] = 0.998 * a / (a + b) + 0.001;
            ASSIGNMENT_GUIDE[i] = new Categorical(GUIDE_Z0[i], 1 - GUIDE_Z0[i]);
        }
    }

    private static double sq(double x) {
        return x * x;
    }

    private Mixture() {
    }

    /** The model: returns mu_0. */
    public static Model<Double> model() {
        return p -> {
            double mu0 = p.sample("mu", 0, new Normal(PRIOR_MEAN[0], 1));
            double mu1 = p.sample("mu", 1, new Normal(PRIOR_MEAN[1], 1));
            double[] pi = p.sample("pi", new Dirichlet(1, 1));
            for (int i = 0; i < N; i++) {
                int z = p.sample("z", i, new Categorical(pi));
                p.observe("y", i, new Normal(z == 0 ? mu0 : mu1, SIGMA), Y[i]);
            }
            return mu0;
        };
    }

    /** The guide: fixed normals for the means, a fixed Dirichlet for the weights, a fixed Categorical per point. */
    public static Guide guide() {
        return Guide.bySite((site, history) -> {
            String name = site.name();
            if (name.equals("z")) {
                return ASSIGNMENT_GUIDE[site.index()];
            }
            if (name.equals("mu")) {
                return MEAN_GUIDE[site.index()];
            }
            return name.equals("pi") ? WEIGHT_GUIDE : null;
        });
    }

    private static final double[] INV_GUIDE_SD = {1 / GUIDE_SD[0], 1 / GUIDE_SD[1]};
    private static final double[] LOG_GUIDE_SD = {Math.log(GUIDE_SD[0]), Math.log(GUIDE_SD[1])};
    private static final double LOG_1 = Math.log(1);
    /** The log of the prior Dirichlet(1, 1)'s density, constant on the simplex: its log normaliser. */
    private static final double LOG_PRIOR_PI = Densities.dirichletLogNormaliser(new double[] {1, 1});
    private static final double GUIDE_PI_LOG_NORM = Densities.dirichletLogNormaliser(GUIDE_PI);
    /** Per point, the assignment guide's probability of 0, its total, and both log probabilities. */
    private static final double[] Q0 = new double[N];
    private static final double[] Q_TOTAL = new double[N];
    private static final double[] LOG_Q0 = new double[N];
    private static final double[] LOG_Q1 = new double[N];

    static {
        for (int i = 0; i < N; i++) {
            double[] q = ASSIGNMENT_GUIDE[i].probabilities();
            Q0[i] = q[0];
            Q_TOTAL[i] = q[0] + q[1];
            LOG_Q0[i] = ASSIGNMENT_GUIDE[i].logMass(0);
            LOG_Q1[i] = ASSIGNMENT_GUIDE[i].logMass(1);
        }
    }

    /**
     * The hand-written baseline: the log weight of one run drawn from {@code r}. The weights' logs are taken once
     * per run (the model's Categorical takes them at each of its 100 sites); the guide's constants once.
     */
    static double logWeight(Rng r) {
        double lp = 0;
        double lq = 0;
        double mu0 = Densities.normalSample(r, GUIDE_MEAN[0], GUIDE_SD[0]);
        lp += Densities.normal(mu0, PRIOR_MEAN[0], 1 / 1.0, LOG_1);
        lq += Densities.normal(mu0, GUIDE_MEAN[0], INV_GUIDE_SD[0], LOG_GUIDE_SD[0]);
        double mu1 = Densities.normalSample(r, GUIDE_MEAN[1], GUIDE_SD[1]);
        lp += Densities.normal(mu1, PRIOR_MEAN[1], 1 / 1.0, LOG_1);
        lq += Densities.normal(mu1, GUIDE_MEAN[1], INV_GUIDE_SD[1], LOG_GUIDE_SD[1]);
        // pi from the guide's Dirichlet, as Dirichlet.sample draws it: two log-gammas normalised in log space.
        double g0 = Draws.logStandardGamma(r, GUIDE_PI[0]);
        double g1 = Draws.logStandardGamma(r, GUIDE_PI[1]);
        double max = Math.max(g0, g1);
        double e0 = Math.exp(g0 - max);
        double e1 = Math.exp(g1 - max);
        double sum = e0 + e1;
        double pi0 = Densities.positive(e0 / sum);
        double pi1 = Densities.positive(e1 / sum);
        lp += LOG_PRIOR_PI;
        lq += GUIDE_PI_LOG_NORM + (GUIDE_PI[0] - 1) * Math.log(pi0) + (GUIDE_PI[1] - 1) * Math.log(pi1);
        // The model's Categorical(pi): log p_k = log(pi_k) - log(pi_0 + pi_1).
        double logSum = Math.log(pi0 + pi1);
        double lp0 = Math.log(pi0) - logSum;
        double lp1 = Math.log(pi1) - logSum;
        for (int i = 0; i < N; i++) {
            boolean first = Q0[i] > r.nextDouble() * Q_TOTAL[i];
            lp += first ? lp0 : lp1;
            lq += first ? LOG_Q0[i] : LOG_Q1[i];
            lp += Densities.normal(Y[i], first ? mu0 : mu1, 1 / SIGMA, LOG_1);
        }
        return lp - lq;
    }
}
