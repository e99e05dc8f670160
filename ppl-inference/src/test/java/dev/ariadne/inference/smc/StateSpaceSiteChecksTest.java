package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import org.junit.jupiter.api.Test;

/**
 * What a state-space step is refused, as a model's {@code sample} and {@code observe} refuse it (an adversarial
 * tester): a null prior came out as a bare NullPointerException naming no latent; a null or blank name, or one with a
 * line break, turned the step guide's checks off or broke its verdicts' lines; an observed infinity was scored as an
 * impossible observation, and every sweep died blaming the proposal.
 */
class StateSpaceSiteChecksTest {

    private static StateSpaceSmc<Double, Double> filter(String name, RealDist prior, double observed) {
        return Smc.realStateSpace((Particle p, Double y) -> {
            double x = p.sample(name, prior);
            p.observe(new Normal(x, 1), observed);
            return x;
        }, (p, prev, t, y) -> {
            double x = p.sample(name, prior == null ? null : new Normal(prev, 1));
            p.observe(new Normal(x, 1), y);
            return x;
        }, StateSpaceSmcTest.LG_OBS).particles(20).sweeps(1).seed(1);
    }

    @Test
    void aNullPriorIsNamedWithItsLatentAndStep() {
        assertThatThrownBy(() -> filter("x", null, 0.5).run()).isInstanceOf(SmcException.class)
                .hasMessageContaining("step 0, particle 0 (seed 1): the prior of latent 'x' is null");
    }

    @Test
    void aNullNameIsRefusedWithOrWithoutAGuide() {
        assertThatThrownBy(() -> filter(null, new Normal(0, 1), 0.5).run()).isInstanceOf(SmcException.class)
                .hasMessageContaining("step 0, particle 0 (seed 1): a latent's name is null");
        assertThatThrownBy(() -> filter(null, new Normal(0, 1), 0.5).guide((site, prior) -> prior).run())
                .isInstanceOf(SmcException.class).hasMessageContaining("step 0, particle 0 (seed 1): a latent's name is null");
    }

    @Test
    void aNameAStepGuideCannotPrintIsRefused() {
        for (String name : new String[] {"", " ", "a\nb"}) {
            assertThatThrownBy(() -> filter(name, new Normal(0, 1), 0.5).guide((site, prior) -> prior).run())
                    .as("'%s'", name).isInstanceOf(SmcException.class).hasMessageContaining("state-space latent")
                    .hasMessageNotContaining("the step function threw");
        }
    }

    @Test
    void anObservedInfinityIsAFaultInTheData() {
        assertThatThrownBy(() -> filter("x", new Normal(0, 1), Double.POSITIVE_INFINITY).run())
                .isInstanceOf(SmcException.class)
                .hasMessageContaining("step 0, particle 0 (seed 1): observed value Infinity (Normal(")
                .hasMessageContaining("a fault in the data");
    }
}
