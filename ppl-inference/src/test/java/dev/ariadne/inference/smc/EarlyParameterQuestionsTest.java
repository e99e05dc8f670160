package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model's SMC whose declared expectation reads a parameter drawn at its first step: pooled tests of a prevalence p,
 * 30 pools of 10 people, 9 positive. Path degeneracy leaves few first-step values of p among the final particles, and
 * E[p | e] read 7 to 11 standard errors off in 2 calls of 12 whose only verdict said that filtering and the evidence
 * were unaffected (a new user). That verdict now says the declared questions are such smoothed estimates.
 */
class EarlyParameterQuestionsTest {

    private static final Model<Double> POOLED = pr -> {
        double p = pr.sample("p", new Beta(1, 19));
        for (int j = 0; j < 30; j++) {
            boolean any = false;
            for (int i = 0; i < 10; i++) {
                any |= pr.sample("infected", j * 10 + i, new Bernoulli(p));
            }
            pr.observe("pool", j, new Bernoulli(any ? 0.95 : 0.01), j < 9);
        }
        return p;
    };

    @Test
    void pathDegeneracyNamesTheDeclaredQuestionsThatReadAnEarlyParameter() {
        List<String> asked = Smc.of(POOLED).particles(1000).sweeps(4).seed(2).expectation("p", p -> p).run()
                .diagnostics().verdicts();
        assertThat(asked).anyMatch(v -> v.contains("(path degeneracy)")
                && v.contains("the declared expectations and hypotheses are such estimates"));
        List<String> none = Smc.of(POOLED).particles(1000).sweeps(4).seed(2).run().diagnostics().verdicts();
        assertThat(none).anyMatch(v -> v.contains("(path degeneracy)"))
                .noneMatch(v -> v.contains("the declared expectations"));
    }
}
