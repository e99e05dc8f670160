package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.inference.Estimate;
import org.junit.jupiter.api.Test;

/**
 * The estimates pooled across sweeps (filtered means, expectations): the ratio sum_s Z_s m_s / sum_s Z_s and its
 * delta-method standard error across sweeps, which means nothing when one sweep carries the weight. Exact.
 */
class PooledSweepsTest {

    @Test
    void sweepsOfComparableWeightGiveTheDeltaMethodsStandardError() {
        double[] logZ = {0, Math.log(2), Math.log(0.5), 0};
        double[] m = {1, 2, 3, 4};
        double[] z = {1, 2, 0.5, 1};
        double sum = 4.5;
        double r = (1 + 4 + 1.5 + 4) / sum;
        double v = 0;
        for (int s = 0; s < 4; s++) {
            v += (z[s] / sum) * (z[s] / sum) * (m[s] - r) * (m[s] - r);
        }
        v *= 4 / 3.0; // S / (S - 1): the linearised ratio's variance estimated with S - 1 degrees of freedom
        Estimate e = SmcResult.pooled(logZ, m, "mean");
        assertThat(e.value()).isCloseTo(r, within(1e-14));
        assertThat(e.standardError()).isCloseTo(Math.sqrt(v), within(1e-14));
        assertThat(SmcResult.effectiveSweeps(logZ)).isCloseTo(sum * sum / (1 + 4 + 0.25 + 1), within(1e-12));
    }

    /** One sweep's Z-hat e^300 times the others': the spread of the rest once read as a standard error of 1e-130. */
    @Test
    void oneSweepCarryingTheWeightGivesNoStandardError() {
        Estimate e = SmcResult.pooled(new double[] {0, -300, -300, -300}, new double[] {3.8, 0, 0.1, -0.1}, "mean");
        assertThat(e.value()).isCloseTo(3.8, within(1e-12));
        assertThat(e.standardError()).isInfinite();
        assertThat(e.toString()).contains("one sweep's Z-hat outweighs the others (their effective number 1.00)");
        assertThat(SmcResult.pooled(new double[] {0, Double.NEGATIVE_INFINITY}, new double[] {1, 2}, "mean")
                .standardError()).isInfinite();
    }

    /**
     * A tracked value at the largest double overflowed each sweep's estimate, and the pool threw "an estimate must not
     * be NaN: NaN +- NaN" (an adversarial tester): it is that infinity now, as importance sampling's, and estimates
     * that overflow both ways are an error that says so.
     */
    @Test
    void sweepsWhoseEstimatesOverflowPoolToThatInfinity() {
        double inf = Double.POSITIVE_INFINITY;
        Estimate e = SmcResult.pooled(new double[] {0, -1, -2}, new double[] {inf, inf, 5}, "mean");
        assertThat(e.value()).isEqualTo(inf);
        assertThat(e.standardError()).isEqualTo(inf);
        assertThat(e.toString()).contains("overflows the doubles");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SmcResult.pooled(new double[] {0, -1},
                new double[] {inf, -inf}, "mean"))).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("overflow the doubles both ways");
    }
}
