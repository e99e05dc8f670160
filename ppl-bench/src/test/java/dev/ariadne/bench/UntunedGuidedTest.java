package dev.ariadne.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import org.junit.jupiter.api.Test;

/** The untuned model's hand-written loop computes Ariadne's log weights bit for bit, so their times compare. */
class UntunedGuidedTest {

    @Test
    void theHandWrittenLoopComputesTheSameLogWeights() {
        Runner<Double> runner = Execution.of(UntunedGuided.model()).guide(UntunedGuided.guide()).leanRunner();
        Rng r = Rng.forRun(3, 0);
        for (long i = 0; i < 2000; i++) {
            r.reset(3, i);
            double expected = UntunedGuided.logWeight(r);
            assertThat(runner.run(3, i).logWeight()).as("run %d", i).isEqualTo(expected);
        }
    }

    @Test
    void theExactEvidenceIsTheNormalMarginalOfTheMean() {
        // var = 0.25 + sum_{i<20} (1 + 0.05 i)^2 / 400 = 0.25 + (20 + 0.1 * 190 + 0.0025 * 2470) / 400
        double var = 0.25 + (20 + 0.1 * 190 + 0.0025 * 2470) / 400;
        double z = (1.2 - 0.95) / Math.sqrt(var);
        assertThat(UntunedGuided.exactLogZ()).isCloseTo(-0.5 * z * z - 0.5 * Math.log(2 * Math.PI * var), offset(1e-12));
    }
}
