package dev.ariadne.core.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Cauchy;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Geometric;
import dev.ariadne.core.dist.HalfCauchy;
import dev.ariadne.core.dist.HalfNormal;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Laplace;
import dev.ariadne.core.dist.LogNormal;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.NegativeBinomial;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.ParameterException;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.StudentT;
import dev.ariadne.core.dist.Uniform;
import dev.ariadne.core.dist.Weibull;
import dev.ariadne.core.testing.Quadrature;
import dev.ariadne.core.testing.StatTests;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.GeometricDistribution;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PascalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.apache.commons.statistics.distribution.UniformDiscreteDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every distribution's sampler against its own density, and the density's normalisation, over RANDOM valid
 * parameters (the fixed-parameter suite in {@code dev.ariadne.core.dist} checks hand-picked values; this one checks
 * that nothing breaks between them). Parameters come from a fixed seed, {@value #CASES} per distribution, drawn
 * log-uniformly over bounded ranges; the ranges stop short of where a distribution legitimately degenerates in
 * doubles (Beta(0.01, 0.01) returns exactly 0 or 1; Gamma with a tiny shape underflows to 0).
 *
 * <p>Per case: the log density (mass) against Commons Statistics at reference quantiles (1e-9 relative, exact
 * arithmetic, no false failures), normalisation by quadrature or summation (deterministic), and the sampler by
 * Kolmogorov-Smirnov (continuous) or chi-square over pooled bins (discrete) at 1e-6. Vector distributions: each
 * Dirichlet marginal is Beta, and a random projection and the Mahalanobis distance of a multivariate normal are
 * normal and chi-square. Invalid parameters, drawn at random from each parameter's invalid region (and NaN and
 * infinities), must be rejected with a {@link ParameterException} naming the distribution and the parameter.
 *
 * <p>Budget: {@value #CASES} cases x 17 scalar distributions x 1 sampler test, plus Dirichlet marginals (at most 5
 * per case) and 2 tests per multivariate normal case, each at 1e-6: at most 6 x (17 + 5 + 2) = 144 tests, a
 * false-failure rate of at most 1.44e-4 per run.
 */
class RandomParameterGoodnessOfFitTest {

    static final int CASES = 6;
    static final int DRAWS = 5000;
    static final long SEED = 0x60F_5EEDL;
    static final double INF = Double.POSITIVE_INFINITY;

