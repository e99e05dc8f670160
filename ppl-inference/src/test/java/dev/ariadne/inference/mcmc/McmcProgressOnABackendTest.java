package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.run.Outcome;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.run.RunSession;
import dev.ariadne.inference.run.ShardedJob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The progress listener is not shipped with the chains: on a backend that ships the job it was told nothing at all,
 * where the local backend told it 1,000 times (an adversarial tester). It is now told of each chain as it is merged,
 * on the calling thread, and the answer is the same bit for bit.
 */
class McmcProgressOnABackendTest {

    private static final Model<Double> MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        p.observe("y", new Normal(mu, 1), 0.9);
        return mu;
    };

    /** Ships each job as a cluster does: serialised and read back, then run on this JVM's threads. */
    private static final RunBackend SHIPPING = () -> {
        RunSession local = RunBackend.local(2).open();
        return new RunSession() {
            @Override
            @SuppressWarnings("unchecked")
            public <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
                try {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                        out.writeObject(job);
                    }
                    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                        return local.run((ShardedJob<P>) in.readObject(), control);
                    }
                } catch (java.io.IOException | ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void close() {
                local.close();
            }
        };
    };

    @Test
    void chainsRunElsewhereAreReportedAsTheyAreMerged() {
        List<long[]> told = new ArrayList<>();
        Mcmc<Double> mcmc = Mcmc.of(MODEL).chains(4).warmup(200).draws(300).seed(3);
        double local = mcmc.run().row("mu").mean();
        McmcResult<Double> shipped = mcmc.backend(SHIPPING)
                .progress((done, total) -> told.add(new long[] {done, total})).run();

        assertThat(shipped.row("mu").mean()).isEqualTo(local);
        assertThat(told).extracting(t -> t[0]).containsExactly(500L, 1000L, 1500L, 2000L);
        assertThat(told).allSatisfy(t -> assertThat(t[1]).isEqualTo(2000L));
    }
}
