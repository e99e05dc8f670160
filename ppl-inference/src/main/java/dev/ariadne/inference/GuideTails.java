package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import java.util.Optional;

/**
 * What probing a guide's tails says, for samplers other than importance sampling: the same forced runs as the
 * diagnostics' light-tail verdict (each guided real site forced at 4 to 64 proposal sds from its centre, or toward a
 * finite end of its support, in a few of the first runs of {@code seed}), read for weights p / q that grow without
 * bound along a tail. An independence Metropolis-Hastings chain is uniformly ergodic when those weights are bounded
 * (Mengersen and Tweedie 1996) and not even geometrically ergodic when they are not: it then visits that tail in
 * rare long stays, which its r_hat and ESS need not show.
 */
public final class GuideTails {

    private GuideTails() {
    }

    /**
     * The first guided real site (and side) along which the runs' weights p / q grow without bound, as a sentence
     * naming it; empty if none, or if the guide is a whole-run defensive mixture (whose weights the prior's share
     * bounds wherever the likelihood is bounded).
     *
     * @param execution the model under the guide
     * @param seed      whose first runs are forced
     * @param runs      the sampler's draws, which set how many sites are probed (as a call's runs do)
     */
    public static <T> Optional<String> unboundedWeights(Execution<T> execution, long seed, long runs) {
        return LightGuideTails.verdict(execution, seed, runs).unboundedWeights();
    }

    /**
     * log p(x, e) of run {@code run} of {@code seed} under {@code execution} with the site at {@code site} forced to
     * {@code value} (its other choices drawn as in that run, after it given the forced value); {@code -inf} where the
     * forced run fails or throws. For a sampler that reads the shape of the target along one choice, as MCMC's check
     * of a tail a random walk cannot cross.
     */
    public static <T> double logJointWith(Execution<T> execution, long seed, int run,
                                          dev.ariadne.core.Address site, double value,
                                          dev.ariadne.core.dist.Support support) {
        return LightGuideTails.forcedLogWeight(execution, seed, run, site, LightGuideTails.pointAt(value, support), 0);
    }

    /**
     * The points at which a site drawn from proposal {@code q} is forced along one side ({@code side} 1 or -1), and
     * their distances from its centre, as {@code {points, distances}}: 4, 8, 16, 32 and 64 proposal sds from its mean
     * (scale units, from 0, for a proposal without them); for a sampler that forces its own sites, as state-space SMC
     * forces a step guide's latents.
     */
    public static double[][] tailPoints(dev.ariadne.core.dist.RealDist q, int side) {
        return LightGuideTails.tailPoints(q, side);
    }

    /**
     * Whether weights with log q = {@code logQ[k]} and log W = {@code logW[k]} at {@code distances[k]} from the
     * proposal's centre have infinite variance along that tail, as the light-tail verdict reads them: q W^2 x
     * distance rises at every doubling of the distance, or levels off, not only past a trough that neither runs nor
     * the target reach ({@code -inf} entries cannot be scored, and a tail with one is not called infinite).
     */
    public static boolean varianceDiverges(double[] distances, double[] logQ, double[] logW) {
        return LightGuideTails.varianceRisesThrough(distances, logQ, logW) == 1;
    }
}
