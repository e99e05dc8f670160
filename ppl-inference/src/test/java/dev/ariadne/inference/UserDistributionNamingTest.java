package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Support;
import org.junit.jupiter.api.Test;

/**
 * An error about a user's distribution says its own cause, whatever the distribution's {@code toString()} or its
 * declared support do: a throwing {@code toString()} hid a NaN density behind "the model threw ... toString boom",
 * and a support of {@code interval(1, 0)} read, beside a guide, as a proposal of the wrong type (an adversarial
 * tester).
 */
class UserDistributionNamingTest {

    /** N(0, 1), written by a user: the density and moments of {@link ReproducibleRunsTest}'s, drawn from the run. */
    static class StandardNormal extends ReproducibleRunsTest.StandardNormalDensity {
        @Override
        public double sample(Rng r) {
            return r.standardNormal();
        }
    }

    /** A density that is NaN above 2, beside a toString() that throws. */
    static final class NaNAboveTwoUnprintable extends StandardNormal {
        @Override
        public double logDensity(double x) {
            return x > 2 ? Double.NaN : super.logDensity(x);
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString boom");
        }
    }

    /** A support whose ends are reversed. */
    static final class ReversedSupport extends StandardNormal {
        @Override
        public Support support() {
            return Support.interval(1, 0);
        }
    }

    @Test
    void aNaNDensityIsNamedThoughTheDistributionCannotPrintItself() {
        Model<Double> model = p -> p.sample("x", new NaNAboveTwoUnprintable());

        assertThatThrownBy(() -> Importance.of(model).samples(20_000).seed(1).run())
                .isInstanceOf(ModelException.class).hasMessageContaining("NaN")
                .hasMessageContaining("NaNAboveTwoUnprintable (whose toString() threw")
                .hasMessageContaining("toString boom");
    }

    @Test
    void aSupportWithItsEndsReversedIsNamed() {
        Model<Double> model = p -> p.sample("x", new ReversedSupport());

        assertThatThrownBy(() -> Importance.of(model).guide(Guide.at("x", new Normal(0.25, 0.8))).samples(2_000)
                .seed(1).run()).hasMessageContaining("Support.interval").hasMessageContaining("lower 1.0 and upper 0.0");
    }
}
