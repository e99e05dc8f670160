package dev.ariadne.inference.stats;

/** Argument checks shared by the accumulators. */
final class Checks {
    private Checks() {
    }

    /** Rejects NaN and +inf log weights; -inf (a zero weight) is allowed. */
    static double logWeight(double l) {
        if (Double.isNaN(l)) {
            throw new IllegalArgumentException("log weight is NaN");
        }
        if (l == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("log weight is +inf (an infinite weight)");
        }
        return l;
    }

    /** Checks 0 < delta < 1. */
    static double delta(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must lie in (0, 1): " + delta);
        }
        return delta;
    }
}
