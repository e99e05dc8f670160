package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationResult;
import dev.ariadne.inference.stats.Bound;
import org.junit.jupiter.api.Test;

/** The README's inference examples, as written there, compile, run, and their numbers are right. */
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
        assertThat(r.diagnostics().verdicts()).isEmpty();
    }

    @Test
    void theReadmeExactAndRigorousExampleWorks() {
        Model<Boolean> twoCoins = p -> {
            boolean first = p.sample("first", new Bernoulli(0.5));
            boolean second = p.sample("second", new Bernoulli(0.5));
            p.condition("atLeastOneHead", first || second);
            return first && second;
        };
        EnumerationResult<Boolean> exact = Enumerate.of(twoCoins).run();
        assertThat(exact.evidence()).isCloseTo(0.75, within(1e-15));
        assertThat(exact.probability(both -> both)).isCloseTo(1.0 / 3, within(1e-15));

        ImportanceResult<Boolean> r = Importance.of(twoCoins)
                .maxLogLikelihood(0)
                .samples(100_000).seed(1).hypothesis("both", both -> both).run();
        Bound lower = r.lowerBound(0.05);
        assertThat(lower.value()).isGreaterThan(0.7);
        assertThat(r.upperBound(0.05).orElseThrow().value()).isLessThan(0.8);
        Interval i = r.conditional("both").rigorous().orElseThrow();
        assertThat(i.upper() - i.lower()).isLessThan(0.05);
        // Coverage of the truth, at delta = 1e-6 each (the suite's false-failure budget, not the README's 0.05).
        assertThat(r.lowerBound(1e-6).value()).isLessThanOrEqualTo(0.75);
        assertThat(r.upperBound(1e-6).orElseThrow().value()).isGreaterThanOrEqualTo(0.75);
        assertThat(r.conditional("both", 1e-6).rigorous().orElseThrow().contains(1.0 / 3)).isTrue();
        // Without the statement: no upper bound, and the reason says what to state.
        ImportanceResult<Boolean> unstated = Importance.of(twoCoins).samples(1000).seed(1)
                .hypothesis("both", both -> both).run();
        assertThat(unstated.conditional("both").rigorous()).isEmpty();
        assertThat(unstated.conditional("both").rigorousUnavailableWhy()).contains("maxLogLikelihood");
    }
}
