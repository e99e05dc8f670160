package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A scaled sum gives what the plain sum would, without its overflow, infinite values included. */
class ScaledSumTest {

    private static double sum(double... wf) {
        ScaledSum s = new ScaledSum();
        for (int i = 0; i < wf.length; i += 2) {
            s.add(wf[i], wf[i + 1]);
        }
        return s.over(1);
    }

    @Test
    void valuesNearTheLargestDoubleDoNotOverflow() {
        assertThat(sum(0.5, Double.MAX_VALUE, 0.5, Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
        assertThat(sum(0.25, 1, 0.75, 3)).isEqualTo(2.5);
    }

    /** An infinite value set the scale to +inf, and the sum read NaN where the plain sum reads that infinity. */
    @Test
    void anInfiniteValueGivesThatInfinityAsThePlainSumDoes() {
        assertThat(sum(0.5, Double.POSITIVE_INFINITY, 0.5, 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(sum(0.5, 1e300, 0.5, Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(sum(0.5, Double.NEGATIVE_INFINITY, 0.5, 1e300)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(sum(0.5, Double.POSITIVE_INFINITY, 0.5, Double.NEGATIVE_INFINITY)).isNaN();
    }
}
