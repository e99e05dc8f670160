package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.inference.Conditional;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.GroundTruth;
import org.junit.jupiter.api.Test;

/** Acceptance: the burglary quotient from two searched guides, and the two coins' restart free energy. */
class BurglaryAndCoinsSearchTest {

    /** The burglary network with the burglary stated as evidence too: its P(e) is P(B, J, M). */
    static final Model<Boolean> BURGLARY_AND_EVIDENCE = p -> {
        boolean b = GroundTruth.BURGLARY.run(p);
        p.condition("burglaryHappened", b);
        return b;
    };

    @Test
    void searchedGuidesGiveTheBurglaryQuotient() {
        SearchResult forE = GuideSearch.of(GroundTruth.BURGLARY, GuideFamily.meanField())
                .strategy(Strategy.crossEntropy().runs(20_000)).budget(Budget.steps(6)).seed(21)
                .certify(200_000, 0.05).run();
        SearchResult forHE = GuideSearch.of(BURGLARY_AND_EVIDENCE, GuideFamily.meanField())
                .strategy(Strategy.crossEntropy().runs(20_000)).budget(Budget.steps(6)).seed(22)
                .certify(200_000, 0.05).run();
        Estimate q = Conditional.of(forHE.certified().evidenceBound(), forE.certified().evidenceBound());
        System.out.println("burglary quotient " + q + " from " + forE.parameters() + " and " + forHE.parameters());
        assertThat(Math.abs(q.value() - GroundTruth.BURGLARY_P_B_GIVEN_E))
                .isLessThanOrEqualTo(0.1 * GroundTruth.BURGLARY_P_B_GIVEN_E);
    }

    @Test
    void twoCoinsPriorGuideRestartFreeEnergyIsLogFourThirds() {
        SearchResult r = GuideSearch.of(GroundTruth.TWO_COINS, GuideFamily.meanField()).budget(Budget.steps(0))
                .seed(4).certify(100_000, 0.05).run();
        Estimate f = r.certified().freeEnergy();
        assertThat(r.history()).isEmpty();
        assertThat(r.guide()).hasToString("meanField guide with no parameters yet");
        assertThat(f.label()).contains("restart-on-failure");
        assertThat(f.within(Math.log(4.0 / 3.0), 5)).as("%s", f).isTrue();
    }

    @Test
    void gradientOnTwoCoinsUsesTheRestartGradientAndNeverNaN() {
        SearchResult r = GuideSearch.of(GroundTruth.TWO_COINS, GuideFamily.meanField())
                .strategy(Strategy.gradient().batch(200)).budget(Budget.steps(200)).seed(8)
                .certify(100_000, 0.05).run();
        assertThat(r.diverged()).isFalse();
        r.history().forEach(s -> assertThat(Double.isNaN(s.objective().value())).isFalse());
        r.parameters().asMap().values().forEach(v -> assertThat(v).isFinite());
        // The restart-on-failure free energy of any guide is at least -log P(e) = log(4/3) in expectation; the
        // search must not make it worse than the prior's log(4/3) + 5 SE.
        Estimate f = r.certified().freeEnergy();
        assertThat(f.value()).isLessThanOrEqualTo(Math.log(4.0 / 3.0) + 5 * f.standardError());
    }
}
