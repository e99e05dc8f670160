package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ariadne.core.Rng;
import dev.ariadne.core.testing.Quadrature;
import dev.ariadne.core.testing.StatTests;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Dirichlet and multivariate normal: closed forms, normalisation, and samplers through their marginals. */
class VectorDistributionsTest {

    private static final long SEED = 0x7EC7_0125L;
    private static final int DRAWS = 20_000;
    private static final double INF = Double.POSITIVE_INFINITY;

    // ---------------------------------------------------------------- Dirichlet

    @Test
    void dirichletMatchesHandClosedForm() {
        // Gamma(9) / (Gamma(2) Gamma(3) Gamma(4)) = 40320 / 12 = 3360.
        Dirichlet d = new Dirichlet(2, 3, 4);
        double[] x = {0.2, 0.3, 0.5};
        double expected = Math.log(3360) + Math.log(0.2) + 2 * Math.log(0.3) + 3 * Math.log(0.5);
        assertThat(d.logDensity(x)).isCloseTo(expected, offset(1e-12));
        // Dirichlet(1, 1, 1) is uniform on the 2-simplex, whose area in (x1, x2) coordinates is 1/2.
        assertThat(new Dirichlet(1, 1, 1).logDensity(x)).isCloseTo(Math.log(2), offset(1e-14));
        assertThat(d.support()).isEqualTo(Support.simplex(3));
        assertThat(d.dim()).isEqualTo(3);
        assertThat(d.toString()).isEqualTo("Dirichlet(alpha=[2.0, 3.0, 4.0])");
    }

