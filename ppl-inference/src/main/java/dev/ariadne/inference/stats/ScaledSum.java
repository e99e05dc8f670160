package dev.ariadne.inference.stats;

/**
 * A weighted sum {@code sum_i w_i f_i} of finite values of any size: once a value passes {@value #LARGE}, the sum is
 * kept divided by a power of two near the largest value ({@link #scaleFor}), so that values near the largest double
 * (a tracked quantity of 1e308) give their weighted mean, not an overflow to infinity and then NaN. Exact powers of
 * two, so the result is the plain sum's wherever that one does not overflow. {@link #scaleFor} is the one rule for
 * every figure read from user values that may be that large (importance sampling's expectations, SMC's pooled
 * sweeps, MCMC's summary lines).
 */
public final class ScaledSum {

    /** Values of at most this size are summed as they are. */
    public static final double LARGE = 1e150;
    /**
     * Values all below this size are read divided by a power of two near the largest ({@link #scaleFor}): their
     * squares, of which spreads and standard errors are made, underflow to 0 below about 1e-162 (an expectation of
     * 1e-200 x mu read a standard error of exactly 0, and its estimate more than 5 of those "standard errors" off in
     * 200 calls of 200, under importance sampling, SMC and MCMC alike; an adversarial tester).
     */
    public static final double SMALL = 1e-150;

    private double sum;
    private double scale = 1;
    /** The first value added (NaN before any), and whether every value added since has been that one. */
    private double first = Double.NaN;
    private boolean one = true;

    /**
     * The power of two that values up to {@code largest} in size are divided by: 1 from {@value #SMALL} to
     * {@value #LARGE} (and for 0), else {@code 2^getExponent(largest)}, so that the values divided by it are below 2
     * in size and the largest at least 1. Never decreases as {@code largest} grows.
     */
    public static double scaleFor(double largest) {
        return largest > LARGE || (largest < SMALL && largest > 0) ? Math.scalb(1.0, Math.getExponent(largest)) : 1;
    }

    /**
     * Adds {@code w f}, for a weight w in [0, 1]. An infinite f makes the sum that infinity (NaN beside the other one,
     * or at a weight of 0), as a plain sum does: it sets no scale, since no power of two divides it to a finite value.
     */
    public void add(double w, double f) {
        first = first != first ? f : first;
        one &= f == first;
        if (Math.abs(f) > LARGE * scale && Math.abs(f) < Double.POSITIVE_INFINITY) {
            double s = scaleFor(Math.abs(f));
            sum *= scale / s;
            scale = s;
        }
        sum += w * (f / scale);
    }

    /** The sum divided by {@code divisor} (the weights' total), on the values' own scale. */
    public double over(double divisor) {
        return sum / divisor * scale;
    }

    /**
     * The weighted mean: {@link #over} the weights' total {@code divisor}, but the value itself where every value
     * added was that one (and was not NaN). An SMC expectation of 1 in every particle read 1.00000 +- 3.1e-16, the
     * weights' sum rounding off 1, where one of 0 had no standard error (an adversarial tester).
     */
    public double mean(double divisor) {
        return one && first == first ? first : over(divisor);
    }
}
