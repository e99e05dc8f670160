package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A model that interrupts its own thread (mu above 3, about 65 of 50,000 runs): on two worker threads the call never
 * returned, each worker leaving at its next wait and the caller waiting for shards no one would run (an adversarial
 * tester; killed at 120 and 300 s). Ariadne interrupts its workers only to stop a call, so an interrupt it did not
 * make is the user's code's, and the call now fails, saying so, instead of hanging.
 */
class UserInterruptTest {

    private static final Model<Double> INTERRUPTS = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        if (mu > 3) {
            Thread.currentThread().interrupt();
        }
        p.observe("y", new Normal(mu, 1), 1.5);
        return mu;
    };

    @Test
    @Timeout(60)
    void aModelThatInterruptsItsWorkerThreadFailsTheCallAndSaysWhy() {
        assertThatThrownBy(() -> Importance.of(INTERRUPTS).samples(50_000).parallelism(2).run())
                .hasMessageContaining("interrupted the worker thread");
    }
}
