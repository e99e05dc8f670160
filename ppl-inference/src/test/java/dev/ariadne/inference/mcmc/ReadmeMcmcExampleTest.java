package dev.ariadne.inference.mcmc;

import static dev.ariadne.inference.mcmc.McmcAccuracyTest.assertWithin;
import static dev.ariadne.inference.mcmc.McmcAccuracyTest.converged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.inference.GroundTruth;
import org.junit.jupiter.api.Test;

/**
 * The README's MCMC example compiles, runs and its numbers are right: E[bias | flips] = 8/12 and
 * P(bias &lt; 0.5 | flips) = 1 - 0.88671875, each within 5 MCSE after the convergence conditions (2 checks at 2e-6).
 */
class ReadmeMcmcExampleTest {

    @Test
    void theReadmeExampleWorks() {
        Model<Double> coin = GroundTruth.BETA_BERNOULLI; // the README's coin: Beta(1, 1), seven heads then three tails
        McmcResult<Double> m = Mcmc.of(coin).chains(4).warmup(1_000).draws(5_000).seed(1).parallelism(2)
                .track("fair-ish", b -> b < 0.5 ? 1 : 0).run();
        assertThat(m.summary().rows()).extracting(SummaryRow::name).containsExactly("fair-ish", "bias");
        SummaryRow bias = converged(m, "bias");
        SummaryRow fair = converged(m, "fair-ish");
        assertWithin(bias.mean(), 8.0 / 12, bias.mcseMean(), "E[bias]");
        assertWithin(fair.mean(), 1 - GroundTruth.BETA_BERNOULLI_P_ABOVE_HALF, fair.mcseMean(), "P(bias < 0.5)");
        assertThat(m.verdicts()).singleElement().asString().startsWith("no problem found: every r_hat < 1.01 and "
                + "every ESS >= 400" + McmcResult.UNSEEN_MODES + "; importance sampling from the prior (20,000 runs, "
                + "ESS ").endsWith("agrees with the chains on each of the 2 quantities it could read, within 3 "
                + "standard errors");
        assertThat(m.draws("bias")).hasDimensions(4, 5_000);
    }
}
