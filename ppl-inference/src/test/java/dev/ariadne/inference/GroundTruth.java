package dev.ariadne.inference;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;

/**
 * The models of the shared ground-truth table, with their exact answers and reasonable hand-written guides,
 * shared by the inference, search and example tests.
 */
public final class GroundTruth {

    private GroundTruth() {
    }

    /** Two fair coins; evidence: at least one head. Returns whether both are heads. P(e) = 3/4; P(both | e) = 1/3. */
    public static final Model<Boolean> TWO_COINS = p -> {
        boolean a = p.sample("a", new Bernoulli(0.5));
        boolean b = p.sample("b", new Bernoulli(0.5));
        p.condition("atLeastOneHead", a || b);
        return a && b;
    };
    public static final double TWO_COINS_LOG_Z = Math.log(0.75);

    /** bias ~ Beta(1,1); flips true x7 then false x3. Returns the bias. */
    public static final Model<Double> BETA_BERNOULLI = p -> {
        double bias = p.sample("bias", new Beta(1, 1));
        for (int i = 0; i < 10; i++) {
            p.observe("flip", i, new Bernoulli(bias), i < 7);
        }
        return bias;
    };
    public static final double BETA_BERNOULLI_LOG_Z = -7.185387015580;
    public static final double BETA_BERNOULLI_P_ABOVE_HALF = 0.886718750000;
    /** The exact posterior Beta(8, 4) as a guide. */
    public static final Guide BETA_BERNOULLI_EXACT = Guide.at("bias", new Beta(8, 4));

    /** k ~ Poisson(3), x ~ N(k, 1), and the evidence x >= 7 (a condition with its margin). Returns k. */
    public static final Model<Integer> POISSON_NORMAL_TAIL = p -> {
        int k = p.sample("k", new dev.ariadne.core.dist.Poisson(3));
        double x = p.sample("x", new Normal(k, 1));
        p.condition("c", x, 7.0);
        return k;
    };

    /** log P(e) of {@link #POISSON_NORMAL_TAIL}: the sum over k of Poisson(k; 3) P(N(k, 1) >= 7). */
    public static double poissonNormalTailLogZ() {
        double z = 0;
        double mass = Math.exp(-3);
        for (int k = 0; k < 60; k++) {
            z += mass * 0.5 * org.apache.commons.numbers.gamma.Erfc.value((7 - k) / Math.sqrt(2));
            mass *= 3.0 / (k + 1);
        }
        return Math.log(z);
    }

    static final double[] NORMAL_NORMAL_Y = {0.8, 1.2, 1.9, 0.4, 1.1};

