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

    /**
     * A cascade that reaches 10 or more of 12 links, a condition with a margin: annealed SMC's sweeps died in 7 to 15
     * of 20, told only to use more particles (a new user), where MCMC names SubsetSimulation. The sweeps that died at
     * a condition now say what climbs toward it.
     */
    @Test
    void sweepsThatDieAtAConditionAreToldOfSubsetSimulation() {
        Model<Integer> cascade = p -> {
            double q = p.sample("q", new dev.ariadne.core.dist.Beta(1, 12));
            int open = 0;
            for (int e = 0; e < 12; e++) {
                open += p.sample("open", e, new dev.ariadne.core.dist.Bernoulli(q)) ? 1 : 0;
            }
            p.condition("big", open, 10.0);
            return open;
        };
        SmcResult<Integer> r = Smc.annealed(cascade).seed(1).run();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("sweeps ended with every particle at weight 0")
                && v.contains("a condition weighs a particle 0 or 1 at every temperature")
                && v.contains("SubsetSimulation.of(model)"));
    }
}
