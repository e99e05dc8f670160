package dev.ariadne.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.LogMath;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The four user-style workloads' exact log evidence, each computed two independent ways (deterministic, no false
 * failures): the value written in the workload's source must match both to 1e-11, so the two agree with each
 * other. Gauss-Hermite quadrature centred on the posterior mode and Gauss-Legendre on a box know different things
 * about the integrand (one is exact for a Gaussian, the other for polynomials on the box), so an error in either's
 * set-up would show as a disagreement; the poisson workload's closed form is checked by quadrature. The importance
 * sampling estimates in {@code WorkloadsTest} are a third check, to within their standard error.
 */
class ExactEvidenceTest {

    private static final Offset<Double> AGREE = Offset.offset(1e-11);

    static double logNormal(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return -0.5 * z * z - Math.log(sd) - LogMath.LOG_SQRT_2PI;
    }

    static double logGammaDensity(double x, double shape, double rate) {
        return shape * Math.log(rate) - LogMath.logGamma(shape) + (shape - 1) * Math.log(x) - rate * x;
    }

    /** log p(w, y) of the logistic regression. */
    static double logisticJoint(double[] w) {
        double lp = 0;
        for (double wj : w) {
            lp += logNormal(wj, 0, LogisticRegression.PRIOR_SD);
        }
        for (int i = 0; i < LogisticRegression.N; i++) {
            double eta = w[0] + w[1] * LogisticRegression.X1[i] + w[2] * LogisticRegression.X2[i];
            lp += LogMath.logSigmoid(LogisticRegression.OUTCOME[i] ? eta : -eta);
        }
        return lp;
    }

    @Test
    void logisticRegression() {
        EvidenceQuadrature.Laplace l = new EvidenceQuadrature.Laplace(ExactEvidenceTest::logisticJoint,
                new double[3]);
        assertThat(l.hermite(20)).as("Gauss-Hermite").isCloseTo(LogisticRegression.EXACT_LOG_Z, AGREE);
        assertThat(l.legendre(20, 2, 10)).as("Gauss-Legendre").isCloseTo(LogisticRegression.EXACT_LOG_Z, AGREE);
    }

    /** log p(mu_0, mu_1, s, y) of the mixture, the assignments summed out, pi_0 = sigmoid(s) (with its Jacobian). */
    static double mixtureJoint(double[] x) {
        double mu0 = x[0];
        double mu1 = x[1];
        double logPi0 = LogMath.logSigmoid(x[2]);
        double logPi1 = LogMath.logSigmoid(-x[2]);
        // Dirichlet(1, 1) has density 1 in pi_0, and d pi_0 / d s = pi_0 pi_1.
        double lp = logNormal(mu0, Mixture.PRIOR_MEAN[0], 1) + logNormal(mu1, Mixture.PRIOR_MEAN[1], 1) + logPi0
                + logPi1;
        for (double y : Mixture.Y) {
            lp += LogMath.logAddExp(logPi0 + logNormal(y, mu0, Mixture.SIGMA),
                    logPi1 + logNormal(y, mu1, Mixture.SIGMA));
        }
        return lp;
    }

    /**
     * The mixture's posterior has two modes: the labelling the priors favour, and the swapped one (mu_0 near 2,
     * mu_1 near -2), which carries e^-11.14 = 1.4e-5 of the evidence. On a grid over the prior's range (mu_k in
     * [-5, 5] by 0.25, logit pi_0 in [-4, 4] by 0.5) every local maximum lies next to one of the two; the evidence
     * is the sum over the two modes, each integrated by both rules.
     */
    @Test
    void mixture() {
        EvidenceQuadrature.Laplace favoured = new EvidenceQuadrature.Laplace(ExactEvidenceTest::mixtureJoint,
                new double[] {-2, 2, 0});
        EvidenceQuadrature.Laplace swapped = new EvidenceQuadrature.Laplace(ExactEvidenceTest::mixtureJoint,
                new double[] {2, -2, 0});
        for (double[] max : gridMaxima(ExactEvidenceTest::mixtureJoint, new double[] {-5, -5, -4},
                new double[] {0.25, 0.25, 0.5}, new int[] {41, 41, 17})) {
            assertThat(near(max, favoured.mode) || near(max, swapped.mode)).as("a local maximum at %s",
                    java.util.Arrays.toString(max)).isTrue();
        }
        double hermite = LogMath.logAddExp(favoured.hermite(20), swapped.hermite(20));
        double legendre = LogMath.logAddExp(favoured.legendre(20, 2, 10), swapped.legendre(20, 2, 10));
        assertThat(hermite).as("Gauss-Hermite").isCloseTo(Mixture.EXACT_LOG_Z, AGREE);
        assertThat(legendre).as("Gauss-Legendre").isCloseTo(Mixture.EXACT_LOG_Z, AGREE);
    }

