package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model that makes every choice before its first evidence site is one step of SMC, each sweep importance sampling
 * of its particles: two new users' change-point models drew "the ESS fell to 2.5 of 1000" in every call, with no word
 * of why 20 or 30 observations made one step. The verdict says so where the model is one step, and only there.
 */
class OneStepModelVerdictTest {

    private static final double[] Y = {2.1, 1.7, 2.6, 2.2, 1.9, 2.4, 2.0, 2.3, 1.8, 2.5, 2.2, 2.1, 1.6, 2.7, 2.0,
        2.3, 1.9, 2.4, 2.1, 2.2};

    /** mu ~ N(0, 20), then 20 observations of N(mu, 0.3): all choices before the evidence. */
    private static final Model<Double> ONE_STEP = p -> {
        double mu = p.sample("mu", new Normal(0, 20));
        for (int i = 0; i < Y.length; i++) {
            p.observe("y", i, new Normal(mu, 0.3), Y[i]);
        }
        return mu;
    };

    /** The same, with each observation's own offset drawn just before it: 20 steps. */
    private static final Model<Double> STEPS = p -> {
        double mu = p.sample("mu", new Normal(0, 20));
        for (int i = 0; i < Y.length; i++) {
            double e = p.sample("e", i, new Normal(0, 0.01));
            p.observe("y", i, new Normal(mu + e, 0.3), Y[i]);
        }
        return mu;
    };

    @Test
    void aOneStepModelsEssVerdictSaysWhyItIsOneStep() {
        List<String> one = Smc.of(ONE_STEP).particles(500).sweeps(4).seed(1).run().diagnostics().verdicts();
        assertThat(one).anySatisfy(v -> assertThat(v).startsWith("at step 0 the ESS fell to ")
                .contains("this model made every choice before its first evidence site, so it is one step, and each "
                        + "sweep is importance sampling of its 500 particles")
                .contains("Importance.of(model)").contains("Smc.annealed(model)"));
        List<String> many = Smc.of(STEPS).particles(50).sweeps(4).seed(1).run().diagnostics().verdicts();
        assertThat(many).anySatisfy(v -> assertThat(v).startsWith("at step 0 the ESS fell to "))
                .noneMatch(v -> v.contains("made every choice before its first evidence site"));
    }
}
