package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A random walk of step 1e300 on a coin's bias refuses every proposal, and the chains never move: the line on the bias
 * said which kernels move which kinds of choice, as if none could reach a real one (an adversarial tester). It now says
 * that the kernels proposed moves and refused them all.
 */
class RefusedMovesVerdictTest {

    private static final Model<Double> COIN = p -> {
        double bias = p.sample("bias", new Beta(1, 1));
        for (int i = 0; i < 10; i++) {
            p.observe("flip", i, new Bernoulli(bias), i < 7);
        }
        return bias;
    };

    @Test
    void aChoiceWhoseEveryProposalWasRefusedIsToldSo() {
        List<String> v = Mcmc.of(COIN).kernel(Kernels.singleSite().step(1e300)).seed(1).run().verdicts();
        assertThat(v).anySatisfy(line -> assertThat(line).startsWith("bias never changed value within any chain")
                .contains("the kernels proposed moves of it and refused every one")
                .doesNotContain("randomWalk() moves only real choices"));
        assertThat(v).anyMatch(line -> line.startsWith("bias never moved under single-site"));
    }
}