    /** mu ~ N(0,1); y_i ~ N(mu, 1). Returns mu. */
    public static final Model<Double> NORMAL_NORMAL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        for (int i = 0; i < NORMAL_NORMAL_Y.length; i++) {
            p.observe("y", i, new Normal(mu, 1), NORMAL_NORMAL_Y[i]);
        }
        return mu;
    };
    public static final double NORMAL_NORMAL_LOG_Z = -6.590572400637;
    public static final double NORMAL_NORMAL_POST_MEAN = 0.9;
    public static final double NORMAL_NORMAL_POST_SD = 0.408248290464;
    public static final double NORMAL_NORMAL_P_ABOVE_ONE = 0.403247970254;
    /** The exact posterior as a guide: free energy -log P(e) with zero variance. */
    public static final Guide NORMAL_NORMAL_EXACT = Guide.at("mu", new Normal(0.9, 0.408248290464));

    /**
     * x ~ N(0, 1) given x > -1 (a plain condition, P(e) = Phi(1) = 0.8413). Returns x. Events far in its tail (x >= 3,
     * x >= 3.5) are ones the prior's runs seldom reach.
     */
    public static final Model<Double> ABOVE_MINUS_ONE = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.condition("c", x > -1);
        return x;
    };

    /**
     * x ~ N(0, 1); y = 3 observed from N(x, 1/2). Returns x. The posterior is N(2.4, 1/sqrt 5), so P(x < 1.5 | e) =
     * Phi(-0.9 sqrt 5) = 0.0221, which the guide {@link #FAR_OBSERVATION_NARROW} (3.4 of its sds away) all but never
     * proposes.
     */
    public static final Model<Double> FAR_OBSERVATION = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.observe("y", new Normal(x, 0.5), 3);
        return x;
    };
    /** A guide for {@link #FAR_OBSERVATION} too narrow to reach x < 1.5. */
    public static final Guide FAR_OBSERVATION_NARROW = Guide.at("x", new Normal(2.7, 0.35));

    /** The sprinkler network with wet grass observed. Returns {sprinkler, rain}. */
    public static final Model<boolean[]> SPRINKLER = p -> {
        boolean cloudy = p.sample("cloudy", new Bernoulli(0.5));
        boolean sprinkler = p.sample("sprinkler", new Bernoulli(cloudy ? 0.1 : 0.5));
        boolean rain = p.sample("rain", new Bernoulli(cloudy ? 0.8 : 0.2));
        double pWet = sprinkler && rain ? 0.99 : sprinkler || rain ? 0.9 : 0.0;
        p.observe("wet", new Bernoulli(pWet), true);
        return new boolean[] {sprinkler, rain};
    };
    public static final double SPRINKLER_P_E = 0.6471;
    public static final double SPRINKLER_P_S_GIVEN_W = 0.429763560501;
    public static final double SPRINKLER_P_R_GIVEN_W = 0.707927677330;
    public static final double SPRINKLER_P_W_AND_S = 0.2781;

    /** The burglary network with John and Mary calling. Returns whether there was a burglary. */
    public static final Model<Boolean> BURGLARY = p -> {
        boolean b = p.sample("burglary", new Bernoulli(0.001));
        boolean e = p.sample("earthquake", new Bernoulli(0.002));
        double pa = b && e ? 0.95 : b ? 0.94 : e ? 0.29 : 0.001;
        boolean a = p.sample("alarm", new Bernoulli(pa));
        p.observe("john", new Bernoulli(a ? 0.9 : 0.05), true);
        p.observe("mary", new Bernoulli(a ? 0.7 : 0.01), true);
        return b;
    };
    public static final double BURGLARY_P_E = 2.084100239e-3;
    public static final double BURGLARY_P_B_AND_E = 5.9224259e-4;
    public static final double BURGLARY_P_B_GIVEN_E = 0.284171835364;
    /** A guide that makes burglary and the alarm likely, so the evidence is reached often. */
    public static final Guide BURGLARY_GUIDE = Guide.at("burglary", new Bernoulli(0.3))
            .orElse(Guide.at("earthquake", new Bernoulli(0.1)))
            .orElse(Guide.at("alarm", new Bernoulli(0.8)));

    static final double[][] HMM_TRANSITIONS = {{0.4, 0.4, 0.2}, {0.2, 0.3, 0.5}, {0.9, 0.05, 0.05}};
    static final double[][] HMM_EMISSIONS = {{0.1, 0.2, 0.7}, {0.2, 0.7, 0.1}, {0.7, 0.2, 0.1}};
    static final double[] HMM_INITIAL = {0.2, 0.3, 0.5};
    static final int[] HMM_OBSERVED = {1, 1, 2, 3};

    /** The 3-state hidden Markov model with symbols 1, 1, 2, 3 observed. Returns the last state. */
    public static final Model<Integer> HMM = p -> {
        int state = -1;
        for (int t = 0; t < HMM_OBSERVED.length; t++) {
            Categorical prior = t == 0 ? new Categorical(HMM_INITIAL) : new Categorical(HMM_TRANSITIONS[state]);
            state = p.sample("state", t, prior);
            p.observe("symbol", t, new Categorical(HMM_EMISSIONS[state]), HMM_OBSERVED[t] - 1);
        }
        return state;
    };
    public static final double HMM_LOG_Z = -4.876450833517;
    /** A guide that looks at the observed symbol (it proposes the state most likely to emit it). */
    public static final Guide HMM_GUIDE = Guide.integer((site, prior, h) -> {
        int symbol = HMM_OBSERVED[site.index()] - 1;
        double[] q = prior instanceof Categorical ? ((Categorical) prior).probabilities() : null;
        double[] w = new double[3];
        for (int s = 0; s < 3; s++) {
            w[s] = q[s] * HMM_EMISSIONS[s][symbol] + 0.02;
        }
        return new Categorical(w);
    });

    static final double[] LINREG_X = {0, 1, 2, 3, 4};
    static final double[] LINREG_Y = {-1.1, 0.2, 0.9, 2.1, 2.8};

    /** Bayesian linear regression: intercept, slope ~ N(0, 1); y_i ~ N(intercept + slope x_i, 0.5). */
    public static final Model<double[]> LINEAR_REGRESSION = p -> {
        double intercept = p.sample("intercept", new Normal(0, 1));
        double slope = p.sample("slope", new Normal(0, 1));
        for (int i = 0; i < LINREG_X.length; i++) {
            p.observe("y", i, new Normal(intercept + slope * LINREG_X[i], 0.5), LINREG_Y[i]);
        }
        return new double[] {intercept, slope};
    };
    public static final double LINREG_LOG_Z = -5.572343317076;
    public static final double LINREG_P_SLOPE_ABOVE_ONE = 0.267993789906;
    /** The exact posterior as a guide: the slope's mean is affine in the intercept. */
    public static final Guide LINREG_EXACT = (site, prior, h) -> {
        double mi = -0.795324123273;
        double si = 0.358589751651;
        double ms = 0.907545164718;
        double ss = 0.149387698216;
        double rho = -0.7935;
        if (site.name().equals("intercept")) {
            return new Normal(mi, si);
        }
        double i = h.real("intercept", -1);
        return new Normal(ms + rho * ss / si * (i - mi), ss * Math.sqrt(1 - rho * rho));
    };

    /** z_1..z_10 ~ N(0,1); evidence sum > threshold (hard). Returns the sum. */
    public static Model<Double> gaussianSum(double threshold) {
        return p -> {
            double sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += p.sample("z", i, new Normal(0, 1));
            }
            p.condition("beyond", sum > threshold);
            return sum;
        };
    }

    public static final double RARE_LOG_Z = -13.766036838894;
    public static final double RARE_P_Z1_ABOVE_2 = 0.322360343098;
    public static final double RARE_MEAN_SUM = 15.617480818616;
    public static final double RARER_LOG_Z = -27.078377593191;

    /** Every z_i shifted to N(shift, 1): a reasonable proposal for the gaussian sums (shift ~ threshold / 10). */
    public static Guide shiftedSumGuide(double shift) {
        return Guide.at("z[*]", new Normal(shift, 1));
    }

    /** 20 spins on a ring as fair coins, with the Ising energy as a factor. Returns the magnetisation. */
    public static final Model<Integer> ISING = p -> {
        int first = 0;
        int previous = 0;
        int sum = 0;
        double energy = 0;
        for (int i = 0; i < 20; i++) {
            int s = p.sample("spin", i, new Bernoulli(0.5)) ? 1 : -1;
            if (i == 0) {
                first = s;
            } else {
                energy += 0.5 * previous * s;
            }
            sum += s;
            previous = s;
        }
        energy += 0.5 * previous * first + 0.25 * sum;
        p.factor("energy", energy);
        return sum;
    };
    public static final double ISING_LOG_Z = 3.946433031505;
    /** A guide that looks at the previous spin (the paper's history-dependent guide). */
    public static final Guide ISING_GUIDE = Guide.bool((site, prior, h) -> {
        if (site.index() == 0) {
            return new Bernoulli(0.6);
        }
        boolean previous = h.bool("spin", site.index() - 1);
        double a = 0.5 * (previous ? 1 : -1) + 0.25;
        return new Bernoulli(1 / (1 + Math.exp(-2 * a)));
    });

    private static final double[] FOUNDER = {0.81, 0.18, 0.01};
    private static final double[] PENETRANCE = {0.01, 0.02, 0.9};
    private static final boolean[] AFFECTED = {false, false, false, false, true, true, false, true, false, false};

    /** A child's genotype (copies of the disease allele) given its parents'. */
    static double[] child(int a, int b) {
        double pa = a / 2.0;
        double pb = b / 2.0;
        return new double[] {(1 - pa) * (1 - pb), pa * (1 - pb) + (1 - pa) * pb, pa * pb};
    }

    /**
     * A recessive disease in three generations: grandparents, a father and an uncle, a mother, five children; the
     * genotypes count copies of the disease allele, and the uncle and two children are affected. P(e) = 2.92e-5
     * (by enumeration of the 3^10 genotypes), most of it where the affected carry two copies.
     */
    public static final Model<int[]> PEDIGREE = p -> {
        int[] g = new int[10];
        g[0] = p.sample("gp1", new Categorical(FOUNDER));
        g[1] = p.sample("gp2", new Categorical(FOUNDER));
        g[2] = p.sample("m", new Categorical(FOUNDER));
        g[3] = p.sample("f", new Categorical(child(g[0], g[1])));
        g[4] = p.sample("u", new Categorical(child(g[0], g[1])));
        for (int i = 0; i < 5; i++) {
            g[5 + i] = p.sample("c", i, new Categorical(child(g[3], g[2])));
        }
        for (int i = 0; i < g.length; i++) {
            p.observe("affected", i, new Bernoulli(PENETRANCE[g[i]]), AFFECTED[i]);
        }
        return g;
    };

    /** Fixed proposals for {@link #PEDIGREE}: founders from {@code founders}, every other genotype from {@code children}. */
    public static Guide pedigreeGuide(double[] founders, double[] children) {
        return Guide.at("gp1", new Categorical(founders)).orElse(Guide.at("gp2", new Categorical(founders)))
                .orElse(Guide.at("m", new Categorical(founders)))
                .orElse(Guide.at("f", new Categorical(children))).orElse(Guide.at("u", new Categorical(children)))
                .orElse(Guide.at("c[*]", new Categorical(children)));
    }

    private static final double[] FAILED_AT = {120, 450, 800, 1500, 2300};

    /**
     * Lifetimes of units with a Gamma(2, 1000) prior on their failure rate: five failures observed, ten units censored
     * at 3,000 hours written as latent lifetimes under a condition (a new user's), which the prior meets in about 0.1%
     * of runs; the posterior of the rate is Gamma(7, 36,170).
     */
    public static final Model<Double> CENSORED_LIFETIMES = p -> {
        double lambda = p.sample("lam", new dev.ariadne.core.dist.Gamma(2, 1000));
        for (int i = 0; i < FAILED_AT.length; i++) {
            p.observe("t", i, new dev.ariadne.core.dist.Exponential(lambda), FAILED_AT[i]);
        }
        for (int i = 0; i < 10; i++) {
            double t = p.sample("cens", i, new dev.ariadne.core.dist.Exponential(lambda));
            p.condition("survived", i, t, 3000.0);
        }
        return lambda;
    };
}
