package dev.ariadne.search;

/**
 * Validation of the built-in strategies' settings, with messages naming the strategy, the setting and the value, and
 * of what a strategy can hold for the parameters it searches.
 */
final class Settings {

    private Settings() {
    }

    /** {@code value} if it is at least {@code min}, else an error naming the strategy, the setting and the value. */
    static int atLeast(String strategy, String setting, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(strategy + ": " + setting + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** {@code value} if it is finite and positive, else an error naming the strategy, the setting and the value. */
    static double positiveFinite(String strategy, String setting, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(strategy + ": " + setting + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /**
     * Refuses at once a search of {@code d} parameters whose matrices, {@code bytesPerDSquared} bytes per d^2, would
     * not fit in the heap: CMA-ES's and BOBYQA's grow as the square of the parameters, and a mean-field search of a
     * Categorical of 20,000 values (a logit a value) ran out of a 6.3 GB heap after 187 s (an adversarial tester).
     *
     * @param matrices what the matrices are, as the message names them
     */
    static void requireSquareMatricesFit(String matrices, int d, long bytesPerDSquared) {
        dev.ariadne.inference.run.Heap.requireRoom("entries of " + matrices + " for d = " + d + " parameters",
                (long) d * d, bytesPerDSquared, "use gradient(), whose memory grows as the parameters do, or a family "
                        + "of fewer parameters (a program family, or a choice of fewer values)");
    }
}
