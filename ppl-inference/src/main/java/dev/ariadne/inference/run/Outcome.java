package dev.ariadne.inference.run;

/**
 * What a job returned: the merged partials of shards {@code 0 .. shardsMerged - 1} (the last possibly a prefix of
 * its shard when {@link #stop()} is {@link Stop#BUDGET}), and why it ended.
 *
 * @param merged       the merged partial result
 * @param shardsMerged how many shards it merges (the last in part, if stopped by the budget)
 * @param stop         why the job ended
 * @param <P>          the partial result type
 */
public record Outcome<P>(P merged, long shardsMerged, Stop stop) {

    /** Why a job ended. */
    public enum Stop {
        /** Every shard ran and was merged. */
        COMPLETE,
        /** The listener ended it after a merge; the result is exactly the shards merged by then. */
        LISTENER,
        /** The time budget ran out; the last shard merged may be a prefix of its runs. */
        BUDGET
    }
}
