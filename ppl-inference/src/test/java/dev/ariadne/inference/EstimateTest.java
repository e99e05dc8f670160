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
        // Six digits would hide the decimals the error bar speaks of (found by a new user).
        assertThat(new Estimate(-141894.1109, 0.34, "")).hasToString("-141894.11 +- 0.34");
        assertThat(new Estimate(-38.295377215, 0, "")).hasToString("-38.29537722 +- 0.0");
        assertThat(new Estimate(1e300, 1, "")).hasToString("1.00000e+300 +- 1.0");
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
