package dev.ariadne.spark;

import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.run.StopSignal;
import java.io.NotSerializableException;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * One Spark task: the shards of one partition, a contiguous range of a wave, run by one worker of the job in
 * increasing order. Returns each shard's {@link ShardResult}, serialised on its own. Shipped to the executors with
 * the job it captures.
 *
 * <p>A shard asks to stop when Spark killed the task (its job was cancelled: the driver has what it needs, or was
 * interrupted) or when the time budget's deadline has passed. After a stopped or failed shard, or once the deadline
 * has passed, the task starts no more shards and returns the results of those it ran: fewer than its range.
 *
 * @param <P> the partial type
 */
final class RangeTask<P> extends AbstractFunction1<Iterator<Integer>, byte[][]> implements Serializable {

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

    @Override
    public byte[][] apply(Iterator<Integer> partition) {
        int r = partition.next();
        long from = waveStart + waveSize * r / tasks;
        long to = waveStart + waveSize * (r + 1) / tasks;
        byte[][] out = new byte[(int) (to - from)][];
        // Making the worker is outside the shards: its failure fails the task, and Spark retries it.
        ShardWorker<P> worker = job.worker();
        TaskContext task = TaskContext.get();
        for (long s = from; s < to; s++) {
            if (s > 0 && halted(task)) {
                // Past the deadline (or cancelled), no shard is started: the driver sees the range cut short here.
                return cut(out, s - from);
            }
            Stop stop = new Stop(task, deadlineMillis, s == 0);
            ShardResult<P> result;
            try {
                result = new ShardResult<>(worker.run(s, stop), null, stop.asked);
            } catch (RuntimeException e) {
                result = new ShardResult<>(null, e, stop.asked);
            } catch (Exception e) { // a checked exception thrown sneakily by user code
                result = new ShardResult<>(null, e, stop.asked);
            }
            out[(int) (s - from)] = serialise(s, result);
            if (result.stopped() || result.failure() != null) {
                // Nothing after a stopped or failed shard is merged: the range ends here.
                return cut(out, s - from + 1);
            }
        }
        return out;
    }

    private boolean halted(TaskContext task) {
        return (task != null && task.isInterrupted()) || System.currentTimeMillis() >= deadlineMillis;
    }

    private static byte[][] cut(byte[][] out, long length) {
        byte[][] first = new byte[(int) length][];
        System.arraycopy(out, 0, first, 0, first.length);
        return first;
    }

    private static byte[] serialise(long shard, ShardResult<?> result) {
        try {
            return JavaBytes.write(result);
        } catch (NotSerializableException e) {
            if (result.failure() != null) {
                // The shard's exception holds something that cannot travel: send its text and stack instead.
                IllegalStateException text = new IllegalStateException("shard " + shard + " failed: "
                        + result.failure());
                text.setStackTrace(result.failure().getStackTrace());
                try {
                    return JavaBytes.write(new ShardResult<>(null, text, result.stopped()));
                } catch (NotSerializableException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            throw new IllegalStateException("the partial of shard " + shard + " cannot be serialised: it holds a "
                    + e.getMessage(), e);
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
