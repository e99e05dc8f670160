package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;

/** {@link LogMath#logGamma} is Commons Numbers' {@code LogGamma.value} bit for bit, on its own range and around it. */
class LogGammaSmallTest {

    @Test
    void isCommonsLogGammaBitForBit() {
        double[] edges = {LogGammaSmall.MIN, Math.nextDown(LogGammaSmall.MIN), 1e-7, 0.5, 1, Math.nextUp(1.0),
            Math.nextDown(1.0), 1.5, Math.nextUp(1.5), 2, Math.nextUp(2.0), Math.nextDown(2.0), 3, Math.nextDown(3.0),
            Math.nextUp(3.0), 7.25, 14, Math.nextDown(15.0), 15, 20, 150, 1e300, 0, -0.0, -2.5, Double.NaN,
            Double.POSITIVE_INFINITY, Double.MIN_VALUE};
        for (double z : edges) {
            assertSame(z);
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            // log-uniform over [1e-8, 15], and uniform over each unit interval of the reduction
            assertSame(Math.exp(random.nextDouble(Math.log(1e-8), Math.log(15))));
            assertSame(random.nextDouble(0, 15));
        }
    }

    private static void assertSame(double z) {
        double expected = LogGamma.value(z);
        double actual = LogMath.logGamma(z);
        if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(expected)) {
            assertThat(actual).as("log Gamma(%s)", z).isEqualTo(expected);
        }
    }
}
