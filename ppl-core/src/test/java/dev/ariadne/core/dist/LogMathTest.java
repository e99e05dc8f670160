package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Rng;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;

/** The public log-space helpers for distribution authors, against closed forms and Commons Numbers (exact). */
class LogMathTest {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void factorialsAndBinomialCoefficients() {
        for (int k = 0; k < 3000; k++) {
            assertThat(LogMath.logFactorial(k)).as("log %d!", k).isEqualTo(LogGamma.value(k + 1.0));
        }
        assertThat(LogMath.logFactorial(-1)).isNaN();
        assertThat(LogMath.logChoose(10, 3)).isCloseTo(Math.log(120), offset(1e-14));
        assertThat(LogMath.logChoose(10, 0)).isZero();
        assertThat(LogMath.logChoose(10, 11)).isEqualTo(NEG_INF);
        assertThat(LogMath.logChoose(10, -1)).isEqualTo(NEG_INF);
        assertThat(LogMath.logChoose(-1, 0)).isNaN();
        assertThat(LogMath.logGamma(5)).isCloseTo(Math.log(24), offset(1e-14));
        assertThat(LogMath.logBeta(2.5, 0.3)).isEqualTo(LogBeta.value(2.5, 0.3));
        assertThat(LogMath.logBeta(2, 3)).isCloseTo(Math.log(1 / 12.0), offset(1e-14));
    }

    @Test
    void sumsOfProbabilitiesInLogSpace() {
        assertThat(LogMath.logAddExp(0, 0)).isCloseTo(Math.log(2), offset(1e-15));
        assertThat(LogMath.logAddExp(1000, 1000)).isCloseTo(1000 + Math.log(2), offset(1e-12));
        assertThat(LogMath.logAddExp(-1000, -1000)).isCloseTo(-1000 + Math.log(2), offset(1e-12));
        assertThat(LogMath.logAddExp(NEG_INF, -3)).isEqualTo(-3);
        assertThat(LogMath.logAddExp(NEG_INF, NEG_INF)).isEqualTo(NEG_INF);
        assertThat(LogMath.logAddExp(Double.POSITIVE_INFINITY, 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogMath.logAddExp(Double.NaN, NEG_INF)).isNaN();

        assertThat(LogMath.logSumExp(new double[] {1000, 1000, 1000})).isCloseTo(1000 + Math.log(3), offset(1e-12));
        assertThat(LogMath.logSumExp(new double[] {Math.log(0.2), Math.log(0.3), NEG_INF, Math.log(0.5)}))
                .isCloseTo(0, offset(1e-15));
        assertThat(LogMath.logSumExp(new double[0])).isEqualTo(NEG_INF);
        assertThat(LogMath.logSumExp(new double[] {NEG_INF, NEG_INF})).isEqualTo(NEG_INF);
        assertThat(LogMath.logSumExp(new double[] {1, Double.POSITIVE_INFINITY})).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogMath.logSumExp(new double[] {1, Double.NaN})).isNaN();
        assertThat(LogMath.logSumExp(new double[] {5, 0, 0, 7}, 1, 3)).isCloseTo(Math.log(2), offset(1e-15));
    }

    @Test
    void complementsAndTheLogisticFunction() {
        // log(1 - e^x) = log(-expm1(x)): at x = -1e-20 that is log(1e-20) to double precision.
        assertThat(LogMath.log1mExp(-1e-20)).isCloseTo(Math.log(1e-20), within(1e-13));
        assertThat(LogMath.log1mExp(-50)).isCloseTo(-Math.exp(-50), within(1e-36));
        assertThat(LogMath.log1mExp(Math.log(0.25))).isCloseTo(Math.log(0.75), offset(1e-15));
        assertThat(LogMath.log1mExp(0)).isEqualTo(NEG_INF);
        assertThat(LogMath.log1mExp(1)).isNaN();

        assertThat(LogMath.logSigmoid(0)).isCloseTo(-Math.log(2), offset(1e-16));
        assertThat(LogMath.logSigmoid(40)).isCloseTo(-Math.exp(-40), within(1e-30));
        assertThat(LogMath.logSigmoid(-800)).isEqualTo(-800);
        Rng r = Rng.forRun(51, 0);
        for (int i = 0; i < 10_000; i++) {
            double x = -40 + 80 * r.nextDouble();
            double expected = x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
            assertThat(LogMath.logSigmoid(x)).as("x = %s", x)
                    .isCloseTo(expected, offset(6e-16 * Math.max(1e-300, Math.abs(expected))));
            double e = r.nextDouble();
            assertThat(LogMath.log1pSmall(e)).as("e = %s", e).isCloseTo(Math.log1p(e), offset(6e-16 * Math.log1p(e)));
        }
        assertThat(LogMath.log1pSmall(1e-300)).isEqualTo(1e-300);
        assertThat(LogMath.log1pSmall(0)).isZero();
    }

    @Test
    void log1pAgreesWithTheLibraryOnEveryScaleAndBothSides() {
        Rng r = Rng.forRun(52, 0);
        for (int i = 0; i < 1_000_000; i++) {
            double y = switch (i % 5) {
                case 0 -> Math.pow(10, -300 + 600 * r.nextDouble()); // positive, every scale
                case 1 -> 4 * r.nextDouble(); // where u = 1 + y is inexact and, above 1, u - 1 may be too
                case 2 -> -Math.pow(10, -300 * r.nextDouble()); // negative, every scale down to -1
                case 3 -> -r.nextDouble(); // (-1, 0]
                default -> -1 + Math.pow(10, -16 * r.nextDouble()); // just above -1
            };
            if (y <= -1) {
                continue;
            }
            double expected = Math.log1p(y);
            assertThat(LogMath.log1p(y)).as("y = %s", y).isCloseTo(expected, offset(1e-15 * Math.abs(expected)));
        }
        assertThat(LogMath.log1p(0)).isZero();
        assertThat(LogMath.log1p(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        assertThat(LogMath.log1p(-Double.MIN_VALUE)).isEqualTo(-Double.MIN_VALUE);
        assertThat(LogMath.log1p(Double.MAX_VALUE)).isEqualTo(Math.log(Double.MAX_VALUE));
        assertThat(LogMath.log1p(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogMath.log1p(-1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogMath.log1p(-1.5)).isNaN();
        assertThat(LogMath.log1p(Double.NaN)).isNaN();
    }
}
