package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How often {@code untilCertified} asks the betting bound whether the sweeps merged so far are certified: each ask
 * takes time proportional to the sweeps, and asked at every merge the asks took time quadratic in them (a new user's
 * 5 s budget over cheap sweeps ran 113 s, and once more than 10 minutes, with the coordinator inside the bound).
 */
class CertifiedCheckTest {

    @Test
    void asksAtEveryMergeAtFirstThenAsTheSweepsGrowByASixtyFourth() {
        SweepJob.CertifiedCheck<Double> check = new SweepJob.CertifiedCheck<>(0.05, 0.9);
        int asks = 0;
        long sweepsRead = 0;
        for (int n = 1; n <= 100_000; n++) {
            boolean due = check.due(n);
            if (n <= SweepJob.CertifiedCheck.EVERY_MERGE) {
                assertThat(due).as("merge %d", n).isTrue();
            }
            if (due) {
                asks++;
                sweepsRead += n;
            }
        }
        // Quadratic would read 5e9 sweeps; a 64th's growth reads about 65 times the last count.
        assertThat(sweepsRead).isLessThan(70L * 100_000);
        assertThat(asks).isLessThan(64 + 64 * (int) Math.ceil(Math.log(100_000.0 / 64) / Math.log(65.0 / 64)));
    }
}
