package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void theSameSeedAndIndexGiveTheSameStream() {
        Rng a = Rng.forRun(42, 7);
        Rng b = Rng.forRun(42, 7);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void resetIsTheSameAsNew() {
        Rng a = Rng.forRun(1, 2);
        a.nextLong();
        a.standardNormal();
        a.reset(42, 7);
        Rng b = Rng.forRun(42, 7);
        for (int i = 0; i < 10; i++) {
            assertThat(a.standardNormal()).isEqualTo(b.standardNormal());
        }
    }

    @Test
    void neighbouringRunsAndSeedsStartApart() {
        Set<Long> firsts = new HashSet<>();
        for (long s = 0; s < 50; s++) {
            for (long i = 0; i < 50; i++) {
                firsts.add(Rng.forRun(s, i).nextLong());
            }
        }
        assertThat(firsts).hasSize(2500);
    }

    @Test
    void openUniformIsStrictlyInsideTheUnitInterval() {
        Rng r = Rng.forRun(3, 3);
        for (int i = 0; i < 100_000; i++) {
            double u = r.openUniform();
            assertThat(u).isGreaterThan(0).isLessThan(1);
        }
    }
}
