package dev.ariadne.inference.run;

/**
 * Where the shards of a {@link ShardedJob} run: "run shards [0, n) of this job and return the left fold of their
 * partials in shard order". The local backend runs them on threads of this JVM; a distributed one (Spark) runs
 * ranges of shards as tasks and merges their partials on the driver, in shard order. Every backend returns the same
 * result, bit for bit, for the same job; only speed, and where a time budget cuts, differ.
 *
 * <p>Implement {@link #open()}; its session does the work. Backends are immutable values, safe to share.
 */
public interface RunBackend {

    /**
     * The backend of this JVM: shards on {@code threads} threads (the caller's own thread alone when 1). No more
     * threads are started than a job has shards, nor more than {@link LocalBackend#MAX_THREADS}.
     *
     * @param threads the number of worker threads, >= 1; larger values are capped (results never depend on it)
     */
    static RunBackend local(int threads) {
        return new LocalBackend(threads);
    }

    /** Opens a session for one or more jobs; close it when done. */
    RunSession open();

    /** Runs one job in a session of its own (opened and closed around it). */
    default <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
        try (RunSession s = open()) {
            return s.run(job, control);
        }
    }
}
