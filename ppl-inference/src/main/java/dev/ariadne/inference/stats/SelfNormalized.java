package dev.ariadne.inference.stats;

/**
 * The self-normalised estimate of a conditional probability {@code P(h | e)} from importance log weights and the
 * indicator {@code 1[h(x_i)]}: {@code r = sum_i wbar_i 1[h_i]} with {@code wbar} the normalised weights, and its
 * delta-method standard error {@code sqrt(sum_i wbar_i^2 (1[h_i] - r)^2)}.
 *
 * <p>Since r is known only at the end, the square is expanded into streamed sums kept on a common log scale
 * {@code M = max l}: {@code S_h = sum_{h} w}, {@code S_n = sum_{not h} w}, {@code Q_h = sum_{h} w^2},
 * {@code Q_n = sum_{not h} w^2}; then {@code r = S_h / (S_h + S_n)}, {@code 1 - r = S_n / (S_h + S_n)} (no
 * cancellation) and {@code se^2 = (Q_h (1-r)^2 + Q_n r^2) / (S_h + S_n)^2}.
 *
 * <p>This is an estimate with an approximate standard error, not a bound: it has O(1/n) bias and the standard
 * error is too small exactly when the weights are heavy-tailed, so gate it on Pareto k-hat. Shards merge
 * deterministically, equal to one pass up to rounding. Not thread-safe.
 */
public final class SelfNormalized {
    private long n;
    private long nh;
    private double max = Double.NEGATIVE_INFINITY;
    private final Neumaier sh = new Neumaier();
    private final Neumaier sn = new Neumaier();
    private final Neumaier qh = new Neumaier();
    private final Neumaier qn = new Neumaier();

    /** An empty accumulator. */
    public SelfNormalized() {
    }

    /**
     * Adds one run.
     *
     * @param l log weight, {@code -inf} for zero
     * @param h whether the run satisfies the query h
     * @return this
     */
    public SelfNormalized add(double l, boolean h) {
        Checks.logWeight(l);
        n++;
        if (h) {
            nh++;
        }
        if (l == Double.NEGATIVE_INFINITY) {
            return this;
        }
        if (l > max) {
            rescale(Math.exp(max - l));
            max = l;
        }
        double e = Math.exp(l - max);
        (h ? sh : sn).add(e);
        (h ? qh : qn).add(e * e);
        return this;
    }

    private void rescale(double f) {
        sh.scale(f);
        sn.scale(f);
        qh.scale(f * f);
        qn.scale(f * f);
    }

    /**
     * Folds in another shard.
     *
     * @param o the shard, left unchanged
     * @return this
     */
    public SelfNormalized merge(SelfNormalized o) {
        n += o.n;
        nh += o.nh;
        if (o.max == Double.NEGATIVE_INFINITY) {
            return this;
        }
        if (o.max > max) {
            rescale(Math.exp(max - o.max));
            max = o.max;
        }
        double f = Math.exp(o.max - max);
        sh.addScaled(o.sh, f);
        sn.addScaled(o.sn, f);
        qh.addScaled(o.qh, f * f);
        qn.addScaled(o.qn, f * f);
        return this;
    }

    /** The number of runs added. */
    public long count() {
        return n;
    }

    /** The number of runs with {@code h} true (whatever their weight). */
    public long countH() {
        return nh;
    }

    /** Whether some run had positive weight, so that {@link #estimate()} is defined. */
    public boolean hasEstimate() {
        return max != Double.NEGATIVE_INFINITY;
    }

    /** {@code log sum_{h} w_i}, {@code -inf} if none. */
    public double logWeightH() {
        return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : max + Math.log(sh.value());
    }

    /** {@code log sum_{not h} w_i}, {@code -inf} if none. */
    public double logWeightNotH() {
        return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : max + Math.log(sn.value());
    }

    /**
     * The self-normalised estimate {@code r} of {@code P(h | e)}, in [0, 1].
     *
     * @throws IllegalStateException if no run had positive weight
     */
    public double estimate() {
        require();
        double a = sh.value();
        return a / (a + sn.value());
    }

    /**
     * The delta-method standard error {@code sqrt(sum wbar_i^2 (1[h_i] - r)^2)} of {@link #estimate()}:
     * approximate, and too small under heavy tails.
     *
     * @throws IllegalStateException if no run had positive weight
     */
    public double standardError() {
        require();
        double a = sh.value();
        double b = sn.value();
        double s = a + b;
        double r = a / s;
        double r1 = b / s;
        double v = (qh.value() * r1 * r1 + qn.value() * r * r) / (s * s);
        return Math.sqrt(Math.max(0.0, v));
    }

    private void require() {
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("no run had positive weight: the conditional estimate is undefined");
        }
    }

    @Override
    public String toString() {
        return "SelfNormalized(n=" + n + (hasEstimate() ? ", r=" + estimate() + ", se=" + standardError() : "")
                + ")";
    }
}
