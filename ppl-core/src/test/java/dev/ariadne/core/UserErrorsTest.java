package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * Errors a model's own code throws, not the VM's: a helper class whose static initialiser failed (an
 * ExceptionInInitializerError, then a NoClassDefFoundError), or an Error of the user's own, came back bare, naming no
 * run, where exceptions, failed asserts and stack overflows were wrapped (an adversarial tester).
 */
class UserErrorsTest {

    /** An Error of the user's own. */
    static final class ModelBroke extends Error {
        ModelBroke() {
            super("the table is missing");
        }
    }

    @Test
    void errorsOfTheUsersCodeNameTheRunAndKeepTheirCause() {
        for (Error thrown : new Error[] {new ExceptionInInitializerError(new IllegalStateException("bad table")),
            new NoClassDefFoundError("Helper"), new ModelBroke()}) {
            Model<Double> m = p -> {
                double x = p.sample("x", new Normal(0, 1));
                if (x > -100) {
                    throw thrown;
                }
                return x;
            };
            assertThatThrownBy(() -> Execution.of(m).runner().run(7, 3)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("the model threw " + thrown.getClass().getName())
                    .hasMessageContaining("run 3 of seed 7").hasCause(thrown);
        }
    }

    @Test
    void theVirtualMachinesOwnErrorsPassUnchanged() {
        InternalError vm = new InternalError("the VM's own");
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0, 1));
            if (x > -100) {
                throw vm;
            }
            return x;
        };
        assertThatThrownBy(() -> Execution.of(m).runner().run(7, 3)).isSameAs(vm);
    }
}
