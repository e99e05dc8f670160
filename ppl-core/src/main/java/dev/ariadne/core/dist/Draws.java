package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The allocation-free sampling kernels behind the built-in distributions, for distribution authors who need a
 * gamma, beta or Poisson draw inside their own sampler (an inverse gamma, a chi-square, a beta-binomial, a
 * zero-inflated count). Each draws from the run's {@link Rng} exactly as the built-in distribution does: for the
 * same stream, {@code Draws.beta(rng, a, b)} is {@code new Beta(a, b).sample(rng)}. The {@link Rng} itself has
 * the standard normal, exponential and uniform draws.
 */
public final class Draws {

    private Draws() {
    }

    /**
     * A draw from Gamma(shape, rate 1) (Marsaglia and Tsang 2000, with {@code Gamma(a) = Gamma(a + 1) U^(1/a)} for
     * shape < 1); 0 where the draw underflows, as half the draws of a shape of 1e-3 do. Divide by a rate for
     * Gamma(shape, rate), or use {@link #logStandardGamma} where underflow matters.
     *
     * @param shape finite and > 0
     */
    public static double standardGamma(Rng rng, double shape) {
        return Numerics.standardGamma(rng, Check.positive("Draws.standardGamma", "shape", shape));
    }

    /**
     * The log of a draw from Gamma(shape, rate 1), computed in log space for shape < 1, so that it stays finite
     * (for shape >= 1e-300) where the draw itself underflows: normalising several of these in log space gives a
     * Dirichlet draw, as {@link Dirichlet} does.
     *
     * @param shape finite and > 0
     */
    public static double logStandardGamma(Rng rng, double shape) {
        return Numerics.logStandardGamma(rng, Check.positive("Draws.logStandardGamma", "shape", shape));
    }

    /**
     * A draw from Beta(alpha, beta) (a ratio of gammas where both shapes exceed 1, else Cheng's algorithms), never
     * exactly 0 or 1 (see {@link Beta#sample}). To draw again and again from fixed shapes, draw from one {@link Beta}
     * instead: the same draws, and it takes the constants of its gamma draws (a square root and a division for each
     * shape) once instead of at each draw.
     *
     * @param alpha finite and >= {@value Beta#MIN_SHAPE}
     * @param beta  finite and >= {@value Beta#MIN_SHAPE}
     */
    public static double beta(Rng rng, double alpha, double beta) {
        Check.atLeast("Draws.beta", "alpha", Check.positive("Draws.beta", "alpha", alpha), Beta.MIN_SHAPE);
        Check.atLeast("Draws.beta", "beta", Check.positive("Draws.beta", "beta", beta), Beta.MIN_SHAPE);
        return BetaSampler.sample(rng, alpha, beta, 0, 0);
    }

    /**
     * A draw from Poisson(mean): inversion below a mean of 30 (allocation-free), Commons RNG's large-mean sampler
     * above.
     *
     * @param mean finite, >= 0 and at most {@value Poisson#MAX_RATE}
     */
    public static int poisson(Rng rng, double mean) {
        if (!(mean >= 0 && mean <= Poisson.MAX_RATE)) {
            throw new ParameterException("Draws.poisson", "mean", mean, "finite, >= 0 and <= " + Poisson.MAX_RATE);
        }
        return Numerics.poisson(rng, mean, null);
    }
}
