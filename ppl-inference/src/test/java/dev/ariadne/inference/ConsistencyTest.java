package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationException;
import java.util.List;
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
        // a negative number of predictive draws is named (it was "Illegal Capacity: -1")
        assertThatThrownBy(() -> r.kept().predictive(GroundTruth.NORMAL_NORMAL, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("draws must be > 0, got -1");
        // both infinities: no mean, said so (it returned NaN); one: that infinity, with an infinite standard error
        assertThatThrownBy(() -> r.kept().mean(mu -> mu > 0.9 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("its mean is undefined");
        assertThat(r.kept().mean(mu -> mu > 0.9 ? Double.POSITIVE_INFINITY : mu)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.kept().meanStandardError(mu -> mu > 0.9 ? Double.POSITIVE_INFINITY : mu))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> r.kept().quantile(mu -> mu > 0.9 ? Double.NaN : mu, 0.5))
                .isInstanceOf(IllegalStateException.class);
        // A function that throws: its exception the cause, the run named (it came back bare; an adversarial tester),
        // as on an enumeration's path; and a bound's method null is named (it was a NullPointerException)
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> r.kept().mean(mu -> {
            throw boom;
        })).isInstanceOf(IllegalStateException.class).hasCause(boom)
                .hasMessageStartingWith("the function threw java.lang.IllegalStateException: boom on the kept run ")
                .hasMessageContaining(" of seed 4");
        assertThatThrownBy(() -> Enumerate.of((Model<Integer>) p -> p.sample("d", new DiscreteUniform(1, 3))).run()
                .expectation(d -> {
                    throw boom;
                })).isInstanceOf(IllegalStateException.class).hasCause(boom)
                .hasMessageContaining("on the path whose value is 1");
        assertThatThrownBy(() -> r.lowerBound(0.05, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the bound's method is null");
        // More draws than the heap holds: said so (it was a raw OutOfMemoryError; an adversarial tester)
        if (Runtime.getRuntime().maxMemory() < 16.0 * Integer.MAX_VALUE) {
            assertThatThrownBy(() -> r.kept().resample(Integer.MAX_VALUE, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than this JVM's heap");
        }
        if (Runtime.getRuntime().maxMemory() < 32.0 * Integer.MAX_VALUE) {
            assertThatThrownBy(() -> r.kept().predictive(GroundTruth.NORMAL_NORMAL, Integer.MAX_VALUE, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predictive draws hold")
                    .hasMessageContaining("more than this JVM's heap");
        }
        // It printed KeptSamples@5cbc508c (an adversarial tester).
        assertThat(r.kept().toString()).matches("100 kept runs of seed 4, worth [0-9.]+ equally weighted ones");
    }

    /**
     * An adversarial tester's expectation of mu * 1e300 stopped with "an estimate must not be NaN" (the squares in the
     * standard error overflowed), and one that is +inf somewhere with the same words about a value that is not NaN.
     * Values that large are now summed scaled by a power of two, exactly: the estimate and its standard error are
     * 1e300 times those of mu; an infinite value is refused, naming the run, as a NaN one is.
     */
    @Test
    void anExpectationOfHugeValuesHasAFiniteStandardErrorAndAnInfiniteOneIsRefused() {
        ImportanceResult<Double> r = Importance.of(GroundTruth.NORMAL_NORMAL).samples(4000).seed(6)
                .expectation("mu", mu -> mu).expectation("huge", mu -> mu * 1e300).run();
        Estimate mu = r.expectation("mu");
        Estimate huge = r.expectation("huge");
        assertThat(huge.value()).isCloseTo(mu.value() * 1e300, withinPercentage(1e-10));
        assertThat(huge.standardError()).isCloseTo(mu.standardError() * 1e300, withinPercentage(1e-8));
        assertThatThrownBy(() -> Importance.of(GroundTruth.NORMAL_NORMAL).samples(2000).seed(4)
                .expectation("inf", m -> m > 0 ? Double.POSITIVE_INFINITY : m).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expectation 'inf' is Infinity for run")
                .hasMessageContaining("must be finite");
    }

    /**
     * An expectation of +-c, c near the largest double, whose first run drew -c: its mean less that first value (the
     * sums' shift) passes the largest double though the mean does not, and read Infinity for c = 1e308 and 1.7e308
     * (an adversarial tester). It is c times the expectation of the sign.
     */
    @Test
    void anExpectationNearTheLargestDoubleDoesNotOverflowThroughItsShift() {
        for (double c : new double[] {1e308, 1.7e308, Double.MAX_VALUE}) {
            ImportanceResult<Double> r = Importance.of(GroundTruth.NORMAL_NORMAL).samples(3000).seed(1)
                    .expectation("sign", mu -> mu > 0 ? 1 : -1).expectation("huge", mu -> mu > 0 ? c : -c).run();
            Estimate sign = r.expectation("sign");
            Estimate huge = r.expectation("huge");
            assertThat(huge.value()).as("c = %s", c).isCloseTo(sign.value() * c, withinPercentage(1e-9));
            assertThat(huge.standardError()).as("c = %s", c)
                    .isCloseTo(sign.standardError() * c, withinPercentage(1e-6));
        }
    }

    /**
     * The standard error of an expectation far from 0 beside its spread (a timestamp, a value in other units) was read
     * as a difference of sums of squares that cancelled: mu + 1e8 read 0 to 0.08 where mu reads 0.005, and exactly 0
     * in 22 calls of 50 (an adversarial tester). It is the same as mu's now, on one thread and on three (whose shards
     * merge their sums, each taken from its own first value).
     */
    @Test
    void anExpectationFarFromZeroHasTheStandardErrorOfItsSpread() {
        for (int threads : new int[] {1, 3}) {
            ImportanceResult<Double> r = Importance.of(GroundTruth.NORMAL_NORMAL).samples(20_000).seed(7)
                    .parallelism(threads).batchSize(1_000).expectation("mu", mu -> mu)
                    .expectation("offset", mu -> mu + 1e8).expectation("far", mu -> 1e12 - mu).run();
            Estimate mu = r.expectation("mu");
            for (String far : List.of("offset", "far")) {
                Estimate e = r.expectation(far);
                assertThat(e.standardError()).as("%s on %d threads", far, threads)
                        .isCloseTo(mu.standardError(), withinPercentage(0.1));
            }
            assertThat(r.expectation("offset").value() - 1e8).isCloseTo(mu.value(), within(1e-7));
            assertThat(1e12 - r.expectation("far").value()).isCloseTo(mu.value(), within(1e-3));
        }
    }

    @Test
    void enumerationSaysHowManyValuesASupportHasAgainstTheBudget() {
        Model<Integer> model = p -> p.sample("k", new DiscreteUniform(0, Integer.MAX_VALUE));
        assertThatThrownBy(() -> Enumerate.of(model).run()).isInstanceOf(EnumerationException.class)
                .hasMessageContaining("at k").hasMessageContaining("DiscreteUniform")
                .hasMessageContaining("is unbounded above (or ends at the largest int: 2,147,483,648 values or more)")
                .hasMessageContaining("against a path budget of 1,000,000 set by maxPaths");
        // A Poisson's count, the usual case, is said to be unbounded (a new user found the old words hard to read).
        Model<Integer> count = p -> p.sample("n", new dev.ariadne.core.dist.Poisson(2));
        assertThatThrownBy(() -> Enumerate.of(count).run()).isInstanceOf(EnumerationException.class)
                .hasMessageContaining("exact enumeration cannot walk the choice at n: its distribution Poisson(")
                .hasMessageContaining("is unbounded above").hasMessageContaining("as a count such as a Poisson's is");
    }
}
