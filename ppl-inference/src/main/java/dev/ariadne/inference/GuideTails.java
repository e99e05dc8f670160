package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * What probing a guide's tails says, for samplers other than importance sampling: the same forced runs as the
 * diagnostics' light-tail verdict (each guided real site forced at 4 to 64 proposal sds from its centre, or toward a
 * finite end of its support, in a few of the first runs of {@code seed}, and in the first runs that make a site the
 * earlier ones did not, {@link #firstRunsOfNewSites}), read for the weights' variance, or for weights p / q that grow
 * without bound along a tail. An independence Metropolis-Hastings chain is uniformly ergodic when those weights are
 * bounded (Mengersen and Tweedie 1996) and not even geometrically ergodic when they are not: it then visits that tail
 * in rare long stays, which its r_hat and ESS need not show.
 */
public final class GuideTails {

    /** At most how many runs {@link #firstRunsOfNewSites} returns. */
    private static final int NEW_SITE_RUNS = 4;
    /**
     * The most site visits {@link #firstRunsOfNewSites} makes: 50 runs of a model of 10^4 sites. At 2 x 10^6, SMC's
     * diagnostics of such a model took 2 to 3 times as long as before the scan (a hunt); the forced runs of the probes
     * themselves cost what importance sampling's do.
     */
    private static final long NEW_SITE_VISITS = 500_000;

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
        return LightGuideTails.verdict(execution, seed, runs, firstRunsOfNewSites(execution, seed)).unboundedWeights();
    }

    /**
     * The first guided real or vector site whose proposal's tail is too light for the weights p(x, e) / q(x) to have
     * a finite variance, as a sentence naming it (importance sampling's light-tail verdict); empty if none. For
     * samplers that draw from the guide as importance sampling does, as SMC's particles do: their weights then have
     * infinite variance too, and standard errors and self-normalised estimates read too small.
     *
     * @param execution the model under the guide
     * @param seed      whose first runs are forced
     * @param runs      the sampler's runs (particles times sweeps), which set how many sites are probed
     */
    public static <T> Optional<String> tooLight(Execution<T> execution, long seed, long runs) {
        return LightGuideTails.verdict(execution, seed, runs, firstRunsOfNewSites(execution, seed)).verdict();
    }

    /**
     * Of the first {@link FirstRuns#CONFIRMING_RUNS} runs of {@code seed}, up to {@link #NEW_SITE_RUNS} of those
     * after the probes' first runs that made a latent site no earlier run made, in order: the runs to probe as well
     * where a site exists only in a branch the guide seldom takes. Importance sampling adds the first runs where each
     * hypothesis held and failed; a sampler without them read a guide too narrow at such a site (w, made only where z
     * holds, z proposed one run in 50) silently, P(z | e) 8 standard errors off under SMC (an outside statistician).
     * Stops after {@link #NEW_SITE_VISITS} site visits, so long runs are read for fewer runs.
     */
    private static <T> long[] firstRunsOfNewSites(Execution<T> execution, long seed) {
        Runner<T> runner = execution.runner();
        Set<Address> made = new HashSet<>();
        LongStream.Builder found = LongStream.builder();
        int count = 0;
        long visits = 0;
        for (int i = 0; i < FirstRuns.CONFIRMING_RUNS && count < NEW_SITE_RUNS && visits < NEW_SITE_VISITS; i++) {
            try {
                runner.run(seed, i);
            } catch (RuntimeException e) {
                continue;
            }
            boolean makesNew = false;
            int n = runner.siteCount();
            visits += n;
            for (int j = 0; j < n; j++) {
                makesNew |= runner.siteKind(j) == SiteKind.LATENT && made.add(runner.siteAddress(j));
            }
            if (makesNew && i >= LightGuideTails.PROBE_RUNS) {
                found.add(i);
                count++;
            }
        }
        return found.build().toArray();
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
