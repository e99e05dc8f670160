package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ariadne.core.dist.Normal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A run's error that travels as bytes (from a Spark executor to the driver) keeps its last site: it was transient, so
 * on a cluster {@code lastAddress()} read null and an error renamed on the driver said "before the first site" where
 * one thread said "at or after site nu" (a new user).
 */
class ModelExceptionTravelsTest {

    @Test
    void theLastSiteSurvivesSerialisationAndARenaming() throws Exception {
        Model<Double> model = p -> {
            double nu = p.sample("nu", new Normal(0, 1));
            throw new IllegalStateException("too big: " + nu);
        };
        ModelException thrown = catchThrowableOfType(ModelException.class,
                () -> Execution.of(model).runner().run(1, 0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(thrown);
        }
        ModelException back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ModelException) in.readObject();
        }
        assertThat(back.lastAddress()).isEqualTo(Address.of("nu"));
        assertThat(back.getMessage()).isEqualTo(thrown.getMessage()).contains("at or after site nu");
        assertThat(ModelException.withRun(back, "step 1").getMessage()).contains("(step 1, at or after site nu)");
    }
}
