package dev.ariadne.search;

import java.time.Duration;

/**
 * How much a search may spend: at most {@code steps} steps (gradient steps, optimiser generations, cross-entropy
 * iterations), {@code runs} runs of the model, and {@code time} of wall-clock time, whichever ends first. The limits are
 * read before each step: a step that would take the runs past their limit is not begun (the stop reason says how
 * many it needed and how many remained), and a step under way when the time runs out goes on to its end, so a search
 * of a slow model overruns its time by up to one step and the checks after the last one. The runs
 * that reveal the model's sites before the first step count, and are not made where the budget cannot hold them.
 * Certification runs are not counted, nor are the checks after the last step, which {@link SearchResult#runsUsed()}
 * includes: the comparison of the guide found with the starting guide, on n runs of each, and the check of its
 * gradient, on 2n, where n is a quarter of the search's runs, at least {@value GuideSearch#MIN_COMPARISON_RUNS} and
 * at most {@value GuideSearch#MAX_COMPARISON_RUNS}.
 *
 * @param steps the maximum number of steps, >= 0
 * @param runs  the maximum number of model runs, > 0
 * @param time  the maximum duration
 */
public record Budget(int steps, long runs, Duration time) {

    /** Validates the limits. */
    public Budget {
        if (steps < 0) {
            throw new IllegalArgumentException("budget: steps must be >= 0, got " + steps);
        }
        if (runs <= 0) {
            throw new IllegalArgumentException("budget: runs must be > 0, got " + runs);
        }
        if (time == null || time.isNegative()) {
            throw new IllegalArgumentException("budget: time must be >= 0, got " + time);
        }
    }

    /** At most this many steps. */
    public static Budget steps(int steps) {
        return new Budget(steps, Long.MAX_VALUE, Duration.ofDays(365));
    }

    /** At most this many model runs. */
    public static Budget runs(long runs) {
        return new Budget(Integer.MAX_VALUE, runs, Duration.ofDays(365));
    }

    /** At most this much time. */
    public static Budget time(Duration time) {
        return new Budget(Integer.MAX_VALUE, Long.MAX_VALUE, time);
    }

    /** The same with a limit on steps too. */
    public Budget andSteps(int s) {
        return new Budget(s, runs, time);
    }

    /** The same with a limit on runs too. */
    public Budget andRuns(long r) {
        return new Budget(steps, r, time);
    }

    /** The same with a time limit too. */
    public Budget andTime(Duration t) {
        return new Budget(steps, runs, t);
    }
}
