package dev.ariadne.spark;

import dev.ariadne.core.Models;
import dev.ariadne.inference.run.MergeListener;
import dev.ariadne.inference.run.Outcome;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.run.RunSession;
import dev.ariadne.inference.run.ShardedJob;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/** A session of the {@link SparkBackend}: see there for what it guarantees. Holds nothing between jobs. */
final class SparkRunSession implements RunSession {

    /** How often the driver, waiting for a partition, looks whether the Spark job ended without one. */
    private static final long POLL_MILLIS = 50;

    private final JavaSparkContext context;
    private final int partitions;

    SparkRunSession(JavaSparkContext context, int partitions) {
        this.context = context;
        this.partitions = partitions;
    }

    @Override
    public <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
        long shards = job.shardCount();
        if (shards < 0) {
            throw new IllegalArgumentException("a job cannot have " + shards + " shards");
        }
        if (shards == 0) {
            return new Outcome<>(null, 0, Outcome.Stop.COMPLETE);
        }
        // Refused here, naming what the job captures, rather than as a task failure in an executor's log.
        Models.requireSerializable(job);
        long deadline = control.budget() == null ? Long.MAX_VALUE
                : System.currentTimeMillis() + Math.min(control.budget().toMillis(), Long.MAX_VALUE / 4);
        MergeListener<P> listener = control.listener();
        Merge<P> merge = new Merge<>(job, listener);
        long waveStart = 0;
        long perTask = 1;
        while (waveStart < shards) {
            // A watched job runs in waves of 1, 2, 4, ... shards per task; any other in one wave.
            long waveSize = listener == null ? shards : Math.min(shards - waveStart, perTask * partitions);
            Outcome.Stop stop = wave(job, merge, waveStart, waveSize, deadline);
            if (stop != null) {
                return new Outcome<>(merge.result, merge.merged, stop);
            }
            waveStart += waveSize;
            perTask = Math.min(perTask * 2, 1L << 20);
        }
        return new Outcome<>(merge.result, merge.merged, Outcome.Stop.COMPLETE);
    }

    /**
     * Runs shards {@code [waveStart, waveStart + waveSize)} as one Spark job and merges them in shard order.
     *
     * @return why the job ended within this wave, or null if every shard of the wave was merged and the job goes on
     */
    private <P> Outcome.Stop wave(ShardedJob<P> job, Merge<P> merge, long waveStart, long waveSize, long deadline) {
        int tasks = (int) Math.min(partitions, waveSize);
        List<Integer> indices = new ArrayList<>(tasks);
        for (int r = 0; r < tasks; r++) {
            indices.add(r);
        }
        JavaRDD<Integer> rdd = context.parallelize(indices, tasks);
        BlockingQueue<Part> arrived = new LinkedBlockingQueue<>();
        SimpleFutureAction<BoxedUnit> future = context.sc().submitJob(rdd.rdd(),
                new RangeTask<>(job, waveStart, waveSize, tasks, deadline),
                CollectionConverters.asScala(new ArrayList<Object>(indices)).toSeq(),
                new Handler(arrived), new Unit());
        boolean finished = false;
        try {
            TreeMap<Integer, byte[][]> pending = new TreeMap<>();
            for (int next = 0; next < tasks; ) {
                byte[][] results = pending.remove(next);
                if (results == null) {
                    Part got = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (got != null) {
                        pending.put(got.partition, got.results);
                    } else if (future.isCompleted() && arrived.isEmpty()) {
                        throw failed(future, waveStart, waveSize);
                    }
                    continue;
                }
                for (byte[] bytes : results) {
                    Outcome.Stop stop = merge.next(bytes);
                    if (stop != null) {
                        return stop;
                    }
                }
                long range = waveSize * (next + 1) / tasks - waveSize * next / tasks;
                if (results.length < range) {
                    // The task stopped starting shards at the deadline: the result is the prefix merged so far.
                    return Outcome.Stop.BUDGET;
                }
                next++;
            }
            finished = true;
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted: the job was stopped with " + merge.merged + " of "
                    + job.shardCount() + " shards merged", e);
        } finally {
            if (!finished && !future.isCompleted()) {
                future.cancel();
            }
        }
    }

    private static IllegalStateException failed(SimpleFutureAction<BoxedUnit> future, long waveStart, long size) {
        Try<BoxedUnit> t = future.value().get();
        Throwable cause = t.isFailure() ? t.failed().get() : null;
        return new IllegalStateException("the Spark job running shards [" + waveStart + ", " + (waveStart + size)
                + ") failed" + (cause != null ? ": " + cause.getMessage() : " without a result"), cause);
    }

    /** The driver's ordered merge, across waves. */
    private static final class Merge<P> {
        private final ShardedJob<P> job;
        private final MergeListener<P> listener;
        P result;
        long merged;

        Merge(ShardedJob<P> job, MergeListener<P> listener) {
            this.job = job;
            this.listener = listener;
        }

        /** Merges the next shard's result; returns why the job ends here, or null to go on. */
        @SuppressWarnings("unchecked")
        Outcome.Stop next(byte[] bytes) {
            ShardResult<P> r = (ShardResult<P>) JavaBytes.read(bytes);
            if (r.failure() != null) {
                Throwable t = r.failure();
                if (t instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("shard " + merged + " failed: " + t, t);
            }
            result = result == null ? r.partial() : job.merge(result, r.partial());
            merged++;
            if (r.stopped()) {
                return Outcome.Stop.BUDGET;
            }
            if (listener != null && listener.merged(merged - 1, result)) {
                return Outcome.Stop.LISTENER;
            }
            return null;
        }
    }

    /** One partition's results, as they arrive. */
    private record Part(int partition, byte[][] results) {
    }

    /** Spark's result handler: called once per partition, on the scheduler's thread; queues it for the driver. */
    private static final class Handler extends AbstractFunction2<Object, byte[][], BoxedUnit> {
        private final BlockingQueue<Part> arrived;

        Handler(BlockingQueue<Part> arrived) {
            this.arrived = arrived;
        }

        @Override
        public BoxedUnit apply(Object partition, byte[][] results) {
            arrived.add(new Part((Integer) partition, results));
            return BoxedUnit.UNIT;
        }
    }

    /** The Spark job's own result: nothing (the partitions' results go through the handler). */
    private static final class Unit extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }

    @Override
    public void close() {
        // Every job has ended (or been cancelled) before its run returned: nothing to stop.
    }
}
