package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.ariadne.core.Execution;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.testing.StatTests;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

/**
 * Where the doubles run out (issue "Soundness", item 6): legal parameters whose draws underflow, subnormal
 * parameters, and draws too large to represent.
 *
 * <ul>
 *   <li>A draw is never a point where its own density is infinite or zero: Gamma(1e-3, 1) used to return 0 (where
 *       its density is {@code +inf}) in 47.5% of draws, Beta(1e-3, 1e-3) 0 or 1 in 48%, and Dirichlet(0.01 x 50)
 *       had an exact 0 in 2.8% of draws, so runs drawn from the prior counted as support failures.</li>
 *   <li>The tiny-shape samplers (log-space Cheng BC, log-space gamma) still follow their distributions: a
 *       chi-square over bins spread across 300 decades, against Commons Statistics' CDF, at 1e-6 (4 tests).</li>
 *   <li>Every distribution with a real parameter either rejects a subnormal value or computes its density
 *       correctly with it ({@code new Normal(0, 1e-310).logDensity(0)} was {@code -inf}, against 712.9).</li>
 *   <li>A draw that cannot be represented is an {@link ArithmeticException} naming the distribution
 *       (Geometric(1e-12) returned 2^31 - 1 in 99.8% of draws).</li>
 * </ul>
 */
class DoubleRangeEdgesTest {

    private static final int DRAWS = 100_000;

    private static double[] fifty(double alpha) {
        double[] a = new double[50];
        Arrays.fill(a, alpha);
        return a;
    }

    /** Every draw of {@code d} has a finite log density under {@code d}. */
    private static void finiteAtEveryDraw(RealDist d, long seed) {
        Rng rng = Rng.forRun(seed, 0);
        for (int i = 0; i < DRAWS; i++) {
            double x = d.sample(rng);
            assertThat(d.logDensity(x)).as("%s draw %d = %s", d, i, x).isFinite();
        }
    }

    @Test
    void underflowingDrawsStayWhereTheDensityIsFinite() {
        finiteAtEveryDraw(new Gamma(1e-3, 1), 1);
        finiteAtEveryDraw(new Gamma(1e-3, 1e-3), 2);
        finiteAtEveryDraw(new Beta(1e-3, 1e-3), 3);
        finiteAtEveryDraw(new Beta(1e-3, 1), 4);
        finiteAtEveryDraw(new Beta(1, 1e-3), 5);
        finiteAtEveryDraw(new Beta(2, 1e300), 6); // draws near 2e-300, some rounding to a subnormal or 0
        finiteAtEveryDraw(new Beta(1e300, 2), 7); // 1 - x near 2e-300: every draw rounds to 1
        finiteAtEveryDraw(new LogNormal(-745, 1), 8); // half the draws below the smallest double
        // Weibull(0.003, 1) drew exactly 0 a tenth of the time, where a shape below 1 has density +inf (an adversarial
        // tester); these draw it 6 times in 10,000 (x^100 below 2^-1074), and its overflow is out of reach. At a scale
        // of the smallest double, a shape above 1 drew 0, where its density is 0.
        finiteAtEveryDraw(new Weibull(0.01, 1), 11);
        finiteAtEveryDraw(new Weibull(2, Double.MIN_VALUE), 12);
        Dirichlet dirichlet = new Dirichlet(fifty(0.01));
        Rng rng = Rng.forRun(9, 0);
        double[] x = new double[50];
        for (int i = 0; i < DRAWS / 10; i++) {
            dirichlet.sample(rng, x);
            assertThat(dirichlet.logDensity(x)).as("Dirichlet draw %d", i).isFinite();
        }
    }

