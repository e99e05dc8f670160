package dev.ariadne.inference.run;

import java.util.Locale;

/**
 * Room in the heap for what a call is asked to hold, checked before it is made: {@code kept().resample} of
 * {@code Integer.MAX_VALUE} draws, or SMC of that many particles, died with a raw
 * {@code OutOfMemoryError: Requested array size exceeds VM limit} (an adversarial tester).
 */
public final class Heap {

    private Heap() {
    }

    /**
     * Refuses {@code count} items of at least {@code bytesEach} bytes each where they would not fit in this JVM's
     * heap, saying what was asked and what to do instead.
     *
     * @param what      what the items are, as the message names them ("resampled draws")
     * @param count     how many are asked for
     * @param bytesEach the fewest bytes each holds
     * @param remedy    what the user can do instead
     * @throws IllegalArgumentException where {@code count * bytesEach} exceeds the heap's maximum
     */
    public static void requireRoom(String what, long count, long bytesEach, String remedy) {
        requireRoom(what, count, bytesEach, remedy, Runtime.getRuntime().maxMemory());
    }

    /**
     * {@link #requireRoom(String, long, long, String)} against a heap of {@code heap} bytes rather than this JVM's.
     *
     * @throws IllegalArgumentException where {@code count * bytesEach} exceeds {@code heap}
     */
    public static void requireRoom(String what, long count, long bytesEach, String remedy, long heap) {
        double bytes = (double) count * bytesEach;
        if (bytes > heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d %s hold at least %,.0f bytes (%d "
                    + "each), more than this JVM's heap of %,d: %s", count, what, bytes, bytesEach, heap, remedy));
        }
    }
}
