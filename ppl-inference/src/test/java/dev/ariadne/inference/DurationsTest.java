package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A budget as words: an untilCertified note read "the time budget of PT3S ran out" (a false-alarm hunt). */
class DurationsTest {

    @Test
    void durationsReadAsWords() {
        assertThat(Durations.text(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.text(Duration.ofSeconds(3))).isEqualTo("3 s");
        assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1.50 s");
        assertThat(Durations.text(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
        assertThat(Durations.text(Duration.ofMinutes(5))).isEqualTo("5 min");
    }
}
