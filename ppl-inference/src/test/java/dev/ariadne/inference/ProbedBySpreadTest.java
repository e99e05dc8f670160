package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Where more sites are guided than the light-tail probe reaches, it probes first the sites that spread the log weights
 * most: a proposal too narrow for its site is among them, wherever the runs meet it.
 */
class ProbedBySpreadTest {

    /**
     * 40 coordinates mu_j ~ N(0, 1), each observed once, y_j ~ N(mu_j, 1), guided at their posterior means with 1.2
     * times their posterior sds but the 36th at 0.65 times (weights of infinite variance). The probe reaches 20 sites
     * at 10,000 runs; taken in the runs' order it never reached mu[35], and 18 calls of 50 said nothing (an adversarial
     * statistician: 39 of 100, P(h | e) there at mean z^2 2.53). Every call names it now; with no site too narrow,
     * the calls stay silent as before.
     */
    @Test
    void aSiteTooNarrowLateInTheRunIsProbedAndNamed() {
        double[] y = new double[40];
        Random random = new Random(7);
        for (int j = 0; j < y.length; j++) {
            y[j] = 2 * random.nextGaussian();
        }
        Model<Double> m = p -> {
            for (int j = 0; j < y.length; j++) {
                double mu = p.sample("mu", j, new Normal(0, 1));
                p.observe("y", j, new Normal(mu, 1), y[j]);
            }
            return 0.0;
        };
        double posteriorSd = Math.sqrt(0.5);
        Guide narrowAt35 = Guide.real((site, prior, history) ->
                new Normal(y[site.index()] / 2, (site.index() == 35 ? 0.65 : 1.2) * posteriorSd));
        for (long seed = 1; seed <= 10; seed++) {
            Diagnostics d = Importance.of(m).guide(narrowAt35).samples(10_000).seed(seed).keep(0).run().diagnostics();
            assertThat(d.verdicts()).as("seed %d", seed).anyMatch(v -> v.contains("the guide's tail at mu[35] is too "
                    + "light"));
        }
        Guide wideEverywhere = Guide.real((site, prior, history) -> new Normal(y[site.index()] / 2, 1.2 * posteriorSd));
        Diagnostics clean = Importance.of(m).guide(wideEverywhere).samples(10_000).seed(1).keep(0).run().diagnostics();
        assertThat(clean.verdicts()).isEmpty();
    }
}
