package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.dist.Normal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A condition combined with the handlers that also decide a site: a replay, a block, a second condition, a guide
 * program. The datum must count in the run's weight whichever order the handlers are added in, or the call must
 * say why it cannot.
 */
class CombinedHandlersTest {

    /** x ~ N(0, 1), y = 0.5 observed under N(x, 1). */
    private static final Model<Double> MODEL = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.observe("y", new Normal(x, 1), 0.5);
        return x;
    };

    /** log N(2; 0, 1) + log N(0.5; 2, 1): the run's log p with x conditioned on 2. */
    private static final double CONDITIONED_LOG_P = -Math.log(2 * Math.PI) - 2.0 - 0.5 * 1.5 * 1.5;

    /**
     * A replay added before the condition gave x the traced value, and the datum was left out of the weight without
     * a word (an adversarial tester: 20 seeds of 20). The datum wins, as in Pyro, in either order.
     */
    @Test
    void aConditionOutranksAReplayOfTheSameSiteInEitherOrder() {
        Trace traced = Execution.of(MODEL).run(1001, 0).trace();
        assertThat(traced.site("x").orElseThrow().value()).isNotEqualTo(2.0);
        RunRecord<Double> replayFirst = Execution.of(MODEL).with(Handlers.replay(traced))
                .with(Handlers.condition(Map.of("x", 2.0))).run(1, 0);
        RunRecord<Double> conditionFirst = Execution.of(MODEL).with(Handlers.condition(Map.of("x", 2.0)))
                .with(Handlers.replay(traced)).run(1, 0);
        for (RunRecord<Double> r : java.util.List.of(replayFirst, conditionFirst)) {
            assertThat(r.value()).isEqualTo(2.0);
            assertThat(r.logP()).isCloseTo(CONDITIONED_LOG_P, within(1e-12));
            assertThat(r.logQ()).isZero();
            assertThat(r.trace().sites().get(0).kind()).isEqualTo(SiteKind.OBSERVED);
        }
    }

    /** Read as "observed evidence of the model, which has its value already", of a latent (a tester). */
    @Test
    void twoConditionsOnOneSiteAreSaidToBeTwo() {
        assertThatThrownBy(() -> Execution.of(MODEL).with(Handlers.condition(Map.of("x", 2.0)))
                .with(Handlers.condition(Map.of("x", -3.0))).run(1, 0))
                .hasMessageContaining("site x is conditioned twice, on 2.0 by a handler that sees it first and on "
                        + "-3.0 by this one")
                .hasMessageNotContaining("evidence of the model");
    }

    /** Read "without making the conditioned site x (did you mean x?)" where a block hid x (a tester). */
    @Test
    void aConditionedSiteABlockHidIsSaidToBeHidden() {
        assertThatThrownBy(() -> Execution.of(MODEL).with(Handlers.block("x"))
                .with(Handlers.condition(Map.of("x", 2.0))).run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the run made the conditioned site x, but a handler that sees it before this "
                        + "condition (a block) hid it")
                .hasMessageContaining("add the condition before that handler")
                .hasMessageNotContaining("did you mean");
    }

    /** Read "the guide program sampled x, which the model did not sample in this run", of a model that did. */
    @Test
    void aGuideProgramsSiteThatAConditionGaveIsSaidToBeGiven() {
        Model<Double> chain = p -> {
            double x = p.sample("x", new Normal(0, 1));
            double z = p.sample("z", new Normal(x, 1));
            p.observe("y", new Normal(z, 1), 0.5);
            return x;
        };
        GuideProgram program = q -> {
            double x = q.sample("x", new Normal(3, 0.5));
            q.sample("z", new Normal(x, 0.5));
        };
        assertThatThrownBy(() -> Execution.of(chain).guideProgram(program)
                .with(Handlers.condition(Map.of("x", 2.0))).run(5, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the guide program sampled x, whose value in this run a handler gave or "
                        + "proposed (a condition, a replay, a guide handler)")
                .hasMessageContaining("leave x out of it")
                .hasMessageNotContaining("which the model did not sample");
    }
}
