package dev.ariadne.inference.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.stats.ParetoKHat;
import org.junit.jupiter.api.Test;

/**
 * A backend shaped like a distributed one (partitions as ranges of shards, every partial serialised and read back)
 * gives the local backend's results bit for bit, and the partials have the size their classes state.
 */
class SerialisingBackendTest {

    @Test
    void aDistributedShapedBackendGivesTheLocalResultsBitForBit() {
        BackendContract.check(new SerialisingBackend(1), new SerialisingBackend(3), new SerialisingBackend(7));
    }

    @Test
    void aShardsPartialHasTheStatedSize() {
        // Shards of R = 8192 runs in batches of B = 1, H = 1 hypothesis, keep 0, no site breakdown: the stated size
        // is 4096 + 512 H + 8 (1 + 2H) R / B + 8 (1 + 2H) min(R, M + 1) bytes, M the Pareto tail size of the call's
        // n runs: the weights' tail, and each hypothesis's two sides'.
        long n = 5 * 8192;
        SerialisingBackend b = new SerialisingBackend(2);
        Importance.of(BackendContract.NORMAL).guide(Guide.at("mu", new Normal(1, 0.7))).samples(n).seed(1)
                .batchSize(1).hypothesis("above", mu -> mu > 1).keep(0).siteBreakdownRuns(0).backend(b).run();
        int r = 8192;
        long means = 3L * r;
        long tail = Math.min(r, ParetoKHat.tailSizeFor(n) + 1);
        long stated = 4096 + 512 + 8 * means + 8 * 3 * tail;
        int first = b.partialSizes().get(0);
        assertThat(b.partialSizes()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo((int) stated));
        // And no hidden copy: the batch means alone are most of it.
        assertThat(first).isGreaterThan((int) (8 * means));

        // Keeping every run: each kept run adds at most 48 bytes and its value (a Double: 14 bytes).
        SerialisingBackend kept = new SerialisingBackend(2);
        Importance.of(BackendContract.NORMAL).guide(Guide.at("mu", new Normal(1, 0.7))).samples(n).seed(1)
                .batchSize(1).hypothesis("above", mu -> mu > 1).keep(1_000_000).siteBreakdownRuns(0).backend(kept)
                .run();
        for (int s = 0; s < b.partialSizes().size(); s++) {
            assertThat(kept.partialSizes().get(s)).isLessThanOrEqualTo((int) stated + (48 + 14) * r);
        }
    }

    /**
     * parallelism(k) after backend(b) replaced b without a word, on every builder, and the runs were made on this
     * JVM's threads with the same result bit for bit, which hides it (an adversarial tester). It is refused now; a
     * local backend may still be replaced, and backend(b) after parallelism(k) is the user's latest word.
     */
    @Test
    void parallelismAfterAnotherBackendIsRefusedOnEveryBuilder() {
        SerialisingBackend b = new SerialisingBackend(3);
        dev.ariadne.core.Model<Double> tail = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("beyond", x, 2.0);
            return x;
        };
        java.util.List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = java.util.List.of(
                () -> Importance.of(BackendContract.NORMAL).backend(b).parallelism(2),
                () -> dev.ariadne.inference.mcmc.Mcmc.of(BackendContract.NORMAL).backend(b).parallelism(2),
                () -> dev.ariadne.inference.smc.Smc.of(BackendContract.NORMAL).backend(b).parallelism(2),
                () -> dev.ariadne.inference.rare.SubsetSimulation.of(tail).backend(b).parallelism(2));
        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : calls) {
            org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("parallelism(2) after backend(")
                    .hasMessageContaining("would replace that backend");
        }
        assertThat(Importance.of(BackendContract.NORMAL).parallelism(3).parallelism(2).backend(b).samples(1000)
                .seed(1).run().logEvidence().value()).isFinite();
        assertThat(b.partialSizes()).isNotEmpty();
    }
}
