package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.Poisson;

/**
 * Poisson regression on group indicators, written as a user writes it: 5 groups, each with its rate
 * lambda_g ~ Gamma(2, 0.4) (shape, rate: mean 5, sd 3.5) made at its sample site, and 20 counts
 * y_gj ~ Poisson(lambda_g), one {@code observe} per count with its {@code Poisson} made at the site.
 *
 * <p>Data: 20 counts per group drawn with rates 1.5, 3, 4.5, 7 and 10 from {@code Rng.forRun(202417, 3)}; written
 * into the source and into {@code webppl/poisson.wppl}.
 *
 * <p>Proposal: a fixed guide, lambda_g ~ Gamma((2 + S_g) / 2, (0.4 + 20) / 2) with S_g the group's total count:
 * the exact posterior's mean with twice its variance. The prior would put most runs where a group's 20 counts are
 * improbable (the effective sample size would be a few in 10^4 runs); this keeps it near a third of the runs.
 *
 * <p>Exact log evidence: see {@link #EXACT_LOG_Z}.
 */
public final class PoissonGroups {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "poisson";
    /**
     * The exact log evidence, in closed form by conjugacy: the sum over groups of
     * {@code a log b - log Gamma(a) + log Gamma(a + S_g) - (a + S_g) log(b + 20) - sum_j log y_gj!}, with a = 2,
     * b = 0.4; agreeing with a Gauss-Legendre quadrature over each log rate to 1e-12 ({@code ExactEvidenceTest}).
     */
    public static final double EXACT_LOG_Z = -214.502471854445;

    static final int GROUPS = 5;
    static final int PER_GROUP = 20;
    static final int[][] COUNTS = {
        {3, 1, 1, 1, 0, 0, 4, 0, 2, 4, 1, 2, 3, 1, 2, 2, 3, 2, 0, 3},
        {3, 6, 2, 2, 2, 2, 2, 4, 2, 3, 2, 2, 2, 3, 3, 4, 2, 2, 5, 4},
        {5, 7, 4, 2, 1, 3, 4, 6, 7, 1, 6, 7, 4, 9, 7, 6, 1, 7, 4, 4},
        {12, 7, 8, 8, 3, 10, 4, 9, 10, 8, 6, 8, 8, 6, 8, 7, 7, 7, 6, 4},
        {9, 14, 6, 9, 17, 6, 11, 8, 11, 9, 7, 10, 11, 12, 8, 8, 8, 13, 9, 10}};

    static final double PRIOR_SHAPE = 2;
    static final double PRIOR_RATE = 0.4;
    /** The guide of each group's rate: the exact posterior's mean with twice its variance. */
    static final double[] GUIDE_SHAPE = new double[GROUPS];
    static final double[] GUIDE_RATE = new double[GROUPS];
    private static final Gamma[] GUIDE = new Gamma[GROUPS];

    static {
        for (int g = 0; g < GROUPS; g++) {
            int total = 0;
            for (int y : COUNTS[g]) {
                total += y;
            }
            GUIDE_SHAPE[g] = (PRIOR_SHAPE + total) / 2;
            GUIDE_RATE[g] = (PRIOR_RATE + PER_GROUP) / 2;
            GUIDE[g] = new Gamma(GUIDE_SHAPE[g], GUIDE_RATE[g]);
        }
    }

    private PoissonGroups() {
    }

    /** The model: returns the sum of the rates. */
    public static Model<Double> model() {
        return p -> {
            double sum = 0;
            for (int g = 0; g < GROUPS; g++) {
                double rate = p.sample("rate", g, new Gamma(PRIOR_SHAPE, PRIOR_RATE));
                for (int j = 0; j < PER_GROUP; j++) {
                    p.observe("y", PER_GROUP * g + j, new Poisson(rate), COUNTS[g][j]);
                }
                sum += rate;
            }
            return sum;
        };
    }

    /** The guide: each group's rate from its fixed Gamma. */
    public static Guide guide() {
        return Guide.bySite((site, history) -> site.name().equals("rate") ? GUIDE[site.index()] : null);
    }

    private static final double PRIOR_SHAPE_LOG_RATE = PRIOR_SHAPE * Math.log(PRIOR_RATE);
    private static final double PRIOR_LOG_GAMMA_SHAPE = LogMath.logGamma(PRIOR_SHAPE);
    private static final double[] GUIDE_SHAPE_LOG_RATE = new double[GROUPS];
    private static final double[] GUIDE_LOG_GAMMA_SHAPE = new double[GROUPS];
    private static final double[] GUIDE_LOG_RATE = new double[GROUPS];
    private static final double[][] LOG_FACTORIAL = new double[GROUPS][PER_GROUP];

    static {
        for (int g = 0; g < GROUPS; g++) {
            GUIDE_LOG_RATE[g] = Math.log(GUIDE_RATE[g]);
            GUIDE_SHAPE_LOG_RATE[g] = GUIDE_SHAPE[g] * GUIDE_LOG_RATE[g];
            GUIDE_LOG_GAMMA_SHAPE[g] = LogMath.logGamma(GUIDE_SHAPE[g]);
            for (int j = 0; j < PER_GROUP; j++) {
                LOG_FACTORIAL[g][j] = LogMath.logFactorial(COUNTS[g][j]);
            }
        }
    }

    /**
     * The hand-written baseline: the log weight of one run drawn from {@code r}, with each group's log rate taken
     * once for its 20 counts (the model's {@code Poisson} takes it at each count) and the log factorials once.
     */
    static double logWeight(Rng r) {
        double lp = 0;
        double lq = 0;
        for (int g = 0; g < GROUPS; g++) {
            double rate = Densities.gammaSample(r, GUIDE_SHAPE[g], GUIDE_RATE[g], GUIDE_LOG_RATE[g]);
            double logRate = Math.log(rate); // once, for both densities and the counts
            lp += Densities.gamma(rate, logRate, PRIOR_SHAPE, PRIOR_RATE, PRIOR_SHAPE_LOG_RATE, PRIOR_LOG_GAMMA_SHAPE);
            lq += Densities.gamma(rate, logRate, GUIDE_SHAPE[g], GUIDE_RATE[g], GUIDE_SHAPE_LOG_RATE[g],
                    GUIDE_LOG_GAMMA_SHAPE[g]);
            int[] counts = COUNTS[g];
            double[] logFactorial = LOG_FACTORIAL[g];
            for (int j = 0; j < PER_GROUP; j++) {
                lp += counts[j] * logRate - rate - logFactorial[j];
            }
        }
        return lp - lq;
    }
}
