package dev.ariadne.inference;

/** Told how many runs are done, after each shard; called from worker threads, one call at a time. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param runsDone  runs completed so far
     * @param runsTotal runs planned (the maximum when running until certified)
     */
    void onProgress(long runsDone, long runsTotal);
}
