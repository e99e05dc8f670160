package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.inference.FirstRuns;
import java.util.Optional;

/**
 * The verdict on chains whose model stated no evidence in its first runs from the prior, as importance sampling and
 * SMC give it: the chains then draw from the prior itself, and "no problem found" said nothing of a model that was
 * meant to be conditioned on data and never reached it (a new user).
 */
final class NoEvidence {

    private NoEvidence() {
    }

    /**
     * The verdict, empty where some run from the prior (stream {@code seed}, as many as {@link FirstRuns#visitUntil}
     * reads: a branch that holds the evidence is looked for in up to {@link FirstRuns#CONFIRMING_RUNS}) met evidence.
     */
    static Optional<String> verdict(Model<?> model, long seed) {
        boolean[] evidence = {false};
        int completed = FirstRuns.visitUntil(Execution.of(model).runner(), seed, s -> {
            if (FirstRuns.isEvidence(s)) {
                evidence[0] = true;
            }
        }, () -> evidence[0]);
        if (evidence[0] || completed == 0) {
            return Optional.empty();
        }
        return Optional.of(FirstRuns.noEvidence(completed, "the prior", "the chains draw from the prior itself"));
    }
}
