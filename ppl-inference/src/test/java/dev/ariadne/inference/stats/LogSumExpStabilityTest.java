package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogSumExpStabilityTest {

    @Test
    void emptyAndZeroTermsGiveMinusInfinity() {
        LogSumExp s = new LogSumExp();
        assertThat(s.logSum()).isEqualTo(Double.NEGATIVE_INFINITY);
        s.add(Double.NEGATIVE_INFINITY);
        assertThat(s.logSum()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void termsFarOutsideDoubleRangeAreSummedStably() {
        LogSumExp big = new LogSumExp();
        big.add(1000);
        big.add(1000);
        assertThat(big.logSum()).isCloseTo(1000 + Math.log(2), within(1e-12));
        LogSumExp tiny = new LogSumExp();
        tiny.add(-1000);
        tiny.add(-1001);
        tiny.add(-999);
        double expected = -999 + Math.log(1 + Math.exp(-1) + Math.exp(-2));
        assertThat(tiny.logSum()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void manySmallTermsAddUpWithoutDrift() {
        LogSumExp s = new LogSumExp();
        int n = 1_000_000;
        s.add(0); // one large term, then a million tiny ones
        for (int i = 0; i < n; i++) {
            s.add(Math.log(1e-9));
        }
        assertThat(s.logSum()).isCloseTo(Math.log1p(n * 1e-9), within(1e-15));
    }
}
