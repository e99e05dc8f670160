package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lifetimes of units with a Gamma prior on their failure rate, ten of them censored at 3,000 hours as latent
 * lifetimes under a condition, drawn from the prior: about 0.1% of runs meet the conditions, so among the largest
 * weights k-hat is fitted to, most are runs of weight 0. The k-hat verdict explained the weights as lying above
 * "weights that tie (runs that recur, as a discrete choice or one proposed from its exact conditional make them)"
 * where the model has no discrete choice (a new user); it now says the ties are the failed runs.
 */
class TiesOfFailedRunsTest {

    private static final Model<Double> CENSORED = GroundTruth.CENSORED_LIFETIMES;

    @Test
    void tiesOfFailedRunsAreNotCalledRecurringChoices() {
        List<String> verdicts = Importance.of(CENSORED).samples(100_000).seed(1).run().diagnostics().verdicts();
        assertThat(verdicts).anyMatch(v -> v.contains("fitted above the runs of weight 0 (runs that failed the "
                + "evidence)")).noneMatch(v -> v.contains("runs that recur, as a discrete choice"));
    }
}
