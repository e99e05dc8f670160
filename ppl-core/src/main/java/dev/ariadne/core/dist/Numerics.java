package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/** Constants and allocation-free sampling kernels shared by several distributions. */
final class Numerics {

    /** log(sqrt(2 pi)). */
    static final double LN_SQRT_2PI = 0.91893853320467274178032973640562;
    /** log(2). */
    static final double LN_2 = 0.69314718055994530941723212145818;
    /** log(pi). */
    static final double LN_PI = 1.1447298858494001741434273513531;

    /** Below this mean, Poisson draws use inversion (one uniform, about mean+1 multiplications, no allocation). */
    private static final double POISSON_INVERSION_LIMIT = 30;

    private Numerics() {
    }

    /**
     * A draw from Gamma(shape, rate 1) with shape >= 1, by Marsaglia and Tsang (2000), "A simple method for
     * generating gamma variables", ACM TOMS 26(3). Allocation-free.
     */
    private static double marsagliaTsang(Rng rng, double shape) {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = rng.standardNormal();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.openUniform();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * The log of a draw from Gamma(shape, rate 1). For shape < 1 it uses Gamma(a) = Gamma(a + 1) U^(1/a) in log
     * space, so tiny shapes (whose draws underflow double) still give a finite, usable log.
     */
    static double logStandardGamma(Rng rng, double shape) {
        if (shape >= 1) {
            return Math.log(marsagliaTsang(rng, shape));
        }
        return Math.log(marsagliaTsang(rng, shape + 1.0)) + Math.log(rng.openUniform()) / shape;
    }

    /** A draw from Gamma(shape, rate 1); may underflow to 0 for very small shapes. */
    static double standardGamma(Rng rng, double shape) {
        if (shape >= 1) {
            return marsagliaTsang(rng, shape);
        }
        return Math.exp(logStandardGamma(rng, shape));
    }

    /**
     * A Poisson draw with the given mean (>= 0). Small means use allocation-free inversion; large means use the
     * Commons RNG large-mean sampler. Means at or beyond {@link Integer#MAX_VALUE} saturate there.
     */
    static int poisson(Rng rng, double mean) {
        if (mean < POISSON_INVERSION_LIMIT) {
            double u = rng.nextDouble();
            double p = Math.exp(-mean);
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
        if (mean >= Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return PoissonSampler.of(rng, mean).sample();
    }

    /** log(k!) for k below this come from a table: exact to rounding, and no call into LogGamma. */
    private static final int LOG_FACTORIAL_TABLE_SIZE = 1024;
    private static final double[] LOG_FACTORIAL = new double[LOG_FACTORIAL_TABLE_SIZE];

    static {
        for (int k = 0; k < LOG_FACTORIAL_TABLE_SIZE; k++) {
            LOG_FACTORIAL[k] = LogGamma.value(k + 1.0);
        }
    }

    /**
     * log(k!) for k >= 0. Small k are looked up (LogGamma in commons-numbers 1.2 builds small temporary objects
     * that only the optimising compiler removes, and mass functions are called in hot loops).
     */
    static double logFactorial(int k) {
        return k < LOG_FACTORIAL_TABLE_SIZE ? LOG_FACTORIAL[k] : LogGamma.value(k + 1.0);
    }

    /** The string form of an array inside toString. */
    static String str(double[] values) {
        return java.util.Arrays.toString(values);
    }
}
