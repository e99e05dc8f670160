package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A state-space filter whose step functions never observe read log Z 0 +- 0 with no verdict, where importance
 * sampling and the model's SMC say that no run met any evidence (an adversarial tester). It is told now, and a
 * filter that observes is not.
 */
class StateSpaceEvidenceTest {

    private static final String NO_EVIDENCE = "no particle of the 4 sweeps met any evidence";

    @Test
    void aFilterWhoseStepsNeverObserveIsTold() {
        SmcResult<Double> r = Smc.realStateSpace((Particle p, Double y) -> p.sample("x", new Normal(0, 1)),
                (p, prev, t, y) -> p.sample("x", new Normal(prev, 1)), StateSpaceSmcTest.LG_OBS)
                .particles(50).sweeps(4).seed(1).run();
        assertThat(r.logEvidence().value()).isZero();
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v).startsWith(NO_EVIDENCE));
    }

    @Test
    void aFilterThatObservesIsNotTold() {
        SmcResult<Double> r = Smc.realStateSpace((Particle p, Double y) -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe(new Normal(x, 1), y);
            return x;
        }, (p, prev, t, y) -> {
            double x = p.sample("x", new Normal(prev, 1));
            p.observe(new Normal(x, 1), y);
            return x;
        }, StateSpaceSmcTest.LG_OBS).particles(50).sweeps(4).seed(1).run();
        assertThat(r.diagnostics().verdicts()).noneSatisfy(v -> assertThat(v).contains("met any evidence"));
    }
}
