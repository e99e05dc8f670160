package dev.ariadne.core.dist;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Log-space special functions for writing log densities: the normalising constants of the common families and the
 * sums of probabilities that log densities are made of. The built-in distributions use them, so a distribution
 * written outside the package computes its constants the same way, allocation-free after warm-up and exact to
 * rounding.
 *
 * <p>Conventions: arguments outside a function's domain give NaN (as {@link Math#log} does), and log-space sums
 * treat {@code -inf} as probability 0.
 */
public final class LogMath {

    /** {@code log(sqrt(2 pi))}, the normal density's constant. */
    public static final double LOG_SQRT_2PI = 0.91893853320467274178032973640562;
    /** {@code log(2)}. */
    public static final double LOG_2 = 0.69314718055994530941723212145818;
    /** {@code log(pi)}. */
    public static final double LOG_PI = 1.1447298858494001741434273513531;

    /** {@code log(k!)} for k below this comes from a table built once from {@link LogGamma}. */
    static final int LOG_FACTORIAL_TABLE_SIZE = 1024;
    private static final double[] LOG_FACTORIAL = new double[LOG_FACTORIAL_TABLE_SIZE];

    static {
        for (int k = 0; k < LOG_FACTORIAL_TABLE_SIZE; k++) {
            LOG_FACTORIAL[k] = LogGamma.value(k + 1.0);
        }
    }

    private LogMath() {
    }

    /**
     * {@code log |Gamma(x)|} (Commons Numbers' {@code LogGamma}, accurate to a few ulps), for example the
     * normaliser {@code log Gamma(shape)} of a gamma density. Finite for every finite x > 0, subnormal x included.
     */
    public static double logGamma(double x) {
        // the same values; below 15 without the Commons Sum that could be allocated at every call (LogGammaSmall)
        return x >= LogGammaSmall.MIN && x < LogGammaSmall.MAX ? LogGammaSmall.value(x) : LogGamma.value(x);
    }

    /**
     * {@code log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b)}, computed without cancellation for
     * large or very different arguments (Commons Numbers' {@code LogBeta}): the normaliser of a beta density.
     * NaN unless a and b are > 0.
     */
    public static double logBeta(double a, double b) {
        return LogBetaFunction.value(a, b);
    }

    /**
     * {@code log(k!)} for k >= 0: a table lookup for k below 1024 (bit for bit {@code logGamma(k + 1.0)}, without
     * its cost), {@link #logGamma} above; NaN for negative k. Mass functions call it in hot loops.
     */
    public static double logFactorial(int k) {
        if (k < 0) {
            return Double.NaN;
        }
        return k < LOG_FACTORIAL_TABLE_SIZE ? LOG_FACTORIAL[k] : LogGamma.value(k + 1.0);
    }

    /**
     * {@code log C(n, k)}, the log of the binomial coefficient, as
     * {@code logFactorial(n) - logFactorial(k) - logFactorial(n - k)}; {@code -inf} for k outside 0..n (there are
     * no such subsets) and NaN for negative n.
     */
    public static double logChoose(int n, int k) {
        if (n < 0) {
            return Double.NaN;
        }
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /**
     * {@code log(exp(a) + exp(b))} without overflow or underflow: the log of the sum of two probabilities given
     * as logs. {@code -inf} when both are {@code -inf}; NaN if either is NaN.
     */
    public static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return a != a || b != b ? Double.NaN : max;
        }
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /**
     * {@code log(sum_i exp(xs[i]))} without overflow or underflow (the largest term is factored out): the log of a
     * total probability, such as a mixture's density from its components' log densities plus log weights.
     * {@code -inf} for an empty array or all {@code -inf}; {@code +inf} if any entry is {@code +inf}; NaN if any
     * is NaN.
     */
    public static double logSumExp(double[] xs) {
        return logSumExp(xs, 0, xs.length);
    }

    /** {@link #logSumExp(double[])} over {@code xs[from..to)}. */
    public static double logSumExp(double[] xs, int from, int to) {
        return logSumExp(i -> xs[i], from, to);
    }

    /**
     * {@link #logSumExp(double[])} of {@code term(i)} for i in [from, to), with no array of the terms: each is
     * computed twice, once for the largest and once for the sum below it (a support of a billion masses summed in
     * constant memory).
     */
    public static double logSumExp(java.util.function.IntToDoubleFunction term, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double x = term.applyAsDouble(i);
            if (x != x) {
                return Double.NaN;
            }
            if (x > max) {
                max = x;
            }
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(term.applyAsDouble(i) - max);
        }
        return max + Math.log(sum);
    }

    /**
     * {@code log(1 - exp(x))} for x <= 0, accurate at both ends (Maechler 2012: {@code log(-expm1(x))} near 0,
     * {@code log1p(-exp(x))} below {@code -log 2}): the log of a complementary probability, such as a survival
     * function from a log CDF. {@code -inf} at x = 0; NaN for x > 0.
     */
    public static double log1mExp(double x) {
        if (x > 0 || x != x) {
            return Double.NaN;
        }
        return x > -LOG_2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }

    /**
     * {@code log(1 / (1 + exp(-x)))}, the log of the logistic function, accurate for every x: near 0 for large x
     * (where {@code 1 / (1 + exp(-x))} rounds to 1), about x for very negative x (where it would underflow).
     * {@code logSigmoid(-x)} is then {@code log(1 - sigmoid(x))}. The logistic-regression log likelihood is built
     * from it. One {@code exp} and one {@link #log1p}; NaN for NaN.
     */
    public static double logSigmoid(double x) {
        return x >= 0 ? -log1p(Math.exp(-x)) : x - log1p(Math.exp(x));
    }

    /** {@code log(1 + e)} for {@code 0 <= e <= 1}: the same as {@link #log1p}, kept under its first name. */
    public static double log1pSmall(double e) {
        return log1p(e);
    }

    /**
     * {@code log(1 + y)}, accurate for y near 0 as {@link Math#log1p} is, with only {@link Math#log}, a compiler
     * intrinsic, where {@code Math.log1p} is a native call on Java 17 at about twice the cost. -inf at -1, NaN below
     * -1 and for NaN, +inf for +inf.
     *
     * <p>From -1/2 up, it is {@code log(u) y / (u - 1)} with {@code u = 1 + y} rounded (Goldberg 1991, theorem 4):
     * the division corrects the rounding of u to first order, and u - 1 is exact while u is at most 2 (Sterbenz);
     * the relative error is below 5 units of rounding (5.6e-16) for y in [0, 3/4) by the theorem, and a few units
     * for y in [-1/2, 0), where the same first-order correction holds. Below -1/2, 1 + y is exact (Sterbenz) and
     * its log is the intrinsic's. A test over 10^6 arguments on every scale, positive and negative, keeps it within
     * 1e-15 of {@code Math.log1p}.
     */
    public static double log1p(double y) {
        double u = 1 + y;
        if (y < -0.5) {
            return Math.log(u);
        }
        if (u == 1) {
            return y;
        }
        return u == Double.POSITIVE_INFINITY ? Math.log(y) : Math.log(u) * (y / (u - 1));
    }
}
