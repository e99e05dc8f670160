package dev.ariadne.spark;

import java.io.Serializable;

/**
 * What a task sends back for one shard: its partial, or the exception the shard threw, and whether it stopped at the
 * time budget's deadline (then the partial is of the shard's first runs).
 *
 * @param partial the shard's partial, or null if it failed
 * @param failure the shard's exception, or null
 * @param stopped whether it was asked to stop before its end
 * @param <P>     the partial type
 */
record ShardResult<P>(P partial, Throwable failure, boolean stopped) implements Serializable {
}
