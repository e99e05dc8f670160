package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Geometric;
import dev.ariadne.core.dist.Normal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A random number of normals, n ~ Geometric(0.3) and y = 3 ~ N(x_0 + ... + x_{n-1}, 1), read right over 279 seeds (z
 * sds 1.01 to 1.07) and was never told "no problem found": its x[15], in 4% of the draws, read r_hat infinite from
 * them, and that line stood in its place (an outside statistician). Lines of choices that exist in fewer than half the
 * draws now follow "no problem found" on the rest.
 */
class SparseChoicesVerdictTest {

    private static final Model<double[]> EVENTS = p -> {
        int n = p.sample("n", new Geometric(0.3));
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += p.sample("x", i, new Normal(0, 1));
        }
        p.observe("y", new Normal(s, 1), 3.0);
        return new double[] {n, s};
    };

    @Test
    void choicesInFewDrawsAreToldAfterNoProblemFound() {
        McmcResult<double[]> r = Mcmc.of(EVENTS).chains(4).warmup(1000).draws(5000).seed(62)
                .track("s", v -> v[1]).run();
        List<String> verdicts = r.verdicts();
        assertThat(verdicts.get(0)).startsWith("no problem found: every r_hat < 1.01").contains(
                "among the quantities that exist in half the draws or more (those in fewer are told below)");
        assertThat(verdicts.subList(1, verdicts.size())).anySatisfy(v -> assertThat(v)
                .contains("choices that exist in only some draws"));
    }

    @Test
    void aQuantityInEveryDrawWithAVerdictStillStandsFirst() {
        McmcResult<double[]> r = Mcmc.of(EVENTS).chains(4).warmup(20).draws(40).seed(62)
                .track("s", v -> v[1]).run();
        assertThat(r.verdicts().get(0)).doesNotStartWith("no problem found");
        assertThat(r.verdicts()).noneSatisfy(v -> assertThat(v).startsWith("no problem found"));
    }
}
