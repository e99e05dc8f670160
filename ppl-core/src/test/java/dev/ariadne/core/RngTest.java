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

    /**
     * A seed built so that its runs are another seed's, shifted by five (the mix inverted: what an outside
     * statistician did to a search's certification seed) is found to overlap exactly where it does, and two ordinary
     * seeds' ranges of 2^41 and 2^20 runs are not.
     */
    @Test
    void runsOverlapFindsTheOffsetThatMakesOneSeedsRunsAnothers() {
        long a = 12345;
        long b = Rng.seedWithRunsOf(a, 5); // run j under b is run j + 5 under a
        assertThat(Rng.forRun(b, 2).nextLong()).isEqualTo(Rng.forRun(a, 7).nextLong());
        assertThat(Rng.runsOverlap(a, 0, 8, b, 0, 3)).isTrue(); // a's run 7 is b's run 2
        assertThat(Rng.runsOverlap(a, 0, 6, b, 0, 3)).isTrue(); // a's run 5 is b's run 0
        assertThat(Rng.runsOverlap(a, 0, 5, b, 0, 1_000)).isFalse(); // b's run 0 is a's run 5
        assertThat(Rng.runsOverlap(a, 5, 6, b, 0, 1)).isTrue();
        assertThat(Rng.runsOverlap(b, 0, 1, a, 5, 6)).isTrue();
        assertThat(Rng.runsOverlap(a, 0, 1L << 41, b, 0, 0)).isFalse();
        for (long s = 0; s < 1000; s++) {
            assertThat(Rng.runsOverlap(s, 0, 1L << 41, s + 1, 0, 1L << 20)).isFalse();
        }
    }
}
