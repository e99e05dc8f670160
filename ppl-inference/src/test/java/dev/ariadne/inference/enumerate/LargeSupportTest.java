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
}
