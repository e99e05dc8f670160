package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.LogMath;

/**
 * A hierarchical beta-binomial model, written as a user writes it: a ~ Gamma(2, 0.5) and b ~ Gamma(2, 0.5) (shape,
 * rate), and for each of 10 groups a success probability theta_j ~ Beta(a, b) and a count
 * y_j ~ Binomial(n_j, theta_j), every distribution made at its site.
 *
 * <p>Data: n_j uniform on 10..50 and theta_j ~ Beta(3, 5), from {@code Rng.forRun(202417, 4)}; written into the
 * source and into {@code webppl/betabin.wppl}.
 *
 * <p>Proposal: a fixed guide. a and b from gammas with the mean of the Laplace approximation of their marginal
 * posterior (in log a, log b, with the thetas integrated out) and twice its variance; each theta_j from
 * Beta(0.8 (a* + y_j), 0.8 (b* + n_j - y_j)), its conditional posterior at the mode (a*, b*), flattened. The prior
 * for the thetas would miss each group's likelihood, whose width is a tenth of the prior's.
 *
 * <p>Exact log evidence: see {@link #EXACT_LOG_Z}.
 */
public final class BetaBinomial {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "betabin";
    /**
     * The exact log evidence: the thetas integrated in closed form,
     * {@code p(y_j | a, b) = C(n_j, y_j) B(a + y_j, b + n_j - y_j) / B(a, b)}, then the 2-dimensional integral over
     * (log a, log b) by Gauss-Hermite quadrature around the mode (60 nodes per axis), agreeing with Gauss-Legendre
     * on a box of +-12 posterior sds (4 x 40 nodes per axis) to 1e-10 ({@code ExactEvidenceTest}).
     */
    public static final double EXACT_LOG_Z = -29.610037873831;

    static final int GROUPS = 10;
    static final int[] TRIALS = {29, 47, 27, 48, 28, 13, 19, 27, 19, 35};
    static final int[] SUCCESSES = {6, 20, 9, 24, 10, 6, 12, 6, 6, 7};

    static final double PRIOR_SHAPE = 2;
    static final double PRIOR_RATE = 0.5;
    /** The posterior mode of (a, b) with the thetas integrated out. */
    static final double[] MODE = {4.09, 6.86};
    /** The guides of a and b: gammas, shape and rate. */
    static final double[] GUIDE_A = {3.29, 0.75};
    static final double[] GUIDE_B = {3.19, 0.43};
    static final double[] GUIDE_THETA_A = new double[GROUPS];
    static final double[] GUIDE_THETA_B = new double[GROUPS];

    private static final Gamma A_GUIDE = new Gamma(GUIDE_A[0], GUIDE_A[1]);
    private static final Gamma B_GUIDE = new Gamma(GUIDE_B[0], GUIDE_B[1]);
    private static final Beta[] THETA_GUIDE = new Beta[GROUPS];

    static {
        for (int j = 0; j < GROUPS; j++) {
            GUIDE_THETA_A[j] = 0.8 * (MODE[0] + SUCCESSES[j]);
            GUIDE_THETA_B[j] = 0.8 * (MODE[1] + TRIALS[j] - SUCCESSES[j]);
            THETA_GUIDE[j] = new Beta(GUIDE_THETA_A[j], GUIDE_THETA_B[j]);
        }
    }

    private BetaBinomial() {
    }

    /** The model: returns the population mean a / (a + b). */
    public static Model<Double> model() {
        return p -> {
            double a = p.sample("a", new Gamma(PRIOR_SHAPE, PRIOR_RATE));
            double b = p.sample("b", new Gamma(PRIOR_SHAPE, PRIOR_RATE));
            for (int j = 0; j < GROUPS; j++) {
                double theta = p.sample("theta", j, new Beta(a, b));
                p.observe("y", j, new Binomial(TRIALS[j], theta), SUCCESSES[j]);
            }
            return a / (a + b);
        };
    }

