package dev.ariadne.inference.smc;

/**
 * The check of what a user's tracked function or expectation gives on a particle: a number (NaN or an infinity would
 * reach the user as an estimate that cannot be one, or be silently summed).
 */
final class SmcValues {

    private SmcValues() {
    }

    /** {@code v}, the function's value on particle {@code i} (whose state or return value is {@code of}), if finite. */
    static double number(double v, int i, Object of) {
        if (v - v != 0) {
            throw new IllegalStateException("a tracked function or expectation gave " + v + " for particle " + i
                    + " (value " + of + "); it must give a finite number for every particle of weight above 0");
        }
        return v;
    }
}
