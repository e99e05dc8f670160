package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.inference.UserDistributionCheckTest.Liar;
import dev.ariadne.inference.mcmc.Kernels;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.smc.Smc;
import org.junit.jupiter.api.Test;

/**
 * A distribution of the user's own that an independence kernel's guide proposes from is checked as the model's are:
 * a proposal that draws N(0.9, 0.3) but declares the density of N(0.9, 0.5) left MCMC's posterior sd a third short in
 * 20 calls of 20 told "no problem found", and annealed SMC moved by it read log P(e) 21 standard errors off in 10
 * calls of 10 with no verdict (an adversarial tester).
 */
class KernelProposalCheckTest {

    /** mu ~ N(0, 1), five observations of N(mu, 1) summing to 5.4: the posterior is N(0.9, 1/6). */
    private static final Model<Double> MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        double[] y = {0.8, 1.4, 0.3, 1.9, 1.0};
        for (int i = 0; i < y.length; i++) {
            p.observe("y", i, new Normal(mu, 1), y[i]);
        }
        return mu;
    };

    private static final String NAMED = "mu's proposal, Liar[mu=0.9, sd=0.5, drawnSd=0.3], a distribution of your "
            + "own, drew 20,000 values of variance";

    @Test
    void mcmcNamesALyingIndependenceProposal() {
        Guide liar = Guide.at("mu", new Liar(0.9, 0.5, 0.3));
        assertThat(Mcmc.of(MODEL).kernel(Kernels.independence(liar)).draws(300).warmup(100).run().verdicts())
                .anyMatch(v -> v.startsWith(NAMED));
        assertThat(Mcmc.of(MODEL).kernel(Kernels.cycle(Kernels.singleSite(), Kernels.independence(liar))).draws(300)
                .warmup(100).run().verdicts()).anyMatch(v -> v.startsWith(NAMED));
        Guide honest = Guide.at("mu", new Liar(0.9, 0.5, 0.5));
        assertThat(Mcmc.of(MODEL).kernel(Kernels.independence(honest)).draws(300).warmup(100).run().verdicts())
                .noneMatch(v -> v.contains("a distribution of your own"));
    }

    @Test
    void annealedSmcNamesALyingIndependenceProposal() {
        Guide liar = Guide.at("mu", new Liar(0.9, 0.5, 0.3));
        assertThat(Smc.annealed(MODEL).kernel(Kernels.independence(liar)).particles(100).sweeps(2).run()
                .diagnostics().verdicts()).anyMatch(v -> v.startsWith(NAMED));
        Guide honest = Guide.at("mu", new Liar(0.9, 0.5, 0.5));
        assertThat(Smc.annealed(MODEL).kernel(Kernels.independence(honest)).particles(100).sweeps(2).run()
                .diagnostics().verdicts()).noneMatch(v -> v.contains("a distribution of your own"));
    }
}
