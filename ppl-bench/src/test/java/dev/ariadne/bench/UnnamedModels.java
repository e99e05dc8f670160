package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.HalfNormal;
import dev.ariadne.core.dist.Laplace;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.StudentT;
import dev.ariadne.inference.Importance;

/**
 * Models no issue names (the seventh round of issue 17): each written as a statistician writes it from the README
 * (every distribution made at its site with {@code new}, an observation per data point, guides by
 * {@link Guide#bySite} or the prior), and beside each a hand-written loop that computes the same log weight from the
 * same random stream, bit for bit, under the baselines' rules: constants and per-run logs hoisted, the
 * distributions' own samplers and densities on objects made once where their parameters are constant and their
 * arithmetic written out where they change, nothing allocated but a scratch array the caller passes once.
 * {@code UnnamedModelsTest} checks the log weights bit for bit on the recording and the lean runner; the ratio of
 * Ariadne's time to the loop's measures what the general path still costs on shapes the workloads do not have.
 *
 * <p>Data are drawn once from fixed seeds by the models' own generative processes (not written into the source):
 * they are fixtures, and only their being fixed matters here.
 */
public final class UnnamedModels {

    private UnnamedModels() {
    }

    /** A hand-written run: the log weight of the run drawn from {@code r}, with {@code scratch} to keep latents in. */
    interface Loop {
        double logWeight(Rng r, double[] scratch);
    }

    /** One model, its guide (null for the prior) and its loop. */
    record Probe(String name, Model<?> model, Guide guide, Loop loop) {
    }

    private static final double LN_2 = LogMath.LOG_2;

