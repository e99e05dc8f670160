package dev.ariadne.inference.stats;

import dev.ariadne.core.dist.LogMath;

/**
 * A streamed log-sum-exp: after adding log weights {@code l_1..l_n} it holds {@code log sum_i exp(l_i)} without
 * ever forming {@code exp(l_i)} on an absolute scale, so weights like 1e-300 or 1e300 cause no under- or overflow.
 *
 * <p>State is {@code (M, S)} with {@code M} the largest log weight seen and {@code S = sum exp(l_i - M)} kept as a
 * compensated (Neumaier) sum, without terms below {@code exp(}{@link Neumaier#NEGLIGIBLE_LOG_TERM}{@code )}; on a
 * new maximum {@code l > M} the sum is rescaled, {@code S <- S exp(M - l) + 1}.
 * Zero weights ({@code l = -inf}) are counted but add nothing. Statistically, {@link #logMean()} is the log of the
 * importance-sampling estimate of the evidence, {@code log Z-hat}.
 *
 * <p>Shards merge with {@link #merge(LogSumExp)}; the result is deterministic for a fixed order of merges and
 * agrees with a single pass to within a few rounding errors (compensated sums), not necessarily bit for bit.
 * Not thread-safe.
 */
public final class LogSumExp implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private double max = Double.NEGATIVE_INFINITY;
    private final Neumaier sum = new Neumaier();
    private long count;
    private long zeros;

    /** An empty accumulator: the sum of no weights, log 0 = -inf. */
    public LogSumExp() {
    }

    /**
     * Adds one log weight.
     *
     * @param l a log weight; {@code -inf} is a zero weight
     * @return this
     * @throws IllegalArgumentException if {@code l} is NaN or +inf
     */
    public LogSumExp add(double l) {
        Checks.logWeight(l);
        count++;
        if (l == Double.NEGATIVE_INFINITY) {
            zeros++;
            return this;
        }
        if (l > max) {
            sum.scale(Math.exp(max - l));
            max = l;
        }
        double d = l - max;
        if (d >= Neumaier.NEGLIGIBLE_LOG_TERM) {
            sum.add(Math.exp(d));
        }
        return this;
    }

    /**
     * Adds the weights summarised by another accumulator (a shard), as if its weights had been added here.
     *
     * @param other the shard to fold in; left unchanged
     * @return this
     */
    public LogSumExp merge(LogSumExp other) {
        count += other.count;
        zeros += other.zeros;
        if (other.max == Double.NEGATIVE_INFINITY) {
            return this;
        }
        if (other.max > max) {
            sum.scale(Math.exp(max - other.max));
            max = other.max;
        }
        sum.addScaled(other.sum, Math.exp(other.max - max));
        return this;
    }

    /** The number of log weights added (including zero weights). */
    public long count() {
        return count;
    }

    /** The number of zero weights ({@code l = -inf}) added: failed or impossible runs. */
    public long zeroCount() {
        return zeros;
    }

    /** The largest log weight seen, {@code -inf} if none is finite. */
    public double max() {
        return max;
    }

    /** {@code log sum_i w_i}: the log of the total weight, {@code -inf} if all weights are zero or none were added. */
    public double logSum() {
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return max + Math.log(sum.value());
    }

    /**
     * {@code log((1/n) sum_i w_i)} over the weights added: the log of the importance-sampling estimate Z-hat of
     * the evidence. {@code -inf} if all weights are zero.
     *
     * @throws IllegalStateException if nothing was added
     */
    public double logMean() {
        if (count == 0) {
            throw new IllegalStateException("log mean of no weights is undefined");
        }
        return logMean(count);
    }

    /**
     * {@code log((1/n) sum_i w_i)} for a given divisor n, e.g. when the zero weights were counted elsewhere.
     *
     * @param n the number of runs the mean is over, at least 1
     */
    public double logMean(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        return logSum() - Math.log(n);
    }

    /** A copy of this accumulator. */
    public LogSumExp copy() {
        LogSumExp c = new LogSumExp();
        c.max = max;
        c.sum.copyFrom(sum);
        c.count = count;
        c.zeros = zeros;
        return c;
    }

    /**
     * {@code log(exp(a) + exp(b))} computed without overflow; exact when either argument is {@code -inf}.
     *
     * @param a a log value
     * @param b a log value
     * @return the log of the sum of the exponentials
     */
    public static double logAddExp(double a, double b) {
        return LogMath.logAddExp(a, b);
    }

    /**
     * The log-sum-exp of an array in one call: {@code log sum_i exp(l[i])}, {@code -inf} for an empty array.
     *
     * @param l log values (no NaN, no +inf)
     */
    public static double of(double... l) {
        LogSumExp s = new LogSumExp();
        for (double x : l) {
            s.add(x);
        }
        return s.logSum();
    }

    @Override
    public String toString() {
        return "LogSumExp(n=" + count + ", zeros=" + zeros + ", logSum=" + logSum() + ")";
    }
}
