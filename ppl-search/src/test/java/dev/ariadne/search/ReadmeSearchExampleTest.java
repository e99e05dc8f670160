package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.GroundTruth;
import org.junit.jupiter.api.Test;

/** The README's search snippet compiles and does what it says. */
class ReadmeSearchExampleTest {

    @Test
    void theReadmeSearchFindsACertifiedGuide() {
        SearchResult s = GuideSearch.of(GroundTruth.BETA_BERNOULLI, GuideFamily.meanField())
                .strategy(Strategy.gradient()).budget(Budget.steps(200)).seed(1)
                .certify(100_000, 0.05).run();
        Estimate logZ = s.certified().logEvidence();
        assertThat(s.certified().result().diagnostics().ess()).isGreaterThan(1000);
        assertThat(Math.abs(logZ.value() - GroundTruth.BETA_BERNOULLI_LOG_Z))
                .isLessThanOrEqualTo(5 * logZ.standardError());
        // The free energy is never below -log P(e) (beyond noise) and the search beat the prior's 9.99 nats.
        Estimate f = s.certified().freeEnergy();
        assertThat(f.value()).isGreaterThan(-GroundTruth.BETA_BERNOULLI_LOG_Z - 5 * f.standardError())
                .isLessThan(-GroundTruth.BETA_BERNOULLI_LOG_Z + 0.5);
        assertThat(s.guide()).isNotNull();
    }
}
