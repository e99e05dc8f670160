package dev.ariadne.inference;

import java.util.Locale;

/**
 * A two-sided interval for a probability or expectation, with what kind of interval it is.
 *
 * @param lower the lower end
 * @param upper the upper end
 * @param label "rigorous at confidence 0.95", "approximate (delta method)", ...
 */
public record Interval(double lower, double upper, String label) {

    /** Validates the ends: not NaN, lower <= upper. */
    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("not an interval: [" + lower + ", " + upper + "]");
        }
    }

    /** Whether x lies in the interval. */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.6g, %.6g] (%s)", lower, upper, label);
    }
}
