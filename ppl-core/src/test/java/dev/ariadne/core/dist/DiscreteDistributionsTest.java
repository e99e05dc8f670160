package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ariadne.core.Rng;
import dev.ariadne.core.testing.StatTests;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.apache.commons.statistics.distribution.GeometricDistribution;
import org.apache.commons.statistics.distribution.PascalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.commons.statistics.distribution.UniformDiscreteDistribution;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every integer-valued distribution against an independent reference: log mass over its support, normalisation,
 * the sampler's distribution (chi-square with pooled bins) and its first two moments. Bernoulli is checked at the
 * end.
 */
class DiscreteDistributionsTest {

    private static final long SEED = 0xD15C_2E7EL;
    private static final int DRAWS = 20_000;

    /**
     * Log masses agree to 1e-12 absolute, or relative to the largest term of the closed form where that exceeds 1:
     * k log(rate), log k! and similar terms of size M cancel to a small log mass, and each side then carries a
     * rounding error of a few ulps of M (for Poisson(250) near its mode M ~ 1400, so ~1e-12 absolute).
     */
    private static final double LOG_MASS_TOL = 1e-12;

    /**
     * A distribution under test with its reference.
     *
     * @param dist       ours
     * @param refLogMass the reference log mass
     * @param lower      the support's smallest value
     * @param upper      the support's largest value (Integer.MAX_VALUE for counts)
     * @param last       the largest k to check on the grid and sum to (beyond it the reference tail is < 1e-15)
     * @param refMean    the reference mean
     * @param refVar     the reference variance
     * @param termSize   the size of the largest term of the closed form over the grid, for the tolerance
     */
    record Case(IntDist dist, IntToDoubleFunction refLogMass, int lower, int upper, int last, double refMean,
            double refVar, double termSize) {
    }

    private static Case ref(IntDist dist, DiscreteDistribution ref, double termSize) {
        int last = ref.inverseSurvivalProbability(1e-16);
        return new Case(dist, ref::logProbability, ref.getSupportLowerBound(), ref.getSupportUpperBound(), last,
                ref.getMean(), ref.getVariance(), termSize);
    }

    /** Negative binomial for real r: the reference pmf by the ratio recurrence p(k+1) = p(k) (k+r)/(k+1) (1-p). */
    private static Case negativeBinomialRealR(double r, double p, int last) {
        int end = last + 3;
        double[] logMass = new double[end + 1];
        logMass[0] = r * Math.log(p);
        for (int k = 0; k < end; k++) {
            logMass[k + 1] = logMass[k] + Math.log((k + r) / (k + 1)) + Math.log1p(-p);
        }
        // The recurrence accumulates one rounding per step: its own error is about last * 2e-16 in absolute terms.
        return new Case(new NegativeBinomial(r, p), k -> k >= 0 && k <= end ? logMass[k] : Double.NEGATIVE_INFINITY,
                0, Integer.MAX_VALUE, last, r * (1 - p) / p, r * (1 - p) / (p * p), last * Math.abs(Math.log1p(-p)));
    }

