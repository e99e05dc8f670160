package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A support whose bounds make no set is refused where it is made, naming its ends: a user distribution declaring
 * {@code interval(1, 0)} ran at its prior unchecked, and beside a guide read as a proposal of the wrong type.
 */
class SupportBoundsTest {

    @Test
    void anIntervalWithItsEndsReversedOrNaNIsRefused() {
        assertThatThrownBy(() -> Support.interval(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Support.interval").hasMessageContaining("lower 1.0 and upper 0.0");
        assertThatThrownBy(() -> Support.interval(Double.NaN, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Support.interval(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Support(Support.Type.INTERVAL, 2, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRangeOfIntegersWithItsEndsReversedIsRefused() {
        assertThatThrownBy(() -> Support.integers(5, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Support.integers").hasMessageContaining("lower 5 and upper 2")
                .hasMessageNotContaining("NaN");
    }

    @Test
    void aSinglePointAndTheSharedSupportsAreKept() {
        assertThat(Support.interval(0.5, 0.5).contains(0.5)).isTrue();
        assertThat(Support.integers(3, 3).contains(3)).isTrue();
        assertThat(Support.OBJECTS.type()).isEqualTo(Support.Type.OBJECTS);
        assertThat(Support.simplex(3).dim()).isEqualTo(3);
    }
}
