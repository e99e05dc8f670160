package dev.ariadne.inference.run;

/**
 * A backend opened for one or more jobs run one after another (a guide search runs a batch per step): it may keep
 * its workers between jobs. Closing it stops and joins them; no thread it started outlives {@link #close()}.
 * Belongs to the thread that opened it.
 */
public interface RunSession extends AutoCloseable {

    /**
     * Runs a job and returns the left fold of its partials in shard order (see {@link ShardedJob}).
     *
     * <p>Errors: if shards fail, the failure of the lowest-index failing shard is thrown (the earliest in index
     * order, so the same at any parallelism), after every worker has stopped; runtime exceptions and errors are
     * thrown as they are, checked ones wrapped in an {@link IllegalStateException} naming the shard.
     *
     * @throws RunCancelledException if the calling thread is interrupted; every worker has stopped by then
     */
    <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control);

    /** Stops and joins the workers. */
    @Override
    void close();
}
