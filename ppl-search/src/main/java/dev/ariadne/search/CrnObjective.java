package dev.ariadne.search;

import dev.ariadne.inference.Estimate;
import java.util.List;

/**
 * The objective on common random numbers: every candidate parameter vector is scored on the same runs (indices
 * [0, n) of the search seed), so the objective is a deterministic function of the parameters and optimisers made
 * for deterministic functions apply. Its minimiser is optimistic for the true objective (it is fitted to these
 * runs), which is why the winner is re-estimated on fresh runs at certification.
 */
final class CrnObjective {

    /** The value given to optimisers for a candidate with no accepted run or invalid parameters. */
    static final double PENALTY = 1e6;

    private final SearchContext ctx;
    final int runs;
    Estimate last;
    double bestValue = Double.POSITIVE_INFINITY;
    double[] bestPoint;
    long evaluations;
    int invalid;

    CrnObjective(SearchContext ctx, int runs) {
        this.ctx = ctx;
        this.runs = runs;
    }

    /** Reveals the model's sites (and structured coefficients) by running the initial guide on the CRN runs. */
    void discover() {
        int probe = Math.min(runs, 500);
        for (int pass = 0; pass < 3; pass++) {
            int before = ctx.layout.size();
            List<RunOutcome> r = ctx.pool.run(ctx.layout.snapshot(), ctx.seed, 0, probe, true, null);
            ctx.runsUsed += probe;
            ctx.layout.merge(r);
            if (ctx.layout.size() == before) {
                break;
            }
        }
        ctx.lastGood = ctx.layout.theta.clone();
    }

    /** The objective's CRN estimate at theta (a penalty, never NaN, when it cannot be computed). */
    double value(double[] theta) {
        evaluations++;
        Estimate e;
        try {
            e = ctx.objective.estimate(ctx.crn(ctx.layout.snapshot(theta), runs));
        } catch (RuntimeException ex) {
            if (evaluations == 1) {
                throw ex;
            }
            invalid++;
            return PENALTY;
        }
        last = e;
        double v = e.value();
        if (!Double.isFinite(v)) {
            invalid++;
            return PENALTY;
        }
        if (v < bestValue) {
            bestValue = v;
            bestPoint = theta.clone();
            best = e;
        }
        return v;
    }

    Estimate best;
}
