package dev.ariadne.spark;

import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunSession;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The run backend on Apache Spark: the shards of a job run as Spark tasks, and their partials are merged on the
 * driver in shard order, so a result is the same, bit for bit, as on one thread of this JVM.
 *
 * <ul>
 *   <li><b>Layout.</b> A job's shards {@code [0, n)} are cut into {@code min(partitions, n)} contiguous ranges,
 *       partition r holding shards {@code [n r / k, n (r + 1) / k)}; each is one task, which makes one worker of the
 *       job and runs its shards in increasing order. A task returns its shards' partials in one Java serialisation
 *       stream (whatever {@code spark.serializer} is), and the driver reads and merges the partials in shard order
 *       as the partitions arrive, by partition index: never in completion order (a {@code reduce} or
 *       {@code treeAggregate} would make floating-point sums depend on timing). The driver holds the results of
 *       the partitions that arrived ahead of the next one to merge, as bytes.</li>
 *   <li><b>Stopping early.</b> A job watched by a listener (importance sampling always is: its progress, and a run
 *       until certified) runs in waves, each one Spark job of {@code partitions} tasks: first one shard per task,
 *       then two, four, ..., with the next wave submitted before the current one ends, so that no core waits at
 *       a wave's end. A job that stops after s shards has run at most about 3 (s + partitions) shards, and its
 *       result is exactly the shards merged when the listener said stop (the same on every backend).</li>
 *   <li><b>Why retries cannot change a result.</b> A shard's partial depends only on the job (shipped once, the same
 *       bytes to every task) and on the shard's index: run i of seed s draws from its own stream wherever it runs.
 *       So a task retried after a lost executor, or run twice by speculative execution, returns the same bytes, and
 *       the driver takes one result per partition (Spark's own guarantee for a job's result handler).</li>
 *   <li><b>Errors.</b> An exception thrown by a shard (the model's, a guide's) is caught in the task and sent back
 *       as that shard's result: it is deterministic, so Spark does not retry it, and the driver throws the failure of
 *       the lowest-index failing shard as it was thrown, as the local backend does. A task that fails otherwise
 *       (an executor lost, an {@link Error} such as running out of memory, making the worker) is retried by Spark;
 *       when its retries are spent the driver throws an {@link IllegalStateException} with Spark's error as cause.
 *       </li>
 *   <li><b>Shipping.</b> The job (the model, the guide, for a guide search the step's parameters, the declared
 *       functions) travels inside the Spark job's task binary, which Spark distributes as a broadcast: once per
 *       wave to each executor, not once per task. Data a model captures travels the same way, so a guide search,
 *       a job per step, ships it at every step: capture a {@link org.apache.spark.broadcast.Broadcast} of it
 *       instead (see the README).</li>
 *   <li><b>Serialisation.</b> The job is checked before it is submitted: something it captures that cannot be
 *       shipped (a {@code this}, a thread, a connection) or that would break reproducibility (a random stream) is an
 *       {@link IllegalArgumentException} naming it, raised on the driver, not a task failure in an executor's log.
 *       </li>
 *   <li><b>Time budget.</b> The tasks stop their shards at the budget's deadline, read on the executors' clocks (so
 *       it assumes clocks in step, as a cluster's are within milliseconds); the result is the merged prefix, as on
 *       the local backend: the complete shards before the first stopped one, then its first runs.</li>
 *   <li><b>Cancellation.</b> Interrupting the calling thread cancels the Spark job (its tasks see it between chunks
 *       of runs and return) and throws {@link dev.ariadne.inference.run.RunCancelledException}. A call that ends
 *       early (cancelled, stopped by its listener or its budget, or failed) waits, up to 10 s, until Spark's status
 *       tracker reports none of its tasks running.</li>
 * </ul>
 *
 * <p>The Spark context belongs to the application: the backend never stops it. Immutable; each setter returns a
 * new configured backend.
 */
public final class SparkBackend implements RunBackend {

    private final JavaSparkContext context;
    private final int partitions;

    private SparkBackend(JavaSparkContext context, int partitions) {
        this.context = context;
        this.partitions = partitions;
    }

    /**
     * The backend on {@code context}, cutting each job into the context's default parallelism of partitions (the
     * executors' cores in total, or N of {@code local[N]}).
     */
    public static SparkBackend of(JavaSparkContext context) {
        return new SparkBackend(Objects.requireNonNull(context, "Spark context"), 0);
    }

    /** The backend on {@code context} (see {@link #of(JavaSparkContext)}). */
    public static SparkBackend of(SparkContext context) {
        return of(JavaSparkContext.fromSparkContext(Objects.requireNonNull(context, "Spark context")));
    }

    /**
     * The same backend cutting each job into {@code k} partitions (fewer if the job has fewer shards). Results do not
     * depend on k; speed does: k of a few times the executors' cores balances the load, while every task pays
     * Spark's overhead of a few milliseconds (see DISTRIBUTED.md).
     *
     * @param k the number of partitions, >= 1
     */
    public SparkBackend partitions(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + k);
        }
        return new SparkBackend(context, k);
    }

    /** The number of partitions a job is cut into (at most; the context's default parallelism unless set). */
    public int partitions() {
        return partitions > 0 ? partitions : Math.max(1, context.defaultParallelism());
    }

    /** The Spark context the jobs run on. */
    public JavaSparkContext context() {
        return context;
    }

    @Override
    public RunSession open() {
        return new SparkRunSession(context, partitions());
    }

    @Override
    public String toString() {
        return "Spark backend on " + context.master() + ", " + partitions() + " partitions";
    }
}
