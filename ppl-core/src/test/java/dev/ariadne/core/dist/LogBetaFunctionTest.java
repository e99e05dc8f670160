package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.LogBeta;
import org.junit.jupiter.api.Test;

/** {@link LogMath#logBeta} is Commons Numbers' {@code LogBeta.value} bit for bit, in every branch and at its edges. */
class LogBetaFunctionTest {

    @Test
    void isCommonsLogBetaBitForBit() {
        // the branches' edges: the smaller shape at 1, 2 and 10, the larger at 2, 10 and 1000
        double[] edges = {Double.MIN_VALUE, 1e-300, 1e-8, 0.3, 0.5, Math.nextDown(1.0), 1, Math.nextUp(1.0), 1.5,
            Math.nextDown(2.0), 2, Math.nextUp(2.0), 2.5, 3, 7.25, Math.nextDown(10.0), 10, Math.nextUp(10.0), 14.5,
            15, 99.5, Math.nextDown(1000.0), 1000, Math.nextUp(1000.0), 1e4, 1e15, 1e300, Double.MAX_VALUE, 0, -0.0,
            -1, Double.NaN, Double.POSITIVE_INFINITY};
        for (double a : edges) {
            for (double b : edges) {
                assertSame(a, b);
            }
        }
        SplittableRandom random = new SplittableRandom(2417);
        for (int i = 0; i < 300_000; i++) {
            // log-uniform over [1e-6, 1e6] for each shape, and uniform over [0, 12]^2 where the reductions loop
            assertSame(Math.exp(random.nextDouble(-13.8, 13.8)), Math.exp(random.nextDouble(-13.8, 13.8)));
            assertSame(random.nextDouble(0, 12), random.nextDouble(0, 12));
            assertSame(random.nextDouble(2, 10), random.nextDouble(900, 1100));
        }
    }

    private static void assertSame(double a, double b) {
        double expected = LogBeta.value(a, b);
        double actual = LogMath.logBeta(a, b);
        if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(expected)) {
            assertThat(actual).as("log B(%s, %s)", a, b).isEqualTo(expected);
        }
    }
}
