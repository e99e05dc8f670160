package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import dev.ariadne.core.testing.Quadrature;
import dev.ariadne.core.testing.StatTests;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real-valued distribution against an independent reference (Commons Statistics): log density on a grid,
 * normalisation, the sampler's distribution (Kolmogorov-Smirnov) and its first two moments.
 */
class ContinuousDistributionsTest {

    private static final long SEED = 0x5EED_D157L;
    private static final int DRAWS = 20_000;

    /**
     * Log densities agree to 1e-12 absolute, or 1e-12 relative once |log density| exceeds 1 (far in the tails
     * the log density is large and both sides carry a relative rounding error of a few ulps).
     */
    private static final double LOG_DENSITY_TOL = 1e-12;

    /**
     * A distribution under test with its reference.
     *
     * @param dist           ours
     * @param refLogDensity  the reference log density
     * @param refCdf         the reference CDF, for KS
     * @param refQuantile    the reference inverse CDF, to place the grid
     * @param refMean        the reference mean (NaN where undefined)
     * @param refVariance    the reference variance (NaN where undefined, +inf where infinite)
     * @param breakpoints    integration pieces covering the support, split at any kink
     * @param fourthMoment   whether the fourth moment is finite (so the sample variance has a standard error)
     * @param normalisationTol the tolerance on |integral - 1|, see {@link #densityIntegratesToOne}
     */
    record Case(RealDist dist, DoubleUnaryOperator refLogDensity, DoubleUnaryOperator refCdf,
            DoubleUnaryOperator refQuantile, double refMean, double refVariance, double[] breakpoints,
            boolean fourthMoment, double normalisationTol) {
    }

    /**
     * Quadrature error bound for analytic integrands: the DE rule at h = 1/32 is accurate to ~1e-14 for these
     * densities (the observed halving estimates are below 1e-11), and the sum of ~1000 terms each with
     * relative rounding of a few ulps adds ~1e-13. 1e-10 leaves a wide margin yet catches any wrong normaliser
     * (a normalising-constant bug changes the integral by far more).
     */
    private static final double QUAD_TOL = 1e-10;

    private static final double INF = Double.POSITIVE_INFINITY;

    private static Case ref(RealDist dist, ContinuousDistribution ref, boolean fourthMoment, double... breakpoints) {
        return new Case(dist, ref::logDensity, ref::cumulativeProbability, ref::inverseCumulativeProbability,
                ref.getMean(), ref.getVariance(), breakpoints, fourthMoment, QUAD_TOL);
    }

    private static Case studentT(double df, double loc, double scale) {
        TDistribution t = TDistribution.of(df);
        return new Case(new StudentT(df, loc, scale),
                x -> t.logDensity((x - loc) / scale) - Math.log(scale),
                x -> t.cumulativeProbability((x - loc) / scale),
                p -> loc + scale * t.inverseCumulativeProbability(p),
                df > 1 ? loc : Double.NaN,
                df > 2 ? scale * scale * t.getVariance() : df > 1 ? INF : Double.NaN,
                new double[] {-INF, INF}, df > 4, QUAD_TOL);
    }

