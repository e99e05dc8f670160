package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How a call's runs are cut into shards. A shard was one batch, and batches stop growing at 65,536 runs, so 10^12 runs
 * made 15 million shards, whose partials would take a Spark driver about 36 minutes to merge (a new user, against
 * DISTRIBUTED.md's "at most about 4,096 shards whatever N"). A call of fixed length now keeps to about 4,096 shards of
 * whole batches; one that may stop early keeps its small shards, which are how often it can stop.
 */
class ShardLayoutTest {

    private static long shards(long runs, int batch, boolean mayStopEarly) {
        long per = Plan.shardRuns(runs, batch, mayStopEarly);
        assertThat(per % batch).isZero();
        return runs / per + (runs % per == 0 ? 0 : 1);
    }

    private static int defaultBatch(long runs) {
        return (int) Math.max(1, Math.min(Importance.MAX_DEFAULT_BATCH, runs / Importance.MIN_BATCHES));
    }

    @Test
    void aLongCallKeepsToAboutFourThousandShardsOfWholeBatches() {
        assertThat(shards(1_000_000_000_000L, defaultBatch(1_000_000_000_000L), false)).isEqualTo(4096);
        assertThat(Plan.shardRuns(1_000_000_000_000L, 65_536, false)).isEqualTo(3726L * 65_536);
        assertThat(shards(2_000_000_000L, defaultBatch(2_000_000_000L), false)).isBetween(2048L, 4096L);
        // up to 2 x 4,096 shards the layout is the one every smaller call has always had: one batch a shard
        assertThat(Plan.shardRuns(100_000_000L, defaultBatch(100_000_000L), false))
                .isEqualTo(defaultBatch(100_000_000L));
        assertThat(Plan.shardRuns(1_000_000, 244, false)).isEqualTo(244L * 33);
        // a call that may stop early, and shards that would pass 2^28 runs, stay as they were
        assertThat(Plan.shardRuns(1_000_000_000_000L, 1024, true)).isEqualTo(8192);
        assertThat(Plan.shardRuns(Long.MAX_VALUE, 65_536, false)).isEqualTo(1L << 28);
    }

    private static Plan<Double> plan(long runs, boolean mayStopEarly) {
        return new Plan<>(GroundTruth.NORMAL_NORMAL, null, null, 1, runs, defaultBatch(runs),
                dev.ariadne.inference.stats.WeightBound.forGuide(java.util.OptionalDouble.empty(), null),
                java.util.List.of(), java.util.List.of(), java.util.List.of(), 0, 0, "the prior", mayStopEarly);
    }

    /**
     * A call of fixed length sized its Pareto tails for all its runs at once: samples(Long.MAX_VALUE) sized them for
     * 9 x 10^9 values, filled them with the runs made, and ran out of memory in seconds (an adversarial tester). Past
     * 2^36 runs its tails grow with the runs made, as those of a call that may stop early do.
     */
    @Test
    void aVeryLongCallsTailsFollowTheRunsMadeNotTheRunsAsked() {
        Plan<Double> endless = plan(Long.MAX_VALUE, false);
        long firstEnd = endless.shardEnd(0);
        assertThat(endless.tailRunsFor(firstEnd)).isEqualTo(firstEnd);
        assertThat(endless.tailRunsFor(endless.shardEnd(5))).isEqualTo(16 * firstEnd);
        assertThat(dev.ariadne.inference.stats.ParetoKHat.tailSizeFor(endless.tailRunsFor(firstEnd)))
                .isLessThan(100_000);
        Plan<Double> long36 = plan(Plan.MOST_EXACT_TAIL_RUNS, false);
        assertThat(long36.tailRunsFor(long36.shardEnd(0))).isEqualTo(Plan.MOST_EXACT_TAIL_RUNS);
        Plan<Double> million = plan(1_000_000, false);
        assertThat(million.tailRunsFor(million.shardEnd(0))).isEqualTo(1_000_000);
    }
}
