package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A call whose runs never met a rare condition (a portfolio's loss past a threshold, P = 3e-6) was told "a condition
 * no run meets" with no way on (a new user): the verdict now points to a margin condition and what climbs it.
 */
class RareConditionAdviceTest {

    @Test
    void aConditionNoRunMetPointsToAMarginAndWhatClimbsIt() {
        Model<Double> far = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("far", x > 6);
            return x;
        };
        assertThat(Importance.of(far).samples(5_000).seed(1).run().diagnostics().verdicts())
                .anyMatch(v -> v.startsWith("no run satisfied the evidence")
                        && v.contains("SubsetSimulation.of(model) and a guide search climb toward it once it is "
                        + "stated with a margin, p.condition(name, score, threshold)"));
    }
}
