package dev.ariadne.inference.run;

/**
 * Asked by a shard between its runs: whether to stop now (the caller was interrupted, a deadline passed, an earlier
 * shard failed, or the caller has what it needs). The local backend reads one volatile field, or the calling thread's
 * interrupt flag when it runs the shards itself; a shard asks between chunks of runs with a {@link Pacer}, which keeps
 * the check out of the loop over runs.
 */
@FunctionalInterface
public interface StopSignal {

    /** A signal that never asks to stop. */
    StopSignal NEVER = () -> false;

    /** Whether the shard should stop now and return the partial of what it has done. */
    boolean requested();
}
