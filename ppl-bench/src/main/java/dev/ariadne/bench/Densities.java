package dev.ariadne.bench;

import dev.ariadne.core.Rng;

/**
 * The static log-density functions and samplers of the hand-written baselines: the same arithmetic, in the same
 * order, as {@link dev.ariadne.core.dist.Normal} and {@link dev.ariadne.core.dist.Bernoulli}, drawing from the same
 * {@link Rng} methods, so a baseline computes bit for bit the log weights that Ariadne computes.
 */
final class Densities {

    /** log sqrt(2 pi), as in the distribution package. */
    static final double LN_SQRT_2PI = 0.91893853320467274178032973640562;

    private Densities() {
    }

    /** The normal log density, as {@code Normal.logDensity}. */
    static double normal(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        double lp = -0.5 * z * z - Math.log(sd) - LN_SQRT_2PI;
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /** A normal draw, as {@code Normal.sample}. */
    static double normalSample(Rng r, double mean, double sd) {
        return mean + sd * r.standardNormal();
    }

    /** The Bernoulli log mass, as {@code Bernoulli.logMass}. */
    static double bernoulli(boolean b, double p) {
        return b ? Math.log(p) : Math.log1p(-p);
    }

    /** A Bernoulli draw, as {@code Bernoulli.sample}. */
    static boolean bernoulliSample(Rng r, double p) {
        return r.nextDouble() < p;
    }
}
