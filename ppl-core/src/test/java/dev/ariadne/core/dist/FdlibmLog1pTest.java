package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FdlibmLog1p} is {@link Math#log1p} bit for bit, on every scale, at its branches' edges and at specials. */
class FdlibmLog1pTest {

    @Test
    void isMathLog1pBitForBit() {
        double[] edges = {0, -0.0, -1, Math.nextUp(-1.0), Math.nextDown(-1.0), -2, -0.5, -0.2929, -0.29289,
            0.41421, 0.41422, 0x1p-29, -0x1p-29, 0x1p-54, -0x1p-54, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 1, 2,
            0x1p53, Math.nextDown(0x1p53), 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN};
        for (double x : edges) {
            assertSame(x);
        }
        SplittableRandom random = new SplittableRandom(1729);
        for (int i = 0; i < 400_000; i++) {
            assertSame(random.nextDouble(-1, 2));
            assertSame(random.nextDouble(-0.3, 0.42));
            assertSame(Math.exp(random.nextDouble(-745, 709)));
            assertSame(-Math.exp(random.nextDouble(-745, 0)));
            assertSame(Double.longBitsToDouble(random.nextLong()));
        }
    }

    private static void assertSame(double x) {
        double expected = Math.log1p(x);
        double actual = FdlibmLog1p.value(x);
        if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(expected)) {
            assertThat(actual).as("log1p(%s)", x).isEqualTo(expected);
        }
    }
}
