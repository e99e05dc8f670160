package dev.ariadne.inference.smc;

/**
 * A weighted sum {@code sum_i w_i f_i} of finite values of any size: once a value passes {@value #LARGE}, the sum is
 * kept divided by a power of two near the largest value, so that values near the largest double (a tracked
 * quantity of 1e308) give their weighted mean, not an overflow to infinity and then NaN. Exact powers of two, so
 * the result is the plain sum's wherever that one does not overflow.
 */
final class ScaledSum {

    /** Values of at most this size are summed as they are. */
    static final double LARGE = 1e150;

    private double sum;
    private double scale = 1;

    /** Adds {@code w f}, for a weight w in [0, 1] and a finite f. */
    void add(double w, double f) {
        if (Math.abs(f) > LARGE * scale) {
            double s = Math.scalb(1.0, Math.getExponent(f));
            sum *= scale / s;
            scale = s;
        }
        sum += w * (f / scale);
    }

    /** The sum divided by {@code divisor} (the weights' total), on the values' own scale. */
    double over(double divisor) {
        return sum / divisor * scale;
    }
}
