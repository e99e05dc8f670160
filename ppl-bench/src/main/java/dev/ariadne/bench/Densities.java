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

    /**
     * The normal log density, as {@code Normal.logDensity}, given {@code logSd = Math.log(sd)} and
     * {@code invSd = 1 / sd}, which a {@code Normal} computes once when it is made: a baseline computes them where
     * Ariadne's model makes the distribution (once for a constant, at the site for one made per site).
     */
    static double normal(double x, double mean, double invSd, double logSd) {
        double z = (x - mean) * invSd;
        double lp = -0.5 * z * z - logSd - LN_SQRT_2PI;
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /** A normal draw, as {@code Normal.sample}. */
    static double normalSample(Rng r, double mean, double sd) {
        return mean + sd * r.standardNormal();
    }

    /** The Bernoulli log mass, as {@code Bernoulli.logMass}, given log p and log(1 - p) = Math.log1p(-p). */
    static double bernoulli(boolean b, double logP, double log1mP) {
        return b ? logP : log1mP;
    }

    /** A Bernoulli draw, as {@code Bernoulli.sample}. */
    static boolean bernoulliSample(Rng r, double p) {
        return r.nextDouble() < p;
    }
}
