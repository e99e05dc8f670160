package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/**
 * Constants, allocation-free sampling kernels and the rules at the edges of the doubles, shared by several
 * distributions.
 *
 * <p>The rules, which keep a sampler and its density in agreement:
 * <ul>
 *   <li>A draw that underflows is rounded to the nearest double <em>inside</em> the support, where the density is
 *       finite: the smallest positive double {@link Double#MIN_VALUE} for a positive draw, the largest double below
 *       1 for a draw that rounds up to 1 on the unit interval. Rounding to 0 or 1 would put it where the density
 *       is infinite or 0, and a run drawn from the prior would then be counted as a support failure.</li>
 *   <li>A draw that cannot be represented at all (beyond the largest double, or beyond {@code int} range for an
 *       integer distribution) is an {@link ArithmeticException} that names the distribution, never a silently
 *       saturated value.</li>
 * </ul>
 */
final class Numerics {

    /** log(sqrt(2 pi)). */
    static final double LN_SQRT_2PI = LogMath.LOG_SQRT_2PI;
    /** log(2). */
    static final double LN_2 = LogMath.LOG_2;
    /** log(pi). */
    static final double LN_PI = LogMath.LOG_PI;

    /** The largest double below 1: where a draw on the unit interval that rounds up to 1 is put. */
    static final double BELOW_ONE = Math.nextDown(1.0);
    /** Below this mean, Poisson draws use inversion (one uniform, about mean+1 multiplications, no allocation). */
    private static final double POISSON_INVERSION_LIMIT = 30;

    private Numerics() {
    }

    /**
     * The log of a draw from Gamma(shape, rate 1) ({@link GammaSampler}). For shape < 1 it uses Gamma(a) =
     * Gamma(a + 1) U^(1/a) in log space, so tiny shapes (whose draws underflow double) still give a usable log:
     * finite for shape >= 1e-300 ({@code log U >= -37.5}); {@code -inf} only for shapes so small that the log itself
     * overflows.
     */
    static double logStandardGamma(Rng rng, double shape) {
        return GammaSampler.draw(rng, shape, 1, 0, true);
    }

    /** A draw from Gamma(shape, rate 1) ({@link GammaSampler}); 0 where it underflows (tiny shapes). */
    static double standardGamma(Rng rng, double shape) {
        return GammaSampler.draw(rng, shape, 1, 0, false);
    }

    /**
     * A Poisson draw with the given mean, 0 <= mean <= {@link Poisson#MAX_RATE}: allocation-free inversion below
     * a mean of 30, the Commons RNG large-mean sampler above. A larger mean is an error naming {@code who}: its
     * draws would not all fit in an int (and Commons' sampler stops at 2^30).
     */
    static int poisson(Rng rng, double mean, Dist who) {
        if (mean < POISSON_INVERSION_LIMIT) {
            double u = rng.nextDouble();
            double p = ZeroMass.of(mean);
            double cdf = p;
            int k = 0;
            // Stop if the terms vanish: the computed CDF can end a few ulps short of 1.
            while (u >= cdf && p > 0) {
                k++;
                p *= mean / k;
                cdf += p;
            }
            return k;
        }
        if (!(mean <= Poisson.MAX_RATE)) {
            throw new ArithmeticException(who + ": a draw needs a Poisson rate of " + mean + ", above "
                    + Poisson.MAX_RATE + " where its draws may not fit in an int");
        }
        return PoissonSampler.of(rng, mean).sample();
    }

    /**
     * A positive real draw with underflow rounded to {@link Double#MIN_VALUE}; an overflow (or NaN) is an error
     * naming {@code who}.
     */
    static double positiveDraw(double x, Dist who) {
        if (x > 0 && x <= Double.MAX_VALUE) {
            return x;
        }
        if (x == 0) {
            return Double.MIN_VALUE;
        }
        throw unrepresentable(who, x);
    }

    /** A real draw that must be finite; an overflow (or NaN) is an error naming {@code who}. */
    static double finiteDraw(double x, Dist who) {
        if (Math.abs(x) <= Double.MAX_VALUE) {
            return x;
        }
        throw unrepresentable(who, x);
    }

    /** An integer draw computed as a double (a floor, say), which must fit in an int. */
    static int intDraw(double k, Dist who) {
        if (k >= Integer.MIN_VALUE && k <= Integer.MAX_VALUE) {
            return (int) k;
        }
        throw new ArithmeticException(who + ": a draw of " + k + " does not fit in an int");
    }

    static ArithmeticException unrepresentable(Dist who, double x) {
        return new ArithmeticException(who + ": a draw of " + x + " cannot be represented as a finite double");
    }

    /**
     * {@code log |z|} for the standardised value {@code z = (x - location) / scale} whose absolute value is
     * {@code az}: {@code log(az)} where az is finite, and where it overflowed (a subnormal scale, or x and the
     * location far apart) the difference of logs {@code log|x - location| - log(scale)}, with the difference itself
     * halved first if it overflows. Heavy-tailed densities use it where {@code z^2} would overflow.
     */
    static double logAbsZ(double az, double x, double location, double logScale) {
        if (az <= Double.MAX_VALUE) {
            return Math.log(az);
        }
        double d = Math.abs(x - location);
        double logD = d <= Double.MAX_VALUE ? Math.log(d) : Math.log(Math.abs(0.5 * x - 0.5 * location)) + LN_2;
        return logD - logScale;
    }

    /** log(k!) for k >= 0 (a table below 1024): {@link LogMath#logFactorial}. */
    static double logFactorial(int k) {
        return LogMath.logFactorial(k);
    }

    /** The string form of an array inside toString: {@link ShownArrays#of(double[])}. */
    static String str(double[] values) {
        return ShownArrays.of(values);
    }
}
