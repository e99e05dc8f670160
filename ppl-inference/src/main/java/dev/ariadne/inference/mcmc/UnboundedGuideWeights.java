package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.inference.GuideTails;
import java.util.Optional;

/**
 * The verdict on an independence kernel whose guide's weights p / q grow without bound along a tail: the chain is
 * then not geometrically ergodic, and its mcse can read too small with nothing else to show it (an outside
 * statistician: the posterior N(0.9, 0.408) with the guide N(0.9, 0.31), 4 chains of 5,000 draws, read
 * P(mu > 1.8 | e) = 0.0137 as 0.0054 +- 0.0014 with ESS 2,595 and r_hat 1.0004, under "no problem found"). Found
 * once, by {@link GuideTails#unboundedWeights}, for chains that target the posterior.
 */
final class UnboundedGuideWeights<T> {

    private final Model<T> model;
    private final Kernel kernel;
    private final boolean posterior;
    private final long seed;
    private final long draws;
    private Optional<String> verdict;

    UnboundedGuideWeights(Model<T> model, Kernel kernel, boolean posterior, long seed, long draws) {
        this.model = model;
        this.kernel = kernel;
        this.posterior = posterior;
        this.seed = seed;
        this.draws = draws;
    }

    /** The verdict on the first independence kernel's guide whose weights are unbounded; empty if none. */
    synchronized Optional<String> verdict() {
        if (verdict == null) {
            verdict = Optional.empty();
            // With a random walk in the kernel too, the chain has the walk's spectral gap wherever the walk has one
            // (a cycle's or a mixture's operator norm is at most its parts'): all 40 calls of a logistic regression
            // with singleSite() then a narrow independence guide read "not geometrically ergodic" with their
            // estimates within their mcse (a new user). Where the posterior's tail defeats the walk too,
            // HeavyTailedTarget says so.
            if (posterior && !HeavyTailedTarget.walks(kernel)) {
                for (Guide g : kernel.guides()) {
                    Optional<String> found = GuideTails.unboundedWeights(Execution.of(model).guide(g), seed, draws);
                    if (found.isPresent()) {
                        verdict = Optional.of(found.get() + ": the independence kernel's acceptance ratio is a ratio "
                                + "of those weights, so its chains are not geometrically ergodic (or, with a bound "
                                + "that far out, mix as if they were not), and they visit that tail in rare long "
                                + "stays that r_hat, the ESS and the mcse need not show (tail probabilities and "
                                + "quantiles read off most); give the guide tails at least as wide as the posterior's, "
                                + "or mix the prior back in (Guide.defensive)");
                        break;
                    }
                }
            }
        }
        return verdict;
    }
}
