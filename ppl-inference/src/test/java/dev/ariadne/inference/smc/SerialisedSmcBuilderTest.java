package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.run.RunBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * An SMC builder is serialisable so that a distributed backend can ship it; one serialised and read back must run,
 * and give the same numbers bit for bit, though its backend was not shipped with it (it ran into a null backend).
 */
class SerialisedSmcBuilderTest {

    private static final Model<Double> MODEL = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.observe("y", new Normal(x, 1), 0.5);
        return x;
    };

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aBuilderReadBackRunsOnThisJvmWithTheSameNumbers() throws Exception {
        var builder = Smc.of(MODEL).particles(200).sweeps(3).backend(RunBackend.local(2));
        double expected = builder.run().logEvidence().value();

        assertThat(roundTrip(builder).run().logEvidence().value()).isEqualTo(expected);
    }

    @Test
    void anAnnealedBuilderReadBackRunsWithTheSameNumbers() throws Exception {
        var builder = Smc.annealed(MODEL).particles(200).sweeps(2);
        double expected = builder.run().logEvidence().value();

        assertThat(roundTrip(builder).run().logEvidence().value()).isEqualTo(expected);
    }
}
