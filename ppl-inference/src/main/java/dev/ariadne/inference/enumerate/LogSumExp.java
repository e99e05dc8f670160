package dev.ariadne.inference.enumerate;

/**
 * A streaming, numerically stable log-sum-exp: after adding log terms l_1..l_n, {@link #value()} is
 * {@code log(sum_i exp(l_i))}. It keeps the running maximum m and the compensated (Neumaier) sum of
 * {@code exp(l_i - m)}, rescaling when the maximum grows, so neither overflow nor underflow of the individual
 * terms affects the result. Terms equal to {@code -inf} (probability 0) are ignored.
 */
final class LogSumExp {

    private double max = Double.NEGATIVE_INFINITY;
    private double sum;
    private double compensation;

    /** Adds the term {@code exp(logTerm)}. */
    void add(double logTerm) {
        if (logTerm == Double.NEGATIVE_INFINITY) {
            return;
        }
        if (logTerm > max) {
            if (max == Double.NEGATIVE_INFINITY) {
                max = logTerm;
                sum = 1;
                compensation = 0;
                return;
            }
            double rescale = Math.exp(max - logTerm);
            sum *= rescale;
            compensation *= rescale;
            max = logTerm;
        }
        double x = Math.exp(logTerm - max);
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    /** {@code log} of the sum of the terms added so far; {@code -inf} when there are none. */
    double value() {
        return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : max + Math.log(sum + compensation);
    }
}
