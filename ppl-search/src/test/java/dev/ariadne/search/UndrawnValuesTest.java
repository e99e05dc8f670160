package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cross-entropy method does not lower the probability of a discrete value its batch drew too seldom to judge
 * ({@link UndrawnValues}). A new user's model: b ~ Bernoulli(1e-4), x ~ N(b ? 5 : 0, 1), x >= 5.5; b = true holds
 * 99.94% of P(e) (exact log P(e) -10.3856). In seeds 2 and 4 of 6 the search had pushed P(b) to 1e-6, below the
 * prior, and certified log P(e) -17.787 +- 0.004 and -9.03 +- 1.0.
 */
class UndrawnValuesTest {

    private static final double EXACT_LOG_Z = -10.385587;

    @Test
    void aRareValueTheBatchSeldomDrewIsNotPushedBelowItsPrior() {
        Model<Boolean> m = p -> {
            boolean b = p.sample("b", new Bernoulli(1e-4));
            double x = p.sample("x", new Normal(b ? 5 : 0, 1));
            p.condition("far", x, 5.5);
            return b;
        };
        for (long seed = 1; seed <= 6; seed++) {
            SearchResult s = GuideSearch.of(m, GuideFamily.meanField()).strategy(Strategy.crossEntropy())
                    .seed(seed).parallelism(1).certify(20_000, 0.01).run();
            assertThat(Refits.logistic(s.guide().parameters().get("b.logit"))).as("seed %d", seed)
                    .isGreaterThan(0.5);
            var z = s.certified().logEvidence();
            assertThat(z.value()).as("seed %d", seed).isCloseTo(EXACT_LOG_Z, within(5 * z.standardError()));
        }
    }

    @Test
    void aBernoulliValueDrawnTooSeldomKeepsItsProbability() {
        double[] theta = {Refits.logit(1e-4)};
        double[] fit = {Refits.logit(1e-6)};
        UndrawnValues.keep(BernoulliFamily.INSTANCE, new Bernoulli(1e-4), theta, 0, fit, Map.of(0.0, 9_999, 1.0, 1));
        assertThat(fit[0]).isEqualTo(theta[0]);
        // Drawn 30 times and never among the elites: evidence, and the refit stands.
        fit[0] = Refits.logit(1e-6);
        UndrawnValues.keep(BernoulliFamily.INSTANCE, new Bernoulli(1e-4), theta, 0, fit, Map.of(0.0, 9_970, 1.0, 30));
        assertThat(fit[0]).isEqualTo(Refits.logit(1e-6));
        // A refit that raises a seldom value is kept as it is.
        fit[0] = Refits.logit(0.3);
        UndrawnValues.keep(BernoulliFamily.INSTANCE, new Bernoulli(1e-4), theta, 0, fit, Map.of(0.0, 10_000));
        assertThat(fit[0]).isEqualTo(Refits.logit(0.3));
    }

    @Test
    void aCategoricalValueDrawnTooSeldomKeepsItsShareAndTheOthersShareTheRest() {
        Categorical prior = new Categorical(0.01, 0.49, 0.5);
        double[] theta = {Math.log(0.01), Math.log(0.49), Math.log(0.5)};
        double[] fit = {Math.log(1e-6), Math.log(0.2), Math.log(0.8 - 1e-6)};
        UndrawnValues.keep(CategoricalFamily.INSTANCE, prior, theta, 0, fit, Map.of(1.0, 5_000, 2.0, 4_990, 0.0, 10));
        assertThat(Math.exp(fit[0])).isCloseTo(0.01, within(1e-12));
        assertThat(Math.exp(fit[1])).isCloseTo(0.2 * 0.99 / (1 - 1e-6), within(1e-12));
        assertThat(Math.exp(fit[2])).isCloseTo((0.8 - 1e-6) * 0.99 / (1 - 1e-6), within(1e-12));
    }
}
