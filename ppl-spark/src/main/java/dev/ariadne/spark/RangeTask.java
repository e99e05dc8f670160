package dev.ariadne.spark;

import dev.ariadne.core.ModelException;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.run.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * One Spark task: the shards of one partition, a contiguous range of a wave, run by one worker of the job in
 * increasing order. Returns their {@link ShardResult}s in shard order, written one after another to one Java
 * serialisation stream and ended by a null: the classes' descriptions are written once per task, not once per shard
 * (reading a partial from a stream of its own cost 6 times as long, and it took 2.5 times the bytes; see
 * DISTRIBUTED.md), and the objects the partials share keep being shared when read back, as they are on the local
 * backend. Shipped to the executors with the job it captures.
 *
 * <p>A shard asks to stop when Spark killed the task (its job was cancelled: the driver has what it needs, or was
 * interrupted) or when the time budget's deadline has passed. After a stopped or failed shard, or once the deadline
 * has passed, the task starts no more shards and returns the results of those it ran: fewer than its range.
 *
 * @param <P> the partial type
 */
final class RangeTask<P> extends AbstractFunction1<Iterator<Integer>, byte[]> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ShardedJob<P> job;
    private final long waveStart;
    private final long waveSize;
    private final int tasks;
    /** The time budget's deadline in epoch milliseconds, or Long.MAX_VALUE. */
    private final long deadlineMillis;

    RangeTask(ShardedJob<P> job, long waveStart, long waveSize, int tasks, long deadlineMillis) {
        this.job = job;
        this.waveStart = waveStart;
        this.waveSize = waveSize;
        this.tasks = tasks;
        this.deadlineMillis = deadlineMillis;
    }

    /** The number of shards of partition {@code r} of a wave of {@code size} shards in {@code tasks} partitions. */
    static long rangeSize(long size, int tasks, int r) {
        return size * (r + 1) / tasks - size * r / tasks;
    }

    @Override
    public byte[] apply(Iterator<Integer> partition) {
        int r = partition.next();
        long from = waveStart + waveSize * r / tasks;
        long to = from + rangeSize(waveSize, tasks, r);
        // Making the worker is outside the shards: its failure fails the task, and Spark retries it.
        ShardWorker<P> worker = job.worker();
        TaskContext task = TaskContext.get();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            for (long s = from; s < to; s++) {
                if (s > 0 && halted(task)) {
                    break; // past the deadline (or cancelled) no shard is started: the range ends short here
                }
                Stop stop = new Stop(task, deadlineMillis, s == 0);
                ShardResult<P> result;
                try {
                    result = new ShardResult<>(worker.run(s, stop), null, stop.asked);
                } catch (Exception e) { // the model's or a guide's exception: deterministic, sent back as it is
                    result = new ShardResult<>(null, travelling(s, e), stop.asked);
                }
                try {
                    out.writeObject(result);
                } catch (NotSerializableException e) {
                    throw new IllegalStateException(unshippable(s, e.getMessage()), e);
                }
                if (result.stopped() || result.failure() != null) {
                    break; // nothing after a stopped or failed shard is merged
                }
            }
            out.writeObject(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What starts the message of a shard whose partial holds what cannot be serialised; the driver finds it. */
    static final String UNSHIPPABLE = "the partial result of shard ";

    /**
     * Why shard {@code s}'s partial cannot leave the executor: it holds an object of class {@code type} that is not
     * serialisable, the model's return value wherever the call keeps runs or particles. Said of "a kept run" alone,
     * it misled an annealed SMC call, and came inside an executor's stack trace (a new user).
     */
    static String unshippable(long s, String type) {
        return UNSHIPPABLE + s + " holds a " + type + ", which cannot be serialised to leave the executor: it is the "
                + "model's return value, which a call ships with the runs it keeps (importance sampling's keep(n), "
                + "1,000 by default) or with its particles (SMC); make it Serializable or return a number, or, for "
                + "importance sampling, keep(0)";
    }

    private boolean halted(TaskContext task) {
        return (task != null && task.isInterrupted()) || System.currentTimeMillis() >= deadlineMillis;
    }

    /**
     * The shard's exception, or, if it holds something that cannot travel: a run's error with a stand-in for its cause
     * (the cause's class, message and stack), so that it still arrives as the {@code ModelException} one thread
     * throws (it arrived as an IllegalStateException with no cause; a new user); any other, its text and stack.
     */
    private static Throwable travelling(long shard, Exception e) {
        if (shippable(e)) {
            return e;
        }
        if (e instanceof ModelException m && m.getCause() != null) {
            ModelException standIn = m.withCause(new UnshippableCause(m.getCause()));
            if (shippable(standIn)) {
                return standIn;
            }
        }
        IllegalStateException text = new IllegalStateException("shard " + shard + " failed: " + e);
        text.setStackTrace(e.getStackTrace());
        return text;
    }

    private static boolean shippable(Throwable e) {
        try {
            JavaBytes.write(e);
            return true;
        } catch (NotSerializableException | RuntimeException notShippable) {
            return false;
        }
    }

    /** A shard's stop signal in a task. */
    private static final class Stop implements StopSignal {
        private final TaskContext task;
        private final long deadlineMillis;
        /** Shard 0 always makes its first run, so that a result is never empty. */
        private boolean firstRunFree;
        boolean asked;

        Stop(TaskContext task, long deadlineMillis, boolean firstRunFree) {
            this.task = task;
            this.deadlineMillis = deadlineMillis;
            this.firstRunFree = firstRunFree;
        }

        @Override
        public boolean requested() {
            if (firstRunFree) {
                firstRunFree = false;
                return false;
            }
            if ((task != null && task.isInterrupted()) || System.currentTimeMillis() >= deadlineMillis) {
                asked = true;
                return true;
            }
            return false;
        }
    }
}
