package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How an estimate prints: never "+- Infinity" for an estimate whose standard error is unknown. */
class EstimateTest {

    @Test
    void anEstimateWithAStandardErrorPrintsIt() {
        assertThat(new Estimate(0.5, 0.0123, "approximate")).hasToString("0.500000 +- 0.012 (approximate)");
        assertThat(new Estimate(0.5, 0.0123, "")).hasToString("0.500000 +- 0.012");
    }

    @Test
    void anUnknownStandardErrorIsSaidInWords() {
        assertThat(new Estimate(0.389043, Double.POSITIVE_INFINITY, "an estimate, not a bound"))
                .hasToString("0.389043 (no standard error; an estimate, not a bound)");
        assertThat(new Estimate(0.25, Double.POSITIVE_INFINITY, "")).hasToString("0.250000 (no standard error)");
    }

    @Test
    void nanIsRefused() {
        assertThatThrownBy(() -> new Estimate(Double.NaN, 1, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
