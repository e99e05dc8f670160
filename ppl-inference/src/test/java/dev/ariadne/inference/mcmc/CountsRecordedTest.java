package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Multinomial;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A Multinomial's counts, drawn as a latent, are recorded entry by entry as c[0], c[1], ..., as a vector's components
 * are: they were recorded not at all, so the summary was empty and {@code row("c[0]")} said only "no recorded quantity
 * 'c[0]'; recorded: []" (an outside statistician). The mean of a count under an independence kernel whose guide is
 * the prior is checked against the exact posterior mean, a sum over the 28 count vectors.
 */
class CountsRecordedTest {

    private static final Multinomial PRIOR = new Multinomial(6, 0.5, 0.3, 0.2);
    private static final Normal NOISE = new Normal(0, 2);

    private static final Model<Integer> MODEL = p -> {
        int[] c = p.sample("c", PRIOR);
        p.observe("y", new Normal(c[0] - c[2], 2), 3.0);
        return c[0];
    };

    private static double exactMeanOfFirst() {
        double z = 0;
        double m = 0;
        for (int[] c : PRIOR.enumerate()) {
            double w = Math.exp(PRIOR.logDensity(c) + NOISE.logDensity(3.0 - (c[0] - c[2])));
            z += w;
            m += w * c[0];
        }
        return m / z;
    }

    @Test
    void aMultinomialsCountsAreRecordedEntryByEntry() {
        McmcResult<Integer> r = Mcmc.of(MODEL).kernel(Kernels.independence(Guide.prior())).chains(4).warmup(500)
                .draws(5000).seed(3).run();
        assertThat(r.names()).containsExactly("c[0]", "c[1]", "c[2]");
        SummaryRow first = r.row("c[0]");
        assertThat(first.mean()).isCloseTo(exactMeanOfFirst(),
                org.assertj.core.data.Offset.offset(5 * first.mcseMean()));
        double[][] draws = r.draws("c[1]");
        for (double[] chain : draws) {
            for (double v : chain) {
                assertThat(v).isBetween(0.0, 6.0);
                assertThat(v).isEqualTo(Math.rint(v));
            }
        }
    }
}
