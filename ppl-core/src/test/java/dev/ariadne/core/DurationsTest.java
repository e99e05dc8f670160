package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A budget as words: an untilCertified note read "the time budget of PT3S ran out" (a false-alarm hunt). */
class DurationsTest {

    @Test
    void durationsReadAsWords() {
        assertThat(Durations.text(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.text(Duration.ofNanos(1))).isEqualTo("1 ns");
        assertThat(Durations.text(Duration.ofNanos(250_000))).isEqualTo("250 microseconds");
        assertThat(Durations.text(Duration.ofNanos(1_500))).isEqualTo("1.50 microseconds");
        assertThat(Durations.text(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(Durations.text(Duration.ofSeconds(3))).isEqualTo("3 s");
        assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1.50 s");
        assertThat(Durations.text(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
        assertThat(Durations.text(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(Durations.text(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(Durations.text(java.time.temporal.ChronoUnit.FOREVER.getDuration())).endsWith(" days");
    }

    /** A duration beyond what a long holds in nanoseconds or milliseconds saturates rather than throwing. */
    @Test
    void aDurationBeyondALongSaturates() {
        Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        assertThat(Durations.nanos(forever)).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.millis(forever)).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.nanos(Duration.ofSeconds(2))).isEqualTo(2_000_000_000L);
        assertThat(Durations.millis(Duration.ofSeconds(2))).isEqualTo(2_000L);
    }
}
