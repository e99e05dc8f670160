package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.GroundTruth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue "Architecture" 5: GuideSearch and the strategies are immutable; each setter returns a new object. */
class ImmutableBuildersTest {

    @Test
    void aSettingMadeOnACopyLeavesTheOriginalAlone() {
        // Before: seed(2) changed the base search in place, so both runs used seed 2.
        GuideSearch<Double> base = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField())
                .budget(Budget.steps(2)).strategy(Strategy.gradient().batch(10)).seed(1).certify(100, 0.05);
        GuideSearch<Double> other = base.seed(2).hypothesis("positive", mu -> mu > 0);
        assertThat(other).isNotSameAs(base);
        SearchResult a = base.run();
        SearchResult b = other.run();
        assertThat(a.certified().seed()).isEqualTo(1 ^ GuideSearch.CERTIFICATION_SALT);
        assertThat(b.certified().seed()).isEqualTo(2 ^ GuideSearch.CERTIFICATION_SALT);
        assertThat(a.certified().hypothesisBounds()).isEmpty();
        assertThat(b.certified().hypothesisBounds()).containsOnlyKeys("positive");
        assertThat(b.certified().toString()).as("each hypothesis's bound printed as the evidence's")
                .contains("P(positive, e) >= ").doesNotContain("Bound[");
        // The same configured search runs twice to the same result.
        assertThat(base.run().parameters().asMap()).isEqualTo(a.parameters().asMap());
    }

    @Test
    void everyStrategySetterReturnsANewStrategy() {
        // Before: each setter returned the same object, changed.
        GradientStrategy g = Strategy.gradient();
        CmaesStrategy c = Strategy.cmaes();
        BobyqaStrategy b = Strategy.bobyqa();
        CrossEntropyStrategy x = Strategy.crossEntropy();
        HillClimbStrategy h = Strategy.hillClimb();
        List<Object> changed = List.of(g.batch(10), g.rate(0.1), g.averaging(false), c.crnRuns(10), c.sigma(1),
                c.population(5), c.optimiserSeed(3), b.crnRuns(10), b.trustRegion(1, 0.1), x.runs(100), x.rho(0.2),
                x.smoothing(0.5), x.level(hist -> 0, 1), h.crnRuns(10), h.step(1), h.restarts(1), h.discrete());
        for (Object o : changed) {
            assertThat(o).isNotIn(g, c, b, x, h);
        }
        assertThat(Strategy.gradient()).isSameAs(g);
    }
}
