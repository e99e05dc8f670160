package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Rng;
import org.junit.jupiter.api.Test;

/** The public sampling kernels draw exactly what the built-in distributions draw from the same stream (exact). */
class DrawsTest {

    @Test
    void kernelsAreTheDistributionsDraws() {
        for (int i = 0; i < 1000; i++) {
            double shape = 0.05 + 10 * Rng.uniformOf(61, i, 0);
            double other = 0.05 + 10 * Rng.uniformOf(61, i, 1);
            double mean = 0.01 + 60 * Rng.uniformOf(61, i, 2);
            assertThat(Draws.standardGamma(Rng.forRun(62, i), shape))
                    .isEqualTo(new Gamma(shape, 1).sample(Rng.forRun(62, i)));
            assertThat(Draws.logStandardGamma(Rng.forRun(63, i), shape))
                    .isEqualTo(Math.log(Draws.standardGamma(Rng.forRun(63, i), shape)), offsetFor(shape));
            assertThat(Draws.beta(Rng.forRun(64, i), shape, other))
                    .isEqualTo(new Beta(shape, other).sample(Rng.forRun(64, i)));
            assertThat(Draws.poisson(Rng.forRun(65, i), mean)).isEqualTo(new Poisson(mean).sample(
                    Rng.forRun(65, i)));
        }
        assertThatThrownBy(() -> Draws.beta(Rng.forRun(1, 0), 0, 1)).isInstanceOf(ParameterException.class)
                .hasMessage("Draws.beta: alpha must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> Draws.poisson(Rng.forRun(1, 0), 2e9)).isInstanceOf(ParameterException.class)
                .hasMessage("Draws.poisson: mean must be finite, >= 0 and <= 1.0E9, got 2.0E9");
    }

    private static org.assertj.core.data.Offset<Double> offsetFor(double shape) {
        return org.assertj.core.data.Offset.offset(shape >= 1 ? 0.0 : 1e-12);
    }
}
