package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.Estimate;
import dev.ariadne.core.dist.Normal;
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

    /**
     * The README's program family: a Normal for mu, its location and log scale fitted. The guide's KL to the exact
     * posterior N(0.9, 1/6) is closed-form; the certified free energy is -log P(e) plus that KL, within its standard
     * errors.
     */
    @Test
    void theReadmeProgramFamilyFitsTheNormalPosterior() {
        GuideFamily family = GuideFamily.program("mu-normal", java.util.Map.of("loc", 0.0, "logScale", 0.0),
                (theta, site, prior, history) -> site.name().equals("mu")
                        ? new Normal(theta.get("loc"), Math.exp(theta.get("logScale"))) : null);
        SearchResult s = GuideSearch.of(GroundTruth.NORMAL_NORMAL, family).strategy(Strategy.cmaes()).seed(1)
                .certify(20_000, 0.05).run();
        double loc = s.guide().parameters().get("loc");
        double scale = Math.exp(s.guide().parameters().get("logScale"));
        double m = GroundTruth.NORMAL_NORMAL_POST_MEAN;
        double sd = GroundTruth.NORMAL_NORMAL_POST_SD;
        double kl = Math.log(sd / scale) + (scale * scale + (loc - m) * (loc - m)) / (2 * sd * sd) - 0.5;
        assertThat(kl).as("KL of the fitted guide to the posterior; the prior's is about 1.5").isLessThan(0.01);
        Estimate f = s.certified().freeEnergy();
        assertThat(Math.abs(f.value() - (kl - GroundTruth.NORMAL_NORMAL_LOG_Z)))
                .isLessThanOrEqualTo(5 * f.standardError());
    }
}
