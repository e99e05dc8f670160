package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.mcmc.Mcmc;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lifetimes of units with a Gamma prior on their failure rate: five failures observed, ten units censored at 3,000
 * hours, written as latent lifetimes under a condition (a new user). MCMC found no start and sent the user to
 * Smc.annealed, which tempers no condition; annealed SMC's own verdict then sent them to Smc.annealed again.
 */
class AdviceOnHardConditionsTest {

    private static final Model<Double> CENSORED = GroundTruth.CENSORED_LIFETIMES;

    @Test
    void noVerdictSendsAnAnnealedCallToItselfAndMcmcNamesSubsetSimulationForACondition() {
        List<String> verdicts = Smc.annealed(CENSORED).seed(1).expectation("lam", l -> l).run().diagnostics()
                .verdicts();
        assertThat(verdicts).anyMatch(v -> v.contains("ask them of MCMC"))
                .noneMatch(v -> v.contains("Smc.annealed or importance sampling"));
        assertThatThrownBy(() -> Mcmc.of(CENSORED).seed(2).run())
                .hasMessageContaining("a condition holds at every temperature, so for a rare condition use "
                        + "SubsetSimulation");
    }
}
