package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

/**
 * Gamma and Beta densities at large shapes, where the usual form cancels: a new user found Gamma(1e15, 1e15) at 1
 * read 12.0 against an exact 16.35, and Beta(1e20, 1e20) at 1/2 read 0 against 23.15.
 */
class LargeShapesTest {

    /**
     * Commons Statistics' Gamma density does not cancel at these shapes; its figures agree with mpmath's. Both are
     * held to what the point allows: near the mode of Gamma(1e15, 1e15) one ulp of x moves the log density by 3e-8.
     */
    @Test
    void gammaAtLargeShapesAgreesWithTheReference() {
        for (double shape : new double[] {1e6, 3e7, 1e9, 1e12, 1e15, 1e16, 1e20}) {
            for (double rate : new double[] {1e-3, 1, shape}) {
                double mean = shape / rate;
                for (double z : new double[] {-3, -0.5, 0, 1, 4}) {
                    double x = mean * (1 + z / Math.sqrt(shape));
                    double reference = GammaDistribution.of(shape, 1 / rate).logDensity(x);
                    // The density's own sensitivity to x: an ulp of x moves it by its slope times that ulp.
                    double conditioning = Math.abs((shape - 1) / x - rate) * Math.ulp(x);
                    assertThat(new Gamma(shape, rate).logDensity(x)).as("Gamma(%s, %s) at %s", shape, rate, x)
                            .isCloseTo(reference, offset(1e-9 * Math.max(1, Math.abs(reference)) + 4 * conditioning));
                }
            }
        }
        assertThat(new Gamma(1e15, 1e15).logDensity(1)).isCloseTo(16.350449664250668, offset(1e-9));
        assertThat(new Gamma(1e15, 1).logDensity(1e15)).isCloseTo(-18.188326730660016, offset(1e-9));
        assertThat(new Gamma(1e15, 1).logDensity(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * One shape tiny and the other huge, where the ratio of their sum to a shape leaves the doubles: these read NaN
     * (an adversarial tester). Values from mpmath at 1,300 digits (fewer lose 1 - 1e-300), of the log-gamma definitions.
     */
    @Test
    void aTinyShapeBesideAHugeOneHasItsExactDensity() {
        double[][] beta = {{1e-300, 1e10, 0.5, -6931472494.9886866313}, {1e-300, 1e300, 0.5, -6.9314718055994534581e299},
            {1e-150, 1e300, 1e-300, 344.38776394910685251}, {0.5, 1.7e308, 1e-300, -169999300.32118254535},
            {1e10, 1e-300, 0.5, -6931472494.9886866313}, {1e-5, 1.7e308, 0.25, -4.8905952316802755905e307}};
        for (double[] b : beta) {
            assertThat(new Beta(b[0], b[1]).logDensity(b[2])).as("Beta(%s, %s) at %s", b[0], b[1], b[2])
                    .isCloseTo(b[3], offset(1e-12 * Math.max(1, Math.abs(b[3]))));
        }
        assertThat(new Gamma(1e7, 1e300).logDensity(1e-300)).isCloseTo(-151180259.59394601495,
                offset(1e-12 * 151180259.59394601495));
    }

    /**
     * Beta(a, a) at 1/2 is {@code log 2 - log(pi) / 2 + log Gamma(a + 1/2) - log Gamma(a)} (Legendre's duplication),
     * and the log-gamma difference is {@code log(a) / 2 - 1/(8a) + 1/(192 a^3)} to far below an ulp at these a.
     */
    /**
     * Far out in a tail, where the ratio to the mean is tiny: the form in t = r - 1 kept two of x's digits at
     * r = 1e-14 (Gamma(1e9, 1) at 1e-5 read 8e5 nats off) and none where t rounds to -1 (Gamma(1e7, 1) at 1e-10 and
     * Beta(1e6, 2) at 1e-20 read -infinity inside the support; an adversarial tester). Values from mpmath at 50
     * digits, of the log-gamma definitions.
     */
    @Test
    void farTailsAgreeWithFiftyDigitValues() {
        double[][] gamma = {{1e9, 1, 1e-5, -31236191280.961029644}, {1e7, 1, 1e-5, -266310192.50626073235},
            {1e7, 1, 1e-10, -381439435.64302755214}, {1e7, 1, 3e7, -9013887.1899175587713},
            {2e6, 3, 1e-300, -1406370449.5852214372}};
        for (double[] g : gamma) {
            assertThat(new Gamma(g[0], g[1]).logDensity(g[2])).as("Gamma(%s, %s) at %s", g[0], g[1], g[2])
                    .isCloseTo(g[3], offset(1e-12 * Math.abs(g[3])));
        }
        double[][] beta = {{1e6, 2, 1e-20, -46051628.177156937926}, {1e6, 2, 0.999999, 12.815512057963940771},
            {3, 1e7, 0.5, -6931424.8376065613391}, {1e7, 1e7, 1e-3, -55224600.479666830649}};
        for (double[] b : beta) {
            assertThat(new Beta(b[0], b[1]).logDensity(b[2])).as("Beta(%s, %s) at %s", b[0], b[1], b[2])
                    .isCloseTo(b[3], offset(1e-12 * Math.max(1, Math.abs(b[3]))));
        }
    }

    @Test
    void symmetricBetaAtOneHalfHasItsExactValue() {
        for (double a : new double[] {1e6, 1e9, 1e12, 1e20, 1e300}) {
            double exact = Math.log(2) - 0.5 * Math.log(Math.PI) + 0.5 * Math.log(a) - 1 / (8 * a)
                    + 1 / (192 * a * a * a);
            assertThat(new Beta(a, a).logDensity(0.5)).as("Beta(%s, %s) at 1/2", a, a)
                    .isCloseTo(exact, offset(1e-12 * Math.abs(exact)));
        }
    }

    /** The two forms meet at the threshold; Beta with one small shape and the ends keep their usual values. */
    @Test
    void theFormsAgreeWhereBothHoldAndTheEndsAreUnchanged() {
        double below = Math.nextDown(LargeShapes.THRESHOLD);
        double above = Math.nextUp(LargeShapes.THRESHOLD);
        for (double x : new double[] {0.999 * below, below, 1.002 * below}) {
            assertThat(new Gamma(above, 1).logDensity(x)).isCloseTo(new Gamma(below, 1).logDensity(x), offset(1e-8));
        }
        assertThat(new Beta(above / 2, above / 2).logDensity(0.5001))
                .isCloseTo(new Beta(below / 2, below / 2).logDensity(0.5001), offset(1e-8));
        // Beta(2e6, 3) against its definition in log-gammas (no cancellation beyond 1e-9 here).
        double a = 2e6;
        double b = 3;
        double x = 0.9999985;
        double direct = LogMath.logGamma(a + b) - LogMath.logGamma(a) - LogMath.logGamma(b) + (a - 1) * Math.log(x)
                + (b - 1) * Math.log1p(-x);
        assertThat(new Beta(a, b).logDensity(x)).isCloseTo(direct, offset(1e-7));
        assertThat(new Beta(a, b).logDensity(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Beta(a, b).logDensity(1)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * A NegativeBinomial of large r (near its Poisson limit, p = 1 - 5 / r) against 60-digit values with the same
     * double p (an outside tester, mpmath): log Gamma(k + r) - log Gamma(r) cancelled, 0.1 nats off at r = 1e14, and
     * the masses summed to 9.7 at 3e14, so that a model of counts read log P(e) = +43 and a lower bound of 1e16.
     */
    @Test
    void aNegativeBinomialOfLargeRHasItsExactMasses() {
        double[] rs = {1e10, 1e12, 1e13, 1e14, 1e15};
        double[] at5 = {-1.7403021808615615, -1.7403021806140613, -1.7403022003689073, -1.7403037785757571,
            -1.7403037785757347};
        double[] at10 = {-4.010033031782691, -4.010033035000191, -4.0095889853337825, -4.014033033849358,
            -4.014033033849651};
        for (int i = 0; i < rs.length; i++) {
            NegativeBinomial nb = new NegativeBinomial(rs[i], 1 - 5.0 / rs[i]);
            assertThat(nb.logMass(5)).as("r %s", rs[i]).isCloseTo(at5[i], offset(1e-12));
            assertThat(nb.logMass(10)).as("r %s", rs[i]).isCloseTo(at10[i], offset(1e-12));
            double total = 0;
            for (int k = 0; k < 300; k++) {
                total += Math.exp(nb.logMass(k));
            }
            assertThat(total).isCloseTo(1, offset(1e-12));
        }
    }

    /**
     * A Dirichlet of large concentrations: 60-digit values (mpmath) for three equal ones at the centre, and the Beta's
     * density for two (an outside tester: (1e14, 2e14) read 15.67 against 16.50, 1e16 read 161 against 18.8).
     */
    @Test
    void aDirichletOfLargeConcentrationsHasItsExactDensity() {
        double[] alphas = {1e10, 1e12, 1e14};
        double[] exact = {23.934504585179162, 28.539674771189254, 33.14484495717757};
        for (int i = 0; i < alphas.length; i++) {
            double a = alphas[i];
            assertThat(new Dirichlet(a, a, a).logDensity(new double[] {1.0 / 3, 1.0 / 3, 1 - 2.0 / 3}))
                    .isCloseTo(exact[i], offset(1e-12));
        }
        for (double a : new double[] {1e7, 1e10, 1e14, 1e20}) {
            assertThat(new Dirichlet(a, 2 * a).logDensity(new double[] {1.0 / 3, 1 - 1.0 / 3}))
                    .isCloseTo(new Beta(a, 2 * a).logDensity(1.0 / 3), offset(1e-12));
        }
    }
}