    /** The guide: fixed gammas for a and b, a fixed Beta per group. */
    public static Guide guide() {
        return Guide.bySite((site, history) -> {
            String name = site.name();
            if (name.equals("theta")) {
                return THETA_GUIDE[site.index()];
            }
            if (name.equals("a")) {
                return A_GUIDE;
            }
            return name.equals("b") ? B_GUIDE : null;
        });
    }

    private static final double PRIOR_SHAPE_LOG_RATE = PRIOR_SHAPE * Math.log(PRIOR_RATE);
    private static final double PRIOR_LOG_GAMMA_SHAPE = LogMath.logGamma(PRIOR_SHAPE);
    private static final double A_LOG_RATE = Math.log(GUIDE_A[1]);
    private static final double B_LOG_RATE = Math.log(GUIDE_B[1]);
    private static final double A_SHAPE_LOG_RATE = GUIDE_A[0] * A_LOG_RATE;
    private static final double A_LOG_GAMMA_SHAPE = LogMath.logGamma(GUIDE_A[0]);
    private static final double B_SHAPE_LOG_RATE = GUIDE_B[0] * B_LOG_RATE;
    private static final double B_LOG_GAMMA_SHAPE = LogMath.logGamma(GUIDE_B[0]);
    private static final double[] THETA_LOG_BETA = new double[GROUPS];
    private static final double[] LOG_CHOOSE = new double[GROUPS];

    static {
        for (int j = 0; j < GROUPS; j++) {
            THETA_LOG_BETA[j] = LogMath.logBeta(GUIDE_THETA_A[j], GUIDE_THETA_B[j]);
            int n = TRIALS[j];
            int k = SUCCESSES[j];
            LOG_CHOOSE[j] = LogMath.logFactorial(n) - LogMath.logFactorial(k) - LogMath.logFactorial(n - k);
        }
    }

    /**
     * The hand-written baseline: the log weight of one run drawn from {@code r}, with log B(a, b) taken once per
     * run (the model's {@code Beta(a, b)} takes it at each of its 10 sites) and the binomial coefficients once; the
     * thetas drawn from the guide's fixed Betas, which keep their sampler's constants as a hand-writer would hoist
     * them.
     */
    static double logWeight(Rng r) {
        double lp = 0;
        double lq = 0;
        double a = Densities.gammaSample(r, GUIDE_A[0], GUIDE_A[1], A_LOG_RATE);
        double logA = Math.log(a); // once, for both densities
        lp += Densities.gamma(a, logA, PRIOR_SHAPE, PRIOR_RATE, PRIOR_SHAPE_LOG_RATE, PRIOR_LOG_GAMMA_SHAPE);
        lq += Densities.gamma(a, logA, GUIDE_A[0], GUIDE_A[1], A_SHAPE_LOG_RATE, A_LOG_GAMMA_SHAPE);
        double b = Densities.gammaSample(r, GUIDE_B[0], GUIDE_B[1], B_LOG_RATE);
        double logB = Math.log(b);
        lp += Densities.gamma(b, logB, PRIOR_SHAPE, PRIOR_RATE, PRIOR_SHAPE_LOG_RATE, PRIOR_LOG_GAMMA_SHAPE);
        lq += Densities.gamma(b, logB, GUIDE_B[0], GUIDE_B[1], B_SHAPE_LOG_RATE, B_LOG_GAMMA_SHAPE);
        double logBetaAB = LogMath.logBeta(a, b);
        for (int j = 0; j < GROUPS; j++) {
            // the guide's Beta draws, as Ariadne's run does: it keeps its sampler's constants across draws
            double theta = THETA_GUIDE[j].sample(r);
            // theta's two logs once, for both densities and the binomial
            double logTheta = Math.log(theta);
            double log1mTheta = LogMath.log1p(-theta);
            lp += Densities.beta(logTheta, log1mTheta, a, b, logBetaAB);
            lq += Densities.beta(logTheta, log1mTheta, GUIDE_THETA_A[j], GUIDE_THETA_B[j], THETA_LOG_BETA[j]);
            int n = TRIALS[j];
            int k = SUCCESSES[j];
            lp += LOG_CHOOSE[j] + k * logTheta + (n - k) * log1mTheta;
        }
        return lp - lq;
    }
}
