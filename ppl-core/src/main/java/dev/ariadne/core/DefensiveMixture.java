package dev.ariadne.core;

import dev.ariadne.core.dist.LogMath;

/**
 * The whole-run defensive mixture q(x) = alpha prior(x) + (1 - alpha) guide(x) as the engine applies it: a coin
 * with probability alpha, flipped once when a run starts, decides whether every latent site of the run draws from
 * its prior; either way the run's log q is the log of the mixture density of the whole run, from the sums of the
 * latent sites' log prior and log proposal. Its importance weights are therefore at most sup p(e | x) / alpha.
 *
 * <p>The mixture is found by asking the guide and the handlers for their {@link Guide#wholeRunPriorShare() prior
 * share}, never by the type of a guide.
 */
final class DefensiveMixture {

    final double alpha;
    private final double logAlpha;
    private final double logGuideShare;

    private DefensiveMixture(double alpha) {
        this.alpha = alpha;
        this.logAlpha = Math.log(alpha);
        this.logGuideShare = alpha == 1 ? Double.NEGATIVE_INFINITY : Math.log1p(-alpha);
    }

    /**
     * The mixture that the guide or one of the handlers asks for, or null if none does.
     *
     * @throws IllegalArgumentException if more than one asks for one
     */
    static DefensiveMixture of(Guide guide, Handler[] handlers) {
        double alpha = guide == null ? 0 : guide.wholeRunPriorShare();
        for (Handler h : handlers) {
            double share = h.wholeRunPriorShare();
            if (share > 0) {
                if (alpha > 0) {
                    throw new IllegalArgumentException("only one whole-run defensive mixture may guide a run");
                }
                alpha = share;
            }
        }
        return alpha > 0 ? new DefensiveMixture(alpha) : null;
    }

    /** Flips the run's coin: whether the whole run follows the prior. */
    boolean followsPrior(Rng rng) {
        return rng.nextDouble() < alpha;
    }

    /** The run's log q under the mixture, from the sums of its latent sites' log prior and log proposal. */
    double logQ(double logPrior, double logProposal) {
        return LogMath.logAddExp(logAlpha + logPrior, logGuideShare + logProposal);
    }
}
