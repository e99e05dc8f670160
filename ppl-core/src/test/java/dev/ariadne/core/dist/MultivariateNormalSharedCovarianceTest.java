package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Rng;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * A MultivariateNormal made at each observation with one covariance and a new mean (correlated noise around a
 * regression) reuses the Cholesky factor, its inverse and the log normaliser of the last covariance its thread
 * made one with. Before, each one validated, factored twice and inverted the covariance again (about 500 B and
 * 90 ns an observation in two dimensions). The first test fails on that code (each factor is new); the others
 * check that what is reused is what factoring afresh gives, bit for bit, and that a covariance changed in place or
 * invalid is never taken for the last one.
 */
class MultivariateNormalSharedCovarianceTest {

    private static Object held(MultivariateNormal d, String field) throws ReflectiveOperationException {
        Field f = MultivariateNormal.class.getDeclaredField(field);
        f.setAccessible(true);
        return f.get(d);
    }

    @Test
    void aCovarianceMadeAgainSharesItsFactors() throws Exception {
        double[][] cov = {{1, 0.5}, {0.5, 1}};
        MultivariateNormal first = new MultivariateNormal(new double[] {0, 0}, cov);
        for (int i = 0; i < 100; i++) {
            MultivariateNormal d = new MultivariateNormal(new double[] {i, -i}, cov);
            assertThat(held(d, "chol")).isSameAs(held(first, "chol"));
            assertThat(held(d, "cholInv")).isSameAs(held(first, "cholInv"));
            assertThat(d.mean()).containsExactly(i, -i);
        }
        double[][] copy = {{1, 0.5}, {0.5, 1}}; // another matrix with the same entries
        assertThat(held(new MultivariateNormal(new double[] {1, 2}, copy), "chol")).isSameAs(held(first, "chol"));
    }

    @Test
    void twoCovariancesTakingTurnsEachShareTheirFactors() throws Exception {
        double[][] prior = {{100, 0}, {0, 100}};
        double[][] noise = {{1, 0.6}, {0.6, 2}};
        MultivariateNormal firstPrior = new MultivariateNormal(new double[] {0, 0}, prior);
        MultivariateNormal firstNoise = new MultivariateNormal(new double[] {1, 1}, noise);
        for (int run = 0; run < 5; run++) {
            MultivariateNormal p = new MultivariateNormal(new double[] {0, run}, prior);
            assertThat(held(p, "cholInv")).isSameAs(held(firstPrior, "cholInv"));
            for (int i = 0; i < 3; i++) {
                MultivariateNormal n = new MultivariateNormal(new double[] {i, run}, noise);
                assertThat(held(n, "cholInv")).isSameAs(held(firstNoise, "cholInv"));
                assertThat(n.mean()).containsExactly(i, run);
            }
        }
        // A third covariance pushes out the one used least recently, which is then factored again.
        new MultivariateNormal(new double[] {0, 0}, new double[][] {{4, 0}, {0, 4}});
        assertThat(held(new MultivariateNormal(new double[] {0, 0}, noise), "cholInv"))
                .isSameAs(held(firstNoise, "cholInv"));
        assertThat(held(new MultivariateNormal(new double[] {0, 0}, prior), "cholInv"))
                .isNotSameAs(held(firstPrior, "cholInv"));
        // The earlier of the two, changed in place by its caller, is not taken for what it was.
        double[][] changing = {{1, 0.5}, {0.5, 1}};
        double[] x = {0.3, -0.2};
        MultivariateNormal before = new MultivariateNormal(new double[] {0, 0}, changing);
        new MultivariateNormal(new double[] {0, 0}, noise);
        changing[0][1] = changing[1][0] = -0.5;
        MultivariateNormal after = new MultivariateNormal(new double[] {0, 0}, changing);
        double q = (x[0] * x[0] + x[0] * x[1] + x[1] * x[1]) / 0.75;
        assertThat(after.logDensity(x)).isCloseTo(-Math.log(2 * Math.PI) - 0.5 * Math.log(0.75) - 0.5 * q,
                org.assertj.core.api.Assertions.within(1e-14));
        assertThat(after.logDensity(x)).isNotEqualTo(before.logDensity(x));
    }

