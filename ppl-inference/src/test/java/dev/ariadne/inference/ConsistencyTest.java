package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationException;
import org.junit.jupiter.api.Test;

/** Bad input says the same thing wherever it enters, and says what is wrong in numbers. */
class ConsistencyTest {

    @Test
    void aNaNFunctionOfTheKeptRunsIsRefusedAsAnExpectationIs() {
        ImportanceResult<Double> r = Importance.of(GroundTruth.NORMAL_NORMAL).samples(2000).seed(4).keep(100)
                .run();
        assertThatThrownBy(() -> Importance.of(GroundTruth.NORMAL_NORMAL).samples(2000).seed(4)
                .expectation("nan", mu -> Double.NaN).run()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is NaN for run");
        assertThatThrownBy(() -> r.kept().mean(mu -> Double.NaN)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the function is NaN for the kept run ").hasMessageContaining(" of seed 4");
        assertThatThrownBy(() -> r.kept().meanStandardError(mu -> Double.NaN))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.kept().quantile(mu -> mu > 0.9 ? Double.NaN : mu, 0.5))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void enumerationSaysHowManyValuesASupportHasAgainstTheBudget() {
        Model<Integer> model = p -> p.sample("k", new DiscreteUniform(0, Integer.MAX_VALUE));
        assertThatThrownBy(() -> Enumerate.of(model).run()).isInstanceOf(EnumerationException.class)
                .hasMessageContaining("at k").hasMessageContaining("DiscreteUniform")
                .hasMessageContaining("has 2,147,483,648 values or more")
                .hasMessageContaining("against a path budget of 1,000,000 set by maxPaths");
    }
}