    /** With two coordinates the Dirichlet is the Beta distribution of the first. */
    @ParameterizedTest
    @MethodSource("betaPairs")
    void twoCoordinateDirichletIsBeta(double a, double b) {
        Dirichlet d = new Dirichlet(a, b);
        BetaDistribution ref = BetaDistribution.of(a, b);
        for (double x : new double[] {1e-9, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999}) {
            double expected = ref.logDensity(x);
            assertThat(d.logDensity(new double[] {x, 1 - x})).as("x=%s", x)
                    .isCloseTo(expected, offset(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> betaPairs() {
        return Stream.of(org.junit.jupiter.params.provider.Arguments.of(1, 1),
                org.junit.jupiter.params.provider.Arguments.of(0.5, 2),
                org.junit.jupiter.params.provider.Arguments.of(3, 7.5),
                org.junit.jupiter.params.provider.Arguments.of(40, 0.9));
    }

    @Test
    void dirichletOutsideSimplexIsImpossible() {
        Dirichlet d = new Dirichlet(2, 3, 0.5);
        assertThat(d.logDensity(new double[] {0.5, 0.6, -0.1})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logDensity(new double[] {0.5, 0.6, 0.1})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logDensity(new double[] {0.5, 0.5})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logDensity(new double[] {0.5, Double.NaN, 0.5})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logDensity(null)).isEqualTo(Double.NEGATIVE_INFINITY);
        // Boundary limits: alpha > 1 at a zero entry gives density 0; only alpha < 1 zeros give +inf.
        assertThat(d.logDensity(new double[] {0, 0.5, 0.5})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logDensity(new double[] {0.5, 0.5, 0})).isEqualTo(Double.POSITIVE_INFINITY);
    }

    /**
     * Dirichlet(2, 3, 4) integrates to 1 over the triangle x1 + x2 <= 1 by nested double-exponential
     * quadrature. The integrand is a polynomial, so each level is accurate to ~1e-14; 1e-10 is a wide margin.
     */
    @Test
    void dirichletIntegratesToOne() {
        Dirichlet d = new Dirichlet(2, 3, 4);
        double total = Quadrature.integrate(x1 -> Quadrature.integrate(
                x2 -> Math.exp(d.logDensity(new double[] {x1, x2, Math.max(0, 1 - x1 - x2)})), 0, 1 - x1).value(),
                0, 1).value();
        assertThat(total).isCloseTo(1, offset(1e-10));
    }

    static Stream<double[]> dirichletAlphas() {
        return Stream.of(new double[] {0.3, 1, 2.5}, new double[] {5, 5, 5, 5}, new double[] {0.05, 0.1, 0.2},
                new double[] {50, 1});
    }

    /** Each coordinate is Beta(alpha_i, sum - alpha_i): KS per marginal; draws lie on the simplex. */
    @ParameterizedTest
    @MethodSource("dirichletAlphas")
    void dirichletMarginalsAreBeta(double[] alpha) {
        Dirichlet d = new Dirichlet(alpha);
        double sum = 0;
        for (double a : alpha) {
            sum += a;
        }
        Rng rng = Rng.forRun(SEED, (long) (alpha[0] * 1000) + alpha.length);
        double[][] marginals = new double[alpha.length][DRAWS];
        double[] x = new double[alpha.length];
        for (int i = 0; i < DRAWS; i++) {
            d.sample(rng, x);
            assertThat(d.support().contains(x)).as("draw on the simplex").isTrue();
            for (int j = 0; j < alpha.length; j++) {
                marginals[j][i] = x[j];
            }
        }
        double[] mean = d.mean();
        double[] var = d.variance();
        for (int j = 0; j < alpha.length; j++) {
            BetaDistribution beta = BetaDistribution.of(alpha[j], sum - alpha[j]);
            assertThat(StatTests.ksPValue(marginals[j], beta::cumulativeProbability)).as("marginal %d", j)
                    .isGreaterThan(StatTests.ALPHA);
            assertThat(mean[j]).isCloseTo(beta.getMean(), offset(1e-15));
            assertThat(var[j]).isCloseTo(beta.getVariance(), offset(1e-15));
        }
    }

    // ---------------------------------------------------------------- Multivariate normal

    @Test
    void diagonalNormalIsASumOfUnivariateNormals() {
        double[] mean = {1, -2, 0.5};
        double[] sd = {0.3, 2, 1};
        MultivariateNormal mvn = MultivariateNormal.diagonal(mean, sd);
        Rng rng = Rng.forRun(SEED, 1);
        for (int t = 0; t < 50; t++) {
            double[] x = new double[3];
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                x[i] = mean[i] + 4 * sd[i] * (rng.nextDouble() - 0.5);
                expected += NormalDistribution.of(mean[i], sd[i]).logDensity(x[i]);
            }
            assertThat(mvn.logDensity(x)).isCloseTo(expected, offset(1e-12 * Math.max(1, Math.abs(expected))));
        }
        assertThat(mvn.variance()).containsExactly(0.09, 4, 1);
        assertThat(mvn.support()).isEqualTo(Support.realVector(3));
        // The same distribution given as a full (diagonal) covariance.
        MultivariateNormal full = new MultivariateNormal(mean, new double[][] {{0.09, 0, 0}, {0, 4, 0}, {0, 0, 1}});
        double[] x = {0.7, -1, 2};
        assertThat(full.logDensity(x)).isCloseTo(mvn.logDensity(x), offset(1e-13));
    }

    /**
     * A diagonal one keeps only its sds (no matrix, no factors): its draw is still mean + sd z from the stream's
     * standard normals, bit for bit, and it equals, hashes and prints as the full form with the same covariance.
     */
    @Test
    void aDiagonalNormalDrawsAsItsCoordinatesAndEqualsItsFullForm() {
        double[] mean = {1, -2, 0.5};
        double[] sd = {0.3, 2, 1};
        MultivariateNormal mvn = MultivariateNormal.diagonal(mean, sd);
        Rng a = Rng.forRun(SEED, 5);
        Rng b = Rng.forRun(SEED, 5);
        double[] out = new double[3];
        for (int t = 0; t < 20; t++) {
            mvn.sample(a, out);
            double[] z = {b.standardNormal(), b.standardNormal(), b.standardNormal()};
            for (int i = 0; i < 3; i++) {
                assertThat(out[i]).isEqualTo(mean[i] + sd[i] * z[i]);
            }
        }
        MultivariateNormal full = new MultivariateNormal(mean, new double[][] {{0.09, 0, 0}, {0, 4, 0}, {0, 0, 1}});
        assertThat(mvn.covariance()).isDeepEqualTo(full.covariance());
        assertThat(mvn).isEqualTo(full);
        assertThat(full).isEqualTo(mvn);
        assertThat(mvn.hashCode()).isEqualTo(full.hashCode());
        assertThat(mvn.toString()).isEqualTo(full.toString());
        assertThat(mvn.mean()).containsExactly(mean);
        assertThat(mvn.dim()).isEqualTo(3);
    }

    /** The bivariate normal density in closed form, with correlation rho. */
    private static double bivariate(double[] m, double s1, double s2, double rho, double x1, double x2) {
        double z1 = (x1 - m[0]) / s1;
        double z2 = (x2 - m[1]) / s2;
        double q = (z1 * z1 - 2 * rho * z1 * z2 + z2 * z2) / (1 - rho * rho);
        return -Math.log(2 * Math.PI * s1 * s2 * Math.sqrt(1 - rho * rho)) - 0.5 * q;
    }

    @Test
    void fullNormalMatchesBivariateClosedForm() {
        double[] m = {1, -1};
        double s1 = 2;
        double s2 = 0.5;
        double rho = -0.7;
        double c = rho * s1 * s2;
        MultivariateNormal mvn = new MultivariateNormal(m, new double[][] {{s1 * s1, c}, {c, s2 * s2}});
        for (double x1 : new double[] {-5, -1, 0, 1, 2.5, 7}) {
            for (double x2 : new double[] {-3, -1, 0, 0.4, 2}) {
                double expected = bivariate(m, s1, s2, rho, x1, x2);
                assertThat(mvn.logDensity(new double[] {x1, x2})).as("(%s, %s)", x1, x2)
                        .isCloseTo(expected, offset(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
        assertThat(mvn.logDensity(new double[] {1, INF})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(mvn.logDensity(new double[] {1, Double.NaN})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(mvn.logDensity(new double[] {1})).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void fullNormalMatchesCommonsMathIn3d() {
        double[] m = {0.5, 1, -2};
        double[][] cov = {{2, 0.3, -0.5}, {0.3, 1, 0.2}, {-0.5, 0.2, 0.8}};
        MultivariateNormal mvn = new MultivariateNormal(m, cov);
        MultivariateNormalDistribution ref = new MultivariateNormalDistribution(m, cov);
        Rng rng = Rng.forRun(SEED, 2);
        for (int t = 0; t < 50; t++) {
            double[] x = {rng.nextDouble() * 6 - 3, rng.nextDouble() * 6 - 2, rng.nextDouble() * 6 - 5};
            double expected = Math.log(ref.density(x));
            assertThat(mvn.logDensity(x)).isCloseTo(expected, offset(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }

    /**
     * The bivariate density integrates to 1 (nested DE quadrature over the plane, centred at the mean with the
     * marginal sds as scales; analytic integrand, so 1e-10 is a wide margin).
     */
    @Test
    void fullNormalIntegratesToOne() {
        MultivariateNormal mvn = new MultivariateNormal(new double[] {1, -1}, new double[][] {{4, -0.7}, {-0.7, 0.25}});
        double total = Quadrature.integrateScaled(x1 -> Quadrature.integrateScaled(
                x2 -> Math.exp(mvn.logDensity(new double[] {x1, x2})), -1, 0.5, -INF, INF).value(),
                1, 2, -INF, INF).value();
        assertThat(total).isCloseTo(1, offset(1e-10));
    }

    /**
     * Draws from a correlated 3-d normal: every marginal and the linear combination w'x are normal with the implied
     * mean and variance (KS), and each sample covariance is within 5 standard errors, the standard error of a
     * Gaussian sample covariance being sqrt((S_ii S_jj + S_ij^2) / n).
     */
    @Test
    void fullNormalSamplerHasTheRightCovariance() {
        double[] m = {0.5, 1, -2};
        double[][] cov = {{2, 0.3, -0.5}, {0.3, 1, 0.2}, {-0.5, 0.2, 0.8}};
        double[] w = {1, -2, 0.5};
        MultivariateNormal mvn = new MultivariateNormal(m, cov);
        Rng rng = Rng.forRun(SEED, 3);
        double[][] xs = new double[DRAWS][];
        double[][] marginals = new double[3][DRAWS];
        double[] combo = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            xs[i] = mvn.sample(rng);
            for (int j = 0; j < 3; j++) {
                marginals[j][i] = xs[i][j];
                combo[i] += w[j] * xs[i][j];
            }
        }
        double comboMean = 0;
        double comboVar = 0;
        for (int i = 0; i < 3; i++) {
            comboMean += w[i] * m[i];
            for (int j = 0; j < 3; j++) {
                comboVar += w[i] * cov[i][j] * w[j];
            }
        }
        NormalDistribution comboRef = NormalDistribution.of(comboMean, Math.sqrt(comboVar));
        assertThat(StatTests.ksPValue(combo, comboRef::cumulativeProbability)).isGreaterThan(StatTests.ALPHA);
        double[] sampleMean = new double[3];
        for (int j = 0; j < 3; j++) {
            NormalDistribution ref = NormalDistribution.of(m[j], Math.sqrt(cov[j][j]));
            assertThat(StatTests.ksPValue(marginals[j], ref::cumulativeProbability)).isGreaterThan(StatTests.ALPHA);
            sampleMean[j] = StatTests.mean(marginals[j]);
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (double[] x : xs) {
                    s += (x[a] - sampleMean[a]) * (x[b] - sampleMean[b]);
                }
                double sampleCov = s / (DRAWS - 1);
                double se = Math.sqrt((cov[a][a] * cov[b][b] + cov[a][b] * cov[a][b]) / DRAWS);
                assertThat(sampleCov).as("cov[%d][%d]", a, b).isCloseTo(cov[a][b], offset(5 * se));
            }
        }
    }

    @Test
    void diagonalSamplerHasTheRightMarginals() {
        MultivariateNormal mvn = MultivariateNormal.diagonal(new double[] {3, -1}, new double[] {0.5, 4});
        Rng rng = Rng.forRun(SEED, 4);
        double[][] marginals = new double[2][DRAWS];
        double[] x = new double[2];
        for (int i = 0; i < DRAWS; i++) {
            mvn.sample(rng, x);
            marginals[0][i] = x[0];
            marginals[1][i] = x[1];
        }
        assertThat(StatTests.ksPValue(marginals[0], NormalDistribution.of(3, 0.5)::cumulativeProbability))
                .isGreaterThan(StatTests.ALPHA);
        assertThat(StatTests.ksPValue(marginals[1], NormalDistribution.of(-1, 4)::cumulativeProbability))
                .isGreaterThan(StatTests.ALPHA);
    }

    @Test
    void inputsAreCopied() {
        double[] mean = {0, 0};
        double[][] cov = {{1, 0.5}, {0.5, 1}};
        MultivariateNormal mvn = new MultivariateNormal(mean, cov);
        double before = mvn.logDensity(new double[] {0.3, 0.1});
        mean[0] = 10;
        cov[0][0] = 100;
        assertThat(mvn.logDensity(new double[] {0.3, 0.1})).isEqualTo(before);
        mvn.mean()[0] = 5;
        mvn.covariance()[0][0] = 5;
        assertThat(mvn.mean()).containsExactly(0, 0);
        assertThat(mvn.covariance()[0][0]).isEqualTo(1);
        double[] alpha = {1, 2};
        Dirichlet d = new Dirichlet(alpha);
        alpha[0] = 50;
        assertThat(d.alpha()).containsExactly(1, 2);
        assertThat(d).isEqualTo(new Dirichlet(1, 2));
    }
}
