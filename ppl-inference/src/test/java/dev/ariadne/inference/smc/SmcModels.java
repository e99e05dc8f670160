package dev.ariadne.inference.smc;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;
import java.util.ArrayList;
import java.util.List;

/**
 * The models of the SMC tests, each with its exact answer: the 50-step bench hmm (forward algorithm), the 3-state
 * hmm of the ground-truth table, and a linear-Gaussian state-space model (Kalman filter).
 */
final class SmcModels {

    private SmcModels() {
    }

    // ------------------------------------------------------------------ the bench hmm

    static final int T = 50;
    static final double HMM_LOG_Z = -62.574302916359;
    static final List<Double> HMM_OBS = new ArrayList<>();

    static {
        for (int t = 0; t < T; t++) {
            HMM_OBS.add(Math.sin(t / 3.0) > 0 ? 1.0 : -1.0);
        }
    }

    static final Bernoulli START = new Bernoulli(0.5);
    static final Bernoulli STAY = new Bernoulli(0.9);
    static final Bernoulli LEAVE = new Bernoulli(0.1);
    static final Normal UP = new Normal(1, 1);
    static final Normal DOWN = new Normal(-1, 1);

    /** The bench hmm with its state explicit. */
    static StateSpaceSmc<Boolean, Double> hmm() {
        return Smc.stateSpace((Particle p, Double y) -> {
            boolean s = p.sample("s", START);
            p.observe(s ? UP : DOWN, y);
            return s;
        }, (p, prev, t, y) -> {
            boolean s = p.sample("s", prev ? STAY : LEAVE);
            p.observe(s ? UP : DOWN, y);
            return s;
        }, HMM_OBS);
    }

    /** The bench hmm as an ordinary model with an observation per step; returns s_0. */
    static final Model<Boolean> HMM_MODEL = p -> {
        boolean s0 = p.sample("s", 0, START);
        p.observe("y", 0, s0 ? UP : DOWN, HMM_OBS.get(0));
        boolean s = s0;
        for (int t = 1; t < T; t++) {
            s = p.sample("s", t, s ? STAY : LEAVE);
            p.observe("y", t, s ? UP : DOWN, HMM_OBS.get(t));
        }
        return s0;
    };

    /** The locally optimal proposal p(s_t | s_(t-1), y_t) of the bench hmm. */
    static final StepGuide<Boolean, Double> HMM_OPTIMAL = (site, prior) -> {
        double p1 = ((Bernoulli) prior).p();
        double y = site.observation();
        double up = p1 * Math.exp(UP.logDensity(y));
        double down = (1 - p1) * Math.exp(DOWN.logDensity(y));
        return new Bernoulli(up / (up + down));
    };

    /** Forward algorithm: {P(s_t = 1 | y_0..y_t) for each t}, and log P(y) in the last slot. */
    static double[] hmmForward() {
        double[] out = new double[T + 1];
        double a1 = 0.5 * Math.exp(UP.logDensity(HMM_OBS.get(0)));
        double a0 = 0.5 * Math.exp(DOWN.logDensity(HMM_OBS.get(0)));
        double logZ = Math.log(a0 + a1);
        out[0] = a1 / (a0 + a1);
        for (int t = 1; t < T; t++) {
            double f1 = out[t - 1];
            double f0 = 1 - f1;
            double p1 = f1 * 0.9 + f0 * 0.1;
            double b1 = p1 * Math.exp(UP.logDensity(HMM_OBS.get(t)));
            double b0 = (1 - p1) * Math.exp(DOWN.logDensity(HMM_OBS.get(t)));
            logZ += Math.log(b0 + b1);
            out[t] = b1 / (b0 + b1);
        }
        out[T] = logZ;
        return out;
    }

    // ------------------------------------------------------------------ the 3-state hmm of the ground truth

    static final double[] INITIAL = {0.2, 0.3, 0.5};
    static final double[][] TRANSITIONS = {{0.4, 0.4, 0.2}, {0.2, 0.3, 0.5}, {0.9, 0.05, 0.05}};
    static final double[][] EMISSIONS = {{0.1, 0.2, 0.7}, {0.2, 0.7, 0.1}, {0.7, 0.2, 0.1}};
    static final List<Integer> SYMBOLS = List.of(0, 0, 1, 2);
    static final double SMALL_HMM_LOG_Z = -4.876450833517;

    static StateSpaceSmc<Integer, Integer> smallHmm() {
        return Smc.stateSpace((Particle p, Integer y) -> {
            int s = p.sample("s", Categorical.of(INITIAL));
            p.observe(Categorical.of(EMISSIONS[s]), y);
            return s;
        }, (p, prev, t, y) -> {
            int s = p.sample("s", Categorical.of(TRANSITIONS[prev]));
            p.observe(Categorical.of(EMISSIONS[s]), y);
            return s;
        }, SYMBOLS);
    }

    static final Model<Integer> SMALL_HMM_MODEL = p -> {
        int s = -1;
        for (int t = 0; t < SYMBOLS.size(); t++) {
            s = p.sample("s", t, Categorical.of(t == 0 ? INITIAL : TRANSITIONS[s]));
            p.observe("y", t, Categorical.of(EMISSIONS[s]), SYMBOLS.get(t));
        }
        return s;
    };

    /** The locally optimal proposal of the 3-state hmm: transition times the emission of the coming symbol. */
    static final StepGuide<Integer, Integer> SMALL_HMM_OPTIMAL = (site, prior) -> {
        double[] from = site.step() == 0 ? INITIAL : TRANSITIONS[site.previous()];
        double[] w = new double[3];
        for (int s = 0; s < 3; s++) {
            w[s] = from[s] * EMISSIONS[s][site.observation()];
        }
        return Categorical.of(w);
    };

