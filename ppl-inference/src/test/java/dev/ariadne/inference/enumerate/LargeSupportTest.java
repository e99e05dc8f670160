package dev.ariadne.inference.enumerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * One bounded integer choice whose support holds more values of positive mass than the path budget: each is a path,
 * so the budget's error comes at once. A DiscreteUniform(0, 10^9) ran out of heap summing its masses, and a
 * DiscreteUniform(0, 10^8) met the budget only after 17 s of paths (an adversarial tester).
 */
class LargeSupportTest {

    private static Model<Integer> over(IntDist prior) {
        return p -> {
            int k = p.sample("k", prior);
            p.observe("y", new Normal(k % 7, 1), 3.0);
            return k;
        };
    }

    @Test
    void aSupportOfMorePositiveValuesThanPathsIsRefusedAtOnce() {
        EnumerationException e = catchThrowableOfType(EnumerationException.class,
                () -> Enumerate.of(over(new DiscreteUniform(0, 1_000_000_000))).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.PATH_BUDGET);
        assertThat(e).hasMessageContaining("the choice at k")
                .hasMessageContaining("positive mass to more than 1,000,000 of the 1,000,000,001 values")
                .hasMessageContaining("maxPaths(1,000,000)");
        assertThat(catchThrowableOfType(EnumerationException.class,
                () -> Enumerate.of(over(new Binomial(100, 0.5))).maxPaths(50).run()))
                .hasMessageContaining("positive mass to more than 50 of the 101 values");
    }

    /** Within the budget the same choice is walked, its masses summed without an array of them. */
    @Test
    void aSupportWithinTheBudgetIsWalked() {
        EnumerationResult<Integer> r = Enumerate.of(over(new Binomial(100, 0.5))).maxPaths(101).run();
        assertThat(r.paths()).isEqualTo(101);
    }

    /**
     * A Binomial of p = 0 is one path, its masses never read: a Binomial(10^7, 0) made at its site after six coins read
     * its ten million masses three times a path, 63 s for the call (an adversarial tester). Counted in paths and in
     * the evidence, which the exact sum over the coins gives.
     */
    @Test
    void aBinomialOfProbabilityZeroIsOnePath() {
        Model<Integer> m = p -> {
            int heads = 0;
            for (int i = 0; i < 6; i++) {
                heads += p.sample("coin", i, new dev.ariadne.core.dist.Bernoulli(0.5)) ? 1 : 0;
            }
            int k = p.sample("k", new Binomial(1_000_000_000, 0));
            p.observe("y", new Normal(heads + k, 1), 3.0);
            return heads;
        };
        EnumerationResult<Integer> r = Enumerate.of(m).run();
        assertThat(r.paths()).isEqualTo(64);
        double z = 0;
        for (int h = 0; h <= 6; h++) {
            double ways = h == 0 || h == 6 ? 1 : h == 1 || h == 5 ? 6 : h == 2 || h == 4 ? 15 : 20;
            z += ways / 64 * Math.exp(-0.5 * (3.0 - h) * (3.0 - h)) / Math.sqrt(2 * Math.PI);
        }
        assertThat(r.logEvidence()).isCloseTo(Math.log(z), org.assertj.core.api.Assertions.within(1e-12));
    }

    /**
     * A Binomial of p = 1 is one path too, at its value n, its masses never read: before, this test read the 10^9 + 1
     * masses of its Binomial(10^9, 1) several times a path, and took 521 s to give the same answer.
     */
    @Test
    void aBinomialOfProbabilityOneIsOnePathAtItsN() {
        Model<Integer> m = p -> {
            boolean coin = p.sample("coin", new dev.ariadne.core.dist.Bernoulli(0.25));
            int k = p.sample("k", new Binomial(1_000_000_000, 1));
            p.observe("y", new Normal(coin ? 1 : 0, 1), k - 999_999_999.0);
            return k;
        };
        EnumerationResult<Integer> r = Enumerate.of(m).run();
        assertThat(r.paths()).isEqualTo(2);
        assertThat(r.posterior().keySet()).containsExactly(1_000_000_000);
        double z = 0.25 * Math.exp(-0.5 * 0) / Math.sqrt(2 * Math.PI) + 0.75 * Math.exp(-0.5) / Math.sqrt(2 * Math.PI);
        assertThat(r.logEvidence()).isCloseTo(Math.log(z), org.assertj.core.api.Assertions.within(1e-12));
    }

    /**
     * A DiscreteUniform at an end of the ints is walked by its own bounds: its support's end at the largest (smallest)
     * int also stands for no end, and DiscreteUniform(MAX - 1, MAX), two values, was refused as unbounded above.
     */
    @Test
    void aDiscreteUniformAtTheIntsEndsIsWalked() {
        EnumerationResult<Integer> top = Enumerate.of((Model<Integer>) p -> p.sample("k",
                new DiscreteUniform(Integer.MAX_VALUE - 1, Integer.MAX_VALUE))).run();
        assertThat(top.posterior()).containsOnlyKeys(Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
        assertThat(top.probability(k -> k == Integer.MAX_VALUE)).isCloseTo(0.5,
                org.assertj.core.api.Assertions.within(1e-15));
        EnumerationResult<Integer> bottom = Enumerate.of((Model<Integer>) p -> p.sample("k",
                new DiscreteUniform(Integer.MIN_VALUE, Integer.MIN_VALUE + 2))).run();
        assertThat(bottom.paths()).isEqualTo(3);
        assertThat(bottom.posterior()).containsKey(Integer.MIN_VALUE);
    }
}
