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

    /**
     * What a builder's {@code parallelism(threads)} sets where its backend was {@code current}: {@link #local}, but
     * refused where {@code current} is another backend (a cluster's), which it would replace without a word: the runs
     * would then be made on this JVM's threads, with the same result bit for bit, which hides the mistake (an
     * adversarial tester's {@code backend(spark).parallelism(2)} ran on the driver).
     *
     * @throws IllegalStateException where {@code current} is not a local backend
     */
    static RunBackend localInPlaceOf(RunBackend current, int threads) {
        if (current != null && !(current instanceof LocalBackend)) {
            throw new IllegalStateException("parallelism(" + threads + ") after backend(" + current + "), a "
                    + "backend other than RunBackend.local: parallelism sets the threads of this JVM and would replace "
                    + "that backend, so the runs would be made here rather than where it sends them; set one or the "
                    + "other (a backend of your own, or a cluster's, decides its own threads or partitions)");
        }
        return local(threads);
    }

    /** Opens a session for one or more jobs; close it when done. */
    RunSession open();

    /**
     * Runs one job in a session of its own (opened and closed around it); its outcome is refused if it cannot be
     * the job's ({@link Outcome#checkedAgainst}).
     */
    default <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
        try (RunSession s = open()) {
            return s.run(job, control).checkedAgainst(job, this);
        }
    }
}
