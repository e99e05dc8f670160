package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Poisson;
import org.junit.jupiter.api.Test;

/**
 * A rate r ~ Gamma(2, 1) with a count observed at 2^31 - 1: log P(e) = log((y + 1) / 2^(y + 2)) = -1.4885e9 in closed
 * form, and 5,000 runs from the prior read -3.868e10 +- 1.0, told only that "about 5.00e+03 runs are needed, more than
 * the 5000 made" (an adversarial tester). The runs-needed estimate never exceeds the runs made, so at that ceiling it is
 * a floor, and one run carrying the weight reads a standard error near 1 whatever the error.
 */
class OneRunCarriesTheWeightTest {

    private static final Model<Double> HUGE_COUNT = p -> {
        double r = p.sample("r", new Gamma(2, 1));
        p.observe("y", new Poisson(r), Integer.MAX_VALUE);
        return r;
    };

    @Test
    void theRunsNeededAtTheirCeilingAreAFloorAndTheStandardErrorIsSaidToMeanNothing() {
        ImportanceResult<Double> r = Importance.of(HUGE_COUNT).samples(5000).seed(1).run();
        Estimate logZ = r.logEvidence();
        assertThat(logZ.value()).isLessThan(-1.4885e9 - 1e6);
        assertThat(logZ.label()).contains("one run carries nearly all the weight");
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v)
                .startsWith("at least about 5.00e+03 runs are needed").contains("never exceeds 5000"));
    }
}
