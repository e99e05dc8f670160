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
        // An infinite entry, which the distribution gives density 0, is a fault in the data as a NaN is (a new user
        // found an observed infinity scored as an impossible observation, an observed NaN refused).
        y[0] = new double[] {Double.POSITIVE_INFINITY, 0.5};
        assertThatThrownBy(() -> r.run(1, 2)).isInstanceOf(ModelException.class)
                .hasMessageContaining("observed value [Infinity, 0.5] at y[3] (MultivariateNormal(mean=[")
                .hasMessageContaining("a fault in the data");
        // A finite vector the distribution rules out is an observation of likelihood 0: the run fails and names it.
        Model<Double> outside = p -> {
            p.observe("w", new Dirichlet(1, 1), new double[] {0.5, 0.6});
            return 0.0;
        };
        Runner<Double> o = Execution.of(outside).runner().run(1, 0);
        assertThat(o.failed()).isTrue();
        assertThat(o.failure().observed()).isEqualTo(List.of(0.5, 0.6));
    }

    /**
     * An observed infinity under a distribution of numbers, alone or in a plate, on the direct path and on a
     * recording runner: an error naming the site, the value and the distribution, as a NaN is; a finite value outside
     * the support fails the run.
     */
    @Test
    void anObservedInfinityIsAnErrorNamingTheSiteAndTheDistribution() {
        double[] datum = {Double.NEGATIVE_INFINITY};
        Model<Double> single = p -> {
            double mu = p.sample("mu", Normal.STANDARD);
            p.observe("y", 2, new Normal(mu, 1), datum[0]);
            return mu;
        };
        for (Runner<Double> r : List.of(Execution.of(single).leanRunner(), Execution.of(single).runner())) {
            assertThatThrownBy(() -> r.run(4, 0)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("observed value -Infinity at y[2] (Normal(mean=")
                    .hasMessageContaining("a fault in the data");
        }
        Model<Double> plate = p -> {
            double rate = p.sample("rate", new dev.ariadne.core.dist.Exponential(1));
            p.observeAll("t", new dev.ariadne.core.dist.Exponential(rate),
                    new double[] {0.5, Double.POSITIVE_INFINITY});
            return rate;
        };
        assertThatThrownBy(() -> Execution.of(plate).leanRunner().run(4, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("at t (Exponential(rate=").hasMessageContaining("a fault in the data");
        Model<Double> negative = p -> {
            double rate = p.sample("rate", new dev.ariadne.core.dist.Exponential(1));
            p.observe("t", new dev.ariadne.core.dist.Exponential(rate), -1.0);
            return rate;
        };
        assertThat(Execution.of(negative).leanRunner().run(4, 0).failed()).isTrue();
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
                .isEqualTo("zero likelihood at w (observed [0.5, 0.6] under Dirichlet(alpha=[1.0, 1.0]): its entries "
                        + "sum to 1.100000000, not 1 within 2e-09, off the simplex (data rounded for printing? "
                        + "renormalise it))");
        // proportions printed to 6 decimals sum to 0.999999 (an outside tester: "not a fault" was all it said)
        Model<Double> rounded = p -> {
            p.observe("w", new Dirichlet(1, 1, 1), new double[] {0.333333, 0.333333, 0.333333});
            return 0.0;
        };
        assertThat(Execution.of(rounded).runner().run(2, 0).failure().toString())
                .contains("its entries sum to 0.9999990000, not 1");
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

    /**
     * A plate of 10,000 observations with one outside the support: the failure said only "zero likelihood at x
     * (under Beta(...))", naming neither the element nor its value (an adversarial tester). It names the first
     * element of probability 0, for a real, an integer and a boolean plate.
     */
    @Test
    void aPlatesImpossibleElementIsNamed() {
        double[] xs = new double[10_000];
        java.util.Arrays.fill(xs, 0.3);
        xs[7777] = 1.5;
        Model<Double> real = p -> {
            p.observeAll("x", new dev.ariadne.core.dist.Beta(2, 2), xs);
            return 0.0;
        };
        Runner<Double> r = Execution.of(real).runner().run(1, 0);
        assertThat(r.failed()).isTrue();
        assertThat(r.failure().observed()).isEqualTo(new Failure.PlateElement(7777, 10_000, 1.5));
        assertThat(r.failure().toString()).isEqualTo("zero likelihood at x (observed element 7777 of 10,000: 1.5 "
                + "under Beta(alpha=2.0, beta=2.0))");
        int[] ks = new int[10_000];
        java.util.Arrays.fill(ks, 2);
        ks[12] = -1;
        Model<Double> counts = p -> {
            p.observeAll("k", new dev.ariadne.core.dist.Poisson(3), ks);
            return 0.0;
        };
        assertThat(Execution.of(counts).runner().run(1, 0).failure().observed())
                .isEqualTo(new Failure.PlateElement(12, 10_000, -1));
        boolean[] bs = new boolean[20];
        bs[3] = true;
        Model<Double> flips = p -> {
            p.observeAll("b", new dev.ariadne.core.dist.Bernoulli(0), bs);
            return 0.0;
        };
        assertThat(Execution.of(flips).runner().run(1, 0).failure().observed())
                .isEqualTo(new Failure.PlateElement(3, 20, true));
    }

    /**
     * A plate of 10^6 observations with one infinity was printed whole in its error, 20 MB built in 5.7 s, and a NaN
     * in it was named with no entry (an adversarial tester). The value is shortened, and the entry named.
     */
    @Test
    void aLongPlatesFaultyEntryIsNamedAndTheValueShortened() {
        double[] ys = new double[1_000_000];
        ys[999_997] = Double.POSITIVE_INFINITY;
        Model<Double> m = p -> {
            double mu = p.sample("mu", Normal.STANDARD);
            p.observeAll("y", new Normal(mu, 1), ys);
            return mu;
        };
        assertThatThrownBy(() -> Execution.of(m).runner().run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("(1,000,000 values in all)").hasMessageContaining("entry 999,997 of 1,000,000 is "
                        + "Infinity").hasMessageContaining("a fault in the data")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(2_000));
        ys[999_997] = Double.NaN;
        assertThatThrownBy(() -> Execution.of(m).runner().run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("NaN in the plate y").hasMessageContaining("entry 999,997 of 1,000,000");
    }
}
