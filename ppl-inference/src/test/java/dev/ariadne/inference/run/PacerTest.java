package dev.ariadne.inference.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void theFirstChunkIsOneRunAndAStopIsSeenBeforeAnyWork() {
        assertThat(new Pacer(() -> false).next(10, 100)).isEqualTo(11);
        assertThat(new Pacer(() -> true).next(10, 100)).isEqualTo(10);
        boolean[] stop = {false};
        Pacer p = new Pacer(() -> stop[0]);
        assertThat(p.next(0, 5)).isEqualTo(1);
        stop[0] = true;
        assertThat(p.next(1, 5)).isEqualTo(1);
    }

    @Test
    void chunksOfFastRunsGrowToTheCapAndNeverPassTheEnd() {
        Pacer p = new Pacer(() -> false);
        long largest = 0;
        long i = 0;
        for (int call = 0; call < 200; call++) {
            long until = p.next(i, Long.MAX_VALUE);
            largest = Math.max(largest, until - i);
            i = until; // no work: every chunk is far under 0.2 ms
        }
        assertThat(largest).isEqualTo(4096);
        assertThat(new Pacer(() -> false).next(7, 7)).isEqualTo(7);
        Pacer q = new Pacer(() -> false);
        long j = 0;
        while (j < 1000) {
            long until = q.next(j, 1000);
            assertThat(until).isGreaterThan(j).isLessThanOrEqualTo(1000);
            j = until;
        }
    }
}
