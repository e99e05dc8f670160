package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.HalfNormal;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.StudentT;
import org.apache.commons.numbers.gamma.GammaRatio;

/**
 * A hierarchical robust regression, written as a user writes it, after the engine's changes for the user-style
 * workloads and never tuned against: the check that the general path is fast for a model nobody measured
 * before. A grand mean mu ~ N(0, 5), a spread tau ~ HalfNormal(2), a noise scale sigma ~ Gamma(3, 2) and a slope
 * ~ N(0, 1); 8 group means a_g ~ N(mu, tau), made at their sites from earlier choices; 96 observations
 * y_gj ~ StudentT(4, a_g + slope x_gj, sigma), one {@code observe} each. Four kinds of distribution, 12 latents.
 *
 * <p>Data: 12 points per group, drawn from the model with mu = 1, tau = 0.8, sigma = 0.5, slope = 0.7 and
 * {@code Rng.forRun(202418, 1)}, rounded to 2 decimals.
 *
 * <p>Proposal: a fixed {@link Guide#bySite} guide near the posterior, as a user would write one from the data:
 * each group mean from a normal around its least-squares value, the grand mean and the slope from normals, the
 * scales from gammas. There is no exact evidence (a 12-dimensional integral); the workload is a measurement of
 * speed, and its hand-written loop computes the same log weights bit for bit ({@code WorkloadsTest}).
 */
public final class RobustGroups {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "groups";

    static final int GROUPS = 8;
    static final int PER_GROUP = 12;
    static final double[][] X = {
        {0.46, -0.52, 0.6, 0.62, -0.94, 0.31, -0.26, -0.82, -0.64, 0.56, 0.03, -0.45},
        {-0.6, -0.98, -0.28, -0.09, 0.03, -0.16, -0.49, -0.02, -0.76, -0.29, -0.78, -0.61},
        {0.36, 0.44, 0.52, 0.66, -0.28, -0.86, 0.06, 0.03, 0.77, 0.94, 0.84, 0.46},
        {-0.96, 0.36, -0.85, 0.47, 0.43, -0.46, -0.21, -0.56, -0.98, 0.41, -0.62, -0.91},
        {-0.83, -0.89, 0.88, 0.9, -0.35, 0.01, 0.18, -0.2, -0.79, 0.8, 0.6, 0.66},
        {0.41, -0.24, 0.17, 0.09, 0.32, -0.79, -0.33, -0.95, 0.91, 0.14, 0.51, 0.32},
        {-0.58, 0.55, 0.2, 0.08, 0.31, 0.58, 0.55, 0.04, 0.54, -0.48, 0.26, 0.76},
        {-0.33, 0.62, -0.18, -0.53, -0.5, -0.57, 0.16, 0.4, 0.44, -0.74, 0.49, -0.34}};
    static final double[][] Y = {
        {1.66, 1.63, 2.03, -0.59, 0.53, 1.39, 1.77, 0.47, 0.77, 1.33, 0.87, 1.0},
        {-0.8, -1.73, -0.05, 0.92, 0.24, -0.15, -0.15, 0.42, -0.01, 0.62, -0.34, 1.71},
        {2.8, 2.19, 1.84, 2.67, 2.31, 1.77, 2.58, 2.27, 1.97, 0.86, 1.65, 2.51},
        {0.4, 1.59, 1.35, 0.35, 2.03, 1.38, 2.16, -0.18, 0.31, 2.19, 3.24, -0.31},
        {0.42, 1.41, 2.5, 1.69, 2.41, 0.91, 1.33, 2.49, 0.33, 1.64, 2.76, 2.63},
        {-0.78, -1.09, -0.64, -1.58, -1.38, -1.61, -1.44, -1.58, -0.9, -0.74, -0.16, -0.9},
        {1.66, 2.51, 2.06, 1.35, 2.01, 2.95, 2.27, 2.07, 2.3, 0.92, 1.86, 3.22},
        {0.04, 1.02, 0.34, -1.59, 2.13, 0.23, 0.35, 1.23, 1.35, 0.31, 0.52, 0.02}};

    static final double DF = 4;
    static final double SLOPE_GUESS = 0.7;
    /** Each group's mean of y - 0.7 x: where its guide is centred. */
    static final double[] GROUP_GUESS = new double[GROUPS];
    private static final Normal[] GROUP_GUIDE = new Normal[GROUPS];
    private static final Normal MU_GUIDE;
    private static final Gamma TAU_GUIDE = new Gamma(8, 6);
    private static final Gamma SIGMA_GUIDE = new Gamma(30, 60);
    private static final Normal SLOPE_GUIDE = new Normal(SLOPE_GUESS, 0.1);

    static {
        double all = 0;
        for (int g = 0; g < GROUPS; g++) {
            double s = 0;
            for (int j = 0; j < PER_GROUP; j++) {
                s += Y[g][j] - SLOPE_GUESS * X[g][j];
            }
            GROUP_GUESS[g] = s / PER_GROUP;
            GROUP_GUIDE[g] = new Normal(GROUP_GUESS[g], 0.2);
            all += GROUP_GUESS[g];
        }
        MU_GUIDE = new Normal(all / GROUPS, 0.45);
    }

    private RobustGroups() {
    }

