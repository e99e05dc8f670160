package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;

/**
 * The two models the tests of MCMC's replays share: one whose steps never change its structure, and one whose steps
 * do. {@code ReplayPathsTest} steps chains through both of the replay's paths on them, and annealed SMC's
 * {@code AnnealedMovesTest} pins its sweeps' bits on them and checks the first against the Kalman filter.
 */
public final class ReplayModels {

    /** The number of steps of {@link #KALMAN}. */
    public static final int STEPS = 12;

    /**
     * A linear-Gaussian state space, {@value #STEPS} latent reals each with a prior depending on the one before:
     * x_0 ~ N(0, 1), x_t ~ N(0.9 x_(t-1), 1), y_t ~ N(x_t, 1), y_t = sin t.
     */
    public static final Model<Double> KALMAN = p -> {
        double x = 0;
        for (int t = 0; t < STEPS; t++) {
            x = p.sample("x", t, new Normal(t == 0 ? 0 : 0.9 * x, 1));
            p.observe("y", t, new Normal(x, 1), Math.sin(t));
        }
        return x;
    };

    /** A boolean decides whether a real exists, a Poisson count how many more (at most 4), then a Gamma scale. */
    public static final Model<Double> SWITCHING = p -> {
        boolean two = p.sample("two", new Bernoulli(0.5));
        double a = p.sample("a", new Normal(0, 1));
        double b = two ? p.sample("b", new Normal(a, 1)) : a;
        int k = p.sample("k", new Poisson(2));
        double s = 0;
        for (int i = 0; i < Math.min(k, 4); i++) {
            s += p.sample("z", i, new Normal(0, 1));
        }
        double sd = p.sample("sd", new Gamma(2, 2));
        p.observe("y", 0, new Normal(b + 0.1 * s, sd), 1.3);
        p.observe("y", 1, new Normal(b, sd), 0.7);
        return b;
    };

    private ReplayModels() {
    }
}
