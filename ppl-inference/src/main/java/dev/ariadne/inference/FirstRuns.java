package dev.ariadne.inference;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Runner;
import dev.ariadne.core.TraceSite;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A call's first runs made again with their traces, for the checks that read which sites the runs make and what
 * they drew from: a guide pattern or a name that matches no choice (MCMC's settings, SMC's guide), runs that meet no
 * evidence, a distribution of the user's own. A run that throws is skipped: the call made it itself, and reported
 * what it threw.
 */
public final class FirstRuns {

    private FirstRuns() {
    }

    /**
     * Makes runs 0 to {@code runs - 1} of {@code seed} with {@code runner} and passes each site of each run that
     * completes to {@code visit}, in order.
     *
     * @return how many of the runs completed
     */
    public static int visit(Runner<?> runner, long seed, int runs, Consumer<TraceSite> visit) {
        return visit(runner, seed, 0, runs, visit);
    }

    /**
     * Makes runs {@code from} to {@code to - 1} of {@code seed} with {@code runner} and passes each site of each run
     * that completes to {@code visit}, in order.
     *
     * @return how many of the runs completed
     */
    public static int visit(Runner<?> runner, long seed, int from, int to, Consumer<TraceSite> visit) {
        int completed = 0;
        for (int i = from; i < to; i++) {
            try {
                runner.run(seed, i);
            } catch (RuntimeException e) {
                continue;
            }
            completed++;
            runner.trace().sites().forEach(visit);
        }
        return completed;
    }

    /**
     * The runs {@link #visitUntil} reads first: a site reached in one run of 20 goes unseen in a third of calls of 20
     * runs; 100 runs of the model are half a percent of SMC's default call of 20 sweeps of 1,000 particles.
     */
    public static final int RUNS = 100;
    /**
     * The most runs {@link #visitUntil} reads, doubling from {@link #RUNS}, before what it looks for is called absent:
     * at 100 runs, a branch of probability 0.023 that holds the evidence went unseen in 13 calls of 100, which were
     * told that P(e) reads 1, their sweeps having met it (an outside statistician).
     */
    public static final int CONFIRMING_RUNS = 3_200;

    /**
     * Visits the sites of runs 0 to {@link #RUNS} - 1 of {@code seed} with {@code runner}, then, while {@code found}
     * does not hold and some run completed, of twice as many runs in all, up to {@link #CONFIRMING_RUNS}.
     *
     * @return how many of the runs completed
     */
    public static int visitUntil(Runner<?> runner, long seed, Consumer<TraceSite> visit, BooleanSupplier found) {
        int completed = 0;
        for (int read = 0, batch = RUNS; ; read += batch, batch = read) {
            completed += visit(runner, seed, read, read + batch, visit);
            if (completed == 0 || found.getAsBoolean() || read + batch >= CONFIRMING_RUNS) {
                return completed;
            }
        }
    }

    /**
     * Whether a run's site states evidence: an observation, a factor or a condition, but not an {@code observeAll} of
     * no values, which weighs nothing (a data array that loaded no rows left a model at its prior with no verdict; an
     * adversarial tester).
     */
    public static boolean isEvidence(TraceSite s) {
        return s.kind() != dev.ariadne.core.SiteKind.LATENT
                && !(s.kind() == dev.ariadne.core.SiteKind.OBSERVED && Runner.isEmptyArray(s.value()));
    }

    /**
     * The verdict on {@code completed} runs from {@code from} ("the start", "the prior") of which none met any
     * evidence, saying what follows for the call ({@code meaning}).
     */
    public static String noEvidence(int completed, String from, String meaning) {
        return String.format(Locale.ROOT, "none of %,d runs from %s met any evidence, no observe, factor or condition "
                + "(an observeAll of no values is none): "
                + "%s; if the model should be conditioned on data, these runs never reached it", completed, from,
                meaning);
    }

    /** {@code " (choices seen: ...; did you mean x?)"} for a name {@code text} among the printed choices {@code shown}. */
    public static String seen(String text, Collection<String> shown) {
        return " (choices seen: " + ShortList.of(List.copyOf(shown)) + AddressPattern.nearestName(text, shown)
                .map(n -> "; did you mean " + n + "?").orElse("") + ")";
    }
}
