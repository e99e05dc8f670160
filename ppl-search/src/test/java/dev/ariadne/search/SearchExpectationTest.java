package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.GroundTruth;
import org.junit.jupiter.api.Test;

/**
 * A guide search certifies P(e) and P(h, e) on fresh runs; a new user wanted a posterior mean from those runs too
 * and found no way to ask for one. An expectation declared on the search is estimated, self-normalised, on the
 * certification's runs: checked here against the exact posterior of the normal-normal model within 5 of its standard
 * errors.
 */
class SearchExpectationTest {

    @Test
    void anExpectationDeclaredOnASearchIsEstimatedOnTheCertificationsRuns() {
        GuideSearch<Double> search = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField())
                .budget(Budget.steps(30)).seed(3).certify(20_000, 0.05)
                .expectation("mu", mu -> mu).expectation("mu squared", mu -> mu * mu);
        Certification c = search.run().certified();
        assertThat(c.expectations()).containsOnlyKeys("mu", "mu squared");
        Estimate mean = c.expectations().get("mu");
        Estimate square = c.expectations().get("mu squared");
        double sd = GroundTruth.NORMAL_NORMAL_POST_SD;
        double m = GroundTruth.NORMAL_NORMAL_POST_MEAN;
        assertThat(mean.standardError()).isFinite().isPositive();
        assertThat(Math.abs(mean.value() - m)).isLessThanOrEqualTo(5 * mean.standardError());
        assertThat(Math.abs(square.value() - (m * m + sd * sd))).isLessThanOrEqualTo(5 * square.standardError());
        assertThat(c.toString()).contains("E[mu | e] = ").contains("E[mu squared | e] = ");
    }

    @Test
    void anExpectationNamedTwiceIsRefusedAndNoneDeclaredGivesNone() {
        GuideSearch<Double> search = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField())
                .budget(Budget.steps(2)).certify(1_000, 0.05);
        assertThatThrownBy(() -> search.expectation("mu", mu -> mu).expectation("mu", mu -> 2 * mu))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectation 'mu' is already declared");
        assertThatThrownBy(() -> search.hypothesis("mu", mu -> mu > 0).expectation("mu", mu -> mu))
                .as("refused when declared, not after the search").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the name 'mu' is already declared");
        assertThatThrownBy(() -> search.hypothesis("", mu -> mu > 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a hypothesis needs a name that is not blank");
        assertThat(search.run().certified().expectations()).isEmpty();
    }
}
