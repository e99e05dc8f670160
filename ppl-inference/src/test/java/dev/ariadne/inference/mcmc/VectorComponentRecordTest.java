package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Dirichlet;
import org.junit.jupiter.api.Test;

/**
 * {@code record("theta[0]")} recorded nothing of a Dirichlet's theta, whose entries {@code draws()} and {@code row()}
 * name theta[0], theta[1], ... (an adversarial tester): a pattern naming an entry by its index now records it.
 */
class VectorComponentRecordTest {

    private static final Model<double[]> WEIGHTS = p -> {
        double[] theta = p.sample("theta", new Dirichlet(1, 1, 1));
        for (int i = 0; i < 6; i++) {
            p.observe("pick", i, new Categorical(theta), i % 3 == 0 ? 0 : 1);
        }
        return theta;
    };

    @Test
    void aPatternNamingAnEntryByItsIndexRecordsThatEntry() {
        McmcResult<double[]> r = Mcmc.of(WEIGHTS).record("theta[0]").warmup(200).draws(200).seed(3).run();
        assertThat(r.draws("theta[0]")).isNotEmpty();
        assertThatThrownBy(() -> r.draws("theta[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.verdicts()).noneMatch(v -> v.contains("matched no choice"));
        McmcResult<double[]> all = Mcmc.of(WEIGHTS).record("theta").warmup(200).draws(200).seed(3).run();
        assertThat(all.draws("theta[1]")).isNotEmpty();
    }
}
