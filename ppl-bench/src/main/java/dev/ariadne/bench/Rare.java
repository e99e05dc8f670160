package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Normal;

/**
 * A rare event: z_1..z_10 ~ N(0, 1) with the hard evidence sum z > 25 (P = 1.3322e-15); guide z_i ~ N(2.5, 1).
 * Exact log evidence -34.2519.
 */
public final class Rare {

    /** The workload's name in the benchmark lines. */
    public static final String NAME = "rare";
    /** The exact log evidence (closed form). */
    public static final double EXACT_LOG_Z = -34.2519;

    static final int K = 10;
    static final double THRESHOLD = 25;
    private static final Normal PRIOR = Normal.STANDARD;
    private static final Normal PROPOSAL = new Normal(2.5, 1);

    private Rare() {
    }

    /** The model: returns the sum. */
    public static Model<Double> model() {
        return p -> {
            double s = 0;
            for (int i = 0; i < K; i++) {
                s += p.sample("z", i, PRIOR);
            }
            p.condition("sum", s > THRESHOLD);
            return s;
        };
    }

    /** The guide: every z_i ~ N(2.5, 1). */
    public static Guide guide() {
        return Guide.bySite((site, history) -> PROPOSAL);
    }

    private static final double LOG_1 = Math.log(1);

    /** The hand-written baseline: the log weight of one run drawn from {@code r}. */
    static double logWeight(Rng r) {
        double lp = 0;
        double lq = 0;
        double s = 0;
        for (int i = 0; i < K; i++) {
            double z = Densities.normalSample(r, 2.5, 1);
            lp += Densities.normal(z, 0, 1 / 1.0, LOG_1);
            lq += Densities.normal(z, 2.5, 1 / 1.0, LOG_1);
            s += z;
        }
        return s > THRESHOLD ? lp - lq : Double.NEGATIVE_INFINITY;
    }
}
