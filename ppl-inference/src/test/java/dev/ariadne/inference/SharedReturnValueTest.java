package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationResult;
import dev.ariadne.inference.smc.Smc;
import dev.ariadne.inference.smc.SmcResult;
import org.junit.jupiter.api.Test;

/**
 * A model that returns one array it fills anew at each run, a common way to avoid allocating: the algorithms that
 * keep return values past their run and read them later keep a copy ({@code ReturnValues}). Every kept value was the
 * last run's before: enumeration gave P(x | e) = 1 where it is 0.3665, and SMC read each sweep's share as 0 or 1
 * (an adversarial tester).
 *
 * <p>x ~ Bernoulli(0.3), 0.8 observed under N(x, 1): P(x | e) = 0.3 e^0.3 / (0.3 e^0.3 + 0.7).
 */
class SharedReturnValueTest {

    private static final int[] SHARED = new int[1];
    private static final Model<int[]> MODEL = p -> {
        boolean x = p.sample("x", new Bernoulli(0.3));
        p.observe("o", new Normal(x ? 1 : 0, 1), 0.8);
        SHARED[0] = x ? 1 : 0;
        return SHARED;
    };
    private static final double EXACT = 0.3 * Math.exp(0.3) / (0.3 * Math.exp(0.3) + 0.7);

    @Test
    void enumerationKeepsEachPathsValue() {
        EnumerationResult<int[]> e = Enumerate.of(MODEL).run();
        assertThat(e.distinctValues()).isEqualTo(2);
        assertThat(e.probability(v -> v[0] == 1)).isCloseTo(EXACT, within(1e-12));
    }

    @Test
    void smcKeepsEachParticlesValue() {
        for (SmcResult<int[]> r : java.util.List.of(
                Smc.of(MODEL).particles(500).sweeps(10).seed(3).hypothesis("x", v -> v[0] == 1).run(),
                Smc.annealed(MODEL).particles(500).sweeps(10).seed(3).hypothesis("x", v -> v[0] == 1).run())) {
            Estimate share = r.conditional("x", 0.05).selfNormalised().orElseThrow();
            assertThat(Math.abs(share.value() - EXACT)).as("%s", share).isLessThan(5 * share.standardError());
        }
    }
}
