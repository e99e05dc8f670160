package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.inference.Interval;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A bound's printed text is itself a bound: rounded down for a lower bound and up for an upper one. Rounded to
 * nearest, it exceeded the computed lower bound by up to half a unit in its last digit in about half of all texts
 * (an outside statistician counted 170,406 of 340,000).
 */
class BoundTextTest {

    private static Bound lower(double log) {
        return new Bound(log, 0.05, BoundMethod.BETTING, 1, "");
    }

    private static Bound upper(double log) {
        return new Bound(log, 0.05, BoundMethod.BETTING, 1, "", Bound.Side.UPPER);
    }

    @Test
    void aLowerBoundsTextNeverExceedsItAndAnUpperBoundsNeverFallsBelowIt() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double log = -700 * rng.nextDouble() + (i % 2 == 0 ? 0 : 700 * rng.nextDouble());
            BigDecimal value = BigDecimal.valueOf(Math.exp(log));
            BigDecimal logValue = BigDecimal.valueOf(log);
            int digits = 1 + i % 8;
            assertThat(new BigDecimal(lower(log).text(digits))).as("lower, log %s", log).isLessThanOrEqualTo(value);
            assertThat(new BigDecimal(upper(log).text(digits))).as("upper, log %s", log)
                    .isGreaterThanOrEqualTo(value);
            assertThat(new BigDecimal(lower(log).logText())).isLessThanOrEqualTo(logValue);
            assertThat(new BigDecimal(upper(log).logText())).isGreaterThanOrEqualTo(logValue);
        }
    }

    @Test
    void theDigitsRoundTowardTheSideTheBoundHolds() {
        assertThat(lower(Math.log(0.2499996)).text(6)).isEqualTo("0.249999");
        assertThat(upper(Math.log(0.2499996)).text(6)).isEqualTo("0.250000");
        assertThat(lower(Math.log(0.25)).text(3)).isEqualTo("0.250");
        assertThat(lower(-27.12534).logText()).isEqualTo("-27.1254");
        assertThat(upper(-27.12534).logText()).isEqualTo("-27.1253");
        assertThat(lower(-27.12534).toString()).startsWith("1.65811e-12 (log -27.1254) ");
        // past a double's range the digits come from the log, and still round outward: e^-800 = 3.667874e-348
        assertThat(lower(-800).text(3)).isEqualTo("3.66e-348");
        assertThat(upper(-800).text(3)).isEqualTo("3.67e-348");
        // e^1000.46 = 3.120737e+434
        assertThat(lower(1000.46).text(6)).isEqualTo("3.12073e+434");
        assertThat(upper(1000.46).text(6)).isEqualTo("3.12074e+434");
        // a decimal exponent alone: -1e300 / ln 10 = -4.342945e+299
        assertThat(lower(-1e300).text(3)).isEqualTo("10^(-4.35e+299)");
        assertThat(upper(-1e300).text(3)).isEqualTo("10^(-4.34e+299)");
        assertThat(lower(-1e300).logText()).isEqualTo("-1.00000e+300");
        assertThat(lower(Double.NEGATIVE_INFINITY).logText()).isEqualTo("-Infinity");
        assertThat(upper(Double.POSITIVE_INFINITY).toString()).startsWith("Infinity (log Infinity) ");
    }

    @Test
    void anIntervalPrintsItsEndsOutward() {
        // both ends read 0.123456 to nearest, and the printed interval missed its own upper end
        assertThat(new Interval(0.12345641, 0.12345649, "rigorous").toString())
                .isEqualTo("[0.123456, 0.123457] (rigorous)");
        assertThat(new Interval(Double.NEGATIVE_INFINITY, 2.5e-7, "x").toString())
                .isEqualTo("[-Infinity, 2.50000e-07] (x)");
        assertThat(DirectedRounding.down(-0.12345641, 6)).isEqualTo("-0.123457");
        assertThat(DirectedRounding.upFixed(-27.12534, 4)).isEqualTo("-27.1253");
        assertThatThrownBy(() -> DirectedRounding.down(Double.NaN, 6)).hasMessageContaining("NaN");
        // zero printed "0.00000e-01", and a subnormal end was rounded from a shortest decimal beyond it: 6.66988e-322
        // reads back from "6.67E-322", and its lower end printed 6.67000e-322 (a false-alarm hunt)
        assertThat(new Interval(0, 0.25, "x").toString()).isEqualTo("[0.00000, 0.250000] (x)");
        assertThat(lower(0).toString()).startsWith("1.00000 (log 0.00000) ");
        double subnormal = 6.66988e-322;
        assertThat(new BigDecimal(DirectedRounding.down(subnormal, 6))).isLessThanOrEqualTo(new BigDecimal(subnormal));
        assertThat(new BigDecimal(DirectedRounding.up(subnormal, 6))).isGreaterThanOrEqualTo(new BigDecimal(subnormal));
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            double x = Double.MIN_NORMAL * rng.nextDouble();
            assertThat(new BigDecimal(DirectedRounding.down(x, 6))).isLessThanOrEqualTo(new BigDecimal(x));
            assertThat(new BigDecimal(DirectedRounding.up(x, 6))).isGreaterThanOrEqualTo(new BigDecimal(x));
        }
    }

    @Test
    void aMantissaThatRoundsPastTenCarriesIntoTheExponent() {
        // just under 1e-399: up, the mantissa reads 10.0 and carries; down, it reads 9.99
        double log = Math.log(10) * -399 - 1e-9;
        assertThat(upper(log).text(3)).isEqualTo("1.00e-399");
        assertThat(lower(log).text(3)).isEqualTo("9.99e-400");
    }
}
