package dev.ariadne.search;

import dev.ariadne.inference.Estimate;

/**
 * The objective on common random numbers ({@link SearchContext#evaluate}) in the form optimisers want: a finite
 * number for every candidate, a large penalty where the estimate is infinite (no run accepted, or parameters the
 * guide cannot propose at), and a record of the best point seen.
 */
final class CrnObjective {

    /** The value given to optimisers for a candidate with no accepted run or invalid parameters. */
    static final double PENALTY = 1e6;

    private final SearchState ctx;
    final int runs;
    Estimate last;
    Estimate best;
    double bestValue = Double.POSITIVE_INFINITY;
    double[] bestPoint;

    CrnObjective(SearchState ctx, int runs) {
        this.ctx = ctx;
        this.runs = runs;
    }

    /**
     * The objective's CRN estimate at theta, or {@link #PENALTY} when it is not finite or has no standard error (it
     * rests on too few accepted runs to stand for the guide, {@link Objective#MIN_ACCEPTED}); never NaN.
     */
    double value(double[] theta) {
        Estimate e = ctx.evaluate(theta, runs);
        last = e;
        double v = e.value();
        if (!Double.isFinite(v) || !Double.isFinite(e.standardError())) {
            return PENALTY;
        }
        if (v < bestValue) {
            bestValue = v;
            bestPoint = theta.clone();
            best = e;
        }
        return v;
    }
}
