package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A model that catches what one of its sites threw and returns normally went on as if the site had not been there: an
 * adversarial tester's factor(NaN) caught in half the runs read log P(e) 0.3 off with no verdict, and enumeration and
 * MCMC read wrong posteriors the same way. Such a run now ends with an error that keeps the site's as its cause.
 */
class CaughtSiteErrorTest {

    @Test
    void aRunWhoseModelCaughtASiteErrorFails() {
        Model<Double> catching = p -> {
            double x = p.sample("x", new Normal(0, 1));
            try {
                p.factor("f", Double.NaN);
            } catch (RuntimeException e) {
                // the model goes on
            }
            return x;
        };
        assertThatThrownBy(() -> Execution.of(catching).runner().run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageStartingWith("the model caught the error \"factor f: the log weight must be finite or -inf, "
                        + "got NaN\" and returned normally")
                .hasCauseInstanceOf(ModelException.class);
    }

    @Test
    void aRunWhoseModelCaughtWhatTheGuideThrewFails() {
        Model<Double> catching = p -> {
            double x;
            try {
                x = p.sample("x", new Normal(0, 1));
            } catch (RuntimeException e) {
                x = 0;
            }
            p.observe("y", new Normal(x, 1), 1.0);
            return x;
        };
        Guide failing = Guide.real((site, prior, history) -> new Normal(0, -1));
        assertThatThrownBy(() -> Execution.of(catching).guide(failing).runner().run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("the model caught what the guide threw while proposing at a site (at or "
                        + "before y)");
    }

    @Test
    void aModelThatCatchesItsOwnExceptionsRunsOn() {
        Model<Double> own = p -> {
            double x = p.sample("x", new Normal(0, 1));
            try {
                throw new IllegalStateException("the model's own");
            } catch (IllegalStateException e) {
                // not a site's: nothing to end the run for
            }
            return x;
        };
        assertThat(Execution.of(own).runner().run(1, 0).failed()).isFalse();
    }
}
