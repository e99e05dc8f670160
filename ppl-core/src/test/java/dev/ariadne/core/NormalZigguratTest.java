package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * {@link Rng#standardNormal} is, bit for bit, Commons RNG's {@code ZigguratSampler.NormalizedGaussian} on the same
 * stream, over enough draws to take every region of the edge path: the tail (2.8e-4 of draws), the concave and
 * convex overhangs (2.5e-3, 8.9e-3) and the overhang at the inflection point (1.6e-5, about 60 times here).
 */
class NormalZigguratTest {

    private static final int DRAWS = 4_000_000;

    @Test
    void drawsAreCommonsRngsZigguratBitForBit() {
        Rng r = Rng.forRun(2026, 17);
        XoShiRo256PlusPlus reference = new XoShiRo256PlusPlus(seedOf(2026, 17));
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(reference);
        int tail = 0;
        for (int k = 0; k < DRAWS; k++) {
            double x = r.standardNormal();
            double expected = g.sample();
            if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(expected)) {
                assertThat(x).as("draw %d", k).isEqualTo(expected);
            }
            if (Math.abs(x) > 3.6360066255009455861) {
                tail++;
            }
        }
        // Both streams are still in step, and the tail was drawn: P(|Z| > 3.636) = 2.77e-4, so about 1,100 of
        // the draws; fewer than 900 has probability below 1e-9 (Poisson, mean 1,108).
        assertThat(r.nextLong()).isEqualTo(reference.nextLong());
        assertThat(tail).isGreaterThan(900);
    }

    /** The four state words of run {@code index} of {@code seed}, as {@link Rng#reset} makes them. */
    private static long[] seedOf(long seed, long index) {
        long golden = 0x9E3779B97F4A7C15L;
        long state = Rng.mix64(Rng.mix64(seed) + index * golden);
        return new long[] {Rng.mix64(state += golden), Rng.mix64(state += golden), Rng.mix64(state += golden),
            Rng.mix64(state + golden)};
    }
}
