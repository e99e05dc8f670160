package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call run until certified whose time budget ran out before any run met the evidence was told that no run satisfied
 * it, "a condition no run meets, or a proposal that misses where the evidence lies", after a single run: on Spark,
 * whose first job takes seconds, a 5-second budget did this in 5 fresh sessions of 9 (a new user). It now says the
 * budget ran out too soon to tell.
 */
class BudgetCutRunsTest {

    /**
     * Ten standard normals whose sum reaches 30: P(e) = 1.2e-21, so no run meets it however many the budget lets
     * through before it is first checked (a sum reaching 8, P(e) = 0.0057, was met by 11 runs on a faster machine).
     */
    private static final Model<Double> SUM = p -> {
        double s = 0;
        for (int i = 0; i < 10; i++) {
            s += p.sample("z", i, new Normal(0, 1));
        }
        p.condition("beyond", s, 30);
        return s;
    };

    @Test
    void aBudgetThatRanOutBeforeAnyRunMetTheEvidenceSaysSo() {
        ImportanceResult<Double> r = Importance.of(SUM).samples(10_000_000).seed(3)
                .untilCertified(0.05, 0.999, Duration.ofNanos(1)).run();
        assertThat(r.acceptedRuns()).isZero();
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v)
                .startsWith("no run satisfied the evidence").contains("but the time budget ran out after only"));
    }

    @Test
    void aCallOfFixedLengthSaysNothingOfABudget() {
        ImportanceResult<Double> r = Importance.of(SUM).samples(1).seed(3).run();
        assertThat(r.acceptedRuns()).isZero();
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v)
                .startsWith("no run satisfied the evidence").doesNotContain("time budget"));
    }
}
