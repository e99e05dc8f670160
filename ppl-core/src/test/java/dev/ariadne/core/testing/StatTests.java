package dev.ariadne.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/** Goodness-of-fit helpers for checking samplers against densities. */
public final class StatTests {

    /**
     * The significance level every sampler test uses. With fixed seeds a test is deterministic; 1e-6 is small
     * enough that a correct sampler fails with negligible probability for any seed, and a wrong sampler at the
     * sample sizes used (10^4 or more) gives p-values far below it.
     */
    public static final double ALPHA = 1e-6;

    /** The minimum expected count per pooled chi-square bin, so the chi-square approximation holds. */
    public static final double MIN_EXPECTED = 5;

    private StatTests() {
    }

    /** The one-sample two-sided Kolmogorov-Smirnov p-value of the sample against the cdf. */
    public static double ksPValue(double[] sample, DoubleUnaryOperator cdf) {
        return KolmogorovSmirnovTest.withDefaults().test(sample, cdf).getPValue();
    }

    /** Pooled bins for a chi-square test: expected and observed counts. */
    public record Bins(double[] expected, long[] observed) {
    }

    /**
     * Pools the integers from {@code lower} upward into bins of expected count at least {@link #MIN_EXPECTED}; the
     * last bin takes the whole upper tail, with expected count n minus the others, so the totals agree.
     *
     * @param sample the draws, all >= lower
     * @param pmf    the probability of each integer
     * @param lower  the smallest value with positive probability
     * @param upper  the largest value with positive probability (Integer.MAX_VALUE for unbounded)
     */
    public static Bins pool(int[] sample, IntToDoubleFunction pmf, int lower, int upper) {
        int n = sample.length;
        List<int[]> ranges = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        double used = 0;
        int start = lower;
        double current = 0;
        for (long k = lower; k <= upper; k++) {
            current += n * pmf.applyAsDouble((int) k);
            double remaining = n - used - current;
            if (current >= MIN_EXPECTED && remaining >= MIN_EXPECTED && k < upper) {
                ranges.add(new int[] {start, (int) k});
                expected.add(current);
                used += current;
                current = 0;
                start = (int) k + 1;
            } else if (remaining < MIN_EXPECTED) {
                break;
            }
        }
        // The tail bin: everything from start upward.
        ranges.add(new int[] {start, upper});
        expected.add(n - used);
        double[] e = new double[ranges.size()];
        long[] o = new long[ranges.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected.get(i);
        }
        for (int x : sample) {
            if (x < lower || x > upper) {
                throw new AssertionError("draw " + x + " outside the support " + lower + ".." + upper);
            }
            // Bins are few; a linear scan is fine.
            for (int i = 0; i < e.length; i++) {
                if (x >= ranges.get(i)[0] && x <= ranges.get(i)[1]) {
                    o[i]++;
                    break;
                }
            }
        }
        return new Bins(e, o);
    }

    /** The chi-square goodness-of-fit p-value of pooled bins (degrees of freedom: bins - 1). */
    public static double chiSquarePValue(Bins bins) {
        if (bins.expected().length < 2) {
            throw new AssertionError("need at least two pooled bins for a chi-square test");
        }
        return ChiSquareTest.withDefaults().test(bins.expected(), bins.observed()).getPValue();
    }

    /** The sample mean. */
    public static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    /** The unbiased sample variance (two-pass). */
    public static double variance(double[] xs) {
        double m = mean(xs);
        double s = 0;
        for (double x : xs) {
            s += (x - m) * (x - m);
        }
        return s / (xs.length - 1);
    }

    /** Converts ints to doubles. */
    public static double[] toDoubles(int[] xs) {
        double[] d = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            d[i] = xs[i];
        }
        return d;
    }
}
