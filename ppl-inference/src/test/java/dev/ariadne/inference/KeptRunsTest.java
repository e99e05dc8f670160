package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.stats.PrioritySample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The runs an importance call keeps are exactly those of one priority sample fed every run in index order (the
 * definition of priority sampling), whatever the shards, the threads and the workers' filters that turn runs away
 * before they reach a shard's sample. Exact comparisons: no statistical assertion.
 */
class KeptRunsTest {

    private static final Guide GUIDE = Guide.at("mu", new Normal(1, 0.7));

    /** Every run of {@code [0, runs)}, offered in index order to one sample of k. */
    private static PrioritySample<Long> reference(long seed, long runs, int k) {
        Runner<Double> r = Execution.of(GroundTruth.NORMAL_NORMAL).guide(GUIDE).runner();
        PrioritySample<Long> s = new PrioritySample<>(k);
        for (long i = 0; i < runs; i++) {
            r.run(seed, i);
            double l = r.logWeight();
            s.add(i, l, Math.log(Rng.uniformOf(seed, i, Accumulator.PRIORITY_STREAM)));
        }
        return s;
    }

    private static void assertSameRuns(ImportanceResult<Double> got, PrioritySample<Long> expected) {
        List<PrioritySample.Weighted<Kept<Double>>> runs = got.kept().runs();
        List<PrioritySample.Weighted<Long>> want = expected.sample();
        assertThat(runs).hasSameSizeAs(want);
        for (int j = 0; j < want.size(); j++) {
            PrioritySample.Weighted<Kept<Double>> a = runs.get(j);
            PrioritySample.Weighted<Long> b = want.get(j);
            assertThat(a.item().runIndex()).as("run kept at %d", j).isEqualTo(b.item());
            assertThat(a.logWeight()).isEqualTo(b.logWeight());
            assertThat(a.logPriority()).isEqualTo(b.logPriority());
            assertThat(a.logEstimatedWeight()).as("max(w, tau) at %d", j).isEqualTo(b.logEstimatedWeight());
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "7, 1", "200, 1", "200, 2", "3000, 2"})
    void aCallKeepsTheRunsOfOnePassOverEveryRun(int k, int threads) {
        long n = 60_000; // eight shards, the first of them full before the worker's filter is
        ImportanceResult<Double> r = Importance.of(GroundTruth.NORMAL_NORMAL).guide(GUIDE).samples(n).seed(23)
                .parallelism(threads).keep(k).run();
        assertSameRuns(r, reference(23, n, k));
    }

    @Test
    void aCallStoppedEarlyKeepsTheRunsOfOnePassOverTheRunsItMade() {
        ImportanceResult<Double> r = Importance.of(GroundTruth.NORMAL_NORMAL).guide(GUIDE).samples(10_000_000)
                .seed(5).parallelism(2).keep(100).untilCertified(0.05, 0.5, Duration.ofSeconds(60)).run();
        assertThat(r.runs()).isLessThan(10_000_000);
        assertSameRuns(r, reference(5, r.runs(), 100));
    }
}