    /** The same proposal as a guide of the generic form: it reads the previous state from the run's history. */
    static final dev.ariadne.core.Guide SMALL_HMM_LOOKAHEAD = dev.ariadne.core.Guide.integer((site, prior, history) -> {
        int t = site.index();
        double[] from = t == 0 ? INITIAL : TRANSITIONS[history.integer("s", t - 1)];
        double[] w = new double[3];
        for (int s = 0; s < 3; s++) {
            w[s] = from[s] * EMISSIONS[s][SYMBOLS.get(t)];
        }
        return Categorical.of(w);
    });

    /** P(s_3 = k | y) for the 3-state hmm, by the forward algorithm. */
    static double[] smallHmmLastState() {
        double[] a = new double[3];
        for (int s = 0; s < 3; s++) {
            a[s] = INITIAL[s] * EMISSIONS[s][SYMBOLS.get(0)];
        }
        for (int t = 1; t < SYMBOLS.size(); t++) {
            double[] b = new double[3];
            for (int s = 0; s < 3; s++) {
                for (int r = 0; r < 3; r++) {
                    b[s] += a[r] * TRANSITIONS[r][s];
                }
                b[s] *= EMISSIONS[s][SYMBOLS.get(t)];
            }
            a = b;
        }
        double z = a[0] + a[1] + a[2];
        return new double[] {a[0] / z, a[1] / z, a[2] / z};
    }

    // ------------------------------------------------------------------ hier20 (ground truth)

    static final double[] HIER_Y = {2.8, 5.28, 0.66, -1.51, 3.5, 5.14, 0.45, -0.19, 3.78, 2.92, -0.29, 2.27, 4.95,
        0.92, -1.44, 3.44, 5.44, 0.48, -0.8, 3.61};
    static final double HIER_LOG_Z = -48.893339684643;
    static final double HIER_E_TAU = 1.699844749013;

    /** mu ~ N(0, 5); tau ~ HalfNormal(5); theta_j ~ N(mu, tau); y_j ~ N(theta_j, 1 + 0.5 (j mod 4)). Returns {mu, tau}. */
    static final Model<double[]> HIER20 = p -> {
        double mu = p.sample("mu", new Normal(0, 5));
        double tau = p.sample("tau", new dev.ariadne.core.dist.HalfNormal(5));
        for (int j = 0; j < HIER_Y.length; j++) {
            double theta = p.sample("theta", j, new Normal(mu, tau));
            p.observe("y", j, new Normal(theta, 1 + 0.5 * (j % 4)), HIER_Y[j]);
        }
        return new double[] {mu, tau};
    };

    // ------------------------------------------------------------------ linear-Gaussian state space

    /** x_0 ~ N(0, P0), x_t = A x_(t-1) + N(0, Q), y_t ~ N(x_t, R): a slowly moving state under noisy observations. */
    static final double A = 0.99;
    static final double Q = 0.02;
    static final double R = 1.0;
    /** The variance of x_0. */
    static final double P0 = 4.0;

    static StateSpaceSmc<Double, Double> linearGaussian(List<Double> ys) {
        Normal x0 = new Normal(0, Math.sqrt(P0));
        double q = Math.sqrt(Q);
        double r = Math.sqrt(R);
        return Smc.realStateSpace((Particle p, Double y) -> {
            double x = p.sample("x", x0);
            p.observe(new Normal(x, r), y);
            return x;
        }, (p, prev, t, y) -> {
            double x = p.sample("x", new Normal(A * prev, q));
            p.observe(new Normal(x, r), y);
            return x;
        }, ys);
    }

    /** The locally optimal proposal p(x_t | x_(t-1), y_t) of the linear-Gaussian model: exact weights p(y_t | x_(t-1)). */
    static final StepGuide<Double, Double> LINEAR_GAUSSIAN_OPTIMAL = (site, prior) -> {
        Normal n = (Normal) prior;
        double m = n.mean();
        double v = n.sd() * n.sd();
        double y = site.observation();
        double post = 1 / (1 / v + 1 / R);
        return new Normal(post * (m / v + y / R), Math.sqrt(post));
    };

    /** Draws x_0..x_(T-1) and y_0..y_(T-1) from the linear-Gaussian model: {x, y}. */
    static double[][] simulateLinearGaussian(int steps, dev.ariadne.core.Rng rng) {
        double[] x = new double[steps];
        double[] y = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = (t == 0 ? 0 : A * x[t - 1]) + Math.sqrt(t == 0 ? P0 : Q) * rng.standardNormal();
            y[t] = x[t] + Math.sqrt(R) * rng.standardNormal();
        }
        return new double[][] {x, y};
    }

    static List<Double> boxed(double[] ys) {
        List<Double> out = new ArrayList<>();
        for (double y : ys) {
            out.add(y);
        }
        return out;
    }

    /** Kalman filter: {filtered means..., filtered variances..., log P(y)}. */
    static double[] kalman(List<Double> ys) {
        int n = ys.size();
        double[] out = new double[2 * n + 1];
        double m = 0;
        double v = P0;
        double logZ = 0;
        for (int t = 0; t < n; t++) {
            if (t > 0) {
                m = A * m;
                v = A * A * v + Q;
            }
            double s = v + R;
            double y = ys.get(t);
            logZ += -0.5 * Math.log(2 * Math.PI * s) - 0.5 * (y - m) * (y - m) / s;
            double k = v / s;
            m = m + k * (y - m);
            v = (1 - k) * v;
            out[t] = m;
            out[n + t] = v;
        }
        out[2 * n] = logZ;
        return out;
    }
}
