package dev.ariadne.bench;

import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.smc.Particle;
import dev.ariadne.inference.smc.Smc;
import dev.ariadne.inference.smc.SmcResult;
import dev.ariadne.inference.smc.StateSpaceSmc;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench hmm as a particle filter, as the reference WebPPL program {@code hmm-smc.wppl} runs it: a factor at
 * every step, 10,000 particles, resampling after every observation. Three implementations of the same work:
 * Ariadne's state-space form ({@link Smc#stateSpace}), Ariadne's generic form over the model ({@link Smc#of}), and
 * a hand-written bootstrap filter that draws the same stream as the state-space form and computes its evidence
 * estimate bit for bit.
 */
public final class HmmSmc {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "hmm-smc";
    /** The particles per sweep, as in the WebPPL program. */
    public static final int PARTICLES = 10_000;

    private static final int T = Hmm.T;
    private static final double[] OBS = Hmm.OBS;
    private static final List<Double> OBSERVATIONS = new ArrayList<>();

    static {
        for (double y : OBS) {
            OBSERVATIONS.add(y);
        }
    }

    private static final Bernoulli START = new Bernoulli(0.5);
    private static final Bernoulli STAY = new Bernoulli(0.9);
    private static final Bernoulli LEAVE = new Bernoulli(0.1);
    private static final Normal UP = new Normal(1, 1);
    private static final Normal DOWN = new Normal(-1, 1);

    private HmmSmc() {
    }

    /** The 50 observations y_t = (sin(t/3) > 0 ? 1 : -1). */
    public static List<Double> observations() {
        return List.copyOf(OBSERVATIONS);
    }

    /** The state-space form as it is measured: 10,000 particles or as given, resampled after every observation. */
    public static StateSpaceSmc<Boolean, Double> stateSpace(int particles) {
        return filter().particles(particles).resampleEveryStep();
    }

    /**
     * The state-space form with the defaults (resampling when the ESS falls below N/2): a boolean state that stays
     * with probability 0.9, a Gaussian observation N(+-1, 1) per step.
     */
    public static StateSpaceSmc<Boolean, Double> filter() {
        return Smc.stateSpace((Particle p, Double y) -> {
            boolean s = p.sample("s", START);
            p.observe(s ? UP : DOWN, y);
            return s;
        }, (p, prev, t, y) -> {
            boolean s = p.sample("s", prev ? STAY : LEAVE);
            p.observe(s ? UP : DOWN, y);
            return s;
        }, OBSERVATIONS);
    }

    /** The same hmm as an ordinary model with a factor per step, as the WebPPL program writes it; returns s_0. */
    public static Model<Boolean> model() {
        return p -> {
            boolean s0 = p.sample("s", 0, START);
            p.factor("y", 0, (s0 ? UP : DOWN).logDensity(OBS[0]));
            boolean s = s0;
            for (int t = 1; t < T; t++) {
                s = p.sample("s", t, s ? STAY : LEAVE);
                p.factor("y", t, (s ? UP : DOWN).logDensity(OBS[t]));
            }
            return s0;
        };
    }

    /** Runs {@code sweeps} sweeps of the state-space form and returns the log of their mean Z-hat. */
    static double runStateSpace(int particles, int sweeps, long seed) {
        SmcResult<Boolean> r = stateSpace(particles).sweeps(sweeps).seed(seed).run();
        return r.logEvidence().value();
    }

    /** Runs {@code sweeps} sweeps of the generic form and returns the log of their mean Z-hat. */
    static double runGeneric(int particles, int sweeps, long seed) {
        SmcResult<Boolean> r = Smc.of(model()).particles(particles).sweeps(sweeps).seed(seed).resampleEveryStep().run();
        return r.logEvidence().value();
    }

    private static final double LOG_1 = Math.log(1);

    /**
     * The hand-written bootstrap filter: sweep k draws from {@code Rng.forRun(seed, k)}, at each step first the
     * systematic resampling's uniform, then each particle's transition in index order, exactly as Ariadne's
     * state-space form does, so its Z-hat equals Ariadne's bit for bit. Returns each sweep's log Z-hat.
     */
    static double[] handWritten(int n, int sweeps, long seed) {
        boolean[] s = new boolean[n];
        boolean[] next = new boolean[n];
        double[] logW = new double[n];
        double[] w = new double[n];
        int[] a = new int[n];
        double[] out = new double[sweeps];
        Rng r = Rng.forRun(seed, 0);
        double logN = Math.log(n);
        for (int k = 0; k < sweeps; k++) {
            r.reset(seed, k);
            double logZ = 0;
            double total = 0;
            for (int t = 0; t < T; t++) {
                if (t > 0) {
                    systematic(w, total, n, r.nextDouble(), a);
                }
                double y = OBS[t];
                for (int i = 0; i < n; i++) {
                    boolean x = t == 0 ? Densities.bernoulliSample(r, 0.5)
                            : Densities.bernoulliSample(r, s[a[i]] ? 0.9 : 0.1);
                    next[i] = x;
                    logW[i] = 0 + (0 + Densities.normal(y, x ? 1 : -1, 1 / 1.0, LOG_1));
                }
                boolean[] tmp = s;
                s = next;
                next = tmp;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, logW[i]);
                }
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double x = Math.exp(logW[i] - max);
                    w[i] = x;
                    sum += x;
                }
                double logSum = max + Math.log(sum);
                logZ += logSum - logN;
                total = sum;
            }
            out[k] = logZ;
        }
        return out;
    }

    /** Systematic resampling, written out as a hand-written filter would: one uniform, N evenly spaced points. */
    private static void systematic(double[] w, double total, int n, double u, int[] out) {
        double step = total / n;
        int j = 0;
        double cum = w[0];
        for (int k = 0; k < n; k++) {
            double pos = (u + k) * step;
            while (cum <= pos && j < n - 1) {
                cum += w[++j];
            }
            out[k] = j;
        }
    }

    /** The log of the mean of the sweeps' Z-hat, as Ariadne reports it. */
    static double logMeanExp(double[] logZ) {
        LogMeanExp acc = new LogMeanExp();
        for (double l : logZ) {
            acc.add(l);
        }
        return acc.logMean();
    }
}
