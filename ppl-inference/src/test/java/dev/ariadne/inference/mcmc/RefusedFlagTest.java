package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A mechanism flag whose rate fits one mechanism only: single-site MH proposes the other value and refuses it at
 * every step, so each chain keeps the flag it started with. The verdict said the kernels never move it (a new user):
 * a fresh draw from its prior is its current value half the time, accepted as the chain staying, and only moves to
 * the other value count.
 */
class RefusedFlagTest {

    @Test
    void aFlagWhoseEveryMoveWasRefusedIsNotToldItIsNeverMoved() {
        double[] t = {1, 2};
        double[] c = {0.6, 0.394}; // both mechanisms fit about equally, each with its own rate
        Model<Boolean> m = p -> {
            boolean second = p.sample("second", new Bernoulli(0.5));
            double k = p.sample("k", new Gamma(2, 2));
            for (int i = 0; i < t.length; i++) {
                p.observe("c", i, new Normal(second ? 1 / (1 + k * t[i]) : Math.exp(-k * t[i]), 0.01), c[i]);
            }
            return second;
        };
        McmcResult<Boolean> r = Mcmc.of(m).seed(1).run();
        assertThat(r.verdicts()).anyMatch(v -> v.startsWith("second never changed value within any chain")
                && v.contains("the kernels proposed moves of it and refused every one")
                && !v.contains("the kernels never move this choice"));
    }
}
