package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.smc.Smc;
import org.junit.jupiter.api.Test;

/**
 * An Error of the user's own thrown from a hypothesis came back bare from importance sampling and SMC, naming no run
 * (an adversarial tester); the VM's own errors still pass unchanged.
 */
class UserErrorsInCallsTest {

    /** An Error of the user's own. */
    static final class TableMissing extends Error {
        TableMissing() {
            super("the table is missing");
        }
    }

    private static final Model<Double> MODEL = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.observe("y", new Normal(x, 1), 0.5);
        return x;
    };

    @Test
    void aHypothesissErrorNamesTheHypothesisAndTheRun() {
        assertThatThrownBy(() -> Importance.of(MODEL).samples(100).seed(3).hypothesis("h", x -> {
            throw new TableMissing();
        }).run()).isInstanceOf(ModelException.class).hasMessageContaining("hypothesis 'h' threw")
                .hasMessageContaining("of seed 3").hasCauseInstanceOf(TableMissing.class);
        assertThatThrownBy(() -> Smc.of(MODEL).particles(20).sweeps(2).seed(3).hypothesis("h", x -> {
            throw new ExceptionInInitializerError(new IllegalStateException("bad table"));
        }).run()).hasMessageContaining("hypothesis 'h'").hasMessageContaining("seed 3");
        InternalError vm = new InternalError("the VM's own");
        assertThatThrownBy(() -> Importance.of(MODEL).samples(100).seed(3).hypothesis("h", x -> {
            throw vm;
        }).run()).isSameAs(vm);
    }
}
