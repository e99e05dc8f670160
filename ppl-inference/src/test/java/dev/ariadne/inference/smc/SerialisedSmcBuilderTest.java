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

    /**
     * A state-space filter whose mutable states are copied by a lambda written in place: copyStates took a plain
     * UnaryOperator, and the filter could not be shipped (an adversarial tester).
     */
    @Test
    void aFilterWithACopyFunctionWrittenInPlaceIsShippedAndReadBackWithTheSameNumbers() throws Exception {
        Init<double[], Double> init = (p, y) -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe(new Normal(x, 0.5), y);
            return new double[] {x};
        };
        Transition<double[], Double> step = (p, s, t, y) -> {
            s[0] = p.sample("x", new Normal(0.9 * s[0], 0.4));
            p.observe(new Normal(s[0], 0.5), y);
            return s;
        };
        var filter = Smc.stateSpace(init, step, java.util.List.of(0.3, 0.8, 1.1, 0.2)).particles(200)
                .copyStates(s -> s.clone());
        dev.ariadne.core.Models.requireSerializable(filter);
        double expected = filter.run().logEvidence().value();

        assertThat(roundTrip(filter).run().logEvidence().value()).isEqualTo(expected);
        // a copy function held as a plain UnaryOperator still compiles and runs here, as before (a hunt)
        java.util.function.UnaryOperator<double[]> held = double[]::clone;
        assertThat(Smc.stateSpace(init, step, java.util.List.of(0.3, 0.8, 1.1, 0.2)).particles(200).copyStates(held)
                .run().logEvidence().value()).isEqualTo(expected);
    }

    @Test
    void anAnnealedBuilderReadBackRunsWithTheSameNumbers() throws Exception {
        var builder = Smc.annealed(MODEL).particles(200).sweeps(2);
        double expected = builder.run().logEvidence().value();

        assertThat(roundTrip(builder).run().logEvidence().value()).isEqualTo(expected);
    }
}
