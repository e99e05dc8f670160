package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.NegativeBinomial;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check that a search's guide is at a minimum ({@link StationarityCheck}): it speaks where a strategy stopped far
 * from one, and is silent where the strategy converged.
 */
class StationarityCheckTest {

    /**
     * n ~ NegativeBinomial(3, 0.1) with 30 of n observed at 0.6: BOBYQA said "converged" at 7.1 to 7.4 nats in 4 seeds
     * of 4, where the family's minimum is below 4.6 (CMA-ES reached 4.56 in one seed).
     */
    @Test
    void aSearchThatStoppedFarFromTheMinimumSaysSo() {
        Model<Integer> m = p -> {
            int n = p.sample("n", new NegativeBinomial(3, 0.1));
            p.observe("k", new Binomial(n, 0.6), 30);
            return n;
        };
        int said = 0;
        for (long seed = 1; seed <= 4; seed++) {
            SearchResult r = GuideSearch.of(m, GuideFamily.meanField()).strategy(Strategy.bobyqa()).seed(seed)
                    .parallelism(1).certify(0, 0.05).run();
            assertThat(r.stopReason()).startsWith("BOBYQA converged");
            if (r.stopReason().contains("but the guide it ends with is not at a minimum")) {
                assertThat(r.stopReason()).contains("gradient along n.logR").contains("by raising it");
                said++;
            }
        }
        assertThat(said).as("seeds of 4 where the check spoke").isGreaterThanOrEqualTo(3);
    }

    /** Searches that converged (a Normal mean, a coin's bias, a Poisson rate) are not told otherwise. */
    @Test
    void searchesThatConvergedAreNotToldOtherwise() {
        List<Model<Double>> models = List.of(
                p -> {
                    double mu = p.sample("m", new Normal(0, 2));
                    for (int i = 0; i < 5; i++) {
                        p.observe("y", i, new Normal(mu, 1), 1.0 + 0.3 * i);
                    }
                    return mu;
                },
                p -> {
                    double b = p.sample("b", new Beta(1, 1));
                    for (int i = 0; i < 20; i++) {
                        p.observe("x", i, new Bernoulli(b), i < 14);
                    }
                    return b;
                },
                p -> {
                    double rate = p.sample("r", new Gamma(2, 1));
                    for (int i = 0; i < 8; i++) {
                        p.observe("k", i, new Poisson(rate), 3 + i % 3);
                    }
                    return rate;
                });
        for (Model<Double> m : models) {
            for (Strategy s : List.of(Strategy.bobyqa(), Strategy.cmaes())) {
                for (long seed = 1; seed <= 3; seed++) {
                    SearchResult r = GuideSearch.of(m, GuideFamily.meanField()).strategy(s).seed(seed)
                            .certify(0, 0.05).run();
                    assertThat(r.stopReason()).as("%s, seed %d", s, seed).doesNotContain("not at a minimum");
                }
            }
        }
    }
}
