package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Uniform;
import org.junit.jupiter.api.Test;

/**
 * An observation inside its distribution's support whose density underflows to 0 ({@code 1e308} under a Normal,
 * whose log density is about -5e615) was read as one outside the support (an adversarial tester): the failure now says
 * which, for a real value; a count of mass 0 inside its support (Poisson(0) at 3) is 0 for good, and says nothing of
 * it.
 */
class UnderflowedObservationTest {

    private static String failureOf(Model<Double> m) {
        Runner<Double> r = Execution.of(m).runner().run(1, 0);
        assertThat(r.failed()).isTrue();
        return r.failure().toString();
    }

    @Test
    void anUnderflowedDensityIsToldFromAValueOutsideTheSupport() {
        assertThat(failureOf(p -> {
            p.observe("y", new Normal(0, 1), 1e308);
            return 0.0;
        })).contains("observed 1.0E308").contains("inside its support, where its density underflows to 0");
        assertThat(failureOf(p -> {
            p.observe("y", new Uniform(0, 1), 1.5);
            return 0.0;
        })).doesNotContain("underflows");
        assertThat(failureOf(p -> {
            p.observe("k", new Poisson(0), 3);
            return 0.0;
        })).doesNotContain("underflows");
    }
}
