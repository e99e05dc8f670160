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

    /**
     * A Beta drawn from again and again keeps its gamma draws' constants from its first draw (a fixed guide's
     * Beta): its draws stay those of {@link Draws#beta}, which takes them at each draw, bit for bit, in one thread
     * and in two threads drawing from the same Beta at once. Unequal shapes, so that each shape's constant is
     * checked in its place, on both sides of 1 and of the ratio of gammas' limit.
     */
    @Test
    void aBetaDrawnFromAgainDrawsWhatDrawsBetaDraws() throws Exception {
        double[][] shapes = {{5, 30}, {30, 5}, {1.5, 2.5}, {Math.nextUp(1.0), 400}, {0.5, 3}, {3, 0.5}, {2e300, 4e300}};
        for (double[] ab : shapes) {
            Beta kept = new Beta(ab[0], ab[1]);
            Rng one = Rng.forRun(66, 0);
            Rng other = Rng.forRun(66, 0);
            for (int i = 0; i < 20_000; i++) {
                assertThat(kept.sample(one)).as("draw %d of %s", i, kept).isEqualTo(Draws.beta(other, ab[0], ab[1]));
            }
        }
        Beta shared = new Beta(7, 2.5);
        java.util.concurrent.Callable<Boolean> drawing = () -> {
            Rng one = Rng.forRun(67, Thread.currentThread().getId());
            Rng other = Rng.forRun(67, Thread.currentThread().getId());
            for (int i = 0; i < 200_000; i++) {
                if (shared.sample(one) != Draws.beta(other, 7, 2.5)) {
                    return false;
                }
            }
            return true;
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(drawing);
            var second = pool.submit(drawing);
            assertThat(first.get()).as("the first thread's draws").isTrue();
            assertThat(second.get()).as("the second thread's draws").isTrue();
        } finally {
            pool.shutdown();
        }
    }

    private static org.assertj.core.data.Offset<Double> offsetFor(double shape) {
        return org.assertj.core.data.Offset.offset(shape >= 1 ? 0.0 : 1e-12);
    }
}
