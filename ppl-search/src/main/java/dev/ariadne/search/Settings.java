package dev.ariadne.search;

/** Validation of the built-in strategies' settings, with messages naming the strategy, the setting and the value. */
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
}
