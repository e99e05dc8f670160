package dev.ariadne.bench;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Draws;
import dev.ariadne.core.dist.LogMath;

/**
 * The static log-density functions and samplers of the hand-written baselines: the same arithmetic, in the same
 * order, as the distributions of {@code dev.ariadne.core.dist}, drawing from the same {@link Rng} methods and the
 * same kernels ({@link Draws}), so a baseline computes bit for bit the log weights that Ariadne computes. Each takes
 * the constants a distribution computes when it is made, which a baseline computes once where they are constant.
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

    /** The Bernoulli log mass, as {@code Bernoulli.logMass}, given log p and log(1 - p) = LogMath.log1p(-p). */
    static double bernoulli(boolean b, double logP, double log1mP) {
        return b ? logP : log1mP;
    }

    /** A Bernoulli draw, as {@code Bernoulli.sample}. */
    static boolean bernoulliSample(Rng r, double p) {
        return r.nextDouble() < p;
    }

    /**
     * The log mass of {@code y} under {@code Bernoulli.ofLogit(eta)}, as it computes it: with {@code e =
     * exp(-|eta|)} and {@code t = log(1 + e)}, {@code log p} is {@code -t} or {@code eta - t} and
     * {@code log(1 - p)} is {@code -eta - t} or {@code -t}, by the sign of eta.
     */
    static double bernoulliLogit(boolean y, double eta) {
        double t = LogMath.log1p(Math.exp(-Math.abs(eta)));
        if (eta >= 0) {
            return y ? -t : -eta - t;
        }
        return y ? eta - t : -t;
    }

    /** A draw that underflowed to 0 put at the smallest positive double, as the distributions put it. */
    static double positive(double x) {
        return x == 0 ? Double.MIN_VALUE : x;
    }

    /**
     * A Dirichlet's log normaliser {@code log Gamma(sum alpha) - sum log Gamma(alpha_i)}, summed in the order
     * {@code Dirichlet} sums it.
     */
    static double dirichletLogNormaliser(double[] alpha) {
        double sum = 0;
        double logGammas = 0;
        for (double a : alpha) {
            sum += a;
            logGammas += LogMath.logGamma(a);
        }
        return LogMath.logGamma(sum) - logGammas;
    }

    /**
     * The gamma log density, as {@code Gamma.logDensity}, given its constants {@code shapeLogRate =
     * shape * log(rate)} and {@code logGammaShape} (x > 0 finite).
     */
    static double gamma(double x, double logX, double shape, double rate, double shapeLogRate,
                        double logGammaShape) {
        double lp = shapeLogRate - rate * x - logGammaShape;
        if (shape != 1) {
            lp += (shape - 1) * logX;
        }
        return lp;
    }

    /** A gamma draw, as {@code Gamma.sample}: for shape < 1 in log space, with {@code logRate = log(rate)}. */
    static double gammaSample(Rng r, double shape, double rate, double logRate) {
        if (shape >= 1) {
            return positive(Draws.standardGamma(r, shape) / rate);
        }
        return positive(Math.exp(Draws.logStandardGamma(r, shape) - logRate));
    }

    /**
     * The beta log density, as {@code Beta.logDensity}, given {@code logBeta = log B(alpha, beta)} and the point's
     * two logs, {@code log x} and {@code log1p(-x)} (0 < x < 1).
     */
    static double beta(double logX, double log1mX, double alpha, double beta, double logBeta) {
        double lp = -logBeta;
        if (alpha != 1) {
            lp += (alpha - 1) * logX;
        }
        if (beta != 1) {
            lp += (beta - 1) * log1mX;
        }
        return lp;
    }
}
