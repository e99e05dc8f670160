package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Pareto tail kept per shard (not per thread): fed through workers' filters, merged in shard order, serialised,
 * it gives the tail of one pass, whatever the workers; and it holds what it was given, not what was asked for.
 */
class ShardedTailTest {

    private static final int SHARD = 800;

    @Test
    void shardsFedThroughWorkerFiltersMergeToTheOnePassTail() {
        double[] l = Sim.logNormalWeights(95, 0, 40 * SHARD, 2.0);
        for (int i = 0; i < l.length; i += 17) {
            l[i] = Double.NEGATIVE_INFINITY;
        }
        ParetoKHat one = new ParetoKHat(l.length);
        for (double x : l) {
            one.add(x);
        }
        for (int workers : new int[] {1, 2, 7}) {
            ParetoKHat merged = mergedShards(l, workers, n -> l.length);
            assertThat(merged.kHat()).as("%d workers", workers).isEqualTo(one.kHat()).isEqualTo(ParetoKHat.kHat(l));
            assertThat(merged.tailSize()).isEqualTo(one.tailSize());
            assertThat(merged.count()).isEqualTo(l.length);
        }
    }

    @Test
    void aTailSizedFromTheRunsMadeMergesTheSameWhateverTheWorkers() {
        // As a call that may stop early sizes its shards' tails: for the first of 800, 3200, 12800, ... runs that
        // covers the shard's end. The capacity rises between shards, and the merged tail must not depend on who ran
        // which shard, nor on the filters.
        double[] l = Sim.logNormalWeights(96, 0, 40 * SHARD, 1.5);
        java.util.function.LongUnaryOperator sized = end -> {
            long n = SHARD;
            while (n < end) {
                n *= 4;
            }
            return n;
        };
        ParetoKHat unfiltered = null;
        for (int s = 0; s < l.length / SHARD; s++) {
            ParetoKHat t = new ParetoKHat(sized.applyAsLong((s + 1L) * SHARD));
            for (int i = s * SHARD; i < (s + 1) * SHARD; i++) {
                t.add(l[i]);
            }
            unfiltered = unfiltered == null ? t : unfiltered.merge(t);
        }
        for (int workers : new int[] {1, 2, 7}) {
            ParetoKHat merged = mergedShards(l, workers, sized);
            assertThat(merged.kHat()).as("%d workers", workers).isEqualTo(unfiltered.kHat());
            assertThat(merged.tailSize()).isEqualTo(unfiltered.tailSize());
            assertThat(merged.isTailReduced()).isEqualTo(unfiltered.isTailReduced());
        }
        assertThat(unfiltered.tailSize()).isGreaterThan(ParetoKHat.tailSizeFor(l.length) / 2);
    }

    /**
     * Shards of {@value #SHARD} runs handed round-robin to {@code workers}, each with one filter for its shards of
     * one tail size, then serialised, read back and merged in shard order.
     */
    private static ParetoKHat mergedShards(double[] l, int workers, java.util.function.LongUnaryOperator tailRuns) {
        int shards = l.length / SHARD;
        ParetoKHat[] parts = new ParetoKHat[shards];
        TailFilter[] filters = new TailFilter[workers];
        for (int s = 0; s < shards; s++) {
            int w = s % workers;
            long runs = tailRuns.applyAsLong((s + 1L) * SHARD);
            if (filters[w] == null || !filters[w].fits(runs)) {
                filters[w] = new TailFilter(runs);
            }
            ParetoKHat t = new ParetoKHat(runs);
            for (int i = s * SHARD; i < (s + 1) * SHARD; i++) {
                if (filters[w].admits(l[i])) {
                    t.add(l[i]);
                } else {
                    t.countOnly(l[i]);
                }
            }
            parts[s] = roundTrip(t);
        }
        ParetoKHat merged = parts[0];
        for (int s = 1; s < shards; s++) {
            merged.merge(parts[s]);
        }
        return merged;
    }

    @Test
    void aTailHoldsWhatItWasGivenNotWhatWasAskedFor() {
        // Before: a tail for Long.MAX_VALUE / 2 runs tried to allocate 6 x 10^9 doubles (NegativeArraySizeException),
        // and one for 10^13 runs allocated 76 MB up front.
        ParetoKHat t = new ParetoKHat(Long.MAX_VALUE / 2);
        double[] l = Sim.logNormalWeights(97, 0, 1000, 1.0);
        for (double x : l) {
            t.add(x);
        }
        assertThat(t.heapArrayLength()).isLessThanOrEqualTo(1024);
        assertThat(serialisedSize(t)).isLessThan(8 * 1000 + 400);
        assertThat(new ParetoKHat(10_000_000_000_000L).heapArrayLength()).isLessThanOrEqualTo(16);
        assertThat(t.kHat()).isEqualTo(ParetoKHat.kHat(l, t.tailSize()));
        PrioritySample<Integer> p = new PrioritySample<>(Integer.MAX_VALUE);
        for (int i = 0; i < 100; i++) {
            p.add(i, -i * 0.01, -1.0);
        }
        assertThat(p.sample()).hasSize(100);
        assertThat(serialisedSize(p)).isLessThan(100 * 40 + 600);
    }

    @Test
    void theAccumulatorsSurviveSerialisationExactly() {
        double[] l = Sim.logNormalWeights(98, 0, 5000, 1.0);
        WeightStats w = new WeightStats();
        BettingBound b = new BettingBound(7, 3, WeightBound.atMost(10.0));
        PrioritySample<Integer> p = new PrioritySample<>(50);
        for (int i = 0; i < l.length; i++) {
            w.add(l[i]);
            b.add(l[i]);
            p.add(i, l[i], Math.log((i % 97 + 0.5) / 97));
        }
        WeightStats w2 = roundTrip(w);
        assertThat(w2.logZHat()).isEqualTo(w.logZHat());
        assertThat(w2.ess()).isEqualTo(w.ess());
        assertThat(w2.freeEnergy()).isEqualTo(w.freeEnergy());
        assertThat(w2.klPQEstimate()).isEqualTo(w.klPQEstimate());
        BettingBound b2 = roundTrip(b);
        assertThat(b2.logBatchMeans()).containsExactly(b.logBatchMeans());
        assertThat(b2.logLowerBound(0.05)).isEqualTo(b.logLowerBound(0.05));
        assertThat(b2.logUpperBound(0.05)).isEqualTo(b.logUpperBound(0.05));
        assertThat(b2.pendingRuns()).isEqualTo(b.pendingRuns());
        // A shard read back still merges: the next shard appended to the copy gives the same as to the original.
        BettingBound next = new BettingBound(7, b.nextRun(), WeightBound.atMost(10.0));
        next.add(0.5);
        assertThat(roundTrip(b).merge(next).logBatchMeans()).containsExactly(b.merge(next).logBatchMeans());
        assertThat(roundTrip(p).sample()).isEqualTo(p.sample());
        // bounded weights keep the batch's sums of w / c and (w / c)^2 beside its mean for the per-run upper bound
        assertThat(serialisedSize(b)).isLessThan(8 * (3 * (5000 / 7) + 7) + 1000);
        BettingBound free = new BettingBound(7, 3);
        for (double x : l) {
            free.add(x);
        }
        assertThat(serialisedSize(free)).isLessThan(8 * (5000 / 7 + 7) + 1000);
        assertThat(Arrays.stream(new int[] {serialisedSize(w)}).max().orElseThrow()).isLessThan(600);
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T o) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    static int serialisedSize(Object o) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            return bytes.size();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
