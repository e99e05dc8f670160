package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.NegativeBinomial;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values each too rare to name, that hold a share of P(e) together, are named as a group. */
class RarelyDrawnGroupTest {

    /** k ~ NegativeBinomial(5, 0.2) (mean 20, sd 10); y = 20 observed from N(k, 60): the posterior is near the prior. */
    private static final Model<Integer> COUNT = p -> {
        int k = p.sample("k", new NegativeBinomial(5, 0.2));
        p.observe("y", new Normal(k, 60), 20.0);
        return k;
    };

    /**
     * A Poisson(20) guide (sd 4.5) all but never draws the counts below 9 or above 33, which hold 15% of P(e)
     * together and at most 2.2% each: log Z-hat read more than 3 standard errors low with nothing said in 14.5% of
     * calls of 10,000 runs (an outside statistician, 600 seeds). In every call of ten the group is named now.
     */
    @Test
    void aCountsTailBeyondALightTailedGuideIsNamed() {
        for (long seed = 1; seed <= 10; seed++) {
            List<String> verdicts = Importance.of(COUNT).guide(Guide.at("k", new Poisson(20))).samples(10_000)
                    .seed(seed).run().diagnostics().verdicts();
            assertThat(verdicts).as("seed %d", seed).anyMatch(v -> v.contains("values of k (")
                    && v.contains("each holding too little of P(e), to be named alone"));
        }
    }

    /**
     * The prior as guide draws every count as often as it matters, and a NegativeBinomial(20, 0.5) guide, lighter
     * tailed but calibrated (z sd 1.03 over 150 calls), draws its rarely drawn values 39 times a call in all: neither
     * is named, in ten calls each (the second was in 144 calls of 150 while values drawn up to 10 times were grouped).
     */
    @Test
    void guidesThatDrawTheGroupOftenEnoughAreNotNamed() {
        for (Guide g : List.of(Guide.at("k", new NegativeBinomial(5, 0.2)), Guide.at("k", new NegativeBinomial(20,
                0.5)))) {
            for (long seed = 1; seed <= 10; seed++) {
                List<String> verdicts = Importance.of(COUNT).guide(g).samples(10_000).seed(seed).run().diagnostics()
                        .verdicts();
                assertThat(verdicts).as("%s, seed %d", g, seed).noneMatch(v -> v.contains("to be named alone"));
            }
        }
    }

    @Test
    void valuesAreWrittenAsRanges() {
        List<UnproposedValues.Seen> group = new java.util.ArrayList<>();
        for (int v : new int[] {33, 0, 1, 2, 34, 35, 9}) {
            group.add(new UnproposedValues.Seen(dev.ariadne.core.Address.of("k"), "k = " + v, false, v));
        }
        assertThat(RarelyDrawnGroup.values(group)).isEqualTo("0..2, 9, 33..35");
    }
}
