package dev.ariadne.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.run.Outcome;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.run.RunSession;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.stats.BoundMethod;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task that fails once is retried by Spark, and the answer is bit-identical: a shard's partial depends only on
 * (seed, shard). {@code local[2, 2]} allows two attempts per task (plain {@code local[N]} never retries).
 */
class SparkFaultTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(Sessions.conf("local[2,2]", "SparkFaultTest"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    static final Model<Double> MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        p.observe("y", new Normal(mu, 0.8), 1.3);
        return mu;
    };

    /** Counts the injected failures (the tasks run in this JVM, in local mode). */
    static final AtomicInteger INJECTED = new AtomicInteger();
    /** Whether the fault is still to be injected: once per test, in the first task that can take it. */
    static final AtomicBoolean ARMED = new AtomicBoolean();

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheAnswerIsBitIdentical() {
        ImportanceResult<Double> local = run(RunBackend.local(2));
        INJECTED.set(0);
        ARMED.set(true);
        ImportanceResult<Double> faulty = run(new Faulty(SparkBackend.of(sc).partitions(3), 1));
        assertThat(INJECTED.get()).as("the fault was injected once, and the task retried").isEqualTo(1);
        assertThat(faulty.logEvidence()).isEqualTo(local.logEvidence());
        assertThat(faulty.lowerBound(0.05)).isEqualTo(local.lowerBound(0.05));
        assertThat(faulty.lowerBound(0.05, BoundMethod.PRODUCT)).isEqualTo(local.lowerBound(0.05, BoundMethod.PRODUCT));
        assertThat(faulty.upperBound(0.05)).isEqualTo(local.upperBound(0.05));
        assertThat(faulty.conditional("high")).isEqualTo(local.conditional("high"));
        assertThat(faulty.kept().runs()).isEqualTo(local.kept().runs());
        assertThat(faulty.summary()).isEqualTo(local.summary());
    }

    private static ImportanceResult<Double> run(RunBackend b) {
        return Importance.of(MODEL).guide(Guide.at("mu", new Normal(0.8, 0.8))).samples(50_000).seed(11)
                .hypothesis("high", mu -> mu > 1).keep(200).backend(b).run();
    }

    /** The Spark backend with every job wrapped so that partition {@code victim}'s first attempt fails. */
    private record Faulty(SparkBackend spark, int victim) implements RunBackend {
        @Override
        public RunSession open() {
            RunSession s = spark.open();
            return new RunSession() {
                @Override
                public <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
                    return s.run(new FailsOnce<>(job, victim), control);
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        }
    }

    /** A job whose worker, on partition {@code victim} at its first attempt, runs a shard and then fails, once. */
    private record FailsOnce<P>(ShardedJob<P> job, int victim) implements ShardedJob<P> {
        @Override
        public long shardCount() {
            return job.shardCount();
        }

        @Override
        public ShardWorker<P> worker() {
            ShardWorker<P> w = job.worker();
            TaskContext t = TaskContext.get();
            if (t == null || t.partitionId() != victim || t.attemptNumber() != 0) {
                return w;
            }
            return (shard, stop) -> {
                P partial = w.run(shard, stop);
                if (!ARMED.compareAndSet(true, false)) {
                    return partial;
                }
                INJECTED.incrementAndGet();
                throw new InjectedFault("shard " + shard + ", attempt 0 of partition " + victim);
            };
        }

        @Override
        public P merge(P soFar, P next) {
            return job.merge(soFar, next);
        }
    }

    /**
     * A task's failure outside the model (as a lost executor or a broken disk would fail it): an {@link Error}, which
     * the backend leaves to Spark to retry, where a shard's exception is deterministic and sent back instead.
     */
    static final class InjectedFault extends Error {
        private static final long serialVersionUID = 1L;

        InjectedFault(String where) {
            super("injected fault in " + where);
        }
    }
}
