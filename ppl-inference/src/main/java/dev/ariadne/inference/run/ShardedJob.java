package dev.ariadne.inference.run;

import java.io.Serializable;

/**
 * A computation split into shards: "run shard s and return a mergeable partial result". Shards are numbered
 * {@code 0 .. shardCount() - 1}; shard s is a fixed piece of work (for importance sampling, a fixed range of run
 * indices of one seed; for MCMC, chain s), and its partial depends only on the job and on s, never on which thread
 * or machine runs it, nor on what ran before it there. The result of the job is the left fold of the partials in
 * shard order, {@code merge(... merge(merge(p0, p1), p2) ..., pLast)}: every {@link RunBackend} computes exactly
 * that, whatever its threads, partitions or retries, so results are bit-for-bit the same on every backend.
 *
 * <p>A distributed backend serialises the job once and each partial once: both should be {@link Serializable},
 * and a partial should be compact (its size stated and bounded in its class). The local backend never serialises.
 *
 * @param <P> the partial result of one shard, and of several merged
 */
public interface ShardedJob<P> extends Serializable {

    /** The number of shards, >= 0. */
    long shardCount();

    /**
     * A worker: what one thread (one partition of a distributed backend) uses to run shards, one at a time and in
     * increasing shard order. It may keep scratch state between shards to go faster, but the merged result must
     * not depend on which worker ran which shard.
     */
    ShardWorker<P> worker();

    /**
     * Folds the partial of the next shard into the partials of all shards before it.
     *
     * @param soFar the merged partials of shards {@code 0 .. s - 1} (may be changed and returned)
     * @param next  the partial of shard s (left for the garbage collector)
     * @return the merged partials of shards {@code 0 .. s}
     */
    P merge(P soFar, P next);
}