    static double logUniform(Rng rng, double lo, double hi) {
        return Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    static double uniform(Rng rng, double lo, double hi) {
        return lo + rng.nextDouble() * (hi - lo);
    }

    /** A real distribution with its reference and the integration pieces covering its support. */
    record RealCase(RealDist dist, ContinuousDistribution ref, DoubleUnaryOperator refLogDensity,
            DoubleUnaryOperator refCdf, DoubleUnaryOperator refQuantile, double[] breakpoints) {
    }

    static RealCase real(RealDist d, ContinuousDistribution ref, double... breakpoints) {
        return new RealCase(d, ref, ref::logDensity, ref::cumulativeProbability, ref::inverseCumulativeProbability,
                breakpoints);
    }

    static RealCase scaled(RealDist d, ContinuousDistribution std, double loc, double scale, double... bp) {
        return new RealCase(d, std, x -> std.logDensity((x - loc) / scale) - Math.log(scale),
                x -> std.cumulativeProbability((x - loc) / scale), p -> loc + scale * std.inverseCumulativeProbability(p),
                bp);
    }

    /** {@code d}, the absolute value of a draw of {@code symmetric} (centred at 0), against that reference folded. */
    static RealCase folded(RealDist d, ContinuousDistribution symmetric) {
        return new RealCase(d, symmetric, x -> x >= 0 ? Math.log(2) + symmetric.logDensity(x) : -INF,
                x -> x <= 0 ? 0 : 2 * symmetric.cumulativeProbability(x) - 1,
                p -> symmetric.inverseCumulativeProbability(0.5 + 0.5 * p), new double[] {0, INF});
    }

    /** One family: how to draw a random valid instance with its reference. */
    static Stream<Arguments> realCases() {
        List<Function<Rng, RealCase>> families = List.of(
                r -> {
                    double m = uniform(r, -50, 50);
                    double s = logUniform(r, 1e-3, 1e3);
                    return real(new Normal(m, s), NormalDistribution.of(m, s), -INF, INF);
                },
                r -> {
                    double mu = uniform(r, -3, 3);
                    double s = logUniform(r, 0.05, 2);
                    return real(new LogNormal(mu, s), LogNormalDistribution.of(mu, s), 0, INF);
                },
                r -> {
                    double lo = uniform(r, -100, 100);
                    double hi = lo + logUniform(r, 1e-3, 1e3);
                    return real(new Uniform(lo, hi), UniformContinuousDistribution.of(lo, hi), lo, hi);
                },
                r -> {
                    double a = logUniform(r, 0.3, 50);
                    double b = logUniform(r, 0.3, 50);
                    return real(new Beta(a, b), BetaDistribution.of(a, b), 0, 1);
                },
                r -> {
                    double k = logUniform(r, 0.3, 100);
                    double rate = logUniform(r, 1e-2, 1e2);
                    return real(new Gamma(k, rate), GammaDistribution.of(k, 1 / rate), 0, INF);
                },
                r -> {
                    double rate = logUniform(r, 1e-3, 1e3);
                    return real(new Exponential(rate), ExponentialDistribution.of(1 / rate), 0, INF);
                },
                r -> {
                    double df = logUniform(r, 0.5, 100);
                    double loc = uniform(r, -10, 10);
                    double s = logUniform(r, 0.01, 100);
                    return scaled(new StudentT(df, loc, s), TDistribution.of(df), loc, s, -INF, INF);
                },
                r -> {
                    double loc = uniform(r, -10, 10);
                    double s = logUniform(r, 0.01, 100);
                    return real(new Cauchy(loc, s), CauchyDistribution.of(loc, s), -INF, INF);
                },
                r -> {
                    double loc = uniform(r, -10, 10);
                    double s = logUniform(r, 0.01, 100);
                    return real(new Laplace(loc, s), LaplaceDistribution.of(loc, s), -INF, loc, INF);
                },
                r -> {
                    double s = logUniform(r, 0.01, 100);
                    return folded(new HalfNormal(s), NormalDistribution.of(0, s));
                },
                r -> {
                    double k = logUniform(r, 0.3, 20);
                    double s = logUniform(r, 1e-2, 1e2);
                    return real(new Weibull(k, s), WeibullDistribution.of(k, s), 0, INF);
                },
                r -> {
                    double s = logUniform(r, 0.01, 100);
                    return folded(new HalfCauchy(s), CauchyDistribution.of(0, s));
                });
        List<Arguments> args = new ArrayList<>();
        for (int f = 0; f < families.size(); f++) {
            for (int c = 0; c < CASES; c++) {
                Rng rng = Rng.forRun(SEED, 100L * f + c);
                RealCase rc = families.get(f).apply(rng);
                args.add(Arguments.of(Named.of(rc.dist().toString(), rc), 100L * f + c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest
    @MethodSource("realCases")
    void realDistributionAtRandomParameters(RealCase c, long stream) {
        RealDist d = c.dist();
        // Log density against the reference at its quantiles (deterministic: rounding only).
        for (double p : new double[] {1e-6, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1 - 1e-6}) {
            double x = c.refQuantile().applyAsDouble(p);
            if (!d.support().contains(x)) {
                continue; // a quantile that rounds onto a support end, where the density may be singular
            }
            double expected = c.refLogDensity().applyAsDouble(x);
            assertThat(d.logDensity(x)).as("log density at %s (p = %s)", x, p)
                    .isCloseTo(expected, offset(1e-9 * Math.max(1, Math.abs(expected))));
        }
        // Normalisation by quadrature in pieces split at reference quantiles 0.001, 0.5 and 0.999 (so that a
        // density concentrated far from a support end, such as LogNormal(3, 0.05), is resolved), the outer pieces
        // running to the support's ends. 1e-7 covers the mass dropped at singular ends (Beta with a parameter
        // < 1 loses < 1e-7 for parameters >= 0.3).
        double[] bp = c.breakpoints();
        double lo = bp[0];
        double hi = bp[bp.length - 1];
        double iqr = c.refQuantile().applyAsDouble(0.75) - c.refQuantile().applyAsDouble(0.25);
        double[] pieces = {lo, c.refQuantile().applyAsDouble(0.001), c.refQuantile().applyAsDouble(0.5),
            c.refQuantile().applyAsDouble(0.999), hi};
        Quadrature.Result q = Quadrature.integrateScaled(x -> Math.exp(d.logDensity(x)),
                c.refQuantile().applyAsDouble(0.5), iqr, pieces);
        assertThat(q.value()).as("integral of the density (error estimate %s)", q.errorEstimate())
                .isCloseTo(1.0, offset(1e-7));
        // The sampler: every draw in the support, and KS at 1e-6.
        Rng rng = Rng.forRun(SEED + 1, stream);
        double[] xs = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            xs[i] = d.sample(rng);
            assertThat(d.support().contains(xs[i])).as("draw %s in the support", xs[i]).isTrue();
        }
        assertThat(StatTests.ksPValue(xs, c.refCdf())).as("KS p-value").isGreaterThan(StatTests.ALPHA);
    }

    /** A discrete distribution with its reference log mass and support. */
    record IntCase(IntDist dist, IntToDoubleFunction refLogMass, int lower, int upper, int last) {
    }

    static IntCase discrete(IntDist d, DiscreteDistribution ref) {
        return new IntCase(d, ref::logProbability, ref.getSupportLowerBound(), ref.getSupportUpperBound(),
                ref.inverseSurvivalProbability(1e-17));
    }

    static Stream<Arguments> intCases() {
        List<Function<Rng, IntCase>> families = List.of(
                r -> {
                    int n = 1 + r.nextInt(2000);
                    double p = uniform(r, 0.001, 0.999);
                    return discrete(new Binomial(n, p), BinomialDistribution.of(n, p));
                },
                r -> {
                    double rate = logUniform(r, 0.01, 1000);
                    return discrete(new Poisson(rate), PoissonDistribution.of(rate));
                },
                r -> {
                    double p = uniform(r, 0.005, 0.99);
                    return discrete(new Geometric(p), GeometricDistribution.of(p));
                },
                r -> {
                    int k = 1 + r.nextInt(30);
                    double p = uniform(r, 0.05, 0.95);
                    return discrete(new NegativeBinomial(k, p), PascalDistribution.of(k, p));
                },
                r -> {
                    int lo = r.nextInt(2001) - 1000;
                    int hi = lo + r.nextInt(51);
                    return discrete(new DiscreteUniform(lo, hi), UniformDiscreteDistribution.of(lo, hi));
                },
                r -> {
                    int k = 2 + r.nextInt(9);
                    double[] w = new double[k];
                    double sum = 0;
                    for (int i = 0; i < k; i++) {
                        // Some weights exactly 0 (a category that must never be drawn), the others exponential.
                        w[i] = r.nextInt(5) == 0 ? 0 : r.standardExponential();
                        sum += w[i];
                    }
                    if (sum == 0) {
                        w[0] = 1;
                        sum = 1;
                    }
                    double total = sum;
                    return new IntCase(new Categorical(w), i -> i >= 0 && i < k ? Math.log(w[i] / total) : -INF,
                            0, k - 1, k - 1);
                });
        List<Arguments> args = new ArrayList<>();
        for (int f = 0; f < families.size(); f++) {
            for (int c = 0; c < CASES; c++) {
                IntCase ic = families.get(f).apply(Rng.forRun(SEED, 10_000L + 100L * f + c));
                args.add(Arguments.of(Named.of(ic.dist().toString(), ic), 10_000L + 100L * f + c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest
    @MethodSource("intCases")
    void discreteDistributionAtRandomParameters(IntCase c, long stream) {
        IntDist d = c.dist();
        double total = 0;
        for (long k = c.lower(); k <= c.last(); k++) {
            double expected = c.refLogMass().applyAsDouble((int) k);
            double actual = d.logMass((int) k);
            if (expected == -INF) {
                assertThat(actual).as("log mass at %s", k).isEqualTo(-INF);
            } else {
                // Closed forms of log k! and k log(rate) at k ~ 3000 carry rounding of a few ulps of ~2e4.
                assertThat(actual).as("log mass at %s", k)
                        .isCloseTo(expected, offset(1e-9 * Math.max(1, Math.abs(expected)) + 1e-11 * Math.abs(k)));
            }
            total += Math.exp(actual);
        }
        // Normalisation: the mass beyond `last` is below 1e-17.
        assertThat(total).as("total mass").isCloseTo(1.0, offset(1e-10));
        if (c.lower() > Integer.MIN_VALUE) {
            assertThat(d.logMass(c.lower() - 1)).isEqualTo(-INF);
        }
        Rng rng = Rng.forRun(SEED + 1, stream);
        int[] xs = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            xs[i] = d.sample(rng);
            assertThat(d.logMass(xs[i])).as("draw %s has positive mass", xs[i]).isGreaterThan(-INF);
        }
        StatTests.Bins bins = StatTests.pool(xs, k -> Math.exp(c.refLogMass().applyAsDouble(k)), c.lower(),
                c.upper());
        if (bins.expected().length >= 2) {
            assertThat(StatTests.chiSquarePValue(bins)).as("chi-square p-value").isGreaterThan(StatTests.ALPHA);
        }
    }

    @Test
    void bernoulliAtRandomParameters() {
        for (int c = 0; c < CASES; c++) {
            Rng r = Rng.forRun(SEED, 20_000 + c);
            double p = uniform(r, 0.01, 0.99);
            Bernoulli b = new Bernoulli(p);
            assertThat(Math.exp(b.logMass(true)) + Math.exp(b.logMass(false))).isCloseTo(1.0, offset(1e-15));
            int heads = 0;
            for (int i = 0; i < DRAWS; i++) {
                heads += b.sample(r) ? 1 : 0;
            }
            StatTests.Bins bins = new StatTests.Bins(new double[] {DRAWS * (1 - p), DRAWS * p},
                    new long[] {DRAWS - heads, heads});
            assertThat(StatTests.chiSquarePValue(bins)).as("Bernoulli(%s): %d heads", p, heads)
                    .isGreaterThan(StatTests.ALPHA);
        }
    }

    @Test
    void dirichletMarginalsAreBetaAtRandomParameters() {
        for (int c = 0; c < CASES; c++) {
            Rng r = Rng.forRun(SEED, 30_000 + c);
            int k = 2 + r.nextInt(4);
            double[] alpha = new double[k];
            double a0 = 0;
            for (int i = 0; i < k; i++) {
                alpha[i] = logUniform(r, 0.3, 20);
                a0 += alpha[i];
            }
            Dirichlet d = new Dirichlet(alpha);
            double[][] xs = new double[k][DRAWS];
            double[] x = new double[k];
            for (int n = 0; n < DRAWS; n++) {
                d.sample(r, x);
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    xs[i][n] = x[i];
                    sum += x[i];
                }
                assertThat(sum).isCloseTo(1.0, offset(1e-12));
                assertThat(d.logDensity(x)).isGreaterThan(-INF);
            }
            for (int i = 0; i < k; i++) {
                BetaDistribution marginal = BetaDistribution.of(alpha[i], a0 - alpha[i]);
                assertThat(StatTests.ksPValue(xs[i], marginal::cumulativeProbability))
                        .as("marginal %d of %s", i, d).isGreaterThan(StatTests.ALPHA);
            }
        }
    }

    @Test
    void multivariateNormalProjectionsAtRandomParameters() {
        for (int c = 0; c < CASES; c++) {
            Rng r = Rng.forRun(SEED, 40_000 + c);
            int dim = 2 + r.nextInt(3);
            double[] mean = new double[dim];
            double[][] a = new double[dim][dim];
            for (int i = 0; i < dim; i++) {
                mean[i] = uniform(r, -5, 5);
                for (int j = 0; j < dim; j++) {
                    a[i][j] = r.standardNormal();
                }
            }
            double[][] cov = new double[dim][dim];
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    for (int l = 0; l < dim; l++) {
                        cov[i][j] += a[i][l] * a[j][l];
                    }
                    if (i == j) {
                        cov[i][j] += 0.1;
                    }
                }
            }
            MultivariateNormal d = new MultivariateNormal(mean, cov);
            double[] u = new double[dim];
            for (int i = 0; i < dim; i++) {
                u[i] = r.standardNormal();
            }
            double m = 0;
            double v = 0;
            for (int i = 0; i < dim; i++) {
                m += u[i] * mean[i];
                for (int j = 0; j < dim; j++) {
                    v += u[i] * cov[i][j] * u[j];
                }
            }
            double[] proj = new double[DRAWS];
            double[] maha = new double[DRAWS];
            double[] x = new double[dim];
            // The log density's quadratic form gives the Mahalanobis distance: -2 (logDensity - logDensity(mean)).
            double atMean = d.logDensity(mean);
            for (int n = 0; n < DRAWS; n++) {
                d.sample(r, x);
                for (int i = 0; i < dim; i++) {
                    proj[n] += u[i] * x[i];
                }
                maha[n] = -2 * (d.logDensity(x) - atMean);
            }
            NormalDistribution pn = NormalDistribution.of(m, Math.sqrt(v));
            assertThat(StatTests.ksPValue(proj, pn::cumulativeProbability)).as("projection of %s", d)
                    .isGreaterThan(StatTests.ALPHA);
            org.apache.commons.statistics.distribution.ChiSquaredDistribution chi =
                    org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(dim);
            assertThat(StatTests.ksPValue(maha, chi::cumulativeProbability)).as("Mahalanobis distance of %s", d)
                    .isGreaterThan(StatTests.ALPHA);
        }
    }

    /**
     * Test of the test: classic parameterisation bugs must fail the same checks at the same sample size. A Gamma
     * or Exponential sampler that reads the rate as a scale, a Normal sampler that reads the sd as a variance, and
     * a Poisson sampler 10% off in its rate, each at the random parameters of the cases above (where the bug makes
     * a difference: rate or sd at least 1.5 or at most 1 / 1.5; Poisson rate at least 20), must give p < 1e-6.
     */
    @Test
    void parameterisationBugsFailTheSameChecks() {
        int checked = 0;
        for (int c = 0; c < CASES; c++) {
            Rng r = Rng.forRun(SEED, 7_000 + c);
            double k = logUniform(r, 0.3, 100);
            double rate = logUniform(r, 1e-2, 1e2);
            double sd = logUniform(r, 1e-3, 1e3);
            double lambda = logUniform(r, 20, 1000);
            if (Math.abs(Math.log(rate)) >= Math.log(1.5)) {
                Gamma bug = new Gamma(k, 1 / rate);
                GammaDistribution ref = GammaDistribution.of(k, 1 / rate);
                assertThat(StatTests.ksPValue(draw(bug, r), ref::cumulativeProbability)).as("Gamma rate as scale")
                        .isLessThan(StatTests.ALPHA);
                Exponential ebug = new Exponential(1 / rate);
                ExponentialDistribution eref = ExponentialDistribution.of(1 / rate);
                assertThat(StatTests.ksPValue(draw(ebug, r), eref::cumulativeProbability))
                        .as("Exponential rate as scale").isLessThan(StatTests.ALPHA);
                checked += 2;
            }
            if (Math.abs(Math.log(sd)) >= Math.log(1.5)) {
                Normal nbug = new Normal(0, sd * sd);
                NormalDistribution nref = NormalDistribution.of(0, sd);
                assertThat(StatTests.ksPValue(draw(nbug, r), nref::cumulativeProbability)).as("Normal sd as variance")
                        .isLessThan(StatTests.ALPHA);
                checked++;
            }
            Poisson pbug = new Poisson(1.1 * lambda);
            int[] xs = new int[DRAWS];
            for (int i = 0; i < DRAWS; i++) {
                xs[i] = pbug.sample(r);
            }
            PoissonDistribution pref = PoissonDistribution.of(lambda);
            StatTests.Bins bins = StatTests.pool(xs, pref::probability, 0, Integer.MAX_VALUE);
            assertThat(StatTests.chiSquarePValue(bins)).as("Poisson rate 10%% off").isLessThan(StatTests.ALPHA);
            checked++;
        }
        assertThat(checked).as("mutants checked").isGreaterThanOrEqualTo(CASES * 2);
    }

    static double[] draw(RealDist d, Rng r) {
        double[] xs = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            xs[i] = d.sample(r);
        }
        return xs;
    }

    /** Random invalid values: NaN, infinities, and random values from each parameter's invalid region. */
    @Test
    void invalidParametersAreRejectedAtRandomValues() {
        Rng r = Rng.forRun(SEED, 50_000);
        for (int i = 0; i < 200; i++) {
            double neg = -logUniform(r, 1e-300, 1e300);
            double bad = switch (i % 4) {
                case 0 -> Double.NaN;
                case 1 -> r.nextBoolean() ? INF : -INF;
                case 2 -> neg;
                default -> 0.0;
            };
            double aboveOne = 1 + logUniform(r, 1e-15, 1e10);
            double belowZero = -logUniform(r, 1e-300, 1e10);
            double notProbability = i % 4 == 0 ? Double.NaN : r.nextBoolean() ? aboveOne : belowZero;
            rejects("Normal", "sd", () -> new Normal(0, bad));
            rejects("LogNormal", "sigma", () -> new LogNormal(0, bad));
            rejects("Beta", "alpha", () -> new Beta(bad, 1));
            rejects("Beta", "beta", () -> new Beta(1, bad));
            rejects("Gamma", "shape", () -> new Gamma(bad, 1));
            rejects("Gamma", "rate", () -> new Gamma(1, bad));
            rejects("Exponential", "rate", () -> new Exponential(bad));
            rejects("StudentT", "df", () -> new StudentT(bad, 0, 1));
            rejects("StudentT", "scale", () -> new StudentT(3, 0, bad));
            rejects("Cauchy", "scale", () -> new Cauchy(0, bad));
            rejects("Laplace", "scale", () -> new Laplace(0, bad));
            rejects("HalfNormal", "scale", () -> new HalfNormal(bad));
            double badRate = i % 4 == 3 ? neg : bad; // rate 0 is valid: the point mass at 0
            rejects("Poisson", "rate", () -> new Poisson(badRate));
            rejects("NegativeBinomial", "r", () -> new NegativeBinomial(bad, 0.5));
            rejects("Bernoulli", "p", () -> new Bernoulli(notProbability));
            rejects("Binomial", "p", () -> new Binomial(5, notProbability));
            rejects("Geometric", "p", () -> new Geometric(notProbability));
            rejects("NegativeBinomial", "p", () -> new NegativeBinomial(2, notProbability));
            double lo = uniform(r, -1e6, 1e6);
            double below = lo - logUniform(r, 1e-6, 1e6);
            rejects("Uniform", "upper", () -> new Uniform(lo, below));
            int ilo = r.nextInt(2000) - 1000;
            rejects("DiscreteUniform", "upper", () -> new DiscreteUniform(ilo, ilo - 1 - r.nextInt(1000)));
            rejects("Binomial", "n", () -> new Binomial(-1 - r.nextInt(1000), 0.5));
            double badMean = i % 4 == 1 ? bad : Double.NaN; // 0.0 and negatives are valid locations
            rejects("Normal", "mean", () -> new Normal(badMean, 1));
            double[] w = {1, 2, 3};
            w[r.nextInt(3)] = i % 4 == 3 ? neg : bad; // 0.0 is a valid weight: use a negative one instead
            rejects("Categorical", "weights", () -> new Categorical(w));
            double[] alpha = {1, 2, 3};
            alpha[r.nextInt(3)] = bad;
            rejects("Dirichlet", "alpha", () -> new Dirichlet(alpha));
            double[][] notPd = {{1, 2}, {2, 1}};
            rejects("MultivariateNormal", "covariance", () -> new MultivariateNormal(new double[2], notPd));
        }
    }

    static void rejects(String dist, String param, org.assertj.core.api.ThrowableAssert.ThrowingCallable build) {
        assertThatThrownBy(build).as("%s with an invalid %s", dist, param).isInstanceOf(ParameterException.class)
                .hasMessageStartingWith(dist + ": ").hasMessageContaining(param);
    }
}
