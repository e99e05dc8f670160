package dev.ariadne.inference.stats;

/**
 * One streaming accumulator of importance log weights {@code l_i = log p(x_i, e) - log q(x_i)} from runs
 * {@code x_i ~ q}, giving the evidence estimate and the usual diagnostics:
 * <ul>
 *   <li>{@link #logZHat()}: {@code log Z-hat = log((1/n) sum w_i)}, an unbiased estimate of {@code E_q[w] <= Z}
 *       (in log space, so biased low as an estimate of {@code log Z});</li>
 *   <li>{@link #logZHatStandardError()}: delta-method standard error of {@code log Z-hat},
 *       {@code sd(w) / (sqrt(n) mean(w))};</li>
 *   <li>{@link #ess()}: Kish effective sample size {@code exp(2 LSE(l) - LSE(2l))};</li>
 *   <li>{@link #freeEnergy()}: {@code F-hat = -mean(l)}, which is {@code +inf} once any run has zero weight, and
 *       {@link #freeEnergyOfSuccessful()} with its standard error over the runs that succeeded, reported beside
 *       {@link #failureFraction()};</li>
 *   <li>{@link #klQPEstimate()} = {@code F-hat + log Z-hat} and {@link #klPQEstimate()} =
 *       {@code sum(wbar_i l_i) - log Z-hat} (Chatterjee and Diaconis: runs needed ~ {@code exp(KL(p||q))}).</li>
 * </ul>
 *
 * <p>Internally it keeps, on a common scale {@code M = max l}, the compensated sums {@code sum exp(l-M)},
 * {@code sum exp(2(l-M))} and {@code sum exp(l-M) (l-M)}, without the runs whose {@code exp(l-M)} (in the second,
 * its square) is below {@code exp(}{@link Neumaier#NEGLIGIBLE_LOG_TERM}{@code )}, plus Welford moments of the finite
 * {@code l}. Zero weights
 * ({@code l = -inf}) are counted and never produce NaN. Merging shards is deterministic for a fixed merge order and
 * agrees with one pass up to a few roundings. Serialisable in about 300 bytes (twelve numbers and the class
 * descriptions). Not thread-safe.
 */
