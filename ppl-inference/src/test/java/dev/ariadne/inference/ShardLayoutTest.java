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
}
