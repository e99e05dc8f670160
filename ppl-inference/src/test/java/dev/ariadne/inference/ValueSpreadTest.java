package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sum of squares a choice's value explains: by its values' means, or by a quadratic, adjusted for chance. */
class ValueSpreadTest {

    /** The adjusted between-value sum of squares, computed directly. */
    private static double groupsDirect(double[] x, double[] d) {
        java.util.Map<Double, double[]> g = new java.util.LinkedHashMap<>();
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < x.length; i++) {
            double[] a = g.computeIfAbsent(x[i], v -> new double[2]);
            a[0]++;
            a[1] += d[i];
            sum += d[i];
            sum2 += d[i] * d[i];
        }
        int n = x.length;
        double total = sum2 - sum * sum / n;
        double between = -sum * sum / n;
        for (double[] a : g.values()) {
            between += a[1] * a[1] / a[0];
        }
        int k = g.size();
        return Math.max(0, between - (k - 1) * (total - between) / (n - k - 1 + 1));
    }

    @Test
    void fewValuesAreGroupedAndTheirBetweenSumOfSquaresAdjustedForChance() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 5000;
        double[] x = new double[n];
        double[] d = new double[n];
        ValueSpread v = new ValueSpread();
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(7);
            d[i] = 0.3 * x[i] * x[i] - x[i] + r.nextGaussian() * 2;
            v.add(x[i], d[i]);
        }
        double direct = groupsDirect(x, d);
        assertThat(direct).isPositive();
        assertThat(v.explainedSumOfSquares()).isCloseTo(direct, within(1e-9 * direct));
    }

    @Test
    void aValueThatExplainsNothingReadsNearZero() {
        // Under no relation the adjusted share has mean about 0 and sd about sqrt(2 (k - 1)) / n: 32 values at
        // 10,000 runs, 0.0008; many values (the quadratic, two terms), 0.0002
        for (int values : new int[] {32, 1000}) {
            SplittableRandom r = new SplittableRandom(values);
            ValueSpread v = new ValueSpread();
            double sum = 0;
            double sum2 = 0;
            int n = 10_000;
            for (int i = 0; i < n; i++) {
                double d = r.nextGaussian();
                v.add(r.nextInt(values), d);
                sum += d;
                sum2 += d * d;
            }
            double share = v.explainedSumOfSquares() / (sum2 - sum * sum / n);
            assertThat(share).as("%d values", values).isBetween(0.0, 5 * Math.sqrt(2 * 31.0) / n);
        }
    }

    @Test
    void aQuadraticInAContinuousValueIsExplainedWhole() {
        SplittableRandom r = new SplittableRandom(9);
        ValueSpread v = new ValueSpread();
        double sum = 0;
        double sum2 = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            double x = 100 + 3 * r.nextGaussian();
            double d = -0.5 * (x - 101) * (x - 101) + 7;
            v.add(x, d);
            sum += d;
            sum2 += d * d;
        }
        double total = sum2 - sum * sum / n;
        assertThat(v.explainedSumOfSquares() / total).isCloseTo(1.0, within(1e-6));
    }

    /** Tables merged in order read what one table of all the runs reads, whatever their origins and centring. */
    @Test
    void mergedTablesReadAsOne() {
        for (int values : new int[] {5, 1000}) {
            SplittableRandom r = new SplittableRandom(values);
            ValueSpread whole = new ValueSpread();
            ValueSpread[] parts = {new ValueSpread(), new ValueSpread(), new ValueSpread()};
            double[] shifts = {0, 2.5, -4};
            for (int i = 0; i < 6000; i++) {
                double x = values == 5 ? r.nextInt(5) : 10 + r.nextGaussian();
                double d = Math.sin(x) + 0.4 * x * x + r.nextGaussian();
                whole.add(x, d);
                int p = i / 2000;
                parts[p].add(x, d - shifts[p]); // part p centred shifts[p] below the whole's
            }
            ValueSpread merged = new ValueSpread();
            for (int p = 0; p < 3; p++) {
                merged.merge(parts[p], shifts[p]);
            }
            double expected = whole.explainedSumOfSquares();
            assertThat(expected).isPositive();
            assertThat(merged.explainedSumOfSquares()).as("%d values", values)
                    .isCloseTo(expected, within(1e-7 * expected));
        }
    }
}
