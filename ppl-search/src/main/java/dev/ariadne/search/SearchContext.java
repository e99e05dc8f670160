package dev.ariadne.search;

import dev.ariadne.inference.Estimate;
import java.util.List;

/**
 * What a {@link Strategy} sees of a running search: the family's parameters, an objective it can evaluate at any
 * parameter vector, the budget, and the record it keeps. Parameters are named, unconstrained reals; mean-field and
 * structured families create them as the model reveals sites, so a strategy calls {@link #discover()} first.
 *
 * <p>The contract a strategy keeps:
 * <ul>
 *   <li>ask {@link #canStep} before each step and stop when it says no (budget spent, or the search stopped);</li>
 *   <li>report each step with {@link #step} (the estimate and the parameters it was measured at); when it returns
 *   false the search has diverged and the strategy returns at once;</li>
 *   <li>end with {@link #choose} (the parameters to return) or {@link #stop} (why it ended early).</li>
 * </ul>
 * Whatever the strategy does, the search never returns a guide that its own estimate says is worse than the one it
 * started from, nor one whose parameters are not finite, and it never throws because a strategy diverged: see
 * {@link GuideSearch#run()}.
 *
 * <p>Randomness: derive any randomness of the strategy's own from {@link #seed()}, so that a search is
 * reproducible. Not thread-safe: call it from the thread that called {@link Strategy#search}.
 */
public interface SearchContext {

    /** The search seed. */
    long seed();

    /** What the search minimises. */
    Objective objective();

    /** How much the search may spend. */
    Budget budget();

    /**
     * Runs the starting guide a few hundred times on the common random numbers so that the model reveals its sites
     * (and a structured guide its coefficients), and returns the parameter names. Counts against the run budget,
     * and makes no pass of runs that the budget cannot hold: where not even the first fits, the search stops, its
     * reason says why, and the list is empty (a strategy then returns at once).
     */
    List<String> discover();

    /** The parameter names known so far, in the order of the vectors this context takes and returns. */
    List<String> parameterNames();

    /** The starting parameters (a copy; parameters created later start at their family's initial value). */
    double[] start();

    /**
     * Each parameter's natural unit, in the order of {@link #parameterNames()}: a location's is the scale of its
     * site's starting proposal (the prior's sd, in the unconstrained coordinate), a structured coefficient's its
     * site's unit over its regressor's, every other parameter's 1. A strategy that steps by a fixed amount steps by
     * that amount times the unit, so that a model written in any units searches alike (the built-in ones do).
     */
    double[] units();

    /**
     * The objective at {@code theta} on the common random numbers: runs [0, runs) of the search seed, the same
     * runs for every theta, so that the value is a deterministic function of theta (optimisers made for
     * deterministic functions apply; the minimiser is optimistic, which is why the result is re-estimated on fresh
     * runs). A shorter theta is padded with the initial values of the parameters it lacks.
     *
     * @return the estimate with its standard error; {@code +inf} when no run was accepted or when the guide
     *         cannot propose at theta (its description then says why). Never NaN.
     * @throws dev.ariadne.core.ModelException when the model fails at the starting parameters (the strategy did
     *                                          not cause it)
     */
    Estimate evaluate(double[] theta, int runs);

    /**
     * Whether step {@code step} (from 1), needing {@code runs} more runs, fits the budget; false once the search has
     * stopped or diverged.
     */
    boolean canStep(int step, long runs);

    /**
     * Records step {@code step} with the objective's estimate measured at the parameters {@code theta}, and watches
     * for divergence: parameters that are not finite, or an estimate that stays more than the divergence threshold
     * above the best seen for three steps in a row.
     *
     * @return false when the search has diverged: the strategy must return; the search keeps the last parameters
     *         whose estimate was good
     */
    boolean step(int step, Estimate estimate, double[] theta, String note);

    /** Sets the parameters the strategy returns (they must be finite; others count as divergence). */
    void choose(double[] theta);

    /** Ends the search early, saying why (converged, nothing to search, ...). */
    void stop(String reason);
}
