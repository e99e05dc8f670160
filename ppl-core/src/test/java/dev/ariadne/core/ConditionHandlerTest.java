package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Handlers#condition}: a datum for a site the run never makes would be left out of the run's weight, so a
 * completed run that misses one is an error naming the site and the sites that exist; {@link
 * Handlers#conditionWhereReached} leaves a site that the model's structure may skip to the runs that make it.
 */
class ConditionHandlerTest {

    /** mu ~ N(0, 1), x[i] ~ N(mu, 1) for i < 3, latent: conditioning on the x's is the evidence. */
    static final Model<Double> THREE = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        for (int i = 0; i < 3; i++) {
            p.sample("x", i, new Normal(mu, 1));
        }
        return mu;
    };

    @Test
    void aMisspeltSiteIsAnErrorNamingItTheSitesThatExistAndTheNearestName() {
        assertThatThrownBy(() -> Execution.of(THREE).with(Handlers.condition(Map.of("mue", 0.5))).run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("without making the conditioned site mue (did you mean mu?)")
                .hasMessageContaining("mu, x[0..2]")
                .hasMessageContaining("run 0 of seed 1");
    }

    /** A name that differs in case alone is the one suggested (a new user's {@code i} was offered {@code D}). */
    @Test
    void aNameInTheWrongCaseIsSuggestedBeforeOneEditAway() {
        Model<Double> student = p -> {
            boolean d = p.sample("D", new dev.ariadne.core.dist.Bernoulli(0.4));
            boolean i = p.sample("I", new dev.ariadne.core.dist.Bernoulli(0.3));
            return d && i ? 1.0 : 0.0;
        };
        assertThatThrownBy(() -> Execution.of(student).with(Handlers.condition(Map.of("i", true))).run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the conditioned site i (did you mean I?)");
    }

    /** A pattern given as a key is said to be one: Map.of("*", true) was reported as a site named * (a tester). */
    @Test
    void aPatternGivenAsAKeyIsSaidToBeOne() {
        assertThatThrownBy(() -> Execution.of(THREE).with(Handlers.condition(Map.of("*", 0.5))).run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the conditioned site * (a key is one site's exact address, not a pattern");
    }

    @Test
    void anIndexTheModelNeverMakesIsAnError() {
        assertThatThrownBy(() -> Execution.of(THREE).with(Handlers.condition(Map.of("x[0]", 0.1, "x[3]", 0.2)))
                .run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the conditioned site x[3] (did you mean x?)");
    }

    @Test
    void anObservationOfTheModelIsNotARandomChoiceToCondition() {
        Model<Double> observed = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu, 1), 0.3);
            return mu;
        };
        assertThatThrownBy(() -> Execution.of(observed).with(Handlers.condition(Map.of("y", 0.5))).run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("site y is observed evidence of the model");
    }

    @Test
    void sitesThatAreReachedAreObservedAsBefore() {
        RunRecord<Double> r = Execution.of(THREE).with(Handlers.condition(Map.of("x[0]", 0.1, "x[1]", 0.2,
                "x[2]", 0.3))).run(1, 0);
        double mu = (Double) r.trace().site("mu").get().value();
        double expected = new Normal(mu, 1).logDensity(0.1) + new Normal(mu, 1).logDensity(0.2)
                + new Normal(mu, 1).logDensity(0.3);
        assertThat(r.logWeight()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aSiteThatOnlySomeRunsMakeIsLeftToThoseRunsWhereReached() {
        Model<Boolean> branching = p -> {
            boolean b = p.sample("b", new Bernoulli(0.5));
            if (b) {
                p.sample("extra", new Normal(0, 1));
            }
            return b;
        };
        Runner<Boolean> lenient = Execution.of(branching)
                .with(Handlers.conditionWhereReached(Map.of("extra", 0.0))).runner();
        Runner<Boolean> strict = Execution.of(branching).with(Handlers.condition(Map.of("extra", 0.0))).runner();
        boolean sawSkip = false;
        for (int i = 0; i < 40; i++) {
            lenient.run(3, i);
            if (!lenient.value()) {
                sawSkip = true;
                assertThat(lenient.logWeight()).isEqualTo(0.0);
                final int run = i;
                assertThatThrownBy(() -> strict.run(3, run)).isInstanceOf(ModelException.class)
                        .hasMessageContaining("conditionWhereReached");
            } else {
                assertThat(lenient.logWeight()).isCloseTo(new Normal(0, 1).logDensity(0.0), within(1e-12));
            }
        }
        assertThat(sawSkip).isTrue();
    }

    @Test
    void aRunOfWeightZeroIsNotCheckedForSitesItNeverReached() {
        Model<Double> failing = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.condition("never", false);
            p.sample("x", new Normal(mu, 1));
            return mu;
        };
        RunRecord<Double> r = Execution.of(failing).with(Handlers.condition(Map.of("x", 0.0))).run(1, 0);
        assertThat(r.logWeight()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * A Long given for an int site is refused when it lies outside the int range: narrowed, 2^40 became 0 and
     * 3,000,000,000 a negative count, observed silently (an adversarial tester).
     */
    @Test
    void aLongOutsideTheIntRangeIsRefusedNotNarrowed() {
        Model<Integer> counts = p -> {
            int k = p.sample("k", new Poisson(3));
            p.observe("y", new Normal(k, 1), 2.0);
            return k;
        };
        RunRecord<Integer> fits = Execution.of(counts).with(Handlers.condition(Map.of("k", 3L))).run(1, 0);
        assertThat(fits.value()).isEqualTo(3);
        for (long v : new long[] {1L << 40, 3_000_000_000L, Integer.MIN_VALUE - 1L}) {
            assertThatThrownBy(() -> Execution.of(counts).with(Handlers.condition(Map.of("k", v))).run(1, 0))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("value " + v + " (a Long) does not fit site k whose prior Poisson")
                    .hasMessageContaining("outside the int range");
        }
    }
}