    private static Rng data(long seed) {
        return Rng.forRun(seed, 0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // meta: a random-effects meta-analysis, non-centred, each study with its own known standard error:
    // mu ~ N(0, 5), tau ~ HalfNormal(5), eta_j ~ N(0, 1), y_j ~ N(mu + tau eta_j, se_j), 24 studies; mu guided.

    static final int META_J = 24;
    static final double[] META_SE = new double[META_J];
    static final double[] META_Y = new double[META_J];

    static {
        Rng r = data(701);
        for (int j = 0; j < META_J; j++) {
            META_SE[j] = Math.round((0.4 + 2 * r.nextDouble()) * 100) / 100.0;
            META_Y[j] = Math.round((3 + 2 * r.standardNormal() + META_SE[j] * r.standardNormal()) * 100) / 100.0;
        }
    }

    private static final Normal META_MU_Q = new Normal(3, 1.5);

    static Model<Double> meta() {
        return p -> {
            double mu = p.sample("mu", new Normal(0, 5));
            double tau = p.sample("tau", new HalfNormal(5));
            for (int j = 0; j < META_J; j++) {
                double eta = p.sample("eta", j, new Normal(0, 1));
                p.observe("y", j, new Normal(mu + tau * eta, META_SE[j]), META_Y[j]);
            }
            return mu;
        };
    }

    static Guide metaGuide() {
        return Guide.bySite((site, history) -> site.name().equals("mu") ? META_MU_Q : null);
    }

    private static final HalfNormal META_TAU = new HalfNormal(5);
    private static final double[] META_INV_SE = new double[META_J];
    private static final double[] META_LOG_SE = new double[META_J];
    private static final double LOG_5 = Math.log(5);
    private static final double LOG_1_5 = Math.log(1.5);
    private static final double LOG_1 = Math.log(1);

    static {
        for (int j = 0; j < META_J; j++) {
            META_INV_SE[j] = 1 / META_SE[j];
            META_LOG_SE[j] = Math.log(META_SE[j]);
        }
    }

    static double metaLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        double mu = Densities.normalSample(r, 3, 1.5);
        lp += Densities.normal(mu, 0, 1 / 5.0, LOG_5);
        lq += Densities.normal(mu, 3, 1 / 1.5, LOG_1_5);
        double tau = META_TAU.sample(r);
        double l = META_TAU.logDensity(tau);
        lp += l;
        lq += l;
        for (int j = 0; j < META_J; j++) {
            double eta = Densities.normalSample(r, 0, 1);
            double le = Densities.normal(eta, 0, 1 / 1.0, LOG_1);
            lp += le;
            lq += le;
            lp += Densities.normal(META_Y[j], mu + tau * eta, META_INV_SE[j], META_LOG_SE[j]);
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // lre: Laplace observations with a location and a scale per group, the data in the order they came (groups
    // interleaved): u_g ~ N(0, 3), s_g ~ HalfNormal(2), y_i ~ Laplace(u_{g_i}, s_{g_i}), 6 groups, 90 points.

    static final int LRE_J = 6;
    static final int LRE_N = 90;
    static final double[] LRE_Y = new double[LRE_N];

    static {
        Rng r = data(702);
        for (int i = 0; i < LRE_N; i++) {
            int g = i % LRE_J;
            double e = (0.3 + 0.2 * g) * r.standardExponential();
            LRE_Y[i] = Math.round(((g - 2.5) + (r.nextBoolean() ? e : -e)) * 100) / 100.0;
        }
    }

    static Model<Double> lre() {
        return p -> {
            double[] u = new double[LRE_J];
            double[] s = new double[LRE_J];
            for (int g = 0; g < LRE_J; g++) {
                u[g] = p.sample("u", g, new Normal(0, 3));
                s[g] = p.sample("s", g, new HalfNormal(2));
            }
            for (int i = 0; i < LRE_N; i++) {
                int g = i % LRE_J;
                p.observe("y", i, new Laplace(u[g], s[g]), LRE_Y[i]);
            }
            return u[0];
        };
    }

    private static final HalfNormal LRE_S = new HalfNormal(2);
    private static final double LOG_3 = Math.log(3);

    static double lreLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        for (int g = 0; g < LRE_J; g++) {
            double u = Densities.normalSample(r, 0, 3);
            double lu = Densities.normal(u, 0, 1 / 3.0, LOG_3);
            lp += lu;
            lq += lu;
            double s = LRE_S.sample(r);
            double ls = LRE_S.logDensity(s);
            lp += ls;
            lq += ls;
            scratch[3 * g] = u;
            scratch[3 * g + 1] = s;
            scratch[3 * g + 2] = -LN_2 - Math.log(s);
        }
        for (int i = 0; i < LRE_N; i++) {
            int g = 3 * (i % LRE_J);
            double l = scratch[g + 2] - Math.abs(LRE_Y[i] - scratch[g]) / scratch[g + 1];
            lp += l == l ? l : Double.NEGATIVE_INFINITY;
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // tre: Student-t observations (df 4) with a location and a scale per group, groups interleaved: u_g ~ N(0, 3),
    // s_g ~ HalfNormal(1), y_i ~ StudentT(4, u_{g_i}, s_{g_i}), 5 groups, 80 points.

    static final int TRE_J = 5;
    static final int TRE_N = 80;
    static final double[] TRE_Y = new double[TRE_N];

    static {
        StudentT t = new StudentT(4, 0, 1);
        Rng r = data(703);
        for (int i = 0; i < TRE_N; i++) {
            int g = i % TRE_J;
            TRE_Y[i] = Math.round((g - 2 + (0.4 + 0.15 * g) * t.sample(r)) * 100) / 100.0;
        }
    }

    static Model<Double> tre() {
        return p -> {
            double[] u = new double[TRE_J];
            double[] s = new double[TRE_J];
            for (int g = 0; g < TRE_J; g++) {
                u[g] = p.sample("u", g, new Normal(0, 3));
                s[g] = p.sample("s", g, new HalfNormal(1));
            }
            for (int i = 0; i < TRE_N; i++) {
                int g = i % TRE_J;
                p.observe("y", i, new StudentT(4, u[g], s[g]), TRE_Y[i]);
            }
            return u[0];
        };
    }

    private static final HalfNormal TRE_S = new HalfNormal(1);
    /** log(Gamma(5/2) / (Gamma(2) sqrt(4 pi))), as StudentT(4, ., 1) computes it: its log density at its centre. */
    private static final double TRE_LOG_NORM = new StudentT(4, 0, 1).logDensity(0);

    static double treLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        for (int g = 0; g < TRE_J; g++) {
            double u = Densities.normalSample(r, 0, 3);
            double lu = Densities.normal(u, 0, 1 / 3.0, LOG_3);
            lp += lu;
            lq += lu;
            double s = TRE_S.sample(r);
            double ls = TRE_S.logDensity(s);
            lp += ls;
            lq += ls;
            scratch[3 * g] = u;
            scratch[3 * g + 1] = s;
            scratch[3 * g + 2] = TRE_LOG_NORM - Math.log(s);
        }
        for (int i = 0; i < TRE_N; i++) {
            int g = 3 * (i % TRE_J);
            double z = (TRE_Y[i] - scratch[g]) / scratch[g + 1];
            lp += scratch[g + 2] - 2.5 * LogMath.log1p(z * z / 4);
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // labels: noisy labels. Each item's true class c_i ~ Categorical(prior_i), the weights a classifier gave it
    // (fixed, a different row per item); an annotator of accuracy a ~ Beta(8, 2) reports the class with probability
    // a and each other class with (1 - a) / 2: label_i ~ Categorical(row(c_i, a)). 60 items, 3 classes.

    static final int LAB_N = 60;
    static final double[][] LAB_PRIOR = new double[LAB_N][];
    static final int[] LAB_Y = new int[LAB_N];

    static {
        Rng r = data(704);
        for (int i = 0; i < LAB_N; i++) {
            double[] w = new double[3];
            for (int k = 0; k < 3; k++) {
                w[k] = Math.round((0.05 + r.nextDouble()) * 100) / 100.0;
            }
            LAB_PRIOR[i] = w;
            int c = new Categorical(w).sample(r);
            LAB_Y[i] = r.nextDouble() < 0.8 ? c : (c + 1 + (r.nextBoolean() ? 1 : 0)) % 3;
        }
    }

    static Model<Double> labels() {
        return p -> {
            double a = p.sample("a", new Beta(8, 2));
            double o = (1 - a) / 2;
            for (int i = 0; i < LAB_N; i++) {
                int c = p.sample("c", i, new Categorical(LAB_PRIOR[i]));
                p.observe("label", i, new Categorical(c == 0 ? a : o, c == 1 ? a : o, c == 2 ? a : o), LAB_Y[i]);
            }
            return a;
        };
    }

    private static final Beta LAB_A = new Beta(8, 2);
    private static final Categorical[] LAB_PRIOR_CAT = new Categorical[LAB_N];

    static {
        for (int i = 0; i < LAB_N; i++) {
            LAB_PRIOR_CAT[i] = new Categorical(LAB_PRIOR[i]);
        }
    }

    static double labelsLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        double a = LAB_A.sample(r);
        double la = LAB_A.logDensity(a);
        lp += la;
        lq += la;
        double o = (1 - a) / 2;
        double logA = Math.log(a);
        double logO = Math.log(o);
        // the row's sum in the order Categorical sums it: a + o + o for classes 0 and 1, o + o + a for class 2
        double logSum01 = Math.log(a + o + o);
        double logSum2 = Math.log(o + o + a);
        for (int i = 0; i < LAB_N; i++) {
            Categorical prior = LAB_PRIOR_CAT[i];
            int c = prior.sample(r);
            double lc = prior.logMass(c);
            lp += lc;
            lq += lc;
            lp += (c == LAB_Y[i] ? logA : logO) - (c == 2 ? logSum2 : logSum01);
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // gpexp: Gamma-Poisson counts with exposures: an overall rate r ~ Gamma(2, 2), a frailty per unit
    // f_i ~ Gamma(3, 3), counts y_i ~ Poisson(E_i r f_i), 40 units.

    static final int GPE_N = 40;
    static final double[] GPE_E = new double[GPE_N];
    static final int[] GPE_Y = new int[GPE_N];

    static {
        Rng r = data(705);
        Gamma f = new Gamma(3, 3);
        for (int i = 0; i < GPE_N; i++) {
            GPE_E[i] = Math.round((0.5 + 4 * r.nextDouble()) * 10) / 10.0;
            GPE_Y[i] = new Poisson(GPE_E[i] * 1.3 * f.sample(r)).sample(r);
        }
    }

    static Model<Double> gpexp() {
        return p -> {
            double rate = p.sample("r", new Gamma(2, 2));
            for (int i = 0; i < GPE_N; i++) {
                double f = p.sample("f", i, new Gamma(3, 3));
                p.observe("y", i, new Poisson(GPE_E[i] * rate * f), GPE_Y[i]);
            }
            return rate;
        };
    }

    private static final Gamma GPE_R = new Gamma(2, 2);
    private static final Gamma GPE_F = new Gamma(3, 3);
    private static final double[] GPE_LOG_FACT = new double[GPE_N];

    static {
        for (int i = 0; i < GPE_N; i++) {
            GPE_LOG_FACT[i] = LogMath.logFactorial(GPE_Y[i]);
        }
    }

    static double gpexpLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        double rate = GPE_R.sample(r);
        double l = GPE_R.logDensity(rate);
        lp += l;
        lq += l;
        for (int i = 0; i < GPE_N; i++) {
            double f = GPE_F.sample(r);
            double lf = GPE_F.logDensity(f);
            lp += lf;
            lq += lf;
            double m = GPE_E[i] * rate * f;
            int k = GPE_Y[i];
            lp += k == 0 ? -m : k * Math.log(m) - m - GPE_LOG_FACT[i];
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // spike: spike-and-slab regression: per coefficient an inclusion g_j ~ Bernoulli(0.25) and a coefficient
    // b_j ~ N(0, g_j ? 1 : 0.05); y_i ~ N(x_i . b, 0.5), 8 coefficients, 50 points.

    static final int SPK_P = 8;
    static final int SPK_N = 50;
    static final double[][] SPK_X = new double[SPK_N][SPK_P];
    static final double[] SPK_Y = new double[SPK_N];

    static {
        Rng r = data(706);
        for (int i = 0; i < SPK_N; i++) {
            double m = 0;
            for (int j = 0; j < SPK_P; j++) {
                SPK_X[i][j] = Math.round(r.standardNormal() * 100) / 100.0;
                m += (j == 1 ? 1.5 : j == 4 ? -0.8 : 0) * SPK_X[i][j];
            }
            SPK_Y[i] = Math.round((m + 0.5 * r.standardNormal()) * 100) / 100.0;
        }
    }

    static Model<Double> spike() {
        return p -> {
            double[] b = new double[SPK_P];
            for (int j = 0; j < SPK_P; j++) {
                boolean in = p.sample("g", j, new Bernoulli(0.25));
                b[j] = p.sample("b", j, new Normal(0, in ? 1 : 0.05));
            }
            for (int i = 0; i < SPK_N; i++) {
                double m = 0;
                for (int j = 0; j < SPK_P; j++) {
                    m += b[j] * SPK_X[i][j];
                }
                p.observe("y", i, new Normal(m, 0.5), SPK_Y[i]);
            }
            return b[1];
        };
    }

    private static final double SPK_LOG_P = Math.log(0.25);
    private static final double SPK_LOG_1MP = LogMath.log1p(-0.25);
    private static final double LOG_0_05 = Math.log(0.05);
    private static final double LOG_0_5 = Math.log(0.5);

    static double spikeLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        for (int j = 0; j < SPK_P; j++) {
            boolean in = Densities.bernoulliSample(r, 0.25);
            double lg = in ? SPK_LOG_P : SPK_LOG_1MP;
            lp += lg;
            lq += lg;
            double b;
            double lb;
            if (in) {
                b = Densities.normalSample(r, 0, 1);
                lb = Densities.normal(b, 0, 1 / 1.0, LOG_1);
            } else {
                b = Densities.normalSample(r, 0, 0.05);
                lb = Densities.normal(b, 0, 1 / 0.05, LOG_0_05);
            }
            lp += lb;
            lq += lb;
            scratch[j] = b;
        }
        for (int i = 0; i < SPK_N; i++) {
            double m = 0;
            double[] x = SPK_X[i];
            for (int j = 0; j < SPK_P; j++) {
                m += scratch[j] * x[j];
            }
            lp += Densities.normal(SPK_Y[i], m, 1 / 0.5, LOG_0_5);
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // changept: a change point (sixth round's shape, kept here for its leftover): tau ~ DiscreteUniform(1, 59) from
    // the prior, two rates Gamma(2, 0.5) guided by Gammas near the posterior, 60 counts Poisson(t < tau ? l1 : l2).

    static final int CP_N = 60;
    static final int[] CP_Y = new int[CP_N];

    static {
        Rng r = data(707);
        for (int t = 0; t < CP_N; t++) {
            CP_Y[t] = new Poisson(t < 24 ? 2.5 : 6.0).sample(r);
        }
    }

    private static final Gamma CP_Q1 = new Gamma(60, 24);
    private static final Gamma CP_Q2 = new Gamma(216, 36);

    static Model<Integer> changept() {
        return p -> {
            int tau = p.sample("tau", new DiscreteUniform(1, CP_N - 1));
            double l1 = p.sample("l1", new Gamma(2, 0.5));
            double l2 = p.sample("l2", new Gamma(2, 0.5));
            for (int t = 0; t < CP_N; t++) {
                p.observe("y", t, new Poisson(t < tau ? l1 : l2), CP_Y[t]);
            }
            return tau;
        };
    }

    static Guide changeptGuide() {
        return Guide.bySite((site, history) -> switch (site.name()) {
            case "l1" -> CP_Q1;
            case "l2" -> CP_Q2;
            default -> null;
        });
    }

    private static final DiscreteUniform CP_TAU = new DiscreteUniform(1, CP_N - 1);
    private static final Gamma CP_PRIOR = new Gamma(2, 0.5);
    private static final double[] CP_LOG_FACT = new double[CP_N];

    static {
        for (int t = 0; t < CP_N; t++) {
            CP_LOG_FACT[t] = LogMath.logFactorial(CP_Y[t]);
        }
    }

    static double changeptLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        int tau = CP_TAU.sample(r);
        double lt = CP_TAU.logMass(tau);
        lp += lt;
        lq += lt;
        double l1 = CP_Q1.sample(r);
        lp += CP_PRIOR.logDensity(l1);
        lq += CP_Q1.logDensity(l1);
        double l2 = CP_Q2.sample(r);
        lp += CP_PRIOR.logDensity(l2);
        lq += CP_Q2.logDensity(l2);
        double log1 = Math.log(l1);
        double log2 = Math.log(l2);
        for (int t = 0; t < CP_N; t++) {
            double rate = t < tau ? l1 : l2;
            int k = CP_Y[t];
            lp += k <= 0 ? -rate : k * (t < tau ? log1 : log2) - rate - CP_LOG_FACT[t];
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // abtest: two arms (sixth round's shape, for its leftover): pa, pb ~ Beta(2, 2) guided by Betas near the
    // posterior, 200 flips taking turns, observe(new Bernoulli(i % 2 == 0 ? pa : pb)).

    static final int AB_N = 200;
    static final boolean[] AB_Y = new boolean[AB_N];

    static {
        Rng r = data(708);
        for (int i = 0; i < AB_N; i++) {
            AB_Y[i] = r.nextDouble() < (i % 2 == 0 ? 0.3 : 0.45);
        }
    }

    private static final Beta AB_QA = new Beta(32, 72);
    private static final Beta AB_QB = new Beta(47, 57);

    static Model<Double> abtest() {
        return p -> {
            double pa = p.sample("pa", new Beta(2, 2));
            double pb = p.sample("pb", new Beta(2, 2));
            for (int i = 0; i < AB_N; i++) {
                p.observe("flip", i, new Bernoulli(i % 2 == 0 ? pa : pb), AB_Y[i]);
            }
            return pb - pa;
        };
    }

    static Guide abtestGuide() {
        return Guide.bySite((site, history) -> site.name().equals("pa") ? AB_QA : site.name().equals("pb") ? AB_QB
                : null);
    }

    private static final Beta AB_PRIOR = new Beta(2, 2);

    static double abtestLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        double pa = AB_QA.sample(r);
        lp += AB_PRIOR.logDensity(pa);
        lq += AB_QA.logDensity(pa);
        double pb = AB_QB.sample(r);
        lp += AB_PRIOR.logDensity(pb);
        lq += AB_QB.logDensity(pb);
        double la = Math.log(pa);
        double la1 = LogMath.log1p(-pa);
        double lb = Math.log(pb);
        double lb1 = LogMath.log1p(-pb);
        for (int i = 0; i < AB_N; i += 2) {
            lp += AB_Y[i] ? la : la1;
            lp += AB_Y[i + 1] ? lb : lb1;
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // scoped: a block per item, p.scoped("item", i, q -> ...), each with its latent and its observation:
    // m ~ N(0, 3), x_i ~ N(m, 1), y_i ~ N(x_i, 0.5), 50 items.

    static final int SC_N = 50;
    static final double[] SC_Y = new double[SC_N];

    static {
        Rng r = data(709);
        for (int i = 0; i < SC_N; i++) {
            SC_Y[i] = Math.round((1.2 + r.standardNormal() + 0.5 * r.standardNormal()) * 100) / 100.0;
        }
    }

    static Model<Double> scoped() {
        return p -> {
            double m = p.sample("m", new Normal(0, 3));
            for (int i = 0; i < SC_N; i++) {
                double y = SC_Y[i];
                p.scoped("item", i, q -> {
                    double x = q.sample("x", new Normal(m, 1));
                    q.observe("y", new Normal(x, 0.5), y);
                });
            }
            return m;
        };
    }

    static double scopedLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        double m = Densities.normalSample(r, 0, 3);
        double lm = Densities.normal(m, 0, 1 / 3.0, LOG_3);
        lp += lm;
        lq += lm;
        for (int i = 0; i < SC_N; i++) {
            double x = Densities.normalSample(r, m, 1);
            double lx = Densities.normal(x, m, 1 / 1.0, LOG_1);
            lp += lx;
            lq += lx;
            lp += Densities.normal(SC_Y[i], x, 1 / 0.5, LOG_0_5);
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // hetero: heteroscedastic regression, an sd new at every point (a control for what keeps the logs of sds met
    // before: nothing is met twice): a, b, c, d ~ N(0, 1), y_i ~ N(a + b x_i, exp(c + d x_i)), 60 points.

    static final int HET_N = 60;
    static final double[] HET_X = new double[HET_N];
    static final double[] HET_Y = new double[HET_N];

    static {
        Rng r = data(710);
        for (int i = 0; i < HET_N; i++) {
            HET_X[i] = Math.round((4 * r.nextDouble() - 2) * 100) / 100.0;
            HET_Y[i] = Math.round((0.5 + HET_X[i] + Math.exp(-0.5 + 0.4 * HET_X[i]) * r.standardNormal()) * 100)
                    / 100.0;
        }
    }

    static Model<Double> hetero() {
        return p -> {
            double a = p.sample("a", new Normal(0, 1));
            double b = p.sample("b", new Normal(0, 1));
            double c = p.sample("c", new Normal(0, 1));
            double d = p.sample("d", new Normal(0, 1));
            for (int i = 0; i < HET_N; i++) {
                p.observe("y", i, new Normal(a + b * HET_X[i], Math.exp(c + d * HET_X[i])), HET_Y[i]);
            }
            return b;
        };
    }

    static double heteroLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        double a = Densities.normalSample(r, 0, 1);
        double l = Densities.normal(a, 0, 1 / 1.0, LOG_1);
        lp += l;
        lq += l;
        double b = Densities.normalSample(r, 0, 1);
        l = Densities.normal(b, 0, 1 / 1.0, LOG_1);
        lp += l;
        lq += l;
        double c = Densities.normalSample(r, 0, 1);
        l = Densities.normal(c, 0, 1 / 1.0, LOG_1);
        lp += l;
        lq += l;
        double d = Densities.normalSample(r, 0, 1);
        l = Densities.normal(d, 0, 1 / 1.0, LOG_1);
        lp += l;
        lq += l;
        for (int i = 0; i < HET_N; i++) {
            double sd = Math.exp(c + d * HET_X[i]);
            lp += Densities.normal(HET_Y[i], a + b * HET_X[i], 1 / sd, Math.log(sd));
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // heterol: hetero's data with Laplace errors, a scale new at every point (the same control for the scales'
    // logs): y_i ~ Laplace(a + b x_i, exp(c + d x_i)).

    static Model<Double> heterol() {
        return p -> {
            double a = p.sample("a", new Normal(0, 1));
            double b = p.sample("b", new Normal(0, 1));
            double c = p.sample("c", new Normal(0, 1));
            double d = p.sample("d", new Normal(0, 1));
            for (int i = 0; i < HET_N; i++) {
                p.observe("y", i, new Laplace(a + b * HET_X[i], Math.exp(c + d * HET_X[i])),
                        HET_Y[i]);
            }
            return b;
        };
    }

    static double heterolLoop(Rng r, double[] scratch) {
        double lp = 0;
        double lq = 0;
        double a = Densities.normalSample(r, 0, 1);
        double l = Densities.normal(a, 0, 1 / 1.0, LOG_1);
        lp += l;
        lq += l;
        double b = Densities.normalSample(r, 0, 1);
        l = Densities.normal(b, 0, 1 / 1.0, LOG_1);
        lp += l;
        lq += l;
        double c = Densities.normalSample(r, 0, 1);
        l = Densities.normal(c, 0, 1 / 1.0, LOG_1);
        lp += l;
        lq += l;
        double d = Densities.normalSample(r, 0, 1);
        l = Densities.normal(d, 0, 1 / 1.0, LOG_1);
        lp += l;
        lq += l;
        for (int i = 0; i < HET_N; i++) {
            double s = Math.exp(c + d * HET_X[i]);
            double ly = -LN_2 - Math.log(s) - Math.abs(HET_Y[i] - (a + b * HET_X[i])) / s;
            lp += ly == ly ? ly : Double.NEGATIVE_INFINITY;
        }
        return lp - lq;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Every probe, in the order of the performance notes. */
    static final Probe[] PROBES = {
        new Probe("meta", meta(), metaGuide(), UnnamedModels::metaLoop),
        new Probe("lre", lre(), null, UnnamedModels::lreLoop),
        new Probe("tre", tre(), null, UnnamedModels::treLoop),
        new Probe("labels", labels(), null, UnnamedModels::labelsLoop),
        new Probe("gpexp", gpexp(), null, UnnamedModels::gpexpLoop),
        new Probe("spike", spike(), null, UnnamedModels::spikeLoop),
        new Probe("changept", changept(), changeptGuide(), UnnamedModels::changeptLoop),
        new Probe("abtest", abtest(), abtestGuide(), UnnamedModels::abtestLoop),
        new Probe("scoped", scoped(), null, UnnamedModels::scopedLoop),
        new Probe("hetero", hetero(), null, UnnamedModels::heteroLoop),
        new Probe("heterol", heterol(), null, UnnamedModels::heterolLoop),
    };

    static Probe named(String name) {
        for (Probe p : PROBES) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no probe " + name);
    }

    /** Runs the probe's model {@code n} times by importance sampling on one thread, as the workloads are timed. */
    public static double runAriadne(String name, long n, long seed) {
        Probe p = named(name);
        Importance<?> imp = Importance.of(p.model()).samples(n).seed(seed).parallelism(1).keep(0)
                .siteBreakdownRuns(0);
        if (p.guide() != null) {
            imp = imp.guide(p.guide());
        }
        return imp.run().logEvidence().value();
    }

    /** Runs the probe's loop {@code n} times on one thread; its log mean weight. */
    public static double runLoop(String name, long n, long seed) {
        Loop loop = named(name).loop();
        double[] scratch = new double[64];
        LogMeanExp acc = new LogMeanExp();
        Rng r = Rng.forRun(seed, 0);
        for (long i = 0; i < n; i++) {
            r.reset(seed, i);
            acc.add(loop.logWeight(r, scratch));
        }
        return acc.logMean();
    }
}
