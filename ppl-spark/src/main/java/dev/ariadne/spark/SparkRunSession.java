package dev.ariadne.spark;

import dev.ariadne.core.Durations;
import dev.ariadne.core.Models;
import dev.ariadne.inference.run.MergeListener;
import dev.ariadne.inference.run.Outcome;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.run.RunSession;
import dev.ariadne.inference.run.ShardedJob;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkStatusTracker;
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
    /** How long a call that ends early waits for Spark to end its cancelled tasks. */
    private static final long STOP_GRACE_MILLIS = 10_000;

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
                : System.currentTimeMillis()
                + Math.min(Durations.millis(control.budget()), Long.MAX_VALUE / 4);
        MergeListener<P> listener = control.listener();
        Merge<P> merge = new Merge<>(job, listener);
        Deque<Wave> inFlight = new ArrayDeque<>();
        long submitted = 0;
        long perTask = 1;
        boolean done = false;
        try {
            while (true) {
                // A watched job runs in waves of 1, 2, 4, ... shards per task, two waves in flight (so no core waits
                // at the end of a wave); any other job in one wave.
                while (submitted < shards && inFlight.size() < 2) {
                    long size = listener == null ? shards : Math.min(shards - submitted, perTask * partitions);
                    inFlight.addLast(submit(job, submitted, size, deadline));
                    submitted += size;
                    perTask = Math.min(perTask * 2, 1L << 20);
                }
                if (inFlight.isEmpty()) {
                    done = true;
                    return new Outcome<>(merge.result, merge.merged, Outcome.Stop.COMPLETE);
                }
                Outcome.Stop stop = drain(inFlight.peekFirst(), merge);
                if (stop != null) {
                    return new Outcome<>(merge.result, merge.merged, stop);
                }
                inFlight.removeFirst();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted: the job was stopped with " + merge.merged + " of "
                    + shards + " shards merged", e);
        } finally {
            if (!done) {
                stop(inFlight);
            }
        }
    }

    /**
     * Cancels the waves still running and waits, up to {@link #STOP_GRACE_MILLIS}, until their tasks have ended
     * (they see the cancellation between chunks of runs), so that no task of a call runs on after it returns.
     */
    private void stop(Deque<Wave> inFlight) {
        for (Wave w : inFlight) {
            if (!w.future.isCompleted()) {
                w.future.cancel();
            }
        }
        long deadline = System.nanoTime() + STOP_GRACE_MILLIS * 1_000_000L;
        boolean interrupted = Thread.interrupted();
        try {
            for (Wave w : inFlight) {
                while ((!w.future.isCompleted() || running(w)) && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Submits shards {@code [start, start + size)} as one Spark job of at most {@code partitions} tasks. */
    private <P> Wave submit(ShardedJob<P> job, long start, long size, long deadline) {
        int tasks = (int) Math.min(partitions, size);
        List<Integer> indices = new ArrayList<>(tasks);
        for (int r = 0; r < tasks; r++) {
            indices.add(r);
        }
        JavaRDD<Integer> rdd = context.parallelize(indices, tasks);
        BlockingQueue<Part> arrived = new LinkedBlockingQueue<>();
        SimpleFutureAction<BoxedUnit> future = context.sc().submitJob(rdd.rdd(),
                new RangeTask<>(job, start, size, tasks, deadline),
                CollectionConverters.asScala(new ArrayList<Object>(indices)).toSeq(),
                new Handler(arrived), new Unit());
        return new Wave(start, size, tasks, future, arrived);
    }

    /**
     * Merges a wave's shards in shard order, taking its partitions by index as they arrive.
     *
     * @return why the job ended within this wave, or null if every shard of the wave was merged and the job goes on
     */
    private static <P> Outcome.Stop drain(Wave w, Merge<P> merge) throws InterruptedException {
        TreeMap<Integer, byte[]> pending = new TreeMap<>();
        for (int next = 0; next < w.tasks; ) {
            byte[] results = pending.remove(next);
            if (results == null) {
                Part got = w.arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (got != null) {
                    pending.put(got.partition, got.results);
                } else if (w.future.isCompleted() && w.arrived.isEmpty()) {
                    throw failed(w.future, w.start, w.size);
                }
                continue;
            }
            Outcome.Stop stop = merge.partition(results, RangeTask.rangeSize(w.size, w.tasks, next));
            if (stop != null) {
                return stop;
            }
            next++;
        }
        return null;
    }

    /** A wave in flight: shards {@code [start, start + size)} in {@code tasks} partitions. */
    private record Wave(long start, long size, int tasks, SimpleFutureAction<BoxedUnit> future,
                        BlockingQueue<Part> arrived) {
    }

    /** Whether a task of the wave is still running, as Spark's status tracker last heard. */
    private boolean running(Wave w) {
        JavaSparkStatusTracker status = context.statusTracker();
        for (Object id : CollectionConverters.asJava(w.future.jobIds())) {
            SparkJobInfo job = status.getJobInfo((Integer) id);
            if (job == null) {
                continue;
            }
            for (int stage : job.stageIds()) {
                SparkStageInfo info = status.getStageInfo(stage);
                if (info != null && info.numActiveTasks() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static IllegalStateException failed(SimpleFutureAction<BoxedUnit> future, long waveStart, long size) {
        Try<BoxedUnit> t = future.value().get();
        Throwable cause = t.isFailure() ? t.failed().get() : null;
        String text = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        int at = text.indexOf(RangeTask.UNSHIPPABLE);
        if (at >= 0) {
            // the task's own message, without Spark's "Job aborted due to stage failure" and the executor's stack
            int end = text.indexOf('\n', at);
            return new IllegalStateException(text.substring(at, end < 0 ? text.length() : end), cause);
        }
        return new IllegalStateException("the Spark job running shards [" + waveStart + ", " + (waveStart + size)
                + ") failed" + (cause != null ? ": " + cause.getMessage() : " without a result"), cause);
    }

    /** The driver's ordered merge, across waves (package-private for the measurements of DISTRIBUTED.md). */
    static final class Merge<P> {
        private final ShardedJob<P> job;
        private final MergeListener<P> listener;
        P result;
        long merged;

        Merge(ShardedJob<P> job, MergeListener<P> listener) {
            this.job = job;
            this.listener = listener;
        }

        /**
         * Reads a partition's results and merges them in shard order.
         *
         * @param range the number of shards in the partition's range
         * @return why the job ends here, or null to go on
         */
        Outcome.Stop partition(byte[] results, long range) {
            long read = 0;
            try (ObjectInputStream in = JavaBytes.reader(results)) {
                for (Object o; (o = in.readObject()) != null; read++) {
                    @SuppressWarnings("unchecked")
                    Outcome.Stop stop = next((ShardResult<P>) o);
                    if (stop != null) {
                        return stop;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read a task's results on the driver", e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("a task's results name a class the driver does not have: "
                        + e.getMessage(), e);
            }
            // A range cut short: the task stopped starting shards at the deadline; the result is the prefix so far.
            return read < range ? Outcome.Stop.BUDGET : null;
        }

        /** Merges the next shard's result; returns why the job ends here, or null to go on. */
        Outcome.Stop next(ShardResult<P> r) {
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
    private record Part(int partition, byte[] results) {
    }

    /** Spark's result handler: called once per partition, on the scheduler's thread; queues it for the driver. */
    private static final class Handler extends AbstractFunction2<Object, byte[], BoxedUnit> {
        private final BlockingQueue<Part> arrived;

        Handler(BlockingQueue<Part> arrived) {
            this.arrived = arrived;
        }

        @Override
        public BoxedUnit apply(Object partition, byte[] results) {
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
