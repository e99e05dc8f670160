package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.Model;
import dev.ariadne.inference.stats.WeightBound;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The fixed layout of one importance-sampling call, decided before the first run: what runs, how runs are grouped
 * into batches (for the betting bound) and shards (for the run backend), and what every run feeds.
 *
 * <p>Serialisable, so that a distributed backend ships it once with the job: it travels as the model, the guide (or
 * guide program) and the settings ({@link Shipped}), and the {@link Execution} is made again where it lands. The
 * hypotheses and expectations are serialisable functional interfaces, so everything user-written in a plan can be
 * checked by {@code Models.requireSerializable} before it is shipped.
 */
final class Plan<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The target number of runs of a shard; a shard holds whole batches, so larger batches make larger shards. */
    static final int SHARD_TARGET = 8192;

    private final Model<T> model;
    private final Guide guide;
    private final GuideProgram guideProgram;
    /** What a run executes: the model under the guide or guide program (made from them, never shipped). */
    final transient Execution<T> execution;
    final long seed;
    final long expectedRuns;
    final int batchSize;
    final long shardRuns;
    /** The bound on every run's weight (or none), which the accumulators, results and bounds all ask. */
    final WeightBound weightBound;
    final List<Accumulator.Hypothesis<T>> hypotheses;
    final List<String> expectationNames;
    final List<ToDoubleFunction<T>> expectations;
    final int keep;
    /** Whether a run's return value is read: by a hypothesis, an expectation or a kept run. */
    final boolean readsValues;
    final long siteBreakdownRuns;
    final String guideDescription;
    /** Whether the call may stop early (until certified), so that the tail is sized from the runs made. */
    final boolean mayStopEarly;

    /**
     * @param guide        the guide, or null for the prior
     * @param guideProgram the guide program, or null (at most one of guide and guide program)
     */
    Plan(Model<T> model, Guide guide, GuideProgram guideProgram, long seed, long expectedRuns, int batchSize,
         WeightBound weightBound, List<Accumulator.Hypothesis<T>> hypotheses, List<String> expectationNames,
         List<ToDoubleFunction<T>> expectations, int keep, long siteBreakdownRuns, String guideDescription,
         boolean mayStopEarly) {
        this.model = model;
        this.guide = guide;
        this.guideProgram = guideProgram;
        Execution<T> e = Execution.of(model);
        if (guideProgram != null) {
            e = e.guideProgram(guideProgram);
        } else if (guide != null) {
            e = e.guide(guide);
        }
        this.execution = e;
        this.seed = seed;
        this.expectedRuns = expectedRuns;
        this.batchSize = batchSize;
        this.shardRuns = shardRuns(expectedRuns, batchSize, mayStopEarly);
        this.weightBound = weightBound;
        this.hypotheses = List.copyOf(hypotheses);
        this.expectationNames = List.copyOf(expectationNames);
        this.expectations = List.copyOf(expectations);
        this.keep = keep;
        this.readsValues = !this.hypotheses.isEmpty() || !this.expectations.isEmpty() || keep > 0;
        this.siteBreakdownRuns = siteBreakdownRuns;
        this.guideDescription = guideDescription;
        this.mayStopEarly = mayStopEarly;
    }

    /**
     * The runs of a shard: whole batches (so merging shards concatenates complete batch means), at least {@link
     * #SHARD_TARGET} runs, and in a call of fixed length beyond 2 x {@link #MOST_SHARDS} shards, as many batches as
     * bring it to about {@link #MOST_SHARDS} shards, up to {@link #MOST_SHARD_RUNS} runs. Batches stop growing at
     * 65,536 runs, and a shard was one batch: 10^12 runs made 15 million shards, whose partials would take the driver
     * 36 minutes to merge (a new user, against DISTRIBUTED.md's 4,096). A call that may stop early keeps small shards,
     * which are how often it can stop.
     */
    static long shardRuns(long expectedRuns, int batchSize, boolean mayStopEarly) {
        long batches = Math.max(1, SHARD_TARGET / batchSize);
        long shards = expectedRuns / (batchSize * batches) + 1;
        if (!mayStopEarly && shards > 2L * MOST_SHARDS) {
            batches = Math.min(Math.max(batches, shards / MOST_SHARDS + 1), Math.max(1, MOST_SHARD_RUNS / batchSize));
        }
        return batchSize * batches;
    }

    /** About how many shards at most a call of fixed length has, where its runs allow shards of at most its batches. */
    static final int MOST_SHARDS = 4096;
    /** The most runs a shard of a call of fixed length holds (a minute or so of one core's work). */
    static final long MOST_SHARD_RUNS = 1L << 28;

    /** The number of shards: the runs in whole shards, the last one possibly shorter. */
    long shardCount() {
        return expectedRuns / shardRuns + (expectedRuns % shardRuns == 0 ? 0 : 1);
    }

    /** The first run index of shard s. */
    long shardStart(long shard) {
        return shard * shardRuns;
    }

    /** One past the last run index of shard s. */
    long shardEnd(long shard) {
        return Math.min(expectedRuns, shardStart(shard) + shardRuns);
    }

    /**
     * The most runs of a call of fixed length whose tails are sized for all its runs at once: 2^36, tails of 786,432
     * values (6 MB) each. A call of {@code samples(Long.MAX_VALUE)} sized them for 9 x 10^9 values each, and as they
     * filled with the runs made it ran out of memory within seconds (an adversarial tester: 256 MB in 6 s).
     */
    static final long MOST_EXACT_TAIL_RUNS = 1L << 36;

    /**
     * The expected runs the Pareto tail of the shard ending at {@code end} is sized for. A call of fixed length of at
     * most {@link #MOST_EXACT_TAIL_RUNS} sizes every tail for all its runs, so no value is ever lost. A call that may
     * stop early, or a longer one, sizes it for the first of shardRuns, 4 shardRuns, 16 shardRuns, ... that covers
     * {@code end}: memory follows the runs made, and the size, a function of the shard alone, changes only between
     * shards, so the merged tail does not depend on the threads (see {@code ParetoKHat}'s class notes on raising the
     * capacity).
     */
    long tailRunsFor(long end) {
        if (!mayStopEarly && expectedRuns <= MOST_EXACT_TAIL_RUNS) {
            return expectedRuns;
        }
        long n = shardRuns;
        while (n < end && n <= Long.MAX_VALUE / 4) {
            n *= 4;
        }
        return Math.min(expectedRuns, Math.max(n, end));
    }

    /** Ships the plan as what it was made from; the execution is made again where it lands. */
    private Object writeReplace() {
        return new Shipped<>(model, guide, guideProgram, seed, expectedRuns, batchSize, weightBound, hypotheses,
                expectationNames, expectations, keep, siteBreakdownRuns, guideDescription, mayStopEarly);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a plan is read through its shipped form");
    }

    /** The serialised form of a plan: its constructor's arguments. */
    private record Shipped<T>(Model<T> model, Guide guide, GuideProgram guideProgram, long seed, long expectedRuns,
                              int batchSize, WeightBound weightBound, List<Accumulator.Hypothesis<T>> hypotheses,
                              List<String> expectationNames, List<ToDoubleFunction<T>> expectations, int keep,
                              long siteBreakdownRuns, String guideDescription, boolean mayStopEarly)
            implements Serializable {
        private Object readResolve() {
            return new Plan<>(model, guide, guideProgram, seed, expectedRuns, batchSize, weightBound, hypotheses,
                    expectationNames, expectations, keep, siteBreakdownRuns, guideDescription, mayStopEarly);
        }
    }
}
