package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.EvidenceResult;
import dev.ariadne.inference.Importance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Importance sampling and SMC answer the same questions through one interface. */
class EvidenceResultTest {

    @Test
    void bothResultsBoundTheSameEvidence() {
        List<EvidenceResult> results = List.of(
                Importance.of(SmcModels.SMALL_HMM_MODEL).samples(20_000).seed(3).hypothesis("last=2", s -> s == 2)
                        .run(),
                Smc.of(SmcModels.SMALL_HMM_MODEL).particles(200).sweeps(30).seed(3).hypothesis("last=2", s -> s == 2)
                        .run());
        double logPHE = SmcModels.SMALL_HMM_LOG_Z + Math.log(SmcModels.smallHmmLastState()[2]);
        for (EvidenceResult r : results) {
            assertThat(r.lowerBound(1e-6).logValue()).isLessThanOrEqualTo(SmcModels.SMALL_HMM_LOG_Z);
            assertThat(r.lowerBound("last=2", 1e-6).logValue()).isLessThanOrEqualTo(logPHE);
            assertThat(r.conditional("last=2").quotient()).isPresent();
            assertThat(r.hypothesisNames()).containsExactly("last=2");
        }
    }
}
