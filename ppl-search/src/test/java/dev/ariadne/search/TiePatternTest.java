package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.GroundTruth;
import org.junit.jupiter.api.Test;

/**
 * A family's tie pattern that matches no site (a typo) left every site untied, and nothing said so (an outside
 * statistician). The searched guide declares its ties as the patterns it dispatches on, so the certification's
 * diagnostics name one that matched no latent site, as they name a guide's.
 */
class TiePatternTest {

    @Test
    void aTiePatternThatMatchesNoSiteIsNamed() {
        SearchResult r = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField().tie("zzz"))
                .strategy(Strategy.cmaes()).seed(3).budget(Budget.runs(2_000)).certify(2_000, 0.05).run();
        assertThat(r.certified().verdicts()).anyMatch(v -> v.contains("pattern 'zzz' matched no latent site"));
        SearchResult tied = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField().tie("mu"))
                .strategy(Strategy.cmaes()).seed(3).budget(Budget.runs(2_000)).certify(2_000, 0.05).run();
        assertThat(tied.certified().verdicts()).noneMatch(v -> v.contains("matched no latent site"));
    }

    /** A pattern tied twice was accepted silently (an adversarial tester); it names one set, so it is refused. */
    @Test
    void aPatternTiedTwiceIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GuideFamily.meanField().tie("x[*]", "x[*]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[*] is tied twice");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GuideFamily.meanField().tie("x[*]").tie("x[*]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GuideFamily.meanField().tie("x[*]", "y[*]").ties()).containsExactly("x[*]", "y[*]");
    }
}
