package dev.ariadne.core;

import java.util.concurrent.CancellationException;

/**
 * A run stopped because its thread was interrupted. The engine looks for interruption every few sites of a run
 * (see {@link Execution#maxTimePerRun}), so a model that runs long or makes sites without end can be cancelled
 * from outside; the thread's interrupt flag stays set, so the code that runs the runs sees it too. It is a
 * {@link CancellationException}, which executors and run backends already treat as a cancellation, not a failure.
 */
public final class RunInterruptedException extends CancellationException {

    private static final long serialVersionUID = 1L;

    private final long seed;
    private final long runIndex;
    private final transient Address lastAddress;

    RunInterruptedException(long seed, long runIndex, Address lastAddress) {
        this(seed, runIndex, lastAddress, "");
    }

    /**
     * The run's code threw {@code thrown}, an {@link InterruptedException}: a wait that an interrupt ended, or the
     * user's code throwing one itself, which no interrupt made (its thread's flag is clear either way), so the message
     * names it (a model that threw one was told only that a thread had been interrupted; an adversarial tester).
     */
    RunInterruptedException(long seed, long runIndex, Address lastAddress, InterruptedException thrown) {
        this(seed, runIndex, lastAddress, ": the run's code threw " + UserText.of(thrown) + " (a wait that an "
                + "interrupt ended, or the code's own throw; either way the run stops, as at an interrupt, and the "
                + "thread's interrupt flag is set again, as Java asks of code that catches one: a later call on this "
                + "thread stops at once unless the flag is cleared, with Thread.interrupted())");
        initCause(thrown);
    }

    private RunInterruptedException(long seed, long runIndex, Address lastAddress, String how) {
        super("run " + runIndex + " of seed " + seed + " was interrupted"
                + (lastAddress == null ? " before its first site" : " at or after site " + lastAddress) + how);
        this.seed = seed;
        this.runIndex = runIndex;
        this.lastAddress = lastAddress;
    }

    /** The seed of the interrupted run. */
    public long seed() {
        return seed;
    }

    /** The index of the interrupted run, within its seed. */
    public long runIndex() {
        return runIndex;
    }

    /** The last site the run reached, or null if it was interrupted before its first site. */
    public Address lastAddress() {
        return lastAddress;
    }
}
