package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import org.junit.jupiter.api.Test;

/**
 * A Categorical made from logits draws by inverting the running sums of {@code exp(l_i - max l)} scaled by their
 * total, as one made from weights inverts its weights' sums: its draws follow the softmax, an index of logit
 * {@code -inf} is never drawn, and the largest logit's index is drawn however large the logits.
 */
class CategoricalFromLogitsTest {

    private static final int DRAWS = 400_000;

    private static double[] frequencies(Categorical c, long seed) {
        Rng rng = Rng.forRun(seed, 0);
        double[] f = new double[c.size()];
        for (int i = 0; i < DRAWS; i++) {
            f[c.sample(rng)] += 1.0 / DRAWS;
        }
        return f;
    }

    private static void assertFollows(double[] f, double[] p) {
        for (int k = 0; k < p.length; k++) {
            double se = Math.sqrt(p[k] * (1 - p[k]) / DRAWS);
            if (p[k] == 0) {
                assertThat(f[k]).as("frequency of index %d, of probability 0", k).isZero();
            } else {
                assertThat(Math.abs(f[k] - p[k])).as("frequency %s of index %d against %s", f[k], k, p[k])
                        .isLessThan(5 * se);
            }
        }
    }

    private static double[] softmax(double... l) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : l) {
            max = Math.max(max, x);
        }
        double sum = 0;
        double[] p = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            p[i] = Math.exp(l[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < l.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void drawsFollowTheSoftmaxBelowAndAboveTheScanLimit() {
        double[] few = {0.3, -1, 2, Double.NEGATIVE_INFINITY, 1};
        assertFollows(frequencies(Categorical.ofLogits(few), 3), softmax(few));
        double[] many = new double[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = Math.sin(i) * 2;
        }
        many[7] = Double.NEGATIVE_INFINITY;
        assertFollows(frequencies(Categorical.ofLogits(many), 4), softmax(many));
    }

    @Test
    void hugeAndTinyLogitsDrawTheirSoftmax() {
        assertFollows(frequencies(Categorical.ofLogits(1e300, 1e300, 1e300), 5),
                new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
        assertFollows(frequencies(Categorical.ofLogits(-1e300, -1e300), 6), new double[] {0.5, 0.5});
        assertFollows(frequencies(Categorical.ofLogits(0, 800, 800 + Math.log(3)), 7),
                new double[] {0, 0.25, 0.75});
    }

    @Test
    void theLogMassesAreTheSoftmaxsLogs() {
        double[] l = {0.3, -1, 2, Double.NEGATIVE_INFINITY, 1};
        Categorical c = Categorical.ofLogits(l);
        double[] p = softmax(l);
        for (int k = 0; k < l.length; k++) {
            assertThat(c.logMass(k)).isCloseTo(Math.log(p[k]), org.assertj.core.api.Assertions.offset(1e-14));
        }
        assertThat(c.probabilities()).containsExactly(p, org.assertj.core.api.Assertions.offset(1e-15));
    }
}
