package dev.ariadne.inference.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.smc.Smc;
import org.junit.jupiter.api.Test;

/**
 * A backend that loses a shard but says the job is complete, or returns no merged result, is refused by name: an
 * adversarial tester's backend that lost its last shard gave importance sampling 98,208 runs of the 100,000 asked,
 * MCMC 3 chains of 4 and SMC 5 sweeps of 6, every verdict empty; one that merged none, a NullPointerException from
 * inside the library.
 */
class BackendOutcomeCheckTest {

    private static final Model<Double> MODEL = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.observe("y", new Normal(x, 1), 0.5);
        return x;
    };

    /** Runs each job on the local backend, then reports it as {@code report} makes of the true outcome. */
    private record Misreporting(String name, java.util.function.UnaryOperator<Outcome<?>> report)
            implements RunBackend {
        @Override
        public RunSession open() {
            RunSession local = RunBackend.local(1).open();
            return new RunSession() {
                @Override
                @SuppressWarnings("unchecked")
                public <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
                    return (Outcome<P>) report.apply(local.run(job, control));
                }

                @Override
                public void close() {
                    local.close();
                }
            };
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final RunBackend LOSES_LAST_SHARD = new Misreporting("loses-last-shard",
            o -> new Outcome<>(o.merged(), o.shardsMerged() - 1, Outcome.Stop.COMPLETE));
    private static final RunBackend MERGES_NOTHING = new Misreporting("merges-nothing",
            o -> new Outcome<>(null, 0, Outcome.Stop.LISTENER));

    @Test
    void aBackendThatLosesAShardOfACompleteJobIsRefusedByName() {
        assertThatThrownBy(() -> Importance.of(MODEL).samples(100_000).backend(LOSES_LAST_SHARD).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the backend loses-last-shard")
                .hasMessageContaining("the job complete with").hasMessageContaining("shards merged");
        assertThatThrownBy(() -> Mcmc.of(MODEL).draws(100).warmup(100).backend(LOSES_LAST_SHARD).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the job complete with 3 of its 4");
        assertThatThrownBy(() -> Smc.of(MODEL).particles(100).sweeps(6).backend(LOSES_LAST_SHARD).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the backend loses-last-shard");
    }

    /** A job of the user's whose partials are null is the job's own business: the local backend ran it as told. */
    @Test
    void aJobWhosePartialsAreNullIsNotBlamedOnTheBackend() {
        ShardedJob<Object> nulls = new ShardedJob<>() {
            @Override
            public long shardCount() {
                return 5;
            }

            @Override
            public ShardWorker<Object> worker() {
                return (shard, stop) -> null;
            }

            @Override
            public Object merge(Object soFar, Object next) {
                return null;
            }
        };
        org.assertj.core.api.Assertions.assertThat(RunBackend.local(2).run(nulls, RunControl.none()).shardsMerged())
                .isEqualTo(5);
    }

    @Test
    void aBackendThatMergesNothingIsRefusedByNameNotWithANullPointer() {
        assertThatThrownBy(() -> Importance.of(MODEL).samples(10_000).backend(MERGES_NOTHING).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the backend merges-nothing")
                .hasMessageContaining("no shard merged of the job's");
        assertThatThrownBy(() -> Mcmc.of(MODEL).draws(100).warmup(100).backend(MERGES_NOTHING).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no shard merged of the job's 4");
    }
}