public final class WeightStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private long n;
    private long zeros;
    private double max = Double.NEGATIVE_INFINITY;
    private double min = Double.POSITIVE_INFINITY;
    private final Neumaier s1 = new Neumaier();
    private final Neumaier s2 = new Neumaier();
    private final Neumaier t1 = new Neumaier();
    private final Moments finite = new Moments();

    /** An empty accumulator. */
    public WeightStats() {
    }

    /**
     * Adds the log weight of one run.
     *
     * @param l the log weight, {@code -inf} for a run with zero weight (failed condition, zero likelihood)
     * @return this
     * @throws IllegalArgumentException if {@code l} is NaN or +inf
     */
    public WeightStats add(double l) {
        Checks.logWeight(l);
        n++;
        if (l == Double.NEGATIVE_INFINITY) {
            zeros++;
            return this;
        }
        finite.add(l);
        if (l < min) {
            min = l;
        }
        if (l > max) {
            rescale(max - l);
            max = l;
        }
        double d = l - max;
        if (d >= Neumaier.NEGLIGIBLE_LOG_TERM) {
            double e = Math.exp(d);
            s1.add(e);
            t1.add(e * d);
            if (d >= Neumaier.NEGLIGIBLE_LOG_TERM / 2) {
                s2.add(e * e);
            }
        }
        return this;
    }

    /**
     * Folds in a shard's accumulator, as if its runs had been added here.
     *
     * @param o the shard, left unchanged
     * @return this
     */
    public WeightStats merge(WeightStats o) {
        n += o.n;
        zeros += o.zeros;
        finite.merge(o.finite);
        min = Math.min(min, o.min);
        if (o.max == Double.NEGATIVE_INFINITY) {
            return this;
        }
        if (o.max > max) {
            rescale(max - o.max);
            max = o.max;
        }
        double d = o.max - max;
        double f = Math.exp(d);
        t1.addScaled(o.t1, f);
        t1.addScaled(o.s1, shift(d, f));
        s1.addScaled(o.s1, f);
        s2.addScaled(o.s2, f * f);
        return this;
    }

    /**
     * Moves the sums to a scale {@code -d} above the present one ({@code d <= 0}): each term of s1 and s2 by
     * {@code exp(d)} and its square, and t1, whose terms are {@code e (l - M)}, to {@code exp(d) (t1 + d s1)}.
     */
    private void rescale(double d) {
        double f = Math.exp(d);
        t1.scale(f);
        t1.addScaled(s1, shift(d, f));
        s1.scale(f);
        s2.scale(f * f);
    }

    /**
     * {@code d exp(d)}, the factor that moves t1's terms {@code e (l - M)} to a scale {@code -d} higher: 0 where
     * {@code d} is {@code -inf} (an empty accumulator, or one whose scale is beyond any double's reach).
     */
    private static double shift(double d, double f) {
        return f == 0 ? 0 : d * f;
    }

    /** The number of runs added. */
    public long count() {
        return n;
    }

    /** The number of runs with zero weight ({@code l = -inf}). */
    public long zeroCount() {
        return zeros;
    }

    /** The fraction of runs with zero weight (failed runs); 0 when empty. */
    public double failureFraction() {
        return n == 0 ? 0.0 : (double) zeros / n;
    }

    /** The largest log weight, {@code -inf} if no run had positive weight. */
    public double maxLogWeight() {
        return max;
    }

    /** The smallest log weight of a run with positive weight, {@code +inf} if there is none. */
    public double minPositiveLogWeight() {
        return min;
    }

    /**
     * Whether every run with positive weight has the same weight, up to the rounding of log p - log q (a
     * relative 1e-9): a guide proportional to the posterior on every run made. Then no tail exists to judge, and
     * Pareto k-hat, fitted to rounding noise, means nothing. False when no run has positive weight.
     */
    public boolean positiveWeightsEqual() {
        return max > Double.NEGATIVE_INFINITY && max - min <= WeightBound.ROUNDING * Math.max(1, Math.abs(max));
    }

    /** {@code log sum_i w_i}, {@code -inf} when all weights are zero. */
    public double logSum() {
        return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : max + Math.log(s1.value());
    }

    /** {@code log sum_i w_i^2}, {@code -inf} when all weights are zero. */
    public double logSumSquares() {
        return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : 2 * max + Math.log(s2.value());
    }

    /**
     * {@code log Z-hat}: the log of the mean weight, an unbiased estimate (on the linear scale) of
     * {@code E_q[w] <= P(e)}. {@code -inf} when every run had zero weight.
     *
     * @throws IllegalStateException if no run was added
     */
    public double logZHat() {
        requireRuns();
        return logSum() - Math.log(n);
    }

    /**
     * The delta-method standard error of {@code log Z-hat}, equal to the relative standard error of Z-hat,
     * {@code sd(w) / (sqrt(n) mean(w)) = sqrt((n / ESS - 1) / (n - 1))}. It is computed from the same weights, so
     * it is too small exactly when heavy tails make the estimate unreliable: gate it on Pareto k-hat. {@code +inf}
     * when fewer than two runs or all weights are zero.
     */
    public double logZHatStandardError() {
        if (n < 2 || max == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double a = s1.value();
        double ratio = n * (s2.value() / (a * a)); // n * sum w^2 / (sum w)^2 = n / ESS >= 1
        return Math.sqrt(Math.max(0.0, ratio - 1.0) / (n - 1));
    }

    /**
     * The Kish effective sample size {@code (sum w)^2 / sum w^2 = exp(2 LSE(l) - LSE(2l))}, between 1 and the
     * number of runs with positive weight; 0 when all weights are zero.
     */
    public double ess() {
        if (max == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        double a = s1.value();
        return a * a / s2.value();
    }

    /**
     * The free energy {@code F-hat = -mean(l)} over all runs: {@code +inf} as soon as one run has zero weight
     * (then read {@link #freeEnergyOfSuccessful()} beside {@link #failureFraction()}).
     *
     * @throws IllegalStateException if no run was added
     */
    public double freeEnergy() {
        requireRuns();
        return zeros > 0 ? Double.POSITIVE_INFINITY : -finite.mean();
    }

    /** {@code -mean(l)} over the runs with positive weight; {@code +inf} if there is none. */
    public double freeEnergyOfSuccessful() {
        return finite.count() == 0 ? Double.POSITIVE_INFINITY : -finite.mean();
    }

    /**
     * The standard error {@code sd(l)/sqrt(n)} of {@link #freeEnergyOfSuccessful()} over the runs with positive
     * weight; {@code +inf} with fewer than two of them.
     */
    public double freeEnergyStandardError() {
        return finite.standardError();
    }

    /** The Welford moments of the finite log weights (a copy). */
    public Moments finiteLogWeightMoments() {
        return finite.copy();
    }

    /**
     * An estimate of {@code KL(q || p(.|e)) = F + log Z} by {@code F-hat + log Z-hat}. Biased low and can come out
     * negative: an estimate, not a bound. {@code +inf} when some run has zero weight (q puts mass where p has none).
     *
     * @throws IllegalStateException if no run was added
     */
    public double klQPEstimate() {
        requireRuns();
        if (zeros > 0) {
            return Double.POSITIVE_INFINITY;
        }
        return -finite.mean() + logZHat();
    }

    /**
     * The delta-method standard error of {@link #klQPEstimate()}, {@code log mean(w) - mean(l)}: each run's influence
     * is {@code w / mean(w) - l}, whose variance over n is {@code n sum w^2 / (sum w)^2 - 1 + var(l)
     * - 2 (sum w l / sum w - mean(l))}. The two terms' errors are strongly correlated (a guide near the posterior makes
     * them nearly cancel), and their root sum of squares read 8 times this over 200 seeds (mean z^2 0.017; a new
     * user). {@code +inf} with fewer than two runs or where some run has zero weight.
     */
    public double klQPStandardError() {
        if (n < 2 || zeros > 0 || max == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double a = s1.value();
        double relativeSecondMoment = n * (s2.value() / (a * a));
        double weightedMeanOfL = t1.value() / a + max;
        double v = relativeSecondMoment - 1 + finite.variance() - 2 * (weightedMeanOfL - finite.mean());
        // log weights near the largest double overflow the terms (inf - inf): no spread that a double can hold
        return v != v ? Double.POSITIVE_INFINITY : Math.sqrt(Math.max(0, v) / n);
    }

    /**
     * An estimate of {@code KL(p(.|e) || q) = E_p[l] - log Z} by {@code sum_i wbar_i l_i - log Z-hat}, with
     * {@code wbar} the self-normalised weights (Chatterjee and Diaconis: the number of runs needed is about
     * {@code exp(KL(p || q))}). A self-normalised estimate, biased for small ESS, and never above {@code log n}
     * (the weighted mean of the log weights is at most the largest, and log Z-hat at least the largest minus
     * {@code log n}): where a few runs carry the weight it sits near that ceiling whatever the truth. Zero weights
     * contribute nothing; {@code +inf} (nothing known) when all weights are zero, or when log weights near the
     * largest double (a factor of 1e308) overflow their weighted sum.
     *
     * @throws IllegalStateException if no run was added
     */
    public double klPQEstimate() {
        requireRuns();
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        // t1 holds sum e (l - M), so t1 / s1 is sum(wbar l) - M, and log Z-hat - M is log(s1 / n): no term as large
        // as the weights' logs, which summed as sum e l overflowed (a factor of 1e308 in every run read "about
        // Infinity runs are needed", an adversarial tester).
        double kl = t1.value() / s1.value() - (Math.log(s1.value()) - Math.log(n));
        return kl == kl ? kl : Double.POSITIVE_INFINITY;
    }

    /** A copy of this accumulator. */
    public WeightStats copy() {
        WeightStats c = new WeightStats();
        c.merge(this);
        return c;
    }

    private void requireRuns() {
        if (n == 0) {
            throw new IllegalStateException("no runs were added");
        }
    }

    @Override
    public String toString() {
        return "WeightStats(n=" + n + ", zeros=" + zeros + ", logZHat=" + (n == 0 ? "none" : logZHat())
                + ", ess=" + ess() + ")";
    }
}
