package dev.ariadne.core;

import java.time.Duration;

/**
 * How far one run may go: at most {@link #maxSites} sites and, if {@link #maxNanos} is positive, that many
 * nanoseconds. The engine checks the site count at every site that does not repeat the previous run (which is
 * every site beyond the previous run's count, so a model that makes sites without end is always caught), and the
 * clock and the thread's interruption every {@link #CHECK_EVERY} sites, where the fast path hands over to the slow
 * one; a run with fewer sites checks the clock once, when it ends.
 */
final class RunLimits {

    /**
     * The default cap on sites per run: 1,000,000, or one site per KB of the maximum heap if that is fewer (at least
     * 10,000). A site costs the engine about 150 bytes, so a model that makes sites without end meets the cap while
     * the engine holds a sixth of the heap at most, never an OutOfMemoryError, and a model written by hand is far
     * below it.
     */
    static final int DEFAULT_MAX_SITES = (int) Math.max(10_000,
            Math.min(1_000_000, Runtime.getRuntime().maxMemory() / 1024));
    /** How many sites a run makes between two checks of the clock and of interruption. */
    static final int CHECK_EVERY = 1024;

    static final RunLimits DEFAULT = new RunLimits(DEFAULT_MAX_SITES, 0);

    final int maxSites;
    /** The time a run may take, in nanoseconds; 0 for no limit. */
    final long maxNanos;

    private RunLimits(int maxSites, long maxNanos) {
        this.maxSites = maxSites;
        this.maxNanos = maxNanos;
    }

    RunLimits withMaxSites(int sites) {
        if (sites < 1) {
            throw new IllegalArgumentException("maxSitesPerRun must be >= 1, got " + sites);
        }
        return new RunLimits(sites, maxNanos);
    }

    RunLimits withMaxTime(Duration time) {
        if (time == null || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("maxTimePerRun must be a positive duration, got " + time);
        }
        return new RunLimits(maxSites, Durations.nanos(time));
    }

    boolean timed() {
        return maxNanos > 0;
    }

    /** The limit on time as the user wrote it, for messages. */
    String describeTime() {
        return Duration.ofNanos(maxNanos).toString();
    }
}
