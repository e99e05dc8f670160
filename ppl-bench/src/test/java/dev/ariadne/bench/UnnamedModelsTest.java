package dev.ariadne.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import org.junit.jupiter.api.Test;

/**
 * The hand-written loops beside the seventh round's models compute Ariadne's log weights bit for bit, on the
 * recording runner (every site on the general path) and the lean one (importance sampling's), so that the ratio of
 * their times is the cost of the engine and nothing else.
 */
class UnnamedModelsTest {

    private static final long SEED = 7;

    @Test
    void eachLoopComputesItsModelsLogWeightsBitForBit() {
        double[] scratch = new double[64];
        for (UnnamedModels.Probe p : UnnamedModels.PROBES) {
            Execution<?> e = Execution.of(p.model());
            if (p.guide() != null) {
                e = e.guide(p.guide());
            }
            Runner<?> runner = e.runner();
            Runner<?> lean = e.leanRunner();
            int finite = 0;
            for (long i = 0; i < 2000; i++) {
                double ariadne = runner.run(SEED, i).logWeight();
                double plain = p.loop().logWeight(Rng.forRun(SEED, i), scratch);
                assertThat(plain).as("%s run %d", p.name(), i).isEqualTo(ariadne);
                assertThat(lean.run(SEED, i).logWeight()).as("%s run %d, lean runner", p.name(), i)
                        .isEqualTo(ariadne);
                finite += Double.isFinite(ariadne) ? 1 : 0;
            }
            assertThat(finite).as("%s runs with a finite weight", p.name()).isGreaterThan(1000);
        }
    }
}
