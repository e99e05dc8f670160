package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import org.junit.jupiter.api.Test;

/** Acceptance: mean-field gradient search on normal-normal reaches the exact posterior. */
class NormalNormalSearchTest {

    @Test
    void meanFieldGradientSearchReachesThePosterior() {
        SearchResult r = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField())
                .strategy(Strategy.gradient().batch(100).rate(0.05)).budget(Budget.steps(400)).seed(11)
                .certify(20_000, 0.05).run();
        Estimate kl = r.certified().klEstimate();
        assertThat(r.diverged()).isFalse();
        assertThat(kl.value()).isLessThanOrEqualTo(0.005);

        // The posterior mean and sd from fresh runs of the searched guide, within 5 standard errors.
        ImportanceResult<Double> is = Importance.of(GroundTruth.NORMAL_NORMAL).guide(r.guide()).samples(20_000)
                .seed(99).expectation("mu", mu -> mu)
                .expectation("sq", mu -> (mu - GroundTruth.NORMAL_NORMAL_POST_MEAN) * (mu - GroundTruth.NORMAL_NORMAL_POST_MEAN))
                .run();
        assertThat(is.diagnostics().ess()).isGreaterThan(1000);
        Estimate mean = is.expectation("mu");
        Estimate sq = is.expectation("sq");
        double sd = Math.sqrt(sq.value());
        double sdSe = sq.standardError() / (2 * sd);
        assertThat(mean.within(GroundTruth.NORMAL_NORMAL_POST_MEAN, 5)).isTrue();
        assertThat(Math.abs(sd - GroundTruth.NORMAL_NORMAL_POST_SD)).isLessThanOrEqualTo(5 * sdSe);
        // The guide's own mean and sd, within 5 standard errors of those estimates.
        double guideMean = r.parameters().get("mu.loc");
        double guideSd = Math.exp(r.parameters().get("mu.logScale"));
        assertThat(Math.abs(guideMean - GroundTruth.NORMAL_NORMAL_POST_MEAN)).isLessThanOrEqualTo(5 * mean.standardError());
        assertThat(Math.abs(guideSd - GroundTruth.NORMAL_NORMAL_POST_SD)).isLessThanOrEqualTo(5 * sdSe);
    }
}
