package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.ParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user is told about an observed vector that is bad or impossible, as about an observed number: a NaN entry
 * is an error naming the site, the entry and the distribution; an impossible vector is a run of weight 0 whose
 * failure names the vector observed; a covariance that is not positive definite is shown.
 */
class VectorObservationMessagesTest {

    private static final double[][] SIGMA = {{1.0, 0.3}, {0.3, 2.0}};

    @Test
    void aNaNEntryInAnObservedVectorIsAnErrorNamingTheSiteTheEntryAndTheDistribution() {
        double[][] y = {{0.5, 0.5}};
        Model<Double> m = p -> {
            double mu = p.sample("mu", Normal.STANDARD);
            p.observe("y", 3, new MultivariateNormal(new double[] {mu, mu}, SIGMA), y[0]);
            return mu;
        };
        Runner<Double> r = Execution.of(m).runner();
        r.run(1, 0);
        assertThat(r.failed()).isFalse();
        y[0] = new double[] {0.5, Double.NaN};
        assertThatThrownBy(() -> r.run(1, 1)).isInstanceOf(ModelException.class)
                .hasMessageContaining("observed vector has NaN at entry 1 at y[3]")
                .hasMessageContaining("MultivariateNormal");
        // An infinite entry is a value the distribution gives density 0: the run fails and names it.
        y[0] = new double[] {Double.POSITIVE_INFINITY, 0.5};
        r.run(1, 2);
        assertThat(r.failed()).isTrue();
        assertThat(r.failure().observed()).isEqualTo(List.of(Double.POSITIVE_INFINITY, 0.5));
        assertThat(r.failure().toString()).startsWith("zero likelihood at y[3] (observed [Infinity, 0.5] under "
                + "MultivariateNormal(mean=[");
    }

    @Test
    void anImpossibleObservedVectorIsNamedInTheRunsFailure() {
        Model<Double> m = p -> {
            p.observe("w", new Dirichlet(1, 1), new double[] {0.5, 0.6});
            return p.sample("x", Normal.STANDARD);
        };
        Runner<Double> r = Execution.of(m).runner().run(2, 0);
        assertThat(r.failed()).isTrue();
        assertThat(r.failure().toString())
                .isEqualTo("zero likelihood at w (observed [0.5, 0.6] under Dirichlet(alpha=[1.0, 1.0]))");
        double[] longOne = new double[Failure.NAMED_ENTRIES + 1];
        Model<Double> wide = p -> {
            p.observe("w", Dirichlet.of(1, 1, 1, 1, 1, 1, 1, 1, 1), longOne);
            return 0.0;
        };
        Runner<Double> w = Execution.of(wide).runner().run(2, 0);
        assertThat(w.failed()).isTrue();
        assertThat(w.failure().observed()).as("a long vector is not written out").isNull();
    }

    @Test
    void aCovarianceThatIsNotPositiveDefiniteIsShownInTheMessage() {
        assertThatThrownBy(() -> new MultivariateNormal(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("positive definite")
                .hasMessageContaining("of [[1.0, 2.0], [2.0, 1.0]]");
    }
}
