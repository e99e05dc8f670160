package dev.ariadne.inference.stats;

/**
 * Running mean and variance of finite values by Welford's update, mergeable by the pairwise formulas of Chan,
 * Golub and LeVeque. Used for the free energy {@code F-hat = -mean(l)} over runs with finite log weight and its
 * standard error {@code sd(l)/sqrt(n)}.
 *
 * <p>Only finite values are accepted: the count of zero weights ({@code -inf} log weights) is the caller's concern.
 * Merges are deterministic for a fixed merge order and agree with a single pass up to rounding. Not thread-safe.
 */
public final class Moments implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private long n;
    private double mean;
    private double m2;

    /** An empty accumulator. */
    public Moments() {
    }

    /**
     * Adds one value.
     *
     * @param x a finite value
     * @return this
     * @throws IllegalArgumentException if {@code x} is NaN or infinite
     */
    public Moments add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("Moments take finite values only: " + x);
        }
        n++;
        double d = x - mean;
        if (d - d != 0) { // overflowed: values near +-1.8e308 on both sides
            spreadOverflowed(x / n - mean / n);
            return this;
        }
        mean += d / n;
        m2 += d * (x - mean);
        return this;
    }

    /**
     * Values whose differences overflow a double (log weights near +-1e308 on both sides): the mean moves by
     * {@code step}, computed without the overflowing difference, and the spread, whose square is past any double,
     * reads infinite from then on, as do the variance and the standard error, rather than NaN.
     */
    private void spreadOverflowed(double step) {
        mean += step;
        m2 = Double.POSITIVE_INFINITY;
    }

    /**
     * Folds in the values summarised by another accumulator (Chan et al.).
     *
     * @param o a shard, left unchanged
     * @return this
     */
    public Moments merge(Moments o) {
        if (o.n == 0) {
            return this;
        }
        if (n == 0) {
            n = o.n;
            mean = o.mean;
            m2 = o.m2;
            return this;
        }
        long nn = n + o.n;
        double d = o.mean - mean;
        if (d - d != 0) {
            spreadOverflowed(o.mean * ((double) o.n / nn) - mean * ((double) o.n / nn));
        } else {
            mean += d * ((double) o.n / nn);
            m2 += o.m2 + d * d * ((double) n * o.n / nn);
        }
        n = nn;
        return this;
    }

    /** The number of values added. */
    public long count() {
        return n;
    }

    /**
     * The sample mean.
     *
     * @throws IllegalStateException if no value was added
     */
    public double mean() {
        if (n == 0) {
            throw new IllegalStateException("mean of no values is undefined");
        }
        return mean;
    }

    /** The unbiased sample variance; {@code +inf} (no information on spread) when fewer than two values. */
    public double variance() {
        if (n < 2) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0.0, m2 / (n - 1));
    }

    /** The sample standard deviation; {@code +inf} when fewer than two values. */
    public double sd() {
        return Math.sqrt(variance());
    }

    /** The standard error of the mean, {@code sd/sqrt(n)}; {@code +inf} when fewer than two values. */
    public double standardError() {
        if (n < 2) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(variance() / n);
    }

    /** A copy of this accumulator. */
    public Moments copy() {
        Moments c = new Moments();
        c.n = n;
        c.mean = mean;
        c.m2 = m2;
        return c;
    }

    @Override
    public String toString() {
        return "Moments(n=" + n + ", mean=" + (n == 0 ? "none" : mean) + ", var=" + variance() + ")";
    }
}
