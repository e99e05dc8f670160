package dev.ariadne.inference.run;

/**
 * The backend of this JVM: shards run on worker threads, and the calling thread merges their partials in shard
 * order as they arrive (so the result never depends on the number of threads or on timing).
 *
 * <ul>
 *   <li><b>Threads.</b> With one thread and no time budget the calling thread runs every shard itself and no thread
 *       is started. Otherwise a job starts at most {@code min(threads, shards)} workers, named {@code ariadne-run-N};
 *       a session keeps them between jobs and joins them when closed, and a one-job call ({@link #run}) closes its
 *       session before it returns. {@code threads} is capped at {@link #MAX_THREADS}.</li>
 *   <li><b>Memory.</b> Workers run at most {@code 2 * threads + 2} shards ahead of the merge, so at most that many
 *       partials wait, whatever the number of shards.</li>
 *   <li><b>Cancellation.</b> Interrupting the calling thread asks every shard to stop at its next check (between
 *       runs), interrupts the workers (so a model blocked in a sleep or a wait wakes), joins them, and throws
 *       {@link RunCancelledException}. A worker stuck in code that neither reaches a check nor answers interrupts
 *       cannot be stopped from Java: after {@link #STOP_GRACE_SECONDS} seconds the exception is thrown anyway and
 *       names the threads still running.</li>
 *   <li><b>Errors.</b> The failure of the lowest-index failing shard is thrown, after the shards before it have
 *       finished (they might fail earlier in index order) and every worker has stopped.</li>
 * </ul>
 */
public final class LocalBackend implements RunBackend {

    /** The most worker threads one session starts. */
    public static final int MAX_THREADS = 256;
    /** How long a cancelled or finished job waits for its workers to stop. */
    public static final int STOP_GRACE_SECONDS = 10;
    /** The prefix of the names of the worker threads. */
    public static final String THREAD_PREFIX = "ariadne-run-";

    private final int threads;

    LocalBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = Math.min(threads, MAX_THREADS);
    }

    /** The number of worker threads a job may use (after the cap). */
    public int threads() {
        return threads;
    }

    @Override
    public RunSession open() {
        return new LocalSession(threads);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalBackend l && l.threads == threads;
    }

    @Override
    public int hashCode() {
        return threads;
    }

    @Override
    public String toString() {
        return "local backend, " + threads + (threads == 1 ? " thread" : " threads");
    }
}
