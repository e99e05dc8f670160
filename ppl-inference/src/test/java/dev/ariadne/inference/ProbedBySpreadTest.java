package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Where more sites are guided than the light-tail probe's budget reaches in the runs' order, it probes half as many
 * more, those that spread the log weights most: a proposal too narrow for its site is among them, wherever the runs
 * meet it, and a tail too light that the runs do not show, met early, is still probed.
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

    /**
     * 40 sites x[i], the 6th with a Cauchy(0, 1) prior, observed at 1.3 through a StudentT(2, x, 0.1), and guided by
     * a Normal(1.3, 0.15): the posterior keeps a power-law tail, so the weights' variance is infinite, yet the guide
     * fits the bulk and the site's share of the log weights' variance is under 1%. The others are Normal(0, 1) priors
     * guided a little wider. Probing by that share alone left it out, and named it in 17 calls of 100 where the runs'
     * order named it in 100 (a hunt); it is named in every call.
     */
    @Test
    void aTailTooLightThatTheRunsDoNotShowIsStillProbedWhereTheRunsMeetIt() {
        Model<Double> m = p -> {
            double sum = 0;
            for (int i = 0; i < 40; i++) {
                if (i == 5) {
                    double x = p.sample("x", i, new dev.ariadne.core.dist.Cauchy(0, 1));
                    p.observe("y", i, new dev.ariadne.core.dist.StudentT(2, x, 0.1), 1.3);
                    sum += x;
                } else {
                    sum += p.sample("x", i, new Normal(0, 1));
                }
            }
            return sum;
        };
        Guide g = Guide.real((site, prior, history) -> site.index() == 5 ? new Normal(1.3, 0.15)
                : new Normal(0, 1.05 + 0.2 * site.index() / 40.0));
        for (long seed = 1; seed <= 5; seed++) {
            Diagnostics d = Importance.of(m).guide(g).samples(10_000).seed(seed).run().diagnostics();
            assertThat(d.verdicts()).as("seed %d", seed).anyMatch(v -> v.contains("x[5]"));
        }
    }
}