    @Test
    void underflowIsRoundedToTheNearestDoubleInsideTheSupport() {
        Rng rng = Rng.forRun(10, 0);
        Beta beta = new Beta(1e-3, 1e-3);
        int low = 0;
        int high = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = beta.sample(rng);
            assertThat(x).isGreaterThan(0).isLessThan(1);
            low += x == Double.MIN_VALUE ? 1 : 0;
            high += x == Math.nextDown(1.0) ? 1 : 0;
        }
        // P(X < 4.9e-324) = 0.2375 and P(X > 1 - 2^-53) ~ 0.48 (Commons Statistics): both ends are reached.
        assertThat(low).isPositive();
        assertThat(high).isPositive();
    }

    /** Bins in x whose edges span the decades where the tiny-shape draws live; the CDF from Commons Statistics. */
    private static void chiSquare(RealDist d, ContinuousDistribution ref, double[] edges, long seed) {
        Rng rng = Rng.forRun(seed, 0);
        long[] counts = new long[edges.length + 1];
        for (int i = 0; i < DRAWS; i++) {
            double x = d.sample(rng);
            int bin = 0;
            while (bin < edges.length && x > edges[bin]) {
                bin++;
            }
            counts[bin]++;
        }
        double[] expected = new double[counts.length];
        double previous = 0;
        for (int b = 0; b < counts.length; b++) {
            double cdf = b < edges.length ? ref.cumulativeProbability(edges[b]) : 1;
            expected[b] = (cdf - previous) * DRAWS;
            previous = cdf;
        }
        StatTests.Bins bins = pooled(expected, counts);
        assertThat(StatTests.chiSquarePValue(bins)).as("%s: counts %s, expected %s", d, Arrays.toString(counts),
                Arrays.toString(expected)).isGreaterThan(StatTests.ALPHA);
    }

    /** Adjacent bins merged from the left until each expects at least 5 draws (the last joins its neighbour). */
    private static StatTests.Bins pooled(double[] expected, long[] counts) {
        java.util.List<double[]> bins = new java.util.ArrayList<>();
        double e = 0;
        long c = 0;
        for (int b = 0; b < expected.length; b++) {
            e += expected[b];
            c += counts[b];
            if (e >= 5) {
                bins.add(new double[] {e, c});
                e = 0;
                c = 0;
            }
        }
        if (e > 0 || c > 0) {
            double[] last = bins.get(bins.size() - 1);
            last[0] += e;
            last[1] += c;
        }
        double[] ex = new double[bins.size()];
        long[] ob = new long[bins.size()];
        for (int b = 0; b < ex.length; b++) {
            ex[b] = bins.get(b)[0];
            ob[b] = (long) bins.get(b)[1];
        }
        return new StatTests.Bins(ex, ob);
    }

    @Test
    void tinyShapeDrawsFollowTheirDistribution() {
        double[] unit = {1e-300, 1e-200, 1e-100, 1e-30, 1e-10, 0.5, 1 - 1e-10, 1 - 1e-14};
        chiSquare(new Beta(1e-3, 1e-3), BetaDistribution.of(1e-3, 1e-3), unit, 11);
        chiSquare(new Beta(1e-3, 1), BetaDistribution.of(1e-3, 1), unit, 12);
        chiSquare(new Beta(1, 1e-3), BetaDistribution.of(1, 1e-3), unit, 13);
        chiSquare(new Gamma(1e-3, 1), GammaDistribution.of(1e-3, 1),
                new double[] {1e-300, 1e-200, 1e-100, 1e-30, 1e-10, 1e-3, 1}, 14);
    }

    /**
     * Each way a Beta is drawn: as a ratio of gammas where both shapes exceed 1 (a shape just above 1 with a long
     * thin tail, large shapes, the limit itself), by algorithm BB above the limit, by BC at a shape of at most 1.
     * The bins are the reference's deciles, and the tails' edges at 1e-4 and 1 - 1e-4.
     */
    @Test
    void everyWayOfDrawingABetaFollowsItsDistribution() {
        chiSquare(new Beta(1.0001, 800), BetaDistribution.of(1.0001, 800), deciles(BetaDistribution.of(1.0001, 800)),
                15);
        chiSquare(new Beta(3.5e5, 6.5e5), BetaDistribution.of(3.5e5, 6.5e5),
                deciles(BetaDistribution.of(3.5e5, 6.5e5)), 16);
        chiSquare(new Beta(1, 2.5), BetaDistribution.of(1, 2.5), deciles(BetaDistribution.of(1, 2.5)), 17);
        // Above the limit every draw is 1/3 to the precision of a double (sd 1e-151), drawn by BB.
        Rng rng = Rng.forRun(18, 0);
        for (Beta beta : List.of(new Beta(BetaSampler.GAMMA_RATIO_LIMIT, 2 * BetaSampler.GAMMA_RATIO_LIMIT),
                new Beta(1e301, 2e301))) {
            for (int i = 0; i < 1_000; i++) {
                assertThat(beta.sample(rng)).as("%s", beta).isCloseTo(1.0 / 3, offset(1e-15));
            }
        }
    }

    private static double[] deciles(ContinuousDistribution ref) {
        double[] edges = new double[11];
        edges[0] = ref.inverseCumulativeProbability(1e-4);
        for (int k = 1; k < 10; k++) {
            edges[k] = ref.inverseCumulativeProbability(k / 10.0);
        }
        edges[10] = ref.inverseCumulativeProbability(1 - 1e-4);
        return edges;
    }

    @Test
    void subnormalParametersAreRejectedOrComputedCorrectly() {
        double tiny = 1e-310;
        double logTiny = Math.log(tiny); // -713.80...
        // Normal multiplies by 1 / sd, which overflows: rejected.
        assertThatThrownBy(() -> new Normal(0, tiny)).isInstanceOf(ParameterException.class)
                .hasMessage("Normal: sd must be finite and >= 2.2250738585072014E-308, got 1.0E-310");
        assertThatThrownBy(() -> MultivariateNormal.diagonal(new double[] {0}, new double[] {tiny}))
                .isInstanceOf(ParameterException.class)
                .hasMessage("MultivariateNormal: sd[0] must be finite and >= 2.2250738585072014E-308, got 1.0E-310");
        assertThat(new Normal(0, Double.MIN_NORMAL).logDensity(0))
                .isCloseTo(-Math.log(Double.MIN_NORMAL) - LogMath.LOG_SQRT_2PI, offset(1e-12));
        // StudentT's normaliser at a subnormal df is not a double: every value read NaN or -inf (an adversarial
        // tester). Refused; at a tiny normal df, a value far out keeps its finite density, log(df / 2) - log z^2 /
        // 2 less log 2 for z = 1e10, with log Gamma((df + 1) / 2) = log sqrt(pi) and Gamma(df / 2) ~ 2 / df.
        assertThatThrownBy(() -> new StudentT(tiny, 0, 1)).isInstanceOf(ParameterException.class)
                .hasMessage("StudentT: df must be finite and >= 2.2250738585072014E-308, got 1.0E-310");
        double df = 1e-300;
        assertThat(new StudentT(df, 0, 1).logDensity(1e10))
                .isCloseTo(Math.log(df / 2) - 0.5 * Math.log(Math.PI * df) + 0.5 * Math.log(Math.PI)
                        - (df + 1) / 2 * (2 * Math.log(1e10) - Math.log(df)), offset(1e-9));
        // The others divide or take logs, and are exact at a subnormal scale, rate or shape.
        assertThat(new LogNormal(0, tiny).logDensity(1)).isCloseTo(-logTiny - LogMath.LOG_SQRT_2PI, offset(1e-12));
        assertThat(new HalfNormal(tiny).logDensity(0)).isCloseTo(LogMath.LOG_2 - LogMath.LOG_SQRT_2PI - logTiny,
                offset(1e-12));
        assertThat(new Laplace(0, tiny).logDensity(0)).isCloseTo(-LogMath.LOG_2 - logTiny, offset(1e-12));
        assertThat(new Cauchy(0, tiny).logDensity(0)).isCloseTo(-LogMath.LOG_PI - logTiny, offset(1e-12));
        // Cauchy at 1: -log(pi) - log(scale) - log(1 + 1/scale^2) = -log(pi) + log(scale), where 1/scale overflows.
        assertThat(new Cauchy(0, tiny).logDensity(1)).isCloseTo(-LogMath.LOG_PI + logTiny, offset(1e-9));
        // StudentT(1) is the Cauchy distribution.
        assertThat(new StudentT(1, 0, tiny).logDensity(1)).isCloseTo(-LogMath.LOG_PI + logTiny, offset(1e-9));
        assertThat(new Exponential(tiny).logDensity(1)).isCloseTo(logTiny, offset(1e-12));
        assertThat(new Gamma(1, tiny).logDensity(1)).isCloseTo(logTiny, offset(1e-12));
        // Gamma(tiny shape): log Gamma(shape) ~ -log(shape), and at x = 1 the density is about shape.
        assertThat(new Gamma(tiny, 1).logDensity(1)).isCloseTo(logTiny - 1, offset(1e-9));
        assertThat(new Uniform(0, tiny).logDensity(0)).isCloseTo(-logTiny, offset(1e-12));
        assertThat(new NegativeBinomial(tiny, 0.5).logMass(0)).isCloseTo(tiny * Math.log(0.5), offset(1e-320));
        assertThat(new Geometric(tiny).logMass(0)).isCloseTo(logTiny, offset(1e-12));
        assertThat(new Poisson(tiny).logMass(1)).isCloseTo(logTiny, offset(1e-12));
        assertThat(new Bernoulli(tiny).logMass(true)).isCloseTo(logTiny, offset(1e-12));
        assertThat(new Binomial(2, tiny).logMass(1)).isCloseTo(Math.log(2) + logTiny, offset(1e-12));
        assertThat(new Categorical(tiny, 1).logMass(0)).isCloseTo(logTiny, offset(1e-12));
        // Beta and Dirichlet shapes below 1e-300 are refused: the log-space sampler would overflow.
        assertThatThrownBy(() -> new Beta(tiny, 1)).isInstanceOf(ParameterException.class)
                .hasMessage("Beta: alpha must be finite and >= 1.0E-300, got 1.0E-310");
        assertThatThrownBy(() -> new Dirichlet(1, tiny)).isInstanceOf(ParameterException.class)
                .hasMessage("Dirichlet: alpha[1] must be finite and >= 1.0E-300, got 1.0E-310");
        assertThat(new Beta(1e-300, 1).logDensity(0.5)).isCloseTo(Math.log(1e-300) - Math.log(0.5), offset(1e-9));
    }

    private static void drawFails(IntDist d, String message) {
        Rng rng = Rng.forRun(20, 0);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                d.sample(rng);
            }
        }).isInstanceOf(ArithmeticException.class).hasMessageStartingWith(d + ": ").hasMessageContaining(message);
    }

    private static void drawFails(RealDist d) {
        drawFails(d, d::sample);
    }

    /** 1,000 draws of {@code d} by {@code draw} fail with the rule's error, naming d. */
    private static void drawFails(Dist d, java.util.function.Consumer<Rng> draw) {
        Rng rng = Rng.forRun(21, 0);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                draw.accept(rng);
            }
        }).isInstanceOf(ArithmeticException.class).hasMessageStartingWith(d + ": a draw of ")
                .hasMessageEndingWith(" cannot be represented as a finite double");
    }

    @Test
    void drawsThatCannotBeRepresentedAreErrorsNamingTheDistribution() {
        drawFails(new Geometric(1e-12), "does not fit in an int");
        drawFails(new NegativeBinomial(1, 1e-12), "above 1.0E9 where its draws may not fit in an int");
        drawFails(new Poisson(3.08e10), "above 1.0E9 where its draws may not fit in an int");
        drawFails(new Exponential(1e-310));
        drawFails(new Gamma(1, 1e-310));
        drawFails(new Gamma(0.5, 1e-310));
        drawFails(new Normal(0, 1e308));
        drawFails(new HalfNormal(1e308));
        drawFails(new HalfCauchy(1e307));
        drawFails(new Weibull(1, 1e308));
        // a shape near 0 read a variance of NaN, and a huge one -0.0 (an adversarial tester)
        assertThat(new Weibull(Double.MIN_VALUE, 1).variance()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new Weibull(1e-3, 1).variance()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(new Weibull(1e300, 1).variance())).isZero();
        assertThat(new Weibull(2, 3).variance()).isCloseTo(9 * (1 - Math.PI / 4), offset(1e-12));
        // above the scale a huge shape overflowed both terms of the log density, which read inf - inf = NaN (a tester)
        assertThat(new Weibull(Double.MAX_VALUE, 1).logDensity(1e300)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Weibull(1.7e308, 1).logDensity(3.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Weibull(1.7e308, 1).logDensity(0.5)).isFinite().isLessThan(-1e307);
        drawFails(new Laplace(0, 1e308));
        drawFails(new Cauchy(0, 1e307));
        drawFails(new LogNormal(710, 1));
        drawFails(new StudentT(1e-3, 0, 1));
        // A vector's entries too: an overflowed entry, scored as outside the support, made a model with no evidence
        // read P(e) 0.87 (an adversarial tester).
        for (MultivariateNormal mvn : new MultivariateNormal[] {
            MultivariateNormal.diagonal(new double[] {0, 0}, new double[] {1e308, 1e308}),
            MultivariateNormal.diagonal(new double[] {1.7e308, 0}, new double[] {1e308, 1})}) {
            drawFails(mvn, mvn::sample);
        }
        // Just inside int range, a Geometric draw is returned as it is.
        Geometric g = new Geometric(1e-8);
        Rng rng = Rng.forRun(22, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(g.sample(rng)).isBetween(0, Integer.MAX_VALUE);
        }
    }

    /**
     * A Poisson of any finite rate scores counts: an MCMC move or a vague prior may put an observation's rate far
     * out (3.08e10 stopped a chain), where the count's log mass is finite and very negative, and the move is simply
     * rejected. Rate 0 is the point mass at 0, as a zero-inflated model writes {@code Poisson(b ? lambda : 0)}.
     */
    @Test
    void aPoissonScoresAtAnyFiniteRateAndRateZeroIsThePointMassAtZero() {
        Poisson far = new Poisson(3.08e10);
        assertThat(far.logMass(0)).isEqualTo(-3.08e10);
        assertThat(far.logMass((int) 2e9)).isCloseTo(
                2e9 * Math.log(3.08e10) - 3.08e10 - org.apache.commons.numbers.gamma.LogGamma.value(2e9 + 1),
                offset(1e-3));
        Poisson zero = new Poisson(0);
        assertThat(zero.logMass(0)).isZero();
        assertThat(zero.logMass(1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(zero.logMass(-1)).isEqualTo(Double.NEGATIVE_INFINITY);
        Rng rng = Rng.forRun(23, 0);
        for (int i = 0; i < 100; i++) {
            assertThat(zero.sample(rng)).isZero();
        }
        assertThat(new Poisson(2.5).logMass(0)).isEqualTo(-2.5);
        assertThat(new Poisson(2.5).logMass(3)).isCloseTo(3 * Math.log(2.5) - 2.5 - Math.log(6), offset(1e-14));
    }

    @Test
    void insideAModelTheErrorNamesTheSiteAndTheRun() {
        assertThatThrownBy(() -> Execution.of(p -> p.sample("wait", new Geometric(1e-12))).runner().run(5, 3))
                .isInstanceOf(ModelException.class).hasMessageContaining("Geometric(p=1.0E-12): a draw of")
                .hasMessageContaining("run 3 of seed 5").hasMessageContaining("wait");
    }
}
