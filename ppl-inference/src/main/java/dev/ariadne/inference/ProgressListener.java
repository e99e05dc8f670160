package dev.ariadne.inference;

/**
 * Told how many runs are done, after each shard: on the calling thread, as shards are merged in run order, so
 * {@code runsDone} only grows and is the same sequence at any parallelism.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param runsDone  runs completed so far
     * @param runsTotal runs planned (the maximum when running until certified)
     */
    void onProgress(long runsDone, long runsTotal);
}