    private static Case halfNormal(double scale) {
        NormalDistribution n = NormalDistribution.of(0, scale);
        return new Case(new HalfNormal(scale),
                x -> x >= 0 ? Math.log(2) + n.logDensity(x) : Double.NEGATIVE_INFINITY,
                x -> x <= 0 ? 0 : 2 * n.cumulativeProbability(x) - 1,
                p -> n.inverseCumulativeProbability(0.5 + 0.5 * p),
                scale * Math.sqrt(2 / Math.PI), scale * scale * (1 - 2 / Math.PI),
                new double[] {0, INF}, true, QUAD_TOL);
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(ref(new Normal(0, 1), NormalDistribution.of(0, 1), true, -INF, INF));
        cases.add(ref(new Normal(-3, 0.25), NormalDistribution.of(-3, 0.25), true, -INF, INF));
        cases.add(ref(new Normal(100, 20), NormalDistribution.of(100, 20), true, -INF, INF));
        cases.add(ref(new LogNormal(0, 1), LogNormalDistribution.of(0, 1), true, 0, INF));
        cases.add(ref(new LogNormal(1.5, 0.3), LogNormalDistribution.of(1.5, 0.3), true, 0, INF));
        cases.add(ref(new Uniform(0, 1), UniformContinuousDistribution.of(0, 1), true, 0, 1));
        cases.add(ref(new Uniform(-2.5, 7), UniformContinuousDistribution.of(-2.5, 7), true, -2.5, 7));
        cases.add(ref(new Beta(2, 5), BetaDistribution.of(2, 5), true, 0, 1));
        cases.add(ref(new Beta(1, 1), BetaDistribution.of(1, 1), true, 0, 1));
        // drawn by inversion where a shape is 1
        cases.add(ref(new Beta(1, 3.5), BetaDistribution.of(1, 3.5), true, 0, 1));
        cases.add(ref(new Beta(1.7, 1), BetaDistribution.of(1.7, 1), true, 0, 1));
        // and with the other shape below 1, singular at an end: the quadrature's estimate of its own error is about
        // 2e-6 there, so the normalisation is read to 1e-4; the draws are tested as closely as every other case's
        for (double[] shapes : new double[][] {{0.4, 1}, {1, 0.3}}) {
            Case c = ref(new Beta(shapes[0], shapes[1]), BetaDistribution.of(shapes[0], shapes[1]), true, 0, 1);
            cases.add(new Case(c.dist(), c.refLogDensity(), c.refCdf(), c.refQuantile(), c.refMean(), c.refVariance(),
                    c.breakpoints(), true, 1e-4));
        }
        cases.add(ref(new Beta(0.7, 3), BetaDistribution.of(0.7, 3), true, 0, 1));
        // Beta(0.5, 0.5) is singular at 1, where doubles are spaced 1.1e-16 apart: quadrature nodes that round
        // onto 1 are dropped, leaving out mass int_0^1.1e-16 t^-1/2 / B(1/2,1/2) dt = 2 sqrt(1.1e-16) / pi,
        // about 7e-9. Its tolerance is 1e-8 for that reason.
        Case arcsine = ref(new Beta(0.5, 0.5), BetaDistribution.of(0.5, 0.5), true, 0, 1);
        cases.add(new Case(arcsine.dist(), arcsine.refLogDensity(), arcsine.refCdf(), arcsine.refQuantile(),
                arcsine.refMean(), arcsine.refVariance(), arcsine.breakpoints(), true, 1e-8));
        cases.add(ref(new Gamma(1, 1), GammaDistribution.of(1, 1), true, 0, INF));
        cases.add(ref(new Gamma(0.5, 2), GammaDistribution.of(0.5, 0.5), true, 0, INF));
        cases.add(ref(new Gamma(7.5, 0.3), GammaDistribution.of(7.5, 1 / 0.3), true, 0, INF));
        cases.add(ref(new Exponential(1), ExponentialDistribution.of(1), true, 0, INF));
        cases.add(ref(new Exponential(3.5), ExponentialDistribution.of(1 / 3.5), true, 0, INF));
        cases.add(studentT(1, 0, 1));
        cases.add(studentT(2.5, 1, 2));
        cases.add(studentT(10, -1, 0.5));
        cases.add(studentT(1000, 3, 1.5));
        cases.add(ref(new Cauchy(0, 1), CauchyDistribution.of(0, 1), false, -INF, INF));
        cases.add(ref(new Cauchy(5, 0.1), CauchyDistribution.of(5, 0.1), false, -INF, INF));
        cases.add(ref(new Laplace(0, 1), LaplaceDistribution.of(0, 1), true, -INF, 0, INF));
        cases.add(ref(new Laplace(-2, 3), LaplaceDistribution.of(-2, 3), true, -INF, -2, INF));
        cases.add(halfNormal(1));
        cases.add(halfNormal(0.2));
        List<Arguments> args = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            args.add(Arguments.of(Named.of(cases.get(i).dist().toString(), cases.get(i)), i));
        }
        return args.stream();
    }

    /** Grid points: reference quantiles from deep in each tail to the centre, plus the support's ends. */
    private static double[] grid(Case c) {
        double[] ps = {1e-12, 1e-8, 1e-4, 0.01, 0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 0.99, 1 - 1e-4, 1 - 1e-8};
        List<Double> xs = new ArrayList<>();
        for (double p : ps) {
            xs.add(c.refQuantile().applyAsDouble(p));
        }
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs.get(i);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logDensityMatchesReference(Case c, int index) {
        for (double x : grid(c)) {
            double expected = c.refLogDensity().applyAsDouble(x);
            double actual = c.dist().logDensity(x);
            assertThat(actual).as("%s at x=%s", c.dist(), x)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(
                            LOG_DENSITY_TOL * Math.max(1, Math.abs(expected))));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outsideSupportAndNonFiniteInputsGiveMinusInfinity(Case c, int index) {
        RealDist d = c.dist();
        assertThat(d.logDensity(Double.NaN)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logDensity(Double.POSITIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logDensity(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        double lo = c.breakpoints()[0];
        double hi = c.breakpoints()[c.breakpoints().length - 1];
        if (lo > Double.NEGATIVE_INFINITY) {
            assertThat(d.logDensity(Math.nextDown(lo))).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(d.logDensity(lo - 1)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(d.support().contains(lo - 1)).isFalse();
        }
        if (hi < Double.POSITIVE_INFINITY) {
            assertThat(d.logDensity(Math.nextUp(hi))).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(d.support().contains(hi + 1)).isFalse();
        }
        for (double x : grid(c)) {
            assertThat(d.support().contains(x)).as("grid point %s in %s", x, d.support()).isTrue();
            assertThat(d.logDensity(x)).isNotNaN();
        }
    }

    /**
     * The density integrates to 1 within {@link Case#normalisationTol} (the quadrature bound {@link #QUAD_TOL}
     * unless the case says why it needs more), and the quadrature's own error estimate is small enough for the
     * comparison to mean something (it must itself be inside the tolerance).
     */
    @ParameterizedTest
    @MethodSource("cases")
    void densityIntegratesToOne(Case c, int index) {
        Quadrature.Result r = integrate(c, x -> Math.exp(c.dist().logDensity(x)));
        assertThat(r.errorEstimate()).as("quadrature error estimate").isLessThan(c.normalisationTol());
        assertThat(r.value()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(c.normalisationTol()));
    }

    /** Integrates over the case's support, centred at the median and scaled by the interquartile range. */
    private static Quadrature.Result integrate(Case c, DoubleUnaryOperator f) {
        double median = c.refQuantile().applyAsDouble(0.5);
        double iqr = c.refQuantile().applyAsDouble(0.75) - c.refQuantile().applyAsDouble(0.25);
        return Quadrature.integrateScaled(f, median, iqr, c.breakpoints());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void meanAndVarianceMatchReference(Case c, int index) {
        if (Double.isNaN(c.refMean())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.dist().mean())
                    .isInstanceOf(ArithmeticException.class).hasMessageContaining("undefined");
        } else {
            assertThat(c.dist().mean()).isCloseTo(c.refMean(), org.assertj.core.data.Offset.offset(
                    1e-12 * Math.max(1, Math.abs(c.refMean()))));
        }
        if (Double.isNaN(c.refVariance())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.dist().variance())
                    .isInstanceOf(ArithmeticException.class).hasMessageContaining("undefined");
        } else if (c.refVariance() == INF) {
            assertThat(c.dist().variance()).isEqualTo(INF);
        } else {
            assertThat(c.dist().variance()).isCloseTo(c.refVariance(), org.assertj.core.data.Offset.offset(
                    1e-12 * Math.max(1, c.refVariance())));
        }
    }

    private static double[] draw(Case c, int index) {
        Rng rng = Rng.forRun(SEED, index);
        double[] xs = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            xs[i] = c.dist().sample(rng);
        }
        return xs;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void samplesFollowTheDistribution(Case c, int index) {
        double[] xs = draw(c, index);
        for (double x : xs) {
            assertThat(c.dist().support().contains(x)).as("draw %s in support", x).isTrue();
        }
        assertThat(StatTests.ksPValue(xs, c.refCdf())).as("KS p-value").isGreaterThan(StatTests.ALPHA);
    }

    /**
     * The sample mean is within 5 standard errors sqrt(variance / n) of mean(); where the fourth moment exists,
     * the sample variance is within 5 standard errors sqrt((mu4 - variance^2) / n) of variance(), with the fourth
     * central moment mu4 integrated numerically from the density.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void sampleMomentsMatchMeanAndVariance(Case c, int index) {
        if (Double.isNaN(c.refVariance()) || c.refVariance() == INF) {
            return; // no finite variance: the sample mean has no standard error
        }
        double[] xs = draw(c, index + 1000);
        double mean = c.dist().mean();
        double var = c.dist().variance();
        assertThat(StatTests.mean(xs)).isCloseTo(mean, org.assertj.core.data.Offset.offset(
                5 * Math.sqrt(var / DRAWS)));
        if (c.fourthMoment()) {
            double mu4 = integrate(c, x -> {
                double density = Math.exp(c.dist().logDensity(x));
                double d = x - mean;
                return density == 0 ? 0 : d * d * d * d * density;
            }).value();
            double se = Math.sqrt((mu4 - var * var) / DRAWS);
            assertThat(StatTests.variance(xs)).isCloseTo(var, org.assertj.core.data.Offset.offset(5 * se));
        }
    }
}
