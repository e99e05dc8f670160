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
}
