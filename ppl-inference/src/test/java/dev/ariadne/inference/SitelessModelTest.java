package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.inference.smc.Smc;
import org.junit.jupiter.api.Test;

/**
 * A model that makes no site (its only sites in a loop over data that turned out empty): P(e) is 1, and its
 * diagnostics, summary, guide check and SMC were a NullPointerException from the check of scores lost to rounding,
 * which read the largest score of a run that had none (an adversarial tester).
 */
class SitelessModelTest {

    private static final double[] NO_DATA = {};
    private static final Model<Double> EMPTY = p -> {
        for (double y : NO_DATA) {
            p.observe("y", new dev.ariadne.core.dist.Normal(0, 1), y);
        }
        return 1.0;
    };

    @Test
    void itsDiagnosticsSummaryCheckAndSmcSayNoEvidenceWasMet() {
        ImportanceResult<Double> r = Importance.of(EMPTY).samples(3000).seed(1).run();
        assertThat(r.logEvidence().value()).isZero();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("met any evidence"));
        assertThat(r.summary()).contains("log Z-hat");
        assertThat(Importance.check(EMPTY, Guide.prior()).toString()).isNotEmpty();
        assertThat(Smc.of(EMPTY).particles(50).sweeps(2).seed(1).run().diagnostics().verdicts())
                .anyMatch(v -> v.contains("met any evidence"));
    }
}
