package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A certification's verdicts lead with a measured share of P(e) that the guide never reaches: a new user's
 * cross-entropy guide for a system's failure, missing a route that held 64% of P(e), led in 20 calls of 20 with a
 * verdict on a light tail toward 0 and named the missed route last.
 */
class CertificationVerdictOrderTest {

    @Test
    void aMissedRegionLeadsTheVerdicts() {
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 0.5), 1.0);
            return x;
        };
        ImportanceResult<Double> few = Importance.of(m).samples(500).seed(1).run();
        assertThat(few.diagnostics().verdicts()).as("a verdict of the runs' own").isNotEmpty();
        Certification c = new Certification(1, few.runs(), 0.01, few.freeEnergy(), few.logEvidence(),
                few.lowerBound(0.01), Map.of(), Map.of(), few, Optional.of("the guide misses part of the event"),
                Optional.empty(), Optional.empty());
        assertThat(c.verdicts()).first().isEqualTo("the guide misses part of the event");
        assertThat(c.verdicts()).hasSize(few.diagnostics().verdicts().size() + 1);
    }
}
