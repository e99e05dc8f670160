package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Normal;

/**
 * Bayesian linear regression: a, b ~ N(0, 2); 100 points x_i = -2 + 4i/99, y_i = 0.7 x_i - 0.3 + 0.5 sin(7 x_i),
 * y_i ~ N(a x_i + b, 0.5); guide a ~ N(0.7, 0.1), b ~ N(-0.3, 0.1). Exact log evidence -55.1879.
 */
public final class Linreg {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "linreg";
    /** The exact log evidence (closed form). */
    public static final double EXACT_LOG_Z = -55.1879;

    static final int N = 100;
    static final double[] XS = new double[N];
    static final double[] YS = new double[N];

    static {
        for (int i = 0; i < N; i++) {
            XS[i] = -2 + 4.0 * i / (N - 1);
            YS[i] = 0.7 * XS[i] - 0.3 + 0.5 * Math.sin(7 * XS[i]);
        }
    }

    private static final Normal PRIOR = new Normal(0, 2);
    private static final Normal GUIDE_A = new Normal(0.7, 0.1);
    private static final Normal GUIDE_B = new Normal(-0.3, 0.1);
    private static final double NOISE = 0.5;

    private Linreg() {
    }

    /** The model: returns the slope a. */
    public static Model<Double> model() {
        return p -> {
            double a = p.sample("a", PRIOR);
            double b = p.sample("b", PRIOR);
            // As the reference WebPPL program does: the points' scores summed into one final factor.
            double ll = 0;
            for (int i = 0; i < N; i++) {
                ll += new Normal(a * XS[i] + b, NOISE).logDensity(YS[i]);
            }
            p.factor("ll", ll);
            return a;
        };
    }

    /** The guide: a ~ N(0.7, 0.1), b ~ N(-0.3, 0.1). */
    public static Guide guide() {
        return Guide.bySite((site, history) -> {
            String name = site.name();
            return name.equals("a") ? GUIDE_A : name.equals("b") ? GUIDE_B : null;
        });
    }

    private static final double LOG_2 = Math.log(2);
    private static final double LOG_01 = Math.log(0.1);

    private static final double LOG_NOISE = Math.log(NOISE);

    /**
     * The hand-written baseline: the log weight of one run drawn from {@code r}, as a plain loop would compute
     * it, with the noise's log taken once.
     */
    static double logWeight(Rng r) {
        double a = Densities.normalSample(r, 0.7, 0.1);
        double lpA = Densities.normal(a, 0, 1 / 2.0, LOG_2);
        double lqA = Densities.normal(a, 0.7, 1 / 0.1, LOG_01);
        double b = Densities.normalSample(r, -0.3, 0.1);
        double lpB = Densities.normal(b, 0, 1 / 2.0, LOG_2);
        double lqB = Densities.normal(b, -0.3, 1 / 0.1, LOG_01);
        double lp = 0;
        lp += lpA;
        lp += lpB;
        double lq = 0;
        lq += lqA;
        lq += lqB;
        double ll = 0;
        for (int i = 0; i < N; i++) {
            ll += Densities.normal(YS[i], a * XS[i] + b, 1 / NOISE, LOG_NOISE);
        }
        lp += ll;
        return lp - lq;
    }
}
