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

    /**
     * This outcome, refused unless it can be one of {@code job}: a stop given, at most the job's shards merged, all of
     * them where it says {@link Stop#COMPLETE}, and at least one wherever the job has shards (a merged result may be
     * null where the job's partials are; a hunt's job of null partials was refused). A backend that lost
     * a shard yet said the job complete gave importance sampling 98,208 runs of the 100,000 asked, MCMC 3 chains of 4
     * and SMC 5 sweeps of 6, every verdict empty, and one that merged none a NullPointerException from inside the
     * library (an adversarial tester's backend).
     *
     * @param job   the job this outcome answers
     * @param where the backend or session that returned it, named in the error
     * @return this outcome
     * @throws IllegalStateException naming the backend, the shards merged and the job's, if it cannot be the job's
     */
    public Outcome<P> checkedAgainst(ShardedJob<?> job, Object where) {
        long shards = job.shardCount();
        String problem = stop == null ? "no reason it ended (stop null)"
                : shardsMerged < 0 || shardsMerged > shards ? shardsMerged + " shards merged of the job's " + shards
                : stop == Stop.COMPLETE && shardsMerged != shards ? "the job complete with " + shardsMerged
                + " of its " + shards + " shards merged"
                : shardsMerged == 0 && shards > 0 ? "no shard merged of the job's " + shards + " (stop " + stop
                + ")" : null;
        if (problem != null) {
            throw new IllegalStateException("the backend " + where + " returned " + problem + ": a backend must merge "
                    + "shards 0 .. k - 1 in order and say how many (all of them for a complete job), or the call "
                    + "would read fewer runs, chains or sweeps than it asked for without a word; see RunBackend");
        }
        return this;
    }

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
