package dev.ariadne.inference;

import dev.ariadne.core.Runner;
import dev.ariadne.inference.run.Pacer;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.run.StopSignal;
import dev.ariadne.inference.stats.PriorityFilter;
import dev.ariadne.inference.stats.TailFilter;

/**
 * Importance sampling as a job for the run backend: shard s is runs {@code [s B', min(n, (s + 1) B'))} of the
 * plan's seed, B' the plan's shard length (whole batches), and its partial is an {@link Accumulator}. Merging
 * appends the next shard's accumulator.
 */
final class ImportanceJob<T> implements ShardedJob<Accumulator<T>> {

    private static final long serialVersionUID = 1L;

    /** What the shards run; a distributed backend serialises it with the job (see the package notes of run). */
    private final Plan<T> plan;

    ImportanceJob(Plan<T> plan) {
        this.plan = plan;
    }

    @Override
    public long shardCount() {
        return plan.shardCount();
    }

    @Override
    public ShardWorker<Accumulator<T>> worker() {
        return new Worker();
    }

    @Override
    public Accumulator<T> merge(Accumulator<T> soFar, Accumulator<T> next) {
        soFar.merge(next);
        return soFar;
    }

    /**
     * Runs shards for one thread, with one Pareto-tail filter for its shards of the same tail size and one filter in
     * front of the kept runs of all its shards.
     */
    private final class Worker implements ShardWorker<Accumulator<T>> {
        private TailFilter filter;
        private final PriorityFilter keptFilter = plan.keep > 0 ? new PriorityFilter(plan.keep) : null;

        @Override
        public Accumulator<T> run(long shard, StopSignal stop) {
            long start = plan.shardStart(shard);
            long end = plan.shardEnd(shard);
            long tailRuns = plan.tailRunsFor(end);
            if (filter == null || !filter.fits(tailRuns)) {
                filter = new TailFilter(tailRuns);
            }
            // A fresh runner per shard (a few microseconds against milliseconds of runs): a collection copies the
            // survivors of both workers side by side, and an engine written at every site that came to share cache
            // lines with the other worker's made two threads slower than one (rare, 10^7 runs: 1.0x-1.7x -> 1.8x).
            Runner<T> runner = plan.execution.leanRunner();
            if (!plan.readsValues) {
                runner.dropValues();
            }
            Accumulator<T> acc = new Accumulator<>(plan, start, tailRuns, filter, keptFilter);
            long seed = plan.seed;
            Pacer pacer = new Pacer(stop);
            for (long i = start, until; i < end && (until = pacer.next(i, end)) > i; ) {
                for (; i < until; i++) {
                    runner.run(seed, i);
                    acc.add(runner, i);
                }
            }
            return acc;
        }
    }
}
