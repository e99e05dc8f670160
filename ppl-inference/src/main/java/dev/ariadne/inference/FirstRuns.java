package dev.ariadne.inference;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Runner;
import dev.ariadne.core.TraceSite;
import java.util.Collection;
import java.util.List;
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

    /** {@code " (choices seen: ...; did you mean x?)"} for a name {@code text} among the printed choices {@code shown}. */
    public static String seen(String text, Collection<String> shown) {
        return " (choices seen: " + ShortList.of(List.copyOf(shown)) + AddressPattern.nearestName(text, shown)
                .map(n -> "; did you mean " + n + "?").orElse("") + ")";
    }
}
