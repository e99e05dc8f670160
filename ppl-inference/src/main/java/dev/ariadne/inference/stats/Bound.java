package dev.ariadne.inference.stats;

/**
 * A one-sided confidence bound on the mean weight (hence on the evidence {@code P(e)} for a lower bound, since
 * {@code E_q[w] <= P(e)}), held in log space.
 *
 * @param logValue the log of the bound; {@code -inf} for a (valid, uninformative) lower bound of 0, {@code +inf}
 *                 for an unavailable upper bound; never NaN
 * @param delta    the error probability: the bound fails with probability at most delta (each bound at its own
 *                 delta; several bounds from the same runs do not hold jointly unless deltas are split, e.g.
 *                 {@link Bounds#bonferroni(double, int)})
 * @param method   how it was computed
 * @param runs     the number of runs it rests on
 * @param note     a human-readable remark: which side, batch layout, why it is trivial or unavailable
 */
public record Bound(double logValue, double delta, BoundMethod method, long runs, String note) {

    /** Validates the components: no NaN value, delta in (0, 1). */
    public Bound {
        if (Double.isNaN(logValue)) {
            throw new IllegalArgumentException("bound is NaN");
        }
        Checks.delta(delta);
        if (method == null) {
            throw new IllegalArgumentException("method is null");
        }
        note = note == null ? "" : note;
    }

    /** The bound on the linear scale, {@code exp(logValue)} (may underflow to 0 for tiny evidence). */
    public double value() {
        return Math.exp(logValue);
    }

    /** The confidence level {@code 1 - delta}. */
    public double confidence() {
        return 1.0 - delta;
    }
}
