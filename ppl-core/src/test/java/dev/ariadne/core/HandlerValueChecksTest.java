package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.dist.Normal;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a user's handler may do to a message: a scale that is no power a density can be raised to, and a value that is
 * no value of any distribution, are refused naming the site, its distribution and the value. Before, a scale of -1
 * was taken (the site's density inverted), a NaN scale read as "log density is NaN", and an infinite scale, a NaN
 * value or an observed NaN each gave the run weight 0 with nothing said (an adversarial tester).
 */
class HandlerValueChecksTest {

    private static final Model<Double> MODEL = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.observe("y", new Normal(x, 1), 0.5);
        return x;
    };

    private static Handler atLatent(Consumer<Message> act) {
        return new Handler() {
            @Override
            protected void process(Message m) {
                if (m.kind() == SiteKind.LATENT) {
                    act.accept(m);
                }
            }
        };
    }

    private static RunRecord<Double> run(Consumer<Message> act) {
        return Execution.of(MODEL).with(atLatent(act)).run(1, 0);
    }

    @Test
    void aNegativeNaNOrInfiniteScaleIsRefusedNamingTheSiteAndFactor() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> run(m -> m.scaleBy(bad)))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("scaled site x (latent, Normal(mean=0.0, sd=1.0)) by " + bad)
                    .hasMessageContaining("finite and >= 0")
                    .hasMessageContaining("run 0 of seed 1");
        }
    }

    @Test
    void scalesWhoseProductOverflowsAreRefused() {
        assertThatThrownBy(() -> run(m -> {
            m.scaleBy(1e200);
            m.scaleBy(1e200);
        })).isInstanceOf(ModelException.class).hasMessageContaining("which makes its scale Infinity");
    }

    /** A valid scale still tempers: log p of x is halved. */
    @Test
    void aValidScaleTempersTheSite() {
        RunRecord<Double> plain = Execution.of(MODEL).run(1, 0);
        RunRecord<Double> half = run(m -> m.scaleBy(0.5));
        double lpX = new Normal(0, 1).logDensity(plain.value());
        assertThat(half.logWeight()).isCloseTo(plain.logWeight() - 0.5 * lpX, within(1e-12));
    }

    @Test
    void aNaNValueIsRefusedNamingTheSiteAndPrior() {
        assertThatThrownBy(() -> run(m -> m.setValue(Double.NaN)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("value NaN set at site x whose prior Normal(mean=0.0, sd=1.0)")
                .hasMessageContaining("run 0 of seed 1");
        assertThatThrownBy(() -> run(m -> m.observe(Double.NaN)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("value NaN set at site x");
    }

    /** An observed infinity is refused as the model's own observe refuses it; set as a latent value it has weight 0. */
    @Test
    void anObservedInfinityIsRefusedAndALatentOneHasWeightZero() {
        assertThatThrownBy(() -> run(m -> m.observe(Double.NEGATIVE_INFINITY)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("value -Infinity set at site x")
                .hasMessageContaining("an observed infinity is no outcome");
        assertThat(run(m -> m.setValue(Double.POSITIVE_INFINITY)).logWeight()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * A value a handler sets outside the prior's support (a trace of another model replayed, whose Normal's -0.53
     * reached a Gamma's site) fails the run naming the value and the prior: "support violation at mu" named neither
     * (an adversarial tester).
     */
    @Test
    void aReplayedValueOutsideThePriorsSupportIsNamedWithThePrior() {
        Model<Double> normal = p -> p.sample("mu", new Normal(0, 1));
        Model<Double> gamma = p -> p.sample("mu", new dev.ariadne.core.dist.Gamma(2, 1));
        Trace negative = null;
        for (int i = 0; negative == null; i++) {
            RunRecord<Double> r = Execution.of(normal).run(1, i);
            negative = r.value() < 0 ? r.trace() : null;
        }
        RunRecord<Double> replayed = Execution.of(gamma).with(Handlers.replay(negative)).run(1, 0);
        assertThat(replayed.failureIfAny()).hasValueSatisfying(f -> assertThat(f.toString())
                .startsWith("support violation at mu (value -").contains("outside the support (positive) of its prior "
                        + "Gamma(shape=2.0, rate=1.0))"));
    }

    /** A vector value holding NaN is refused too. */
    @Test
    void aVectorHoldingNaNIsRefused() {
        Model<double[]> m = p -> p.sample("v", new dev.ariadne.core.dist.Dirichlet(1, 1));
        assertThatThrownBy(() -> Execution.of(m).with(atLatent(msg -> msg.setValue(new double[] {0.5, Double.NaN})))
                .run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("value NaN set at site v whose prior Dirichlet");
    }
}
