package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.smc.Smc;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A function of the user's that throws an exception whose {@code toString()} throws, given a value of the user's whose
 * {@code toString()} throws too: the error names the function's failure and keeps its cause, rather than escaping as
 * the exception that printing either threw (messages wrote them with {@code + e} and {@code + value}).
 */
class UnreadableUserObjectsTest {

    /** An exception no message can be read from. */
    static final class Unreadable extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("no message");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no text");
        }
    }

    /** A model's return value that cannot be printed. */
    static final class Opaque {
        final boolean b;

        Opaque(boolean b) {
            this.b = b;
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException("opaque");
        }
    }

    private static final Model<Opaque> MODEL = p -> new Opaque(p.sample("b", new Bernoulli(0.3)));

    private static final ToDoubleFunction<Opaque> THROWS = o -> {
        throw new Unreadable();
    };

    private static void namesTheFailure(Throwable t) {
        assertThat(t).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(Unreadable.class);
        assertThat(t.getMessage()).contains(Unreadable.class.getName() + " (whose message could not be read")
                .contains(Opaque.class.getName() + " (whose toString() could not be read");
    }

    @Test
    void keptRunsEnumerationAndParticlesNameTheFunctionsFailure() {
        namesTheFailure(catchThrowable(() -> Importance.of(MODEL).samples(100).keep(10).seed(3).run().kept()
                .mean(THROWS)));
        namesTheFailure(catchThrowable(() -> Enumerate.of(MODEL).run().expectation(THROWS)));
        namesTheFailure(catchThrowable(() -> Smc.of(MODEL).particles(20).sweeps(2).seed(3).run().posterior()
                .mean(THROWS)));
    }

    @Test
    void aTrackedQuantityNamesItsFailure() {
        Throwable t = catchThrowable(() -> Mcmc.of(MODEL).chains(1).warmup(5).draws(5).track("f", o -> {
            throw new Unreadable();
        }).run());
        assertThat(t).hasMessageContaining("the tracked quantity 'f' threw")
                .hasMessageContaining("(whose message could not be read").hasRootCauseInstanceOf(Unreadable.class);
    }
}
