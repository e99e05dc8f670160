package dev.ariadne.inference.run;

/**
 * Hands a shard its runs in chunks and asks the stop signal between chunks, never inside one, so that the loop over
 * a chunk's runs is as tight as a loop with no stop at all (asking before every run cost the hmm workload about 5%,
 * measured A/B in one JVM). The first chunk is one run, so a stop already requested is seen before any work and a
 * shard asked to stop after its first run makes exactly one; then chunks double while they take under 0.2 ms and
 * halve while they take over 2 ms (between 1 and 4096 runs), so a stop is seen within about 2 ms of runs, or one
 * run if a run is longer.
 *
 * <pre>{@code
 * Pacer pacer = new Pacer(stop);
 * for (long i = start, until; i < end && (until = pacer.next(i, end)) > i; ) {
 *     for (; i < until; i++) {
 *         // run i
 *     }
 * }
 * }</pre>
 * Not thread-safe: one per shard.
 */
public final class Pacer {

    private static final long FAST_NANOS = 200_000;
    private static final long SLOW_NANOS = 2_000_000;
    private static final long MAX_CHUNK = 4096;

    private final StopSignal stop;
    private long chunk = 1;
    private long last;

    /** @param stop the shard's stop signal */
    public Pacer(StopSignal stop) {
        this.stop = stop;
    }

    /**
     * The end of the next chunk of runs starting at {@code i}, at most {@code end}; {@code i} itself if the shard
     * must stop now.
     */
    public long next(long i, long end) {
        if (stop.requested()) {
            return i;
        }
        long now = System.nanoTime();
        if (last != 0) {
            long took = now - last;
            if (took < FAST_NANOS && chunk < MAX_CHUNK) {
                chunk <<= 1;
            } else if (took > SLOW_NANOS && chunk > 1) {
                chunk >>= 1;
            }
        }
        last = now;
        return Math.min(end, i + chunk);
    }
}