    /** The model: returns the grand mean. */
    public static Model<Double> model() {
        return p -> {
            double mu = p.sample("mu", new Normal(0, 5));
            double tau = p.sample("tau", new HalfNormal(2));
            double sigma = p.sample("sigma", new Gamma(3, 2));
            double slope = p.sample("slope", new Normal(0, 1));
            for (int g = 0; g < GROUPS; g++) {
                double a = p.sample("a", g, new Normal(mu, tau));
                for (int j = 0; j < PER_GROUP; j++) {
                    p.observe("y", PER_GROUP * g + j, new StudentT(DF, a + slope * X[g][j], sigma), Y[g][j]);
                }
            }
            return mu;
        };
    }

    /** The guide: a fixed proposal per latent, by name and index. */
    public static Guide guide() {
        return Guide.bySite((site, history) -> {
            switch (site.name()) {
                case "a":
                    return GROUP_GUIDE[site.index()];
                case "mu":
                    return MU_GUIDE;
                case "tau":
                    return TAU_GUIDE;
                case "sigma":
                    return SIGMA_GUIDE;
                case "slope":
                    return SLOPE_GUIDE;
                default:
                    return null;
            }
        });
    }

    private static final double LOG_5 = Math.log(5);
    private static final double LOG_1 = Math.log(1);
    private static final double HALF_NORMAL_LOG_NORM = LogMath.LOG_2 - LogMath.LOG_SQRT_2PI - Math.log(2);
    private static final double PRIOR_SIGMA_SHAPE_LOG_RATE = 3 * Math.log(2);
    private static final double PRIOR_SIGMA_LOG_GAMMA = LogMath.logGamma(3);
    private static final double TAU_GUIDE_LOG_RATE = Math.log(6);
    private static final double TAU_GUIDE_SHAPE_LOG_RATE = 8 * TAU_GUIDE_LOG_RATE;
    private static final double TAU_GUIDE_LOG_GAMMA = LogMath.logGamma(8);
    private static final double SIGMA_GUIDE_LOG_RATE = Math.log(60);
    private static final double SIGMA_GUIDE_SHAPE_LOG_RATE = 30 * SIGMA_GUIDE_LOG_RATE;
    private static final double SIGMA_GUIDE_LOG_GAMMA = LogMath.logGamma(30);
    private static final double LOG_01 = Math.log(0.1);
    private static final double LOG_02 = Math.log(0.2);
    private static final double LOG_045 = Math.log(0.45);
    /** StudentT(4, ., .)'s log normaliser before the scale's log, as {@code StudentT} computes it. */
    private static final double T_LOG_NORM = -Math.log(GammaRatio.delta(0.5 * DF, 0.5))
            - 0.5 * (Math.log(DF) + LogMath.LOG_PI);
    private static final double T_POWER = 0.5 * (DF + 1);

    /**
     * The hand-written baseline: the log weight of one run drawn from {@code r}, with the logs of tau and sigma
     * taken once per run (the model's distributions take or look them up at each site).
     */
    static double logWeight(Rng r) {
        double lp = 0;
        double lq = 0;
        double mu = Densities.normalSample(r, MU_GUIDE.mean(), 0.45);
        lp += Densities.normal(mu, 0, 1 / 5.0, LOG_5);
        lq += Densities.normal(mu, MU_GUIDE.mean(), 1 / 0.45, LOG_045);
        double tau = Densities.gammaSample(r, 8, 6, TAU_GUIDE_LOG_RATE);
        double logTau = Math.log(tau); // once, for the guide's density and the groups' normals
        double zt = tau / 2;
        lp += HALF_NORMAL_LOG_NORM - 0.5 * zt * zt;
        lq += Densities.gamma(tau, logTau, 8, 6, TAU_GUIDE_SHAPE_LOG_RATE, TAU_GUIDE_LOG_GAMMA);
        double sigma = Densities.gammaSample(r, 30, 60, SIGMA_GUIDE_LOG_RATE);
        double logSigma = Math.log(sigma); // once, for both densities and the Student-t's normaliser
        lp += Densities.gamma(sigma, logSigma, 3, 2, PRIOR_SIGMA_SHAPE_LOG_RATE, PRIOR_SIGMA_LOG_GAMMA);
        lq += Densities.gamma(sigma, logSigma, 30, 60, SIGMA_GUIDE_SHAPE_LOG_RATE, SIGMA_GUIDE_LOG_GAMMA);
        double slope = Densities.normalSample(r, SLOPE_GUESS, 0.1);
        lp += Densities.normal(slope, 0, 1 / 1.0, LOG_1);
        lq += Densities.normal(slope, SLOPE_GUESS, 1 / 0.1, LOG_01);
        double invTau = 1 / tau;
        double tLogNorm = T_LOG_NORM - logSigma;
        for (int g = 0; g < GROUPS; g++) {
            double a = Densities.normalSample(r, GROUP_GUESS[g], 0.2);
            lp += Densities.normal(a, mu, invTau, logTau);
            lq += Densities.normal(a, GROUP_GUESS[g], 1 / 0.2, LOG_02);
            double[] x = X[g];
            double[] y = Y[g];
            for (int j = 0; j < PER_GROUP; j++) {
                double z = (y[j] - (a + slope * x[j])) / sigma;
                lp += tLogNorm - T_POWER * LogMath.log1p(z * z / DF);
            }
        }
        return lp - lq;
    }
}
