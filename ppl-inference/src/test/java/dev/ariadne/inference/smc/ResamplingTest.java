package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every resampling scheme draws particle i N W_i times in expectation (what keeps SMC's evidence estimate
 * unbiased), never draws a particle of weight 0, and returns the ancestors in increasing order; systematic and
 * residual resampling keep their deterministic parts exactly.
 */
class ResamplingTest {

    static final double[] WEIGHTS = {0.7, 0.0, 2.3, 0.05, 1.1, 0.0, 3.0, 0.4, 1.45, 0.0};
    static final int N = WEIGHTS.length;
    static final int REPS = 20_000;

    static double total() {
        double s = 0;
        for (double w : WEIGHTS) {
            s += w;
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Resampling.class)
    void drawsEachParticleInProportionToItsWeight(Resampling scheme) {
        double total = total();
        double[] sum = new double[N];
        double[] sumSq = new double[N];
        int[] a = new int[N];
        for (int r = 0; r < REPS; r++) {
            scheme.draw(WEIGHTS, total, N, Rng.forRun(31, r), a);
            int[] count = new int[N];
            for (int k = 0; k < N; k++) {
                if (k > 0) {
                    assertThat(a[k]).as("ancestors increase").isGreaterThanOrEqualTo(a[k - 1]);
                }
                assertThat(WEIGHTS[a[k]]).as("never a particle of weight 0").isPositive();
                count[a[k]]++;
            }
            for (int i = 0; i < N; i++) {
                double expected = N * WEIGHTS[i] / total;
                if (scheme == Resampling.SYSTEMATIC) {
                    assertThat(count[i]).isBetween((int) Math.floor(expected), (int) Math.ceil(expected));
                } else if (scheme == Resampling.RESIDUAL) {
                    assertThat(count[i]).isGreaterThanOrEqualTo((int) Math.floor(expected));
                }
                sum[i] += count[i];
                sumSq[i] += (double) count[i] * count[i];
            }
        }
        for (int i = 0; i < N; i++) {
            double mean = sum[i] / REPS;
            double var = Math.max(0, sumSq[i] / REPS - mean * mean) * REPS / (REPS - 1.0);
            double se = Math.sqrt(var / REPS);
            double expected = N * WEIGHTS[i] / total;
            assertThat(Math.abs(mean - expected)).as("%s, particle %d: mean count %s vs N W = %s (se %s)", scheme, i,
                    mean, expected, se).isLessThanOrEqualTo(5 * se + 1e-12);
        }
    }

    @Test
    void multinomialCountsVaryAsTheMultinomialDoes() {
        // Var(count_i) = N W_i (1 - W_i) = 1.90 for particle 2 under multinomial resampling; systematic resampling
        // gives 0.25 (the count is 2 or 3), so a scheme that were secretly systematic fails. The tolerance 0.15 is
        // about 8 standard errors of the sample variance (sd ~ 1.9 sqrt(2 / 20000) = 0.019).
        double total = total();
        int[] a = new int[N];
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < REPS; r++) {
            Resampling.MULTINOMIAL.draw(WEIGHTS, total, N, Rng.forRun(32, r), a);
            int c = 0;
            for (int k = 0; k < N; k++) {
                c += a[k] == 2 ? 1 : 0;
            }
            sum += c;
            sumSq += (double) c * c;
        }
        double w = WEIGHTS[2] / total;
        double mean = sum / REPS;
        double var = sumSq / REPS - mean * mean;
        assertThat(var).isCloseTo(N * w * (1 - w), org.assertj.core.data.Offset.offset(0.15));
    }
}
