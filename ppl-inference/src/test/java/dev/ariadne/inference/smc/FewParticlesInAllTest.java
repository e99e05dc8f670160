package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A branch of prior 0.05 with observations of its own, run from the prior: at 50 particles and 20 sweeps log Z-hat
 * read more than 3 standard errors off in 36 calls of 300 (seed 69 8.4 low), with no verdict, in the calls where no
 * sweep drew a heavy run of the branch (an outside statistician). Below the runs a tail needs to be judged, as
 * importance sampling says of its own, SMC says so now; at 200 particles it does not.
 */
class FewParticlesInAllTest {

    private static final Model<Boolean> BRANCH = p -> {
        boolean b = p.sample("b", new Bernoulli(0.05));
        if (b) {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y1", new Normal(x, 0.5), 2.5);
            p.observe("y2", new Normal(x, 0.5), 2.0);
            p.observe("y3", new Normal(x, 0.5), 2.2);
        } else {
            p.observe("z", new Normal(0, 1), 2.5);
        }
        return b;
    };

    @Test
    void fewerParticlesInAllThanATailNeedsAreNamed() {
        SmcResult<Boolean> r = Smc.of(BRANCH).particles(50).sweeps(20).seed(69).run();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.startsWith("with 1,000 particles in all (50 a sweep, "
                + "20 sweeps), fewer than the 2,155 a tail needs to be judged"));
    }

    @Test
    void enoughParticlesInAllAreNotNamed() {
        SmcResult<Boolean> r = Smc.of(BRANCH).particles(200).sweeps(20).seed(69).run();
        assertThat(r.diagnostics().verdicts()).noneMatch(v -> v.contains("particles in all"));
    }
}