    @Test
    void diagonalOnesMadeAgainWithTheirSdsShareTheirReciprocalsAndGiveTheNumbersOfFreshOnes() throws Exception {
        double[] sd = {0.5, 2.0, 1.25};
        double[] other = {1, 1, 1};
        double[] x = {0.1, -0.7, 1.9};
        MultivariateNormal first = MultivariateNormal.diagonal(new double[] {0, 1, 2}, sd);
        MultivariateNormal shared = MultivariateNormal.diagonal(new double[] {3, 1, 2}, sd.clone());
        assertThat(held(shared, "inverseSd")).isSameAs(held(first, "inverseSd"));
        MultivariateNormal.diagonal(new double[] {0, 0, 0}, other); // the thread's sds are now others
        MultivariateNormal fresh = MultivariateNormal.diagonal(new double[] {3, 1, 2}, sd);
        assertThat(held(fresh, "inverseSd")).isNotSameAs(held(first, "inverseSd"));
        MultivariateNormal again = MultivariateNormal.diagonal(new double[] {3, 1, 2}, sd);
        for (MultivariateNormal d : new MultivariateNormal[] {shared, again}) {
            assertThat(d.logDensity(x)).isEqualTo(fresh.logDensity(x));
            assertThat(d).isEqualTo(fresh);
            assertThat(d.variance()).containsExactly(0.25, 4.0, 1.5625);
            double[] out = new double[3];
            double[] expected = new double[3];
            d.sample(Rng.forRun(5, 2), out);
            fresh.sample(Rng.forRun(5, 2), expected);
            assertThat(out).containsExactly(expected);
        }
        double logN = -3 * Math.log(Math.sqrt(2 * Math.PI)) - (Math.log(0.5) + Math.log(2.0) + Math.log(1.25));
        double q = Math.pow((0.1 - 3) / 0.5, 2) + Math.pow((-0.7 - 1) / 2.0, 2) + Math.pow((1.9 - 2) / 1.25, 2);
        assertThat(fresh.logDensity(x)).isCloseTo(logN - 0.5 * q, org.assertj.core.api.Assertions.within(1e-13));
        // The caller's sds changed in place: the held copy is not taken for them; bad sds are refused as before.
        sd[1] = 3.0;
        assertThat(MultivariateNormal.diagonal(new double[] {0, 0, 0}, sd).variance())
                .containsExactly(0.25, 9.0, 1.5625);
        assertThatThrownBy(() -> MultivariateNormal.diagonal(new double[] {0, 0, 0}, new double[] {1, -1, 1}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("sd[1]");
        assertThatThrownBy(() -> MultivariateNormal.diagonal(new double[] {0, 0, 0}, new double[] {1, 1}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("sd.length");
        assertThatThrownBy(() -> MultivariateNormal.diagonal(new double[] {0, 0, 0}, null))
                .isInstanceOf(ParameterException.class);
        assertThat(MultivariateNormal.diagonal(new double[] {0, 0, 0}, sd).variance())
                .containsExactly(0.25, 9.0, 1.5625);
    }

    @Test
    void reusedFactorsGiveTheDensitiesAndDrawsOfFreshOnes() {
        double[][] a = {{2, 0.3, -0.4}, {0.3, 1.5, 0.2}, {-0.4, 0.2, 1}};
        double[][] b = {{1, 0}, {0, 1}};
        double[] mean = {0.5, -1, 2};
        double[] x = {0.1, 0.7, 1.9};
        MultivariateNormal fresh = new MultivariateNormal(mean, a);
        new MultivariateNormal(new double[] {0, 0}, b); // two other covariances in between: the next one factors again
        new MultivariateNormal(new double[] {0}, new double[][] {{3}});
        MultivariateNormal again = new MultivariateNormal(mean, a);
        MultivariateNormal reused = new MultivariateNormal(mean, a);
        for (MultivariateNormal d : new MultivariateNormal[] {again, reused}) {
            assertThat(d.logDensity(x)).isEqualTo(fresh.logDensity(x));
            assertThat(d.covariance()).isDeepEqualTo(fresh.covariance());
            assertThat(d).isEqualTo(fresh);
            double[] out = new double[3];
            double[] expected = new double[3];
            d.sample(Rng.forRun(3, 1), out);
            fresh.sample(Rng.forRun(3, 1), expected);
            assertThat(out).containsExactly(expected);
        }
    }

    @Test
    void aCovarianceChangedInPlaceOrInvalidIsNeverTakenForTheLast() {
        double[][] cov = {{1, 0.5}, {0.5, 1}};
        double[] x = {0.3, -0.2};
        MultivariateNormal before = new MultivariateNormal(new double[] {0, 0}, cov);
        cov[0][1] = cov[1][0] = -0.5; // the caller's matrix, changed in place: the one held is a copy
        MultivariateNormal after = new MultivariateNormal(new double[] {0, 0}, cov);
        double q = (x[0] * x[0] + x[0] * x[1] + x[1] * x[1]) / 0.75; // x' inverse(cov) x with cov's off-diagonal -0.5
        assertThat(after.logDensity(x)).isCloseTo(-Math.log(2 * Math.PI) - 0.5 * Math.log(0.75) - 0.5 * q,
                org.assertj.core.api.Assertions.within(1e-14));
        assertThat(after.logDensity(x)).isNotEqualTo(before.logDensity(x));
        assertThatThrownBy(() -> new MultivariateNormal(new double[] {0, 0}, new double[][] {{1, 0.5}, {Double.NaN, 1}}))
                .isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> new MultivariateNormal(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(ParameterException.class).hasMessageContaining("positive definite");
        assertThatThrownBy(() -> new MultivariateNormal(new double[] {0, 0, 0}, cov))
                .isInstanceOf(ParameterException.class).hasMessageContaining("3x3");
        assertThatThrownBy(() -> new MultivariateNormal(new double[] {0, Double.NaN}, cov))
                .isInstanceOf(ParameterException.class).hasMessageContaining("mean");
        assertThat(new MultivariateNormal(new double[] {0, 0}, cov).logDensity(x)).isEqualTo(after.logDensity(x));
    }

    /**
     * A new covariance (a Gaussian process whose kernel's lengthscale is drawn in each run) is copied once and
     * factored once. Before, it was copied twice (the validated copy and the copy kept to compare the next one with)
     * and factored twice (the definiteness check's factor was thrown away): about 13 KB and two Cholesky
     * factorisations a construction at d = 20, against 7.8 KB now (one copy, the factor and its inverse, each
     * about d^2 / 2 doubles, and the mean's copy). The bound, 2.75 d^2 doubles, fails on that code.
     */
    @Test
    void aNewCovarianceIsCopiedOnceAndFactoredOnce() throws Exception {
        var bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        int d = 20;
        double[][][] kernels = {kernel(d, 0.2), kernel(d, 0.3)};
        double[] mean = new double[d];
        double sink = 0;
        for (int i = 0; i < 2_000; i++) { // warm up: two covariances taking turns, each new to the thread
            sink += new MultivariateNormal(mean, kernels[i & 1]).logDensity(mean);
        }
        int n = 1_000;
        long before = sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < n; i++) {
            sink += new MultivariateNormal(mean, kernels[i & 1]).logDensity(mean);
        }
        long perConstruction = (sun.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / n;
        assertThat(sink).isFinite();
        assertThat(perConstruction).as("bytes a construction with a new covariance").isLessThan(
                (long) (2.75 * d * d * Double.BYTES));
        // and the factor is the matrix's own, its log normaliser taken from it
        double[][] k = kernel(d, 0.2);
        MultivariateNormal fresh = new MultivariateNormal(mean, k);
        double[][] l = Check.cholesky("test", "k", k);
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += Math.log(l[i][i]);
        }
        assertThat((double[][]) held(fresh, "chol")).isDeepEqualTo(l);
        assertThat(fresh.covariance()).isDeepEqualTo(k);
        assertThat(fresh.logDensity(new double[d])).isEqualTo(-d * Numerics.LN_SQRT_2PI - logDet);
    }

    /**
     * A covariance symmetric only to a rounding (a product such as A A') made again shares its factors: the matrix
     * compared with the next one is the caller's as given, not its symmetrised copy, which it never equals (an
     * equivalence guard against comparing with the copy, which factored such a covariance at every construction).
     */
    @Test
    void aCovarianceSymmetricToARoundingMadeAgainSharesItsFactors() throws Exception {
        double off = 0.3;
        double[][] cov = {{2, off}, {Math.nextUp(off), 1}};
        MultivariateNormal first = new MultivariateNormal(new double[] {0, 0}, cov);
        MultivariateNormal again = new MultivariateNormal(new double[] {1, 1}, cov);
        assertThat(held(again, "chol")).isSameAs(held(first, "chol"));
        assertThat(again.covariance()[0][1]).isEqualTo(again.covariance()[1][0]);
    }

    private static double[][] kernel(int d, double ell) {
        double[][] k = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double dx = (i - j) / (double) d;
                k[i][j] = Math.exp(-0.5 * dx * dx / (ell * ell)) + (i == j ? 0.09 : 0);
            }
        }
        return k;
    }
}
