package dev.ariadne.bench;

import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.Normal;

/**
 * A 50-step two-state hidden Markov model: s_0 ~ Bernoulli(0.5), s_t ~ Bernoulli(s_{t-1} ? 0.9 : 0.1),
 * obs_t = (sin(t/3) > 0 ? 1 : -1) ~ N(s_t ? 1 : -1, 1); the prior is the proposal. Exact log evidence -62.5743
 * (forward algorithm); the prior's weights are so heavy-tailed that estimates scatter by nats.
 */
public final class Hmm {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "hmm";
    /** The exact log evidence (forward algorithm). */
    public static final double EXACT_LOG_Z = -62.5743;

    static final int T = 50;
    static final double[] OBS = new double[T];

    static {
        for (int t = 0; t < T; t++) {
            OBS[t] = Math.sin(t / 3.0) > 0 ? 1.0 : -1.0;
        }
    }

    private static final Bernoulli START = new Bernoulli(0.5);
    private static final Bernoulli STAY = new Bernoulli(0.9);
    private static final Bernoulli LEAVE = new Bernoulli(0.1);
    private static final Normal UP = new Normal(1, 1);
    private static final Normal DOWN = new Normal(-1, 1);

    private Hmm() {
    }

    /** The model: returns s_0. */
    public static Model<Boolean> model() {
        return p -> {
            // As the reference WebPPL program does: the emissions' scores summed into one final factor.
            boolean s0 = p.sample("s", 0, START);
            double ll = (s0 ? UP : DOWN).logDensity(OBS[0]);
            boolean s = s0;
            for (int t = 1; t < T; t++) {
                s = p.sample("s", t, s ? STAY : LEAVE);
                ll += (s ? UP : DOWN).logDensity(OBS[t]);
            }
            p.factor("ll", ll);
            return s0;
        };
    }

    private static final double[] P_TRUE = {0.5, 0.9, 0.1};
    private static final double[] LOG_P = {Math.log(0.5), Math.log(0.9), Math.log(0.1)};
    private static final double[] LOG_1MP = {LogMath.log1p(-0.5), LogMath.log1p(-0.9), LogMath.log1p(-0.1)};
    private static final double LOG_1 = Math.log(1);

    /** The hand-written baseline: the log weight of one run drawn from {@code r} (the prior as proposal). */
    static double logWeight(Rng r) {
        double lp = 0;
        double lq = 0;
        double ll = 0;
        boolean s = false;
        for (int t = 0; t < T; t++) {
            int k = t == 0 ? 0 : s ? 1 : 2;
            s = Densities.bernoulliSample(r, P_TRUE[k]);
            double l = Densities.bernoulli(s, LOG_P[k], LOG_1MP[k]);
            lp += l;
            lq += l;
            ll += Densities.normal(OBS[t], s ? 1 : -1, 1 / 1.0, LOG_1);
        }
        lp += ll;
        return lp - lq;
    }
}
