package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
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
                .seed(1).run()).hasMessageContaining("Support.interval")
                .hasMessageContaining("lower 1.0 and upper 0.0");
    }

    /** A positive law whose toString() throws, observed at -1 in the runs that reach it: likelihood 0 there. */
    static final class PositiveUnprintable extends StandardNormal {
        @Override
        public Support support() {
            return Support.POSITIVE;
        }

        @Override
        public double logDensity(double x) {
            return x <= 0 ? Double.NEGATIVE_INFINITY : -x;
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString boom");
        }
    }

    /** The counts lower..2, its support made at run time: reversed where lower is above 2. */
    record UpToTwo(int lower) implements dev.ariadne.core.dist.IntDist {
        @Override
        public Support support() {
            return Support.integers(lower, 2);
        }

        @Override
        public int sample(Rng r) {
            return Math.min(lower, 2) + r.nextInt(Math.abs(2 - lower) + 1);
        }

        @Override
        public double logMass(int v) {
            return v < Math.min(lower, 2) || v > Math.max(lower, 2) ? Double.NEGATIVE_INFINITY
                    : -Math.log(Math.abs(2 - lower) + 1);
        }

        @Override
        public double mean() {
            return (lower + 2) / 2.0;
        }

        @Override
        public double variance() {
            double n = Math.abs(2 - lower) + 1;
            return (n * n - 1) / 12;
        }
    }

    /** A failed observation's cause names the distribution without its toString (the call itself threw it). */
    @Test
    void aFailedObservationOfAnUnprintableDistributionIsCounted() {
        Model<Double> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            if (x < 0) {
                p.observe("y", new PositiveUnprintable(), -1.0);
            } else {
                p.observe("y", new Normal(x, 1), 0.5);
            }
            return x;
        };
        ImportanceResult<Double> r = Importance.of(model).samples(3000).seed(1).run();
        assertThat(r.acceptanceRate()).isBetween(0.4, 0.6);
        assertThat(r.diagnostics().report()).contains("whose toString() threw");
    }

    /** A support reversed at run time is named as the distribution's, not thrown bare from inside a check. */
    @Test
    void aSupportReversedAtRunTimeIsNamedByTheChecks() {
        Model<Integer> model = p -> {
            int n = p.sample("n", new dev.ariadne.core.dist.DiscreteUniform(0, 5));
            int k = p.sample("k", new UpToTwo(n));
            p.observe("y", new dev.ariadne.core.dist.Poisson(k + 1), 3);
            return k;
        };
        ImportanceResult<Integer> r = Importance.of(model).samples(3000).seed(1).run();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("from support()")
                && v.contains("Support.integers"));
        assertThat(Importance.check(model, Guide.prior()).toString()).contains("from support()");
    }
}
