package dev.ariadne.core;

import java.time.Duration;
import java.util.Locale;

/** A duration as a sentence gives it: "3 s", "1.5 s", "250 ms", "2 min 30 s", not ISO-8601's "PT3S". */
public final class Durations {

    private Durations() {
    }

    /**
     * {@code d} in the largest unit that reads naturally: ns below a microsecond, microseconds below a millisecond, ms
     * below a second, s below a minute, then min and s. A per-run limit of 1 ns read "0 ms".
     */
    public static String text(Duration d) {
        if (d.compareTo(Duration.ZERO) > 0 && d.compareTo(Duration.ofMillis(1)) < 0) {
            long ns = d.toNanos();
            return ns < 1000 ? ns + " ns" : String.format(Locale.ROOT, "%.3g microseconds", ns / 1000.0);
        }
        long ms = millis(d);
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.format(Locale.ROOT, "%.3g", ms / 1000.0))
                    + " s";
        }
        long s = ms / 1000;
        if (s >= 2 * 86_400) {
            return String.format(Locale.ROOT, "%,d days", s / 86_400);
        }
        long min = s / 60;
        return min + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }

    /**
     * {@code d} in nanoseconds, or {@code Long.MAX_VALUE} where it holds more (about 292 years): a time budget that
     * long never ends a call, and {@code toNanos()} would throw a bare overflow from inside it.
     */
    public static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException longer) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code d} in milliseconds, or {@code Long.MAX_VALUE} where it holds more; see {@link #nanos}. */
    public static long millis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException longer) {
            return Long.MAX_VALUE;
        }
    }
}
