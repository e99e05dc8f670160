package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import org.junit.jupiter.api.Test;

/** The README's model-and-guide example compiles, runs, and its numbers are right. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleWorks() {
        boolean[] flips = {true, true, true, true, true, true, true, false, false, false};
        Model<Double> coin = p -> {
            double bias = p.sample("bias", new Beta(1, 1));
            for (int i = 0; i < flips.length; i++) {
                p.observe("flip", i, new Bernoulli(bias), flips[i]);
            }
            return bias;
        };
        Guide guide = Guide.at("bias", new Beta(7, 4));

        ImportanceResult<Double> r = Importance.of(coin).guide(guide)
                .samples(100_000).seed(42).hypothesis("fair-ish", b -> b < 0.5).run();
        Estimate logZ = r.logEvidence();
        assertThat(r.diagnostics().ess()).isGreaterThan(1000);
        assertThat(Math.abs(logZ.value() - GroundTruth.BETA_BERNOULLI_LOG_Z)).isLessThanOrEqualTo(
                5 * logZ.standardError());
        Estimate below = r.conditional("fair-ish").selfNormalised().orElseThrow();
        assertThat(Math.abs(below.value() - (1 - GroundTruth.BETA_BERNOULLI_P_ABOVE_HALF)))
                .isLessThanOrEqualTo(5 * below.standardError());
        assertThat(r.freeEnergy().value()).isGreaterThanOrEqualTo(-GroundTruth.BETA_BERNOULLI_LOG_Z - 5 * r
                .freeEnergy().standardError());
        assertThat(r.lowerBound(0.05).logValue()).isLessThan(logZ.value());
    }
}
