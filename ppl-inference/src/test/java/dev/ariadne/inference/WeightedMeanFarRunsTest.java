package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A self-normalised mean keeps the runs whose weights lie more than 690 nats below the largest, unlike the sums of
 * weights alone (WeightStats, LogSumExp), which leave them out: a value of 1e300 at a weight e^-695 of the largest
 * moves the mean by 0.01, and leaving such runs out read E[1e300 z] = 0.0146 as 0 or 7e-6 (a hunt for this change).
 */
class WeightedMeanFarRunsTest {

    @Test
    void aLargeValueAtAWeightFarBelowTheLargestStillCounts() {
        WeightedMean m = new WeightedMean();
        m.add(0, 0);
        m.add(-695, 1e300);
        assertThat(m.mean()).isCloseTo(1e300 * Math.exp(-695), within(1e-9));
        WeightedMean share = new WeightedMean(false);
        share.add(0, 0);
        share.add(-700, 1);
        assertThat(share.mean()).isPositive().isCloseTo(Math.exp(-700), within(1e-310));
    }
}
