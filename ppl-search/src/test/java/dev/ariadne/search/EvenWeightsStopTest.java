package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * Cross-entropy's "converged" at a second moment of 1 says what such a figure can mean: a new user's pedigree guide
 * collapsed onto one configuration read "E[w^2]/E[w]^2 = 1.000 at its best" in 4 seeds of 4, its free energy 0.9
 * nats above the prior's, and the stop read as a perfect fit.
 */
class EvenWeightsStopTest {

    @Test
    void aSecondMomentOfOneIsSaidToFitAnExactGuideAndACollapsedOneAlike() {
        Model<Integer> pinned = p -> {
            int k = p.sample("k", new Categorical(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
            p.observe("y", new Normal(k, 0.01), 3.0);
            return k;
        };
        SearchResult s = GuideSearch.of(pinned, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .certify(0, 0.05).run();
        assertThat(s.stopReason()).startsWith("converged: the relative second moment of the weights, E[w^2]/E[w]^2 = "
                + "1.000").contains(CrossEntropySearch.EVEN_WEIGHTS_NOTE);
    }
}
