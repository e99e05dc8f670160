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

    /**
     * A first run of small weight and large value: the sums, taken from its value, cancelled to -1.84e286 where the
     * mean is 35,877 (a hunt). They are now taken from the heaviest run's value, in one pass and across shards.
     */
    @Test
    void aFirstRunOfSmallWeightAndLargeValueDoesNotCancelTheMean() {
        WeightedMean m = new WeightedMean();
        m.add(-680, 0.7e300);
        m.add(0, 0);
        m.add(-1, 0);
        m.add(-681, 0.9e300);
        double w = Math.exp(-680);
        double w2 = Math.exp(-681);
        double total = 1 + Math.exp(-1);
        double exact = (w * 0.7e300 + w2 * 0.9e300) / total;
        assertThat(m.mean()).isCloseTo(exact, within(1e-9 * exact));
        WeightedMean merged = new WeightedMean();
        merged.add(-680, 0.7e300);
        WeightedMean heavy = new WeightedMean();
        heavy.add(0, 0);
        heavy.add(-1, 0);
        heavy.add(-681, 0.9e300);
        merged.merge(heavy);
        assertThat(merged.mean()).isCloseTo(exact, within(1e-9 * exact));
    }
}
