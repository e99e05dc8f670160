package dev.ariadne.search;

import dev.ariadne.core.History;
import dev.ariadne.inference.Estimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The state a strategy works in: the growing parameter layout, the runs on the backend, the budget, the history and the
 * divergence watch. Runs of the search all use the search seed: common random numbers are run indices
 * [0, crnRuns), fresh batches start at {@link #FRESH_START} and move on, so the two never overlap.
 */
final class SearchContext {

    /** The first run index of the fresh batches (gradient steps, cross-entropy iterations). */
    static final long FRESH_START = 1L << 40;
    /** Consecutive bad steps (objective exploded or no run accepted after some were) before a search is stopped. */
    static final int PATIENCE = 3;

    final Layout layout;
    final SearchRuns pool;
    final long seed;
    final Objective objective;
    final Budget budget;
    final double divergenceThreshold;
    private final Consumer<SearchStep> listener;
    private final long start = System.nanoTime();
    final List<SearchStep> history = new ArrayList<>();
    long runsUsed;
    private long nextIndex = FRESH_START;
    private double bestObjective = Double.POSITIVE_INFINITY;
    private int badSteps;
    double[] lastGood;
    double[] chosen;
    String stopReason = "budget exhausted";
    boolean diverged;
    boolean stopped;

    SearchContext(Layout layout, SearchRuns pool, long seed, Objective objective, Budget budget,
                  double divergenceThreshold, Consumer<SearchStep> listener) {
        this.layout = layout;
        this.pool = pool;
        this.seed = seed;
        this.objective = objective;
        this.budget = budget;
        this.divergenceThreshold = divergenceThreshold;
        this.listener = listener;
        this.lastGood = layout.theta.clone();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Whether step {@code step}, needing {@code runs} more runs, fits the budget. */
    boolean canStep(int step, long runs) {
        if (stopped) {
            return false;
        }
        if (step > budget.steps()) {
            stopReason = "step budget of " + budget.steps() + " reached";
            return false;
        }
        if (runsUsed + runs > budget.runs()) {
            stopReason = "run budget of " + budget.runs() + " reached";
            return false;
        }
        if (elapsed().compareTo(budget.time()) >= 0) {
            stopReason = "time budget of " + budget.time() + " reached";
            return false;
        }
        return true;
    }

    /** Runs n fresh runs (never run before by this search). */
    List<RunOutcome> fresh(FamilyGuide g, int n, boolean tape, ToDoubleFunction<History> level) {
        List<RunOutcome> r = pool.run(g, seed, nextIndex, nextIndex + n, tape, level);
        nextIndex += n;
        runsUsed += n;
        return r;
    }

    /** Runs the common random numbers: run indices [0, n) of the search seed. */
    List<RunOutcome> crn(FamilyGuide g, int n) {
        List<RunOutcome> r = pool.run(g, seed, 0, n, false, null);
        runsUsed += n;
        return r;
    }

    /**
     * Records a step at parameters theta. Returns false, and stops the search as diverged keeping the last good
     * parameters, when theta is not finite or the objective has exploded (more than the divergence threshold above
     * the best seen, or no run accepted after some were) for {@value #PATIENCE} steps in a row.
     */
    boolean step(int step, Estimate est, double[] theta, String note) {
        record(step, est, note);
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                diverge("parameter " + layout.names.get(i) + " became " + theta[i] + " at step " + step);
                return false;
            }
        }
        double v = est.value();
        boolean bad = v > bestObjective + divergenceThreshold;
        if (bad) {
            if (++badSteps >= PATIENCE) {
                diverge("the objective exploded: " + est + " at step " + step + ", best so far " + bestObjective);
                return false;
            }
        } else {
            badSteps = 0;
            lastGood = theta.clone();
        }
        bestObjective = Math.min(bestObjective, v);
        return true;
    }

    /** Records a step without parameters to check. */
    void record(int step, Estimate est, String note) {
        SearchStep s = new SearchStep(step, est, runsUsed, elapsed(), note == null ? "" : note);
        history.add(s);
        if (listener != null) {
            listener.accept(s);
        }
    }

    void diverge(String why) {
        diverged = true;
        stopped = true;
        stopReason = "diverged: " + why + "; returning the last good guide";
    }

    void stop(String why) {
        stopped = true;
        stopReason = why;
    }

    /** Sets the parameters the strategy returns. */
    void choose(double[] theta) {
        for (double t : theta) {
            if (!Double.isFinite(t)) {
                diverge("the strategy's final parameters are not finite");
                return;
            }
        }
        chosen = theta.clone();
    }

    /** The final parameters, padded with the layout's values for parameters created after they were chosen. */
    double[] result() {
        double[] base = diverged || chosen == null ? lastGood : chosen;
        double[] out = layout.theta.clone();
        System.arraycopy(base, 0, out, 0, Math.min(base.length, out.length));
        return out;
    }
}
