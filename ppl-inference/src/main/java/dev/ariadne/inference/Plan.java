package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.inference.stats.WeightBound;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The fixed layout of one importance-sampling call, decided before the first run. */
final class Plan<T> {
    final Execution<T> execution;
    final long seed;
    final long expectedRuns;
    final int batchSize;
    final long shardRuns;
    /** The bound on every run's weight (or none), which the accumulators, results and bounds all ask. */
    final WeightBound weightBound;
    final List<Accumulator.Hypothesis<T>> hypotheses;
    final List<String> expectationNames;
    final List<ToDoubleFunction<T>> expectations;
    final int keep;
    final long siteBreakdownRuns;
    final String guideDescription;

    Plan(Execution<T> execution, long seed, long expectedRuns, int batchSize, WeightBound weightBound,
         List<Accumulator.Hypothesis<T>> hypotheses, List<String> expectationNames,
         List<ToDoubleFunction<T>> expectations, int keep, long siteBreakdownRuns, String guideDescription) {
        this.execution = execution;
        this.seed = seed;
        this.expectedRuns = expectedRuns;
        this.batchSize = batchSize;
        // Shards hold whole batches, so merging shards concatenates complete batch means.
        this.shardRuns = (long) batchSize * Math.max(1, 8192 / batchSize);
        this.weightBound = weightBound;
        this.hypotheses = List.copyOf(hypotheses);
        this.expectationNames = List.copyOf(expectationNames);
        this.expectations = List.copyOf(expectations);
        this.keep = keep;
        this.siteBreakdownRuns = siteBreakdownRuns;
        this.guideDescription = guideDescription;
    }
}