    private static Case categorical(double... weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double total = sum;
        double mean = 0;
        for (int i = 0; i < weights.length; i++) {
            mean += i * weights[i] / total;
        }
        double var = 0;
        for (int i = 0; i < weights.length; i++) {
            var += (i - mean) * (i - mean) * weights[i] / total;
        }
        return new Case(new Categorical(weights),
                k -> k >= 0 && k < weights.length ? Math.log(weights[k] / total) : Double.NEGATIVE_INFINITY,
                0, weights.length - 1, weights.length - 1, mean, var, 1);
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(ref(new Binomial(10, 0.3), BinomialDistribution.of(10, 0.3), 20));
        cases.add(ref(new Binomial(1000, 0.02), BinomialDistribution.of(1000, 0.02), 6000));
        cases.add(ref(new Binomial(50, 0.97), BinomialDistribution.of(50, 0.97), 200));
        cases.add(ref(new Binomial(1, 0.5), BinomialDistribution.of(1, 0.5), 1));
        cases.add(ref(new Poisson(0.5), PoissonDistribution.of(0.5), 50));
        cases.add(ref(new Poisson(12), PoissonDistribution.of(12), 300));
        cases.add(ref(new Poisson(29.9), PoissonDistribution.of(29.9), 600));
        cases.add(ref(new Poisson(250), PoissonDistribution.of(250), 3000));
        cases.add(ref(new Geometric(0.3), GeometricDistribution.of(0.3), 100));
        cases.add(ref(new Geometric(0.02), GeometricDistribution.of(0.02), 100));
        cases.add(ref(new Geometric(0.9), GeometricDistribution.of(0.9), 100));
        cases.add(ref(new NegativeBinomial(3, 0.4), PascalDistribution.of(3, 0.4), 200));
        cases.add(ref(new NegativeBinomial(1, 0.2), PascalDistribution.of(1, 0.2), 200));
        cases.add(ref(new NegativeBinomial(20, 0.7), PascalDistribution.of(20, 0.7), 300));
        cases.add(negativeBinomialRealR(2.5, 0.3, 120));
        cases.add(negativeBinomialRealR(0.3, 0.1, 400));
        cases.add(ref(new DiscreteUniform(-3, 4), UniformDiscreteDistribution.of(-3, 4), 1));
        cases.add(ref(new DiscreteUniform(0, 0), UniformDiscreteDistribution.of(0, 0), 1));
        cases.add(categorical(1, 2, 3, 4));
        cases.add(categorical(0.2, 0, 5, 0.01, 3));
        List<Arguments> args = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            args.add(Arguments.of(Named.of(cases.get(i).dist().toString(), cases.get(i)), i));
        }
        return args.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logMassMatchesReference(Case c, int index) {
        for (int k = c.lower() - 3; k <= c.last() + 3; k++) {
            double expected = c.refLogMass().applyAsDouble(k);
            double actual = c.dist().logMass(k);
            if (expected == Double.NEGATIVE_INFINITY || k < c.lower() || k > c.upper()) {
                assertThat(actual).as("%s at k=%d", c.dist(), k).isEqualTo(expected);
            } else {
                double tol = LOG_MASS_TOL * Math.max(1, Math.max(Math.abs(expected), c.termSize()));
                assertThat(actual).as("%s at k=%d", c.dist(), k).isCloseTo(expected, offset(tol));
            }
        }
        assertThat(c.dist().logMass(Integer.MIN_VALUE)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * The masses from lower to last sum to 1 within 1e-12: the reference tail beyond last is below 1e-15, and the
     * summed rounding of at most a few thousand terms, each with relative error ~1e-14 (exp of a log mass
     * accurate to ~1e-14 absolute near the mode), is ~1e-13.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void massSumsToOne(Case c, int index) {
        double sum = 0;
        for (int k = c.lower(); k <= c.last(); k++) {
            sum += Math.exp(c.dist().logMass(k));
        }
        assertThat(sum).isCloseTo(1.0, offset(1e-12));
        assertThat(c.dist().support()).isEqualTo(Support.integers(c.lower(), c.upper()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void meanAndVarianceMatchReference(Case c, int index) {
        assertThat(c.dist().mean()).isCloseTo(c.refMean(), offset(1e-12 * Math.max(1, Math.abs(c.refMean()))));
        assertThat(c.dist().variance()).isCloseTo(c.refVar(), offset(1e-12 * Math.max(1, c.refVar())));
    }

    private static int[] draw(Case c, int index) {
        Rng rng = Rng.forRun(SEED, index);
        int[] xs = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            xs[i] = c.dist().sample(rng);
        }
        return xs;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void samplesFollowTheDistribution(Case c, int index) {
        int[] xs = draw(c, index);
        if (c.lower() == c.upper()) {
            assertThat(xs).containsOnly(c.lower());
            return;
        }
        StatTests.Bins bins = StatTests.pool(xs, k -> Math.exp(c.refLogMass().applyAsDouble(k)), c.lower(),
                c.upper());
        assertThat(StatTests.chiSquarePValue(bins)).as("chi-square p-value, %d bins", bins.expected().length)
                .isGreaterThan(StatTests.ALPHA);
    }

    /**
     * Sample mean within 5 standard errors sqrt(var / n); sample variance within 5 standard errors, from the exact
     * variance of the unbiased sample variance, (mu4 - var^2 (n - 3) / (n - 1)) / n, with mu4 summed from the mass
     * function (all these have every moment). The exact form matters for a fair coin, where mu4 = var^2.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void sampleMomentsMatchMeanAndVariance(Case c, int index) {
        double[] xs = StatTests.toDoubles(draw(c, index + 1000));
        double mean = c.dist().mean();
        double var = c.dist().variance();
        assertThat(StatTests.mean(xs)).isCloseTo(mean, offset(5 * Math.sqrt(var / DRAWS)));
        double mu4 = 0;
        for (int k = c.lower(); k <= c.last(); k++) {
            double d = k - mean;
            mu4 += d * d * d * d * Math.exp(c.dist().logMass(k));
        }
        double n = DRAWS;
        double varOfVar = (mu4 - var * var * (n - 3) / (n - 1)) / n;
        assertThat(StatTests.variance(xs)).isCloseTo(var, offset(5 * Math.sqrt(varOfVar)));
    }

    @Test
    void degenerateParametersGivePointMasses() {
        Rng rng = Rng.forRun(SEED, 9999);
        assertThat(new Binomial(7, 0).logMass(0)).isZero();
        assertThat(new Binomial(7, 0).logMass(1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Binomial(7, 1).logMass(7)).isZero();
        assertThat(new Binomial(7, 1).logMass(6)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Binomial(0, 0.4).logMass(0)).isZero();
        assertThat(new Geometric(1).logMass(0)).isZero();
        assertThat(new Geometric(1).logMass(1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new NegativeBinomial(2.5, 1).logMass(0)).isZero();
        assertThat(new NegativeBinomial(2.5, 1).logMass(3)).isEqualTo(Double.NEGATIVE_INFINITY);
        for (int i = 0; i < 100; i++) {
            assertThat(new Binomial(7, 0).sample(rng)).isZero();
            assertThat(new Binomial(7, 1).sample(rng)).isEqualTo(7);
            assertThat(new Geometric(1).sample(rng)).isZero();
            assertThat(new NegativeBinomial(2.5, 1).sample(rng)).isZero();
            assertThat(new Categorical(0, 1, 0).sample(rng)).isEqualTo(1);
        }
    }

    /**
     * Logits far from 0 keep their differences: the softmax depends on them only. Computed as l_i - (max + log sum),
     * log sum was lost to rounding where the doubles are far apart (2 apart at 1e16), and equal logits of 1e308 had
     * probabilities 1 and 1 (this test failed so). The tolerances are a few ulps of the rounding of exp and log.
     */
    @Test
    void categoricalFromLargeLogitsIsTheSoftmaxOfTheirDifferences() {
        assertThat(Categorical.ofLogits(1e308, 1e308).probabilities()).containsExactly(0.5, 0.5);
        assertThat(Categorical.ofLogits(-1e308, -1e308, -1e308).logMass(2)).isCloseTo(-Math.log(3), offset(1e-15));
        double e2 = Math.exp(2);
        Categorical c = Categorical.ofLogits(1e16, 1e16 + 2);
        assertThat(c.probabilities()).containsExactly(new double[] {1 / (1 + e2), e2 / (1 + e2)}, offset(1e-15));
        assertThat(c.logMass(0)).isCloseTo(-2 - Math.log1p(1 / e2), offset(1e-15));
    }

    @Test
    void categoricalFromLogitsIsTheSoftmax() {
        // Logits near 1000 would overflow exp() without the max shift. 1000 + log 3 is rounded to the grid of
        // doubles near 1000 (spacing 1.1e-13), so the probabilities are exact only to ~1e-13.
        Categorical c = Categorical.ofLogits(1000, 1000 + Math.log(3), Double.NEGATIVE_INFINITY);
        assertThat(c.probabilities()).containsExactly(new double[] {0.25, 0.75, 0}, offset(1e-12));
        assertThat(c.logMass(2)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(c.logMass(1)).isCloseTo(Math.log(0.75), offset(1e-12));
        assertThat(c.support()).isEqualTo(Support.integers(0, 2));
        double[] copy = c.probabilities();
        copy[0] = 99;
        assertThat(c.probabilities()[0]).isNotEqualTo(99.0);
        double[] weights = {1, 3};
        Categorical w = new Categorical(weights);
        weights[0] = 100;
        assertThat(w.probabilities()).containsExactly(0.25, 0.75);
        assertThat(w).isEqualTo(new Categorical(2, 6)).hasSameHashCodeAs(new Categorical(2, 6));
        assertThat(w.toString()).isEqualTo("Categorical(probabilities=[0.25, 0.75])");
    }

    /**
     * A long parameter is named by its first entries and its last two: a Categorical of 10^6 values named every
     * probability in each message that named it, 8 MB a message (an adversarial tester).
     */
    @Test
    void aLongParameterIsNamedShort() {
        double[] w = new double[1_000_000];
        java.util.Arrays.fill(w, 1);
        w[999_999] = 2;
        String name = new Categorical(w).describe();
        assertThat(name).hasSizeLessThan(300).contains("(1,000,000 values in all)").startsWith(
                "Categorical(probabilities=[9.99999000001E-7, ").endsWith(", 1.999998000002E-6])");
        double[] alpha = new double[40];
        java.util.Arrays.fill(alpha, 1);
        assertThat(new Dirichlet(alpha).toString()).hasSizeLessThan(200).contains("(40 values in all)");
        assertThat(new Categorical(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2).toString()).doesNotContain("in all");
    }

    /**
     * A Categorical's draw is the inversion written out: with u the next uniform times the probabilities' sum, the
     * first index whose running sum of the probabilities exceeds u, else the last; so a draw takes one uniform and
     * its value does not depend on how the sampler searches. Checked draw by draw (exact), from one stream and its
     * twin, for 1 to 40 categories (both sides of the scan limit), some weights zero, and weights repeated so that
     * the thread's cached normalisation is used too.
     */
    @Test
    void categoricalDrawsAreTheInversionOfTheRunningSum() {
        Rng weightsRng = Rng.forRun(77, 0);
        Rng rng = Rng.forRun(78, 0);
        Rng twin = Rng.forRun(78, 0);
        for (int trial = 0; trial < 400; trial++) {
            int k = 1 + trial % 40;
            double[] w = new double[k];
            for (int i = 0; i < k; i++) {
                w[i] = weightsRng.nextDouble() < 0.2 ? 0 : weightsRng.nextDouble();
            }
            w[(int) (weightsRng.nextDouble() * k)] = 1;
            for (int draw = 0; draw < 50; draw++) {
                Categorical c = new Categorical(w);
                double[] p = c.probabilities();
                double total = 0;
                for (double pi : p) {
                    total += pi;
                }
                double u = twin.nextDouble() * total;
                double s = 0;
                int expected = k - 1;
                for (int i = 0; i < k - 1; i++) {
                    s += p[i];
                    if (s > u) {
                        expected = i;
                        break;
                    }
                }
                assertThat(c.sample(rng)).as("draw %d of %s", draw, c).isEqualTo(expected);
            }
        }
    }

    /** Large-n binomial draws exercise the chop-down sampler far from zero. */
    @Test
    void largeBinomialSamplerMatchesReference() {
        BinomialDistribution ref = BinomialDistribution.of(1_000_000, 0.37);
        Binomial b = new Binomial(1_000_000, 0.37);
        Rng rng = Rng.forRun(SEED, 4242);
        int[] xs = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            xs[i] = b.sample(rng);
        }
        StatTests.Bins bins = StatTests.pool(xs, ref::probability, 0, 1_000_000);
        assertThat(StatTests.chiSquarePValue(bins)).isGreaterThan(StatTests.ALPHA);
    }

    @ParameterizedTest
    @MethodSource("bernoulliCases")
    void bernoulli(double p, int index) {
        Bernoulli b = new Bernoulli(p);
        assertThat(b.support()).isEqualTo(Support.BOOLEAN);
        assertThat(b.logMass(true)).isCloseTo(Math.log(p), offset(1e-15));
        assertThat(b.logMass(false)).isCloseTo(Math.log(1 - p), offset(1e-15));
        assertThat(Math.exp(b.logMass(true)) + Math.exp(b.logMass(false))).isCloseTo(1, offset(1e-15));
        assertThat(b.mean()).isEqualTo(p);
        assertThat(b.variance()).isEqualTo(p * (1 - p));
        Rng rng = Rng.forRun(SEED, 5000 + index);
        long trues = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (b.sample(rng)) {
                trues++;
            }
        }
        if (p == 0 || p == 1) {
            assertThat(trues).isEqualTo((long) (p * DRAWS));
        } else {
            // Binomial count: within 5 standard errors of n p.
            assertThat((double) trues).isCloseTo(p * DRAWS, offset(5 * Math.sqrt(DRAWS * p * (1 - p))));
        }
    }

    static Stream<Arguments> bernoulliCases() {
        double[] ps = {0, 0.001, 0.3, 0.5, 0.97, 1};
        List<Arguments> args = new ArrayList<>();
        for (int i = 0; i < ps.length; i++) {
            args.add(Arguments.of(ps[i], i));
        }
        return args.stream();
    }

    /**
     * {@code Bernoulli.ofLogit}: the same distribution as {@code new Bernoulli(sigmoid(logit))}, with log masses
     * exact where p rounds to 0 or 1 (there {@code new Bernoulli(p)} gives {@code -inf} for the rarer outcome,
     * and a logistic regression whose linear predictor reaches 37 would count the run as a zero likelihood).
     */
    @Test
    void bernoulliFromItsLogit() {
        Bernoulli b = Bernoulli.ofLogit(40);
        assertThat(b.logMass(false)).isCloseTo(-40 - Math.exp(-40), offset(1e-14));
        assertThat(b.logMass(true)).isCloseTo(-Math.exp(-40), offset(1e-30));
        assertThat(new Bernoulli(1 / (1 + Math.exp(-40))).logMass(false)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Bernoulli.ofLogit(-800).logMass(true)).isEqualTo(-800);
        assertThat(Bernoulli.ofLogit(0)).isEqualTo(new Bernoulli(0.5));
        Rng rng = Rng.forRun(SEED, 6000);
        for (int i = 0; i < 1000; i++) {
            double logit = -30 + 60 * rng.nextDouble();
            Bernoulli d = Bernoulli.ofLogit(logit);
            double p = 1 / (1 + Math.exp(-logit));
            assertThat(d.p()).isCloseTo(p, offset(1e-15));
            assertThat(d.logMass(true)).isCloseTo(Math.log(p), offset(1e-14));
            // log(1 - p), computed where it does not cancel: log1p(-p) loses digits as p nears 1.
            double log1mP = logit >= 0 ? -logit - Math.log1p(Math.exp(-logit)) : Math.log1p(-p);
            assertThat(d.logMass(false)).isCloseTo(log1mP, offset(1e-14 * Math.max(1, Math.abs(logit))));
            assertThat(Math.exp(d.logMass(true)) + Math.exp(d.logMass(false))).isCloseTo(1, offset(1e-15));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bernoulli.ofLogit(Double.NaN))
                .isInstanceOf(ParameterException.class).hasMessage("Bernoulli: logit must be finite, got NaN");
    }

    /**
     * A DiscreteUniform's mass is {@code -log(count)} bit for bit whether the count is below the table of
     * {@code DiscreteUniform} (1,024) or above it, wherever its bounds lie, and with int bounds whose count
     * exceeds int range (an equivalence guard for the table that spares a logarithm at each construction).
     */
    @org.junit.jupiter.api.Test
    void discreteUniformMassIsMinusTheLogOfItsCountOnBothSidesOfItsTable() {
        for (int count = 1; count <= 3_000; count++) {
            for (int lower : new int[] {0, -count / 2, 1_000_000}) {
                DiscreteUniform d = new DiscreteUniform(lower, lower + count - 1);
                assertThat(d.logMass(lower + count / 2)).as("count %d", count).isEqualTo(-Math.log(count));
                assertThat(d.logMass(lower + count)).isEqualTo(Double.NEGATIVE_INFINITY);
            }
        }
        long huge = (long) Integer.MAX_VALUE - Integer.MIN_VALUE + 1;
        assertThat(new DiscreteUniform(Integer.MIN_VALUE, Integer.MAX_VALUE).logMass(0)).isEqualTo(-Math.log(huge));
    }
}
