package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a call's runs are what their seed and index make them: each of the first few runs is made twice, and two
 * makings that weigh differently (or end differently) show that something in the run draws from a stream other than
 * the run's, which no seed reproduces, no trace holds and no guide or kernel can steer: a {@code java.util.Random}
 * held by a distribution of the user's own or in a static field, {@code Math.random()}, {@code ThreadLocalRandom}. A
 * random stream a lambda captures is refused when the call starts; one held deeper went through, and one seed read
 * two answers with nothing said (an adversarial tester).
 *
 * <p>Log weights are compared to a relative 1e-9, not bit for bit: a model that sums in a parallel stream may round
 * differently from one making to the next, and draws from another stream move a weight far more than that.
 */
final class ReproducibleRuns {

    /**
     * What a Prob used after its run ended says: a model that kept its Prob and used it in later runs was refused only
     * where a later run happened to be on another Prob (a shard's first), and scored the run at hand silently before
     * that (an adversarial tester: an extra observation in every run but the first, no verdict, at 5,000 runs).
     */
    static final String KEPT_PROB = "this Prob belongs to a run that has ended";

    /** The runs made twice. */
    static final int RUNS = 10;
    /** The relative difference of two makings' log weights past which they differ. */
    static final double TOLERANCE = 1e-9;

    private ReproducibleRuns() {
    }

    /** The verdict on the first of runs 0 to {@link #RUNS} - 1 of {@code seed} that two makings do not agree on. */
    static Optional<String> verdict(Execution<?> execution, long seed) {
        Runner<?> runner = execution.runner();
        for (int i = 0; i < RUNS; i++) {
            Outcome first = Outcome.of(runner, seed, i);
            if (first.thrown != null && first.thrown.contains(KEPT_PROB)) {
                return Optional.of(String.format(Locale.ROOT, "run %d of seed %d, made again here, used a Prob kept "
                        + "from an earlier run (%s): the model or its guide keeps its Prob, or something made with it, "
                        + "between runs, and in the call's own runs, on the thread that made that earlier run, it "
                        + "scored whichever run was at hand, so what the call weighed is the model its code states "
                        + "only where that Prob did what the run's own would have; use only the Prob each run is "
                        + "handed", i, seed, first.thrown));
            }
            Outcome again = Outcome.of(runner, seed, i);
            if (!first.agrees(again)) {
                return Optional.of(String.format(Locale.ROOT, "run %d of seed %d, made twice, %s then %s: something in "
                        + "it draws from a stream other than the run's (a java.util.Random held by a distribution of "
                        + "your own or in a static field, Math.random(), ThreadLocalRandom; or a guide whose proposals "
                        + "change from run to run), or it reads state that an earlier run changed (a counter or a "
                        + "list kept by the model or its guide outside the run: a model keeps no state between runs), "
                        + "so no seed reproduces the call's answer, and what those draws or that state choose is in no "
                        + "trace, where no guide or kernel can reach it: draw every random value with p.sample, and in "
                        + "a distribution of your own from the Rng its sample(rng) is handed", i,
                        seed, first, again));
            }
        }
        return Optional.empty();
    }

    /**
     * How one making of a run ended: its log weight, or that it failed (with its prior's log density and its margin,
     * which a failed run has too), or what it threw; and its value.
     */
    private record Outcome(boolean failed, double logWeight, double logPrior, double margin, String thrown,
                           Object value) {

        static Outcome of(Runner<?> runner, long seed, long index) {
            try {
                runner.run(seed, index);
            } catch (RuntimeException e) {
                return new Outcome(true, Double.NaN, Double.NaN, Double.NaN, e.getClass().getName() + ": "
                        + e.getMessage(), null);
            }
            // A run that fails its evidence has no weight to compare, but its draws up to the failure and its margin
            // (a condition's) still show a stream of its own: subset simulation's first runs, which mostly fail a rare
            // event, were never named with a static Random in a distribution (a hunt for false alarms).
            return runner.failed() ? new Outcome(true, Double.NEGATIVE_INFINITY, runner.logPrior(), runner.margin(),
                    null, null)
                    : new Outcome(false, runner.logWeight(), runner.logPrior(), runner.margin(), null,
                    comparable(runner.value()));
        }

        /**
         * The value where it compares by its contents: a number, a boolean, a string, an array of numbers (of any
         * depth), a list of those; else null (a record or an object of the user's own, which may hold an array that
         * compares by identity).
         */
        private static Object comparable(Object v) {
            if (v instanceof Number || v instanceof Boolean || v instanceof String || v instanceof Character) {
                return v;
            }
            if (v instanceof double[] || v instanceof int[] || v instanceof long[] || v instanceof boolean[]
                    || v instanceof Object[]) {
                String shown = Arrays.deepToString(new Object[] {v});
                return shown.contains("@") ? null : shown; // an array of objects that print by identity
            }
            if (v instanceof java.util.List<?> list && list.stream().allMatch(e -> e instanceof Number
                    || e instanceof Boolean || e instanceof String)) {
                return list.toString();
            }
            return null;
        }

        boolean agrees(Outcome o) {
            if (failed != o.failed || !Objects.equals(thrown, o.thrown)) {
                return false;
            }
            if (thrown != null) {
                return true;
            }
            if (!close(logPrior, o.logPrior) || !close(margin, o.margin)) {
                return false;
            }
            if (failed) {
                return true;
            }
            return close(logWeight, o.logWeight) && (value == null || o.value == null || sameValue(value, o.value));
        }

        /** Equal, both NaN, or both finite and within {@link #TOLERANCE} of each other relative to the larger. */
        private static boolean close(double a, double b) {
            return Double.compare(a, b) == 0 || Double.isFinite(a) && Double.isFinite(b)
                    && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
        }

        private static boolean sameValue(Object a, Object b) {
            if (a instanceof Double x && b instanceof Double y) {
                return close(x, y);
            }
            return a.equals(b);
        }

        @Override
        public String toString() {
            if (thrown != null) {
                return "threw " + thrown;
            }
            if (failed) {
                return String.format(Locale.ROOT, "failed its evidence (its prior's log density %s, margin %s)",
                        logPrior, margin);
            }
            return String.format(Locale.ROOT, "weighed log %s%s", logWeight, value == null ? "" : " returning " + value);
        }
    }
}
