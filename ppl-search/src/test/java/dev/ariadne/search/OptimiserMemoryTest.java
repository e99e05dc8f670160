package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * CMA-ES and BOBYQA keep matrices of the square of the parameters: a mean-field search of a Categorical of 20,000
 * values (a logit a value) ran out of a 6.3 GB heap after 187 s (an adversarial tester). Such a search is refused at
 * once, saying why and what to use.
 */
class OptimiserMemoryTest {

    /** A Categorical of 50,000 values: CMA-ES's matrices would hold 120 GB, far past any heap. */
    private static Model<Integer> wide() {
        double[] w = new double[50_000];
        Arrays.fill(w, 1);
        Categorical prior = new Categorical(w);
        return p -> {
            int k = p.sample("k", prior);
            p.observe("y", new Normal(k, 3), 30_000);
            return k;
        };
    }

    @Test
    void cmaesOverTooManyParametersIsRefusedAtOnce() {
        refusedAtOnce(Strategy.cmaes(), "CMA-ES");
    }

    @Test
    void bobyqaOverTooManyParametersIsRefusedAtOnce() {
        refusedAtOnce(Strategy.bobyqa(), "BOBYQA");
    }

    private static void refusedAtOnce(Strategy strategy, String named) {
        assertThatThrownBy(() -> GuideSearch.of(wide(), GuideFamily.meanField()).strategy(strategy)
                .budget(Budget.steps(1)).seed(1).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named).hasMessageContaining("d = 50000 parameters")
                .hasMessageContaining("use gradient()");
    }
}
