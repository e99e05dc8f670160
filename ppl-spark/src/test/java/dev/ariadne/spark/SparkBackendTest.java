package dev.ariadne.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.mcmc.McmcResult;
import dev.ariadne.inference.rare.SubsetResult;
import dev.ariadne.inference.rare.SubsetSimulation;
import dev.ariadne.inference.run.BackendContract;
import dev.ariadne.inference.run.Outcome;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.smc.Smc;
import dev.ariadne.inference.smc.SmcResult;
import dev.ariadne.search.Budget;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.Strategy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark backend on an embedded {@code local[2]} session gives the local backend's results at parallelism 2, bit
 * for bit, at 1, 3 and 7 partitions: importance sampling (log Z-hat, every bound, conditionals, kept runs, where a
 * run until certified stops), a guide search's final parameters and certificate, MCMC chains, SMC sweeps and subset
 * simulation. And it
 * refuses at submission a job that captures what cannot be shipped, naming it. No statistical assertion: every
 * check is an exact equality.
 */
class SparkBackendTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(Sessions.conf("local[2]", "SparkBackendTest"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static SparkBackend[] atOneThreeAndSevenPartitions() {
        SparkBackend b = SparkBackend.of(sc);
        return new SparkBackend[] {b.partitions(1), b.partitions(3), b.partitions(7)};
    }

    @Test
    void importanceSamplingIsBitIdenticalToTheLocalBackend() {
        // log Z-hat, both lower bounds, the upper bound, every conditional and its bound, kept runs, expectations,
        // diagnostics, and the run where a run until certified stops.
        BackendContract.check(atOneThreeAndSevenPartitions());
    }

    /** y = 0.4 observed twice with mu ~ N(0, 1). */
    private static final Model<Double> NORMAL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        p.observe("y", 0, new Normal(mu, 1), 0.4);
        p.observe("y", 1, new Normal(mu, 1), 0.9);
        return mu;
    };

    @Test
    void aGuideSearchEndsWithTheSameParametersAndCertificate() {
        GuideSearch<Double> search = GuideSearch.of(NORMAL, GuideFamily.meanField()).budget(Budget.steps(6))
                .seed(4).certify(30_000, 0.05).hypothesis("positive", mu -> mu > 0);
        SearchResult local = search.parallelism(2).run();
        for (SparkBackend b : atOneThreeAndSevenPartitions()) {
            SearchResult r = search.backend(b).run();
            assertThat(r.parameters().asMap()).as("%s", b).isEqualTo(local.parameters().asMap());
            assertThat(r.runsUsed()).isEqualTo(local.runsUsed());
            sameSteps(r, local);
            assertThat(r.certified().evidenceBound()).isEqualTo(local.certified().evidenceBound());
            assertThat(r.certified().toString()).isEqualTo(local.certified().toString());
        }
        // And the parameters moved: the search did something a broken backend could not fake.
        assertThat(local.parameters().asMap()).isNotEqualTo(search.budget(Budget.steps(1)).run().parameters().asMap());
    }

    @Test
    void crossEntropyStepsAreTheSame() {
        GuideSearch<Double> search = GuideSearch.of(NORMAL, GuideFamily.meanField())
                .strategy(Strategy.crossEntropy().runs(4000).rho(0.2).level(SparkBackendTest::mu, 1.5))
                .budget(Budget.steps(3)).seed(9).certify(20_000, 0.05);
        SearchResult local = search.parallelism(2).run();
        SearchResult spark = search.backend(SparkBackend.of(sc).partitions(3)).run();
        assertThat(spark.parameters().asMap()).isEqualTo(local.parameters().asMap());
        sameSteps(spark, local);
    }

    /** Every step's objective estimate, runs and note are the same (its elapsed time is not). */
    private static void sameSteps(SearchResult r, SearchResult local) {
        assertThat(r.history()).hasSameSizeAs(local.history());
        for (int i = 0; i < local.history().size(); i++) {
            assertThat(r.history().get(i).objective()).isEqualTo(local.history().get(i).objective());
            assertThat(r.history().get(i).runsUsed()).isEqualTo(local.history().get(i).runsUsed());
            assertThat(r.history().get(i).note()).isEqualTo(local.history().get(i).note());
        }
    }

    static double mu(History h) {
        return h.real("mu");
    }

    @Test
    void mcmcChainsAreBitIdentical() {
        Mcmc<Double> config = Mcmc.of(NORMAL).chains(5).warmup(50).draws(200).seed(5).track("pos", mu -> mu > 0 ? 1 : 0);
        McmcResult<Double> local = config.parallelism(2).run();
        for (SparkBackend b : atOneThreeAndSevenPartitions()) {
            McmcResult<Double> r = config.backend(b).run();
            assertThat(r.names()).isEqualTo(local.names());
            for (String n : local.names()) {
                assertThat(Arrays.deepEquals(r.draws(n), local.draws(n))).as("%s on %s", n, b).isTrue();
            }
            assertThat(r.acceptance().toString()).isEqualTo(local.acceptance().toString());
        }
    }

    /** Five standard normals whose sum reaches 6, with its margin: P(e) = P(N(0, 5) >= 6) = 3.6e-3. */
    private static final Model<Double> SUM_TAIL = p -> {
        double s = 0;
        for (int i = 0; i < 5; i++) {
            s += p.sample("z", i, new Normal(0, 1));
        }
        p.condition("beyond", s, 6);
        return s;
    };

    /** Subset simulation had no backend, so the README's guide-free rare-event method could not run on Spark. */
    @Test
    void subsetSimulationIsBitIdentical() {
        SubsetSimulation<Double> config = SubsetSimulation.of(SUM_TAIL).particles(200).sweeps(9).seed(5);
        SubsetResult local = config.parallelism(2).run();
        for (SparkBackend b : atOneThreeAndSevenPartitions()) {
            SubsetResult r = config.backend(b).run();
            assertThat(r.logEvidence()).isEqualTo(local.logEvidence());
            assertThat(r.lowerBound(0.05)).isEqualTo(local.lowerBound(0.05));
            assertThat(r.spread()).isEqualTo(local.spread());
        }
    }

    @Test
    void smcSweepsAreBitIdenticalIncludingWhereUntilCertifiedStops() {
        SmcResult<Double> local = Smc.of(NORMAL).particles(200).sweeps(9).seed(5).hypothesis("pos", mu -> mu > 0)
                .parallelism(2).run();
        for (SparkBackend b : atOneThreeAndSevenPartitions()) {
            SmcResult<Double> r = Smc.of(NORMAL).particles(200).sweeps(9).seed(5).hypothesis("pos", mu -> mu > 0)
                    .backend(b).run();
            assertThat(r.logEvidenceBySweep()).isEqualTo(local.logEvidenceBySweep());
            assertThat(r.toString()).isEqualTo(local.toString());
        }
        SmcResult<Double> certifiedLocal = Smc.of(NORMAL).particles(50).sweeps(10_000).seed(2)
                .untilCertified(0.05, 0.5, Duration.ofMinutes(5)).parallelism(2).run();
        SmcResult<Double> certifiedSpark = Smc.of(NORMAL).particles(50).sweeps(10_000).seed(2)
                .untilCertified(0.05, 0.5, Duration.ofMinutes(5)).backend(SparkBackend.of(sc).partitions(3)).run();
        assertThat(certifiedSpark.logEvidenceBySweep()).isEqualTo(certifiedLocal.logEvidenceBySweep())
                .hasSizeBetween(2, 9_999);
    }

    @Test
    void aShardsErrorIsThrownAsItWasTheLowestIndexFirst() {
        // About 14 of the 60,000 runs fail (x > 3.5, P = 2.3e-4), in several shards: the error of the first failing
        // run in index order is thrown, as on the local backend, whatever the partitions.
        Model<Double> failing = p -> {
            double x = p.sample("x", new Normal(0, 1));
            if (x > 3.5) {
                throw new IllegalStateException("broken at x = " + x);
            }
            return x;
        };
        Throwable local = catchThrowable(() -> Importance.of(failing).samples(60_000).seed(1).parallelism(2).run());
        assertThat(local).hasMessageContaining("broken at x = ");
        for (RunBackend b : atOneThreeAndSevenPartitions()) {
            Throwable spark = catchThrowable(() -> Importance.of(failing).samples(60_000).seed(1).backend(b).run());
            assertThat(spark).isInstanceOf(local.getClass()).hasMessage(local.getMessage());
        }
    }

    /** A user's exception holding what cannot be serialised. */
    static final class HoldsAThread extends RuntimeException {
        private final Thread thread = Thread.currentThread();

        HoldsAThread(String message) {
            super(message);
        }
    }

    /**
     * A run's exception whose cause cannot be serialised arrived on the driver as an IllegalStateException with no
     * cause, where one thread throws a ModelException (a new user). It now arrives as the same ModelException, its
     * message and last site unchanged, with a stand-in cause that names the user's class.
     */
    @Test
    void aRunsErrorWhoseCauseCannotTravelArrivesAsTheSameModelException() {
        Model<Double> failing = p -> {
            double x = p.sample("x", new Normal(0, 1));
            if (x > 3.5) {
                throw new HoldsAThread("broken at x = " + x);
            }
            return x;
        };
        Throwable local = catchThrowable(() -> Importance.of(failing).samples(60_000).seed(1).run());
        Throwable spark = catchThrowable(() -> Importance.of(failing).samples(60_000).seed(1)
                .backend(SparkBackend.of(sc).partitions(3)).run());
        assertThat(spark).isInstanceOf(dev.ariadne.core.ModelException.class).hasMessage(local.getMessage());
        assertThat(((dev.ariadne.core.ModelException) spark).lastAddress()).isEqualTo(dev.ariadne.core.Address.of("x"));
        assertThat(spark.getCause()).isInstanceOf(UnshippableCause.class)
                .hasMessageStartingWith(HoldsAThread.class.getName() + ": broken at x = ");
        assertThat(((UnshippableCause) spark.getCause()).causeClass()).isEqualTo(HoldsAThread.class.getName());
    }

    /**
     * A return value that cannot be serialised failed the task, and its message ("a kept run's return value must be
     * serialisable") came inside Spark's "Job aborted" text with the executor's stack, and was said of a kept run for
     * annealed SMC too (a new user). It comes as the task's own message now, naming the class and what to do.
     */
    @Test
    void aReturnValueThatCannotBeSerialisedIsNamedWithWhatToDo() {
        Model<Object> opaque = p -> {
            p.observe("y", new Normal(p.sample("x", new Normal(0, 1)), 1), 0.5);
            return new Object();
        };
        assertThatThrownBy(() -> Importance.of(opaque).samples(1000).backend(SparkBackend.of(sc).partitions(2)).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the partial result of shard 0 holds a java.lang.Object, which cannot be "
                        + "serialised").hasMessageContaining("keep(0)").hasMessageNotContaining("\tat ")
                .hasMessageNotContaining("Job aborted");
        assertThat(Importance.of(opaque).samples(1000).keep(0).backend(SparkBackend.of(sc).partitions(2)).run()
                .runs()).isEqualTo(1000);
    }

    /** Holds what a test model captures by mistake. */
    private final double offset = 0.5;

    @Test
    void aJobCapturingWhatCannotBeShippedIsRefusedAtSubmissionNamingIt() {
        Model<Double> capturesThis = p -> p.sample("x", new Normal(offset, 1));
        assertThatThrownBy(() -> Importance.of(capturesThis).samples(1000).backend(SparkBackend.of(sc)).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not serialisable")
                .hasMessageContaining(SparkBackendTest.class.getName());
        Thread thread = new Thread(() -> { });
        Model<Double> capturesThread = p -> p.sample("x", new Normal(thread.getPriority(), 1));
        assertThatThrownBy(() -> Importance.of(capturesThread).samples(1000).backend(SparkBackend.of(sc)).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Thread");
        java.util.Random random = new java.util.Random(3);
        assertThatThrownBy(() -> Importance.of(NORMAL).samples(1000).backend(SparkBackend.of(sc))
                .hypothesis("lucky", mu -> random.nextBoolean()).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.util.Random")
                .hasMessageContaining("random stream");
    }

    @Test
    void largeDataCapturedThroughABroadcastGivesTheSameAnswer() {
        double[] data = new double[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(i);
        }
        double mean = Arrays.stream(data).average().orElseThrow();
        Broadcast<double[]> shared = sc.broadcast(data);
        Model<Double> model = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            double[] d = shared.value();
            p.observe("m", new Normal(mu, 0.5), d[0] + mean);
            return mu;
        };
        Model<Double> direct = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("m", new Normal(mu, 0.5), data[0] + mean);
            return mu;
        };
        ImportanceResult<Double> local = Importance.of(direct).samples(20_000).seed(2).parallelism(2).run();
        ImportanceResult<Double> spark = Importance.of(model).samples(20_000).seed(2)
                .backend(SparkBackend.of(sc).partitions(3)).run();
        assertThat(spark.logEvidence()).isEqualTo(local.logEvidence());
        shared.destroy();
    }

    @Test
    void aTimeBudgetEndsWithTheMergedPrefix() {
        // 400 shards of 20 runs of 5 ms (40 s on 2 cores); a budget of 0.5 s ends it with shards 0 .. k - 1 whole
        // and shard k's first runs, as on the local backend.
        Outcome<List<Long>> cut = SparkBackend.of(sc).partitions(4).run(new Recording(400, 20, 5_000_000),
                RunControl.<List<Long>>none().budget(Duration.ofMillis(500)));
        assertThat(cut.stop()).isEqualTo(Outcome.Stop.BUDGET);
        List<Long> runs = cut.merged();
        assertThat(runs).isNotEmpty().hasSizeLessThan(400 * 20);
        for (int i = 0; i < runs.size(); i++) {
            // run j of shard s is recorded as 100 s + j: a prefix has them all, in order.
            assertThat(runs.get(i)).isEqualTo(100L * (i / 20) + i % 20);
        }
        assertThat(cut.shardsMerged()).isEqualTo((runs.size() + 19) / 20);
    }

    @Test
    void aListenerStopIsExact() {
        // A job of 40 shards of one run each; a listener stops it after shard 4.
        ShardedJob<List<Long>> job = new Recording(40, 1, 0);
        Outcome<List<Long>> stopped = SparkBackend.of(sc).partitions(3).run(job,
                RunControl.<List<Long>>none().onMerge((s, merged) -> s == 4));
        assertThat(stopped.merged()).containsExactly(0L, 100L, 200L, 300L, 400L);
        assertThat(stopped.stop()).isEqualTo(Outcome.Stop.LISTENER);
        Outcome<List<Long>> whole = SparkBackend.of(sc).partitions(7).run(job, RunControl.none());
        assertThat(whole.merged()).hasSize(40).isSorted();
        assertThat(whole.stop()).isEqualTo(Outcome.Stop.COMPLETE);
    }

    /**
     * Shard s makes {@code runs} runs of {@code nanos} each, recording 100 s + j for run j, asking its stop signal
     * between chunks of runs as a shard must; merging concatenates.
     */
    private record Recording(long shards, int runs, long nanos) implements ShardedJob<List<Long>> {
        @Override
        public long shardCount() {
            return shards;
        }

        @Override
        public ShardWorker<List<Long>> worker() {
            return (s, stop) -> {
                List<Long> made = new java.util.ArrayList<>();
                dev.ariadne.inference.run.Pacer pacer = new dev.ariadne.inference.run.Pacer(stop);
                for (long j = 0, until; j < runs && (until = pacer.next(j, runs)) > j; ) {
                    for (; j < until; j++) {
                        java.util.concurrent.locks.LockSupport.parkNanos(nanos);
                        made.add(100 * s + j);
                        RUNS_MADE.incrementAndGet();
                    }
                }
                return made;
            };
        }

        @Override
        public List<Long> merge(List<Long> soFar, List<Long> next) {
            soFar.addAll(next);
            return soFar;
        }
    }

    /** Runs made by {@link Recording} jobs in this JVM (local mode: the tasks run here). */
    static final java.util.concurrent.atomic.AtomicLong RUNS_MADE = new java.util.concurrent.atomic.AtomicLong();

    @Test
    void noTaskRunsOnAfterACallThatStoppedEarlyReturns() throws InterruptedException {
        // 8 shards of 100 runs of 2 ms on 2 partitions; the listener stops after shard 0, with the other partition
        // busy in its range. When the call returns, nothing of it runs any more.
        Outcome<List<Long>> stopped = SparkBackend.of(sc).partitions(2).run(new Recording(8, 100, 2_000_000),
                RunControl.<List<Long>>none().onMerge((s, merged) -> true));
        assertThat(stopped.shardsMerged()).isEqualTo(1);
        long atReturn = RUNS_MADE.get();
        Thread.sleep(300);
        assertThat(RUNS_MADE.get()).as("runs made after the call returned").isEqualTo(atReturn);
    }

    @Test
    void anImmutableBuilder() {
        SparkBackend b = SparkBackend.of(sc);
        assertThat(b.partitions()).isEqualTo(2);
        assertThat(b.partitions(5).partitions()).isEqualTo(5);
        assertThat(b.partitions()).isEqualTo(2);
        assertThatThrownBy(() -> b.partitions(0)).hasMessageContaining("partitions must be >= 1, got 0");
    }
}
