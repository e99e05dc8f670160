package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PriorityFilter}: what it lets through, and that its test without the logarithm never turns one away wrongly. */
class PriorityFilterTest {

    /** A filter for k = 3 holding 0, 1, 2 and 3: it lets through exactly the priorities above 0. */
    private static PriorityFilter holdingZeroToThree() {
        PriorityFilter f = new PriorityFilter(3);
        for (int v = 0; v <= 3; v++) {
            assertThat(f.admits(v)).isTrue();
        }
        return f;
    }

    @Test
    void itLetsThroughWhatWouldEnterTheLargestKPlusOne() {
        PriorityFilter f = holdingZeroToThree();
        assertThat(f.admits(0.0)).isFalse();
        assertThat(f.admits(-5.0)).isFalse();
        assertThat(f.admits(Math.ulp(0.0))).isTrue(); // now holds 1, 2, 3 and ulp(0)
        assertThat(f.admits(Math.ulp(0.0))).isFalse();
    }

    @Test
    void itsTestWithoutTheLogarithmNeverTurnsAwayAPriorityAboveTheLeast() {
        // At u = 2^e the bound is tightest (log u is e ln 2 up to rounding): priorities just above the least held
        // (0) must pass, for every exponent a uniform draw can have and some far below.
        int passedJustAbove = 0;
        for (int e = -1; e >= -1022; e--) {
            double u = Math.scalb(1.0, e);
            double logU = Math.log(u);
            for (double above : new double[] {1e-12, 1e-9, 1e-6, 0.5}) {
                double l = above + logU;
                if (l - logU > 0) {
                    assertThat(holdingZeroToThree().mayAdmit(l, u)).as("e %d, %g above", e, above).isTrue();
                    passedJustAbove++;
                }
            }
        }
        assertThat(passedJustAbove).isGreaterThan(3000);
        // Random draws: whenever it says no, the priority is at most the least held, and it says no often.
        SplittableRandom rnd = new SplittableRandom(11);
        PriorityFilter f = holdingZeroToThree();
        int refused = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double u = ((rnd.nextLong() >>> 11) + 0.5) * 0x1.0p-53 * (i % 7 == 0 ? 0x1.0p-20 : 1);
            double l = rnd.nextDouble(-40, 2);
            if (!f.mayAdmit(l, u)) {
                refused++;
                assertThat(l - Math.log(u)).as("l %s, u %s", l, u).isLessThanOrEqualTo(0.0);
            }
        }
        assertThat(refused).isGreaterThan(500_000);
    }

    @Test
    void aSubnormalDrawAlwaysTakesTheLogarithm() {
        assertThat(holdingZeroToThree().mayAdmit(-800, Double.MIN_VALUE)).isTrue(); // -800 + 744.4 < 0, but exact
        assertThat(holdingZeroToThree().mayAdmit(-740, Double.MIN_VALUE)).isTrue(); // -740 + 744.4 > 0
    }
}
