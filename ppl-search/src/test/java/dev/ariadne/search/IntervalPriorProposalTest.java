package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Uniform;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.Importance;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * A Uniform prior on an interval other than [0, 1]: a new user's Beta guide was refused as not covering it, and the
 * verdict named no proposal that could concentrate inside it. It names the logit-normal, which does, and is right.
 */
class IntervalPriorProposalTest {

    private static final Model<Double> OMORI = p -> {
        double x = p.sample("p", new Uniform(0.8, 1.5));
        p.observe("y", new Normal(x, 0.05), 1.06);
        return x;
    };

    @Test
    void aBetaForAnIntervalPriorIsRefusedNamingTheLogitNormalWhichWorks() {
        assertThat(Importance.of(OMORI).guide(Guide.at("p", new Beta(20, 20))).samples(100).run().diagnostics()
                .verdicts()).anyMatch(v -> v.contains("does not cover its prior's support")
                        && v.contains("dev.ariadne.search.LogitNormal(loc, scale, 0.8, 1.5)"));
        NormalDistribution n = NormalDistribution.of(1.06, 0.05);
        double exact = Math.log((n.cumulativeProbability(1.5) - n.cumulativeProbability(0.8)) / 0.7);
        double u = (1.06 - 0.8) / 0.7;
        Estimate z = Importance.of(OMORI).guide(Guide.at("p", new LogitNormal(Math.log(u / (1 - u)), 0.4, 0.8, 1.5)))
                .samples(20_000).seed(3).run().logEvidence();
        assertThat(z.value()).isCloseTo(exact, within(5 * z.standardError()));
    }
}
