package dev.ariadne.inference.rare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A time budget that ran out during the pilot sweep left {@code budgetNote()} empty, where the README says it tells
 * how many sweeps ran (an adversarial tester).
 */
class PilotBudgetNoteTest {

    @Test
    void aBudgetThatRanOutInThePilotSaysSo() {
        // Each run waits 50 microseconds, so that the pilot's 1,000 particles take 50 ms or more: the budget's clock is
        // read by the call's own thread, which on a loaded machine was once not scheduled before a pilot of runs
        // without a wait had finished ("ran out after 0 of 200 sweeps", a CI run).
        Model<Double> beyond4 = p -> {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            double x = p.sample("x", new Normal(0, 1));
            p.condition("c", x, 4.0);
            return x;
        };
        SubsetResult r = SubsetSimulation.of(beyond4).seed(1).timeBudget(Duration.ofNanos(1)).run();
        assertThat(r.logEvidence().value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.budgetNote()).hasValueSatisfying(n -> assertThat(n)
                .isEqualTo("the time budget of 1 ns ran out during the pilot sweep, before any of the 200 sweeps"));
    }
}
