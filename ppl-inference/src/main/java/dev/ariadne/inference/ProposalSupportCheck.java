package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.dist.Support;

/**
 * Importance sampling's refusal of a proposal whose support leaves out values its prior allows (a {@code Uniform(0,
 * 0.5)} for a {@code Uniform(0, 1)}, a {@code DiscreteUniform(0, 2)} for a {@code Poisson}), made before the call's
 * runs: its weights would be unbiased only if the evidence ruled out every value the proposal never draws, which
 * cannot be checked, and its estimates would leave out that mass with a standard error that shows nothing (a new
 * user: log Z-hat -2.08 +- 0.002 against log 0.5, E[u | e] 0.333 +- 0.0004 against 2/3). A runner that keeps traces,
 * SMC, MCMC and {@code Importance.check} refuse such a proposal; the call's own runs take the direct path, which never
 * holds the prior and cannot tell. So the call's first {@value #RUNS} runs are made first on the general path, which
 * holds each site's prior; a site those runs do not reach is named by the diagnostics, whose runs are made the same
 * way.
 */
final class ProposalSupportCheck {

    /** The runs made on the general path before the call's runs: cheap beside any call, and most sites are in them. */
    static final int RUNS = 8;

    private ProposalSupportCheck() {
    }

    /**
     * Throws the general path's error for the first proposal among the first {@value #RUNS} runs of {@code seed} that
     * does not cover its prior's support; any other error of those runs is left to the call's runs, which report it
     * with its run.
     *
     * @throws ModelException naming the site, the proposal and the prior's support
     */
    static void refuseNarrowProposals(Execution<?> execution, long seed, long runs) {
        if (execution == null || execution.guide() == null) {
            return;
        }
        for (long i = 0; i < Math.min(RUNS, runs); i++) {
            try {
                execution.run(seed, i);
            } catch (ModelException e) {
                if (e.reason().contains(Support.SAME_SUPPORT_RULE)) {
                    throw e;
                }
                return;
            }
        }
    }
}
