package dev.ariadne.inference.run;

/**
 * Told, on the calling thread, each time the next shard in order has been merged; it may end the job there.
 *
 * @param <P> the partial result type
 */
@FunctionalInterface
public interface MergeListener<P> {

    /**
     * Called after shard {@code shard} was merged, in shard order.
     *
     * @param shard  the index of the shard just merged, from 0 (so shards 0 .. shard are merged)
     * @param merged the merged partials of shards {@code 0 .. shard}; read it here, do not keep or change it
     * @return true to end the job here: its result is then exactly {@code merged}, whatever ran beyond it
     */
    boolean merged(long shard, P merged);
}