    private static boolean near(double[] gridPoint, double[] mode) {
        return Math.abs(gridPoint[0] - mode[0]) <= 0.5 && Math.abs(gridPoint[1] - mode[1]) <= 0.5
                && Math.abs(gridPoint[2] - mode[2]) <= 1;
    }

    /** The points of a 3-dimensional grid where f is at least its value at all 26 neighbours. */
    private static List<double[]> gridMaxima(java.util.function.ToDoubleFunction<double[]> f, double[] lo,
                                             double[] step, int[] n) {
        double[][][] v = new double[n[0]][n[1]][n[2]];
        for (int i = 0; i < n[0]; i++) {
            for (int j = 0; j < n[1]; j++) {
                for (int k = 0; k < n[2]; k++) {
                    v[i][j][k] = f.applyAsDouble(new double[] {lo[0] + i * step[0], lo[1] + j * step[1],
                        lo[2] + k * step[2]});
                }
            }
        }
        List<double[]> maxima = new ArrayList<>();
        for (int i = 0; i < n[0]; i++) {
            for (int j = 0; j < n[1]; j++) {
                for (int k = 0; k < n[2]; k++) {
                    boolean max = true;
                    for (int di = -1; di <= 1 && max; di++) {
                        for (int dj = -1; dj <= 1 && max; dj++) {
                            for (int dk = -1; dk <= 1 && max; dk++) {
                                int a = i + di;
                                int b = j + dj;
                                int c = k + dk;
                                if ((di != 0 || dj != 0 || dk != 0) && a >= 0 && a < n[0] && b >= 0 && b < n[1]
                                        && c >= 0 && c < n[2] && v[a][b][c] > v[i][j][k]) {
                                    max = false;
                                }
                            }
                        }
                    }
                    if (max) {
                        maxima.add(new double[] {lo[0] + i * step[0], lo[1] + j * step[1], lo[2] + k * step[2]});
                    }
                }
            }
        }
        return maxima;
    }

    @Test
    void poisson() {
        double closed = 0;
        double quadrature = 0;
        double a = PoissonGroups.PRIOR_SHAPE;
        double b = PoissonGroups.PRIOR_RATE;
        for (int[] counts : PoissonGroups.COUNTS) {
            int total = 0;
            double logFactorials = 0;
            for (int y : counts) {
                total += y;
                logFactorials += LogMath.logFactorial(y);
            }
            int n = counts.length;
            closed += a * Math.log(b) - LogMath.logGamma(a) + LogMath.logGamma(a + total)
                    - (a + total) * Math.log(b + n) - logFactorials;
            // Over u = log(rate), with the Jacobian e^u; the integrand is negligible outside [-8, 5].
            quadrature += EvidenceQuadrature.legendre1d(u -> {
                double rate = Math.exp(u);
                double lp = logGammaDensity(rate, a, b) + u;
                for (int y : counts) {
                    lp += y * u - rate - LogMath.logFactorial(y);
                }
                return lp;
            }, -8, 5, 40, 20);
        }
        assertThat(closed).as("closed form").isCloseTo(PoissonGroups.EXACT_LOG_Z, AGREE);
        assertThat(quadrature).as("Gauss-Legendre").isCloseTo(PoissonGroups.EXACT_LOG_Z, AGREE);
    }

    /** log p(log a, log b, y) of the beta-binomial, the thetas integrated out. */
    static double betaBinomialJoint(double[] x) {
        double a = Math.exp(x[0]);
        double b = Math.exp(x[1]);
        double lp = logGammaDensity(a, BetaBinomial.PRIOR_SHAPE, BetaBinomial.PRIOR_RATE)
                + logGammaDensity(b, BetaBinomial.PRIOR_SHAPE, BetaBinomial.PRIOR_RATE) + x[0] + x[1];
        for (int j = 0; j < BetaBinomial.GROUPS; j++) {
            int n = BetaBinomial.TRIALS[j];
            int k = BetaBinomial.SUCCESSES[j];
            lp += LogMath.logChoose(n, k) + LogMath.logBeta(a + k, b + n - k) - LogMath.logBeta(a, b);
        }
        return lp;
    }

    /** In (log a, log b) the posterior is a banana (correlation 0.83), so the Hermite rule needs 60 nodes. */
    @Test
    void betaBinomial() {
        EvidenceQuadrature.Laplace l = new EvidenceQuadrature.Laplace(ExactEvidenceTest::betaBinomialJoint,
                new double[] {1, 1.5});
        assertThat(l.hermite(60)).as("Gauss-Hermite").isCloseTo(BetaBinomial.EXACT_LOG_Z, AGREE);
        assertThat(l.legendre(40, 4, 12)).as("Gauss-Legendre").isCloseTo(BetaBinomial.EXACT_LOG_Z, AGREE);
    }
}
