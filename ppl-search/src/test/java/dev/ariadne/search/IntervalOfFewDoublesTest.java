package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Uniform;
import dev.ariadne.inference.UserDistributionCheck;
import org.junit.jupiter.api.Test;

/**
 * A Uniform prior on an interval a few doubles wide, far from 0 (an outside statistician): on [1e17, 1e17 + 16],
 * whose interval holds two doubles, the starting logit-normal drew its ends, where its density is 0, and the search
 * said "the evidence is a plain condition too rare" of a model with no condition, the failure labelled "prior density
 * 0"; on [1e17, 1e17 + 64] the certification called the search's own logit-normal "a distribution of your own".
 */
class IntervalOfFewDoublesTest {

    private static Model<Double> farUniform(double width) {
        return p -> {
            double x = p.sample("x", new Uniform(1e17, 1e17 + width));
            p.observe("y", new Normal(x - 1e17, 4), width / 2);
            return x;
        };
    }

    @Test
    void aSearchWhoseDrawsTheDoublesCannotCarrySaysSoAndNamesNoCondition() {
        SearchResult r = GuideSearch.of(farUniform(16), GuideFamily.meanField()).seed(1).certify(2_000, 0.05).run();
        assertThat(r.stopReason()).contains("The runs fail at a choice, not a condition")
                .contains("unrepresentable draw at x").doesNotContain("plain condition")
                .doesNotContain("prior density 0");
    }

    @Test
    void theSearchsOwnProposalsAreNotCalledTheUsers() {
        assertThat(UserDistributionCheck.isUsersOwn(new LogitNormal(0, 1, 1e17, 1e17 + 64))).isFalse();
        SearchResult r = GuideSearch.of(farUniform(64), GuideFamily.meanField()).seed(1).certify(20_000, 0.05).run();
        assertThat(r.certified().verdicts()).noneMatch(v -> v.contains(", a distribution of your own, "));
    }
}
