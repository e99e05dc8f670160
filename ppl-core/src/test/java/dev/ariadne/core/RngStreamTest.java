package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/** The stream of (seed, run) is bit for bit that of a freshly constructed XoShiRo256++, reused or not. */
class RngStreamTest {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private static XoShiRo256PlusPlus reference(long seed, long index) {
        long state = Rng.mix64(Rng.mix64(seed) + index * GOLDEN_GAMMA);
        long s0 = Rng.mix64(state += GOLDEN_GAMMA);
        long s1 = Rng.mix64(state += GOLDEN_GAMMA);
        long s2 = Rng.mix64(state += GOLDEN_GAMMA);
        long s3 = Rng.mix64(state + GOLDEN_GAMMA);
        return new XoShiRo256PlusPlus(s0, s1, s2, s3);
    }

    @Test
    void reusedStreamMatchesAFreshGenerator() {
        Rng r = Rng.forRun(9, 9);
        for (long i = 0; i < 50; i++) {
            r.nextInt(); // leave a cached half-word and boolean bits behind: reset must drop them
            r.nextBoolean();
            r.standardNormal();
            r.reset(42, i);
            XoShiRo256PlusPlus ref = reference(42, i);
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(ref);
            for (int k = 0; k < 20; k++) {
                assertThat(r.nextInt()).isEqualTo(ref.nextInt());
                assertThat(r.nextBoolean()).isEqualTo(ref.nextBoolean());
                assertThat(r.nextLong()).isEqualTo(ref.nextLong());
                assertThat(r.nextDouble()).isEqualTo(ref.nextDouble());
                assertThat(r.standardNormal()).isEqualTo(g.sample());
            }
        }
    }
}
