package org.example.extension;

import dev.ariadne.inference.Estimate;
import dev.ariadne.search.SearchContext;
import dev.ariadne.search.Strategy;
import java.util.SplittableRandom;

/**
 * A strategy written outside the library, over the public {@link SearchContext} only: random search on common
 * random numbers. Each round tries {@code candidates} points drawn uniformly from a box of half-width
 * {@code radius} around the best point so far, then halves the box. One round is one step.
 *
 * @param candidates points per round
 * @param radius     the first box's half-width, in unconstrained parameters
 * @param crnRuns    the common random numbers each point is scored on
 */
public record RandomSearch(int candidates, double radius, int crnRuns) implements Strategy {

    /** Validates the settings. */
    public RandomSearch {
        if (candidates < 1 || !(radius > 0) || crnRuns < 2) {
            throw new IllegalArgumentException("randomSearch: need candidates >= 1, radius > 0, crnRuns >= 2, got "
                    + candidates + ", " + radius + ", " + crnRuns);
        }
    }

    @Override
    public String name() {
        return "randomSearch";
    }

    @Override
    public void search(SearchContext ctx) {
        int d = ctx.discover().size();
        if (d == 0) {
            ctx.stop("no parameters to search");
            return;
        }
        SplittableRandom random = new SplittableRandom(ctx.seed());
        double[] best = ctx.start();
        double bestValue = ctx.evaluate(best, crnRuns).value();
        double r = radius;
        for (int step = 1; ctx.canStep(step, (long) candidates * crnRuns); step++) {
            Estimate roundBest = null;
            for (int c = 0; c < candidates; c++) {
                double[] x = best.clone();
                for (int i = 0; i < d; i++) {
                    x[i] += r * (2 * random.nextDouble() - 1);
                }
                Estimate e = ctx.evaluate(x, crnRuns);
                if (e.value() < bestValue) {
                    bestValue = e.value();
                    best = x;
                    roundBest = e;
                }
            }
            if (roundBest == null) {
                roundBest = ctx.evaluate(best, crnRuns);
            }
            if (!ctx.step(step, roundBest, best, "box half-width " + r)) {
                return;
            }
            r /= 2;
        }
        ctx.choose(best);
    }
}
