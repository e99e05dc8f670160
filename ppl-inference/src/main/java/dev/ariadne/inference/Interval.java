package dev.ariadne.inference;

import dev.ariadne.inference.stats.DirectedRounding;

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

    /**
     * The ends to six significant digits, each rounded outward (the lower end down, the upper end up), so the printed
     * interval holds whatever the computed one holds; then the label.
     */
    @Override
    public String toString() {
        return "[" + DirectedRounding.down(lower, 6) + ", " + DirectedRounding.up(upper, 6) + "] (" + label + ")";
    }
}
