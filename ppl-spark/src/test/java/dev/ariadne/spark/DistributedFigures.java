package dev.ariadne.spark;

import dev.ariadne.bench.Rare;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.run.Outcome;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.run.RunSession;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.run.StopSignal;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The figures of DISTRIBUTED.md, measured in local mode (not a test: run it by hand, see DISTRIBUTED.md).
 *
 * <pre>
 * java [add-opens] -cp [test class path] dev.ariadne.spark.DistributedFigures overhead|merge|bytes|throughput [runs]
 * </pre>
 */
public final class DistributedFigures {

    private DistributedFigures() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        switch (what) {
            case "overhead" -> overhead();
            case "merge" -> merge(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            case "bytes" -> bytes();
            case "stream" -> stream(args.length > 1 ? Integer.parseInt(args[1]) : 1000);
            case "search" -> search();
            case "throughput" -> throughput(args.length > 1 ? Long.parseLong(args[1]) : 100_000_000L,
                    args.length > 2 ? Integer.parseInt(args[2]) : 2);
            default -> {
                overhead();
                merge(100_000);
                bytes();
            }
        }
    }

    /** Per-task overhead: jobs of empty shards, one shard per task. */
    static void overhead() {
        try (JavaSparkContext sc = new JavaSparkContext(Sessions.conf("local[2]", "overhead"))) {
            SparkBackend b = SparkBackend.of(sc);
            int tasks = 4000;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                b.partitions(tasks).run(new Empty(tasks), RunControl.none());
                double perTask = (System.nanoTime() - t0) / 1e6 / tasks;
                long t1 = System.nanoTime();
                int jobs = 100;
                for (int j = 0; j < jobs; j++) {
                    b.partitions(2).run(new Empty(2), RunControl.none());
                }
                double perJob = (System.nanoTime() - t1) / 1e6 / jobs;
                System.out.printf(Locale.ROOT, "overhead round %d: %.3f ms wall per task (%d tasks, 2 cores: %.3f "
                        + "core-ms per task); %.2f ms per job of 2 tasks%n", round, perTask, tasks, 2 * perTask, perJob);
            }
        }
    }

    /** Shards that do nothing; partial = one Long. */
    private record Empty(long shards) implements ShardedJob<Long> {
        @Override
        public long shardCount() {
            return shards;
        }

        @Override
        public ShardWorker<Long> worker() {
            return (s, stop) -> s;
        }

        @Override
        public Long merge(Long soFar, Long next) {
            return next;
        }
    }

    /** A backend that only captures the job it is given (to make real shards' partials by hand). */
    private static final class Capture implements RunBackend {
        ShardedJob<?> job;

        @Override
        public RunSession open() {
            return new RunSession() {
                @Override
                public <P> Outcome<P> run(ShardedJob<P> j, RunControl<P> control) {
                    job = j;
                    throw new IllegalStateException("captured");
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @SuppressWarnings("unchecked")
    static <P> ShardedJob<P> rareJob(long runs, int batchSize) {
        Capture c = new Capture();
        Importance<Double> imp = Importance.of(Rare.model()).guide(Rare.guide()).samples(runs).seed(1).keep(0)
                .siteBreakdownRuns(0).backend(c);
        if (batchSize > 0) {
            imp = imp.batchSize(batchSize);
        }
        try {
            imp.run();
        } catch (IllegalStateException expected) {
            // captured
        }
        return (ShardedJob<P>) c.job;
    }

    /** A one-latent model, cheap enough to make 10^5 shards of 8,192 runs here: x ~ N(0, 1), y = 0.7 ~ N(x, 1). */
    static final dev.ariadne.core.Model<Double> ONE_SITE = p -> {
        double x = p.sample("x", new dev.ariadne.core.dist.Normal(0, 1));
        p.observe("y", new dev.ariadne.core.dist.Normal(x, 1), 0.7);
        return x;
    };

    /** The importance-sampling job of ONE_SITE with n shards of 8,192 runs, one hypothesis, nothing kept. */
    @SuppressWarnings("unchecked")
    static <P> ShardedJob<P> oneSiteJob(int n) {
        Capture c = new Capture();
        try {
            Importance.of(ONE_SITE).guide(dev.ariadne.core.Guide.at("x", new dev.ariadne.core.dist.Normal(0.3, 1)))
                    .samples(8192L * n).batchSize(8192).seed(1).hypothesis("positive", x -> x > 0).keep(0)
                    .siteBreakdownRuns(0).backend(c).run();
        } catch (IllegalStateException expected) {
            // captured
        }
        return (ShardedJob<P>) c.job;
    }

    /**
     * The driver's ordered merge of n shard partials of 8,192 runs each (8.2e8 runs for 10^5 shards) with one
     * hypothesis: each shard is made here in turn (not timed), serialised as a task sends it, then read and merged in
     * order by the driver's own code (timed).
     */
    @SuppressWarnings("unchecked")
    static <P> void merge(int n) throws NotSerializableException {
        ShardedJob<P> job = oneSiteJob(n);
        // The shards in partitions of 100 (10^5 shards as 1,000 tasks), each made as its task makes it.
        int perPartition = 100;
        int partitions = (n + perPartition - 1) / perPartition;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        SparkRunSession.Merge<P> m = new SparkRunSession.Merge<>(job, null);
        long mergeNanos = 0;
        long readNanos = 0;
        long bytes = 0;
        long most = 0;
        long t0 = System.nanoTime();
        for (int r = 0; r < partitions; r++) {
            RangeTask<P> task = new RangeTask<>(job, 0, n, partitions, Long.MAX_VALUE);
            byte[] b = task.apply(CollectionConverters.asScala(List.of(r).iterator()));
            bytes += b.length;
            most = Math.max(most, b.length);
            long r0 = System.nanoTime();
            try (java.io.ObjectInputStream in = JavaBytes.reader(b)) {
                while (in.readObject() != null) {
                    // read only
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long m0 = System.nanoTime();
            readNanos += m0 - r0;
            m.partition(b, RangeTask.rangeSize(n, partitions, r));
            mergeNanos += System.nanoTime() - m0;
        }
        double total = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        int mergedBytes = JavaBytes.write(m.result).length;
        System.out.printf(Locale.ROOT, "merge: %d shards of 8192 runs (%d runs) in %d partitions: read and merged in "
                + "order in %.2f s (%.1f us per partial; making them took %.1f s); %.0f bytes per partial, a "
                + "partition's results %d bytes at most; merged partial %d bytes serialised; heap held after the merge "
                + "%+.1f MB; all partials as bytes %.1f MB; reading alone %.1f us per partial%n", n, 8192L * n,
                partitions, mergeNanos / 1e9, mergeNanos / 1e3 / n, total - mergeNanos / 1e9 - readNanos / 1e9,
                (double) bytes / n, most, mergedBytes, (after - before) / 1e6, bytes / 1e6, readNanos / 1e3 / n);
    }

    /** Reading n partials from one stream against one stream each (class descriptors once, or once per partial). */
    @SuppressWarnings("unchecked")
    static <P> void stream(int n) throws Exception {
        ShardedJob<P> job = oneSiteJob(n);
        ShardWorker<P> w = job.worker();
        List<byte[]> each = new ArrayList<>();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(all);
        for (int s = 0; s < n; s++) {
            ShardResult<P> r = new ShardResult<>(w.run(s, StopSignal.NEVER), null, false);
            each.add(JavaBytes.write(r));
            out.writeObject(r);
        }
        out.close();
        long eachBytes = each.stream().mapToLong(b -> b.length).sum();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (byte[] b : each) {
                JavaBytes.read(b);
            }
            long t1 = System.nanoTime();
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(all.toByteArray()))) {
                for (int s = 0; s < n; s++) {
                    in.readObject();
                }
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "stream round %d: %d partials, one stream each %.1f us and %.0f bytes per "
                    + "partial; one stream for all %.1f us and %.0f bytes per partial%n", round, n,
                    (t1 - t0) / 1e3 / n, (double) eachBytes / n, (t2 - t1) / 1e3 / n, (double) all.size() / n);
        }
    }

    /** The level of the search's cross-entropy steps: the latent itself. */
    static double level(dev.ariadne.core.History h) {
        return h.real("x");
    }

    /**
     * A three-step cross-entropy search (batches of 4,000 runs of ONE_SITE) on local[2] against the thread backend
     * at parallelism 2, alternating; and what one batch's partials cost to serialise and read back.
     */
    @SuppressWarnings("unchecked")
    static void search() throws Exception {
        dev.ariadne.search.GuideSearch<Double> search = dev.ariadne.search.GuideSearch.of(ONE_SITE,
                        dev.ariadne.search.GuideFamily.meanField())
                .strategy(dev.ariadne.search.Strategy.crossEntropy().runs(4000).rho(0.2)
                        .level(DistributedFigures::level, 1.5))
                .budget(dev.ariadne.search.Budget.steps(3)).seed(9).certify(0, 0.05);
        try (JavaSparkContext sc = new JavaSparkContext(Sessions.conf("local[2]", "search"))) {
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                search.parallelism(2).run();
                long t1 = System.nanoTime();
                search.backend(SparkBackend.of(sc)).run();
                long t2 = System.nanoTime();
                System.out.printf(Locale.ROOT, "search round %d: threads(2) %.2f s, local[2] %.2f s%n", round,
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            }
        }
        ShardedJob<Object>[] first = new ShardedJob[1];
        RunBackend capture = () -> new RunSession() {
            @Override
            public <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
                if (first[0] == null) {
                    first[0] = (ShardedJob<Object>) job;
                }
                return RunBackend.local(1).run(job, control);
            }

            @Override
            public void close() {
            }
        };
        search.budget(dev.ariadne.search.Budget.steps(1)).backend(capture).run();
        ShardedJob<Object> batch = first[0];
        ShardWorker<Object> w = batch.worker();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            byte[] b = new RangeTask<>(batch, 0, batch.shardCount(), 1, Long.MAX_VALUE)
                    .apply(CollectionConverters.asScala(List.of(0).iterator()));
            long t1 = System.nanoTime();
            new SparkRunSession.Merge<>(batch, null).partition(b, batch.shardCount());
            long t2 = System.nanoTime();
            List<Object> made = new ArrayList<>();
            for (long s = 0; s < batch.shardCount(); s++) {
                made.add(w.run(s, StopSignal.NEVER));
            }
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "search batch round %d: 4,000 runs in %d shards, %d bytes (%.0f a run); "
                    + "made and written by a task %.0f ms, read and merged %.0f ms; made alone %.0f ms%n", round,
                    batch.shardCount(), b.length, b.length / 4000.0, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                    (t3 - t2) / 1e6);
        }
    }

    /** Bytes per partial of the rare workload's shards at the default batch size and at batch size 1. */
    static void bytes() throws NotSerializableException {
        for (long runs : new long[] {1_000_000L, 100_000_000L, 1_000_000_000_000L}) {
            for (int batch : new int[] {0, 1}) {
                ShardedJob<Object> job = rareJob(runs, batch);
                // Time the first shard only when it is small enough to make here.
                long shardRuns = runs / Math.max(1, job.shardCount());
                if (shardRuns > 50_000_000L) {
                    System.out.printf(Locale.ROOT, "bytes: %d runs, %s: %d shards of ~%d runs (not made here)%n",
                            runs, batch == 0 ? "default batches" : "batch size 1", job.shardCount(), shardRuns);
                    continue;
                }
                byte[] b = JavaBytes.write(new ShardResult<>(job.worker().run(1, StopSignal.NEVER), null, false));
                System.out.printf(Locale.ROOT, "bytes: %d runs, %s: %d shards of ~%d runs, %d bytes per partial%n",
                        runs, batch == 0 ? "default batches" : "batch size 1", job.shardCount(), shardRuns, b.length);
            }
        }
    }

    /** Throughput of local[threads] against the thread backend at the same parallelism, alternating, in one JVM. */
    static void throughput(long runs, int threads) {
        try (JavaSparkContext sc = new JavaSparkContext(Sessions.conf("local[" + threads + "]", "throughput"))) {
            SparkBackend spark = SparkBackend.of(sc);
            RunBackend local = RunBackend.local(threads);
            // Warm both up.
            rare(local, runs / 20, 7);
            rare(spark, runs / 20, 7);
            for (int round = 0; round < 3; round++) {
                double l = rare(local, runs, round);
                double s = rare(spark, runs, round);
                System.out.printf(Locale.ROOT, "throughput round %d, %d runs of rare: threads(%d) %.3g runs/s, "
                        + "local[%d] %.3g runs/s, ratio %.3f%n", round, runs, threads, l, threads, s, s / l);
            }
        }
    }

    private static double rare(RunBackend b, long runs, long seed) {
        long t0 = System.nanoTime();
        ImportanceResult<Double> r = Importance.of(Rare.model()).guide(Rare.guide()).samples(runs).seed(seed).keep(0)
                .siteBreakdownRuns(0).backend(b).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!(Math.abs(r.logEvidence().value() - Rare.EXACT_LOG_Z) < 1)) {
            throw new IllegalStateException("wrong answer: " + r.logEvidence());
        }
        return runs / seconds;
    }
}
