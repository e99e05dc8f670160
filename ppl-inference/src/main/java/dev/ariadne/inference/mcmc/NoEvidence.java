package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.SiteKind;
import dev.ariadne.inference.FirstRuns;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict on chains whose model stated no evidence in its first runs from the prior, as importance sampling and
 * SMC give it: the chains then draw from the prior itself, and "no problem found" said nothing of a model that was
 * meant to be conditioned on data and never reached it (a new user).
 */
final class NoEvidence {

    /** The runs from the prior looked at. */
    static final int RUNS = 200;

    private NoEvidence() {
    }

    /** The verdict, empty where some run of the first {@link #RUNS} (stream {@code seed}) met evidence. */
    static Optional<String> verdict(Model<?> model, long seed) {
        boolean[] evidence = {false};
        int completed = FirstRuns.visit(Execution.of(model).runner(), seed, RUNS, s -> {
            if (s.kind() != SiteKind.LATENT) {
                evidence[0] = true;
            }
        });
        if (evidence[0] || completed == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "none of %,d runs from the prior met any evidence, no observe, "
                + "factor or condition: the chains draw from the prior itself; if the model should be conditioned on "
                + "data, these runs never reached it", completed));
    }
}
