package dev.ariadne.inference.run;

/**
 * Runs shards for one thread of a {@link RunBackend}, in increasing shard order (see {@link ShardedJob#worker()}).
 *
 * @param <P> the partial result of one shard
 */
@FunctionalInterface
public interface ShardWorker<P> {

    /**
     * Runs one shard. Between runs (every run, or between chunks of runs with a {@link Pacer}) it asks {@code stop};
     * once {@link StopSignal#requested()} is true it returns at once with the partial of what it has done so far, a
     * prefix of the shard that must merge like a whole one (the backend decides whether to keep it).
     *
     * @param shard the shard index, in {@code [0, shardCount())}
     * @param stop  asked between runs
     * @return the shard's partial result, or the partial of its first runs if stopped
     */
    P run(long shard, StopSignal stop);
}
