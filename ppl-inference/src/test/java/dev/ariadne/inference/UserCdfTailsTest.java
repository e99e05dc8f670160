package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.CumulativeRealDist;
import dev.ariadne.core.dist.Support;
import java.util.List;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.LogisticDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;
import org.junit.jupiter.api.Test;

/**
 * A distribution of the user's own whose distribution functions leave its density only in a far tail, beyond every
 * draw the check makes, is named by the tails' integrals ({@link UserCdfCheck#tails}); right ones are not, whether they
 * give their survival functions or leave them as 1 - F.
 */
class UserCdfTailsTest {

    /** A Commons Statistics distribution as a user's, its survival functions its own or the defaults. */
    record Reference(ContinuousDistribution d, boolean survival, Support support) implements CumulativeRealDist {
        @Override
        public double sample(Rng rng) {
            return d.inverseCumulativeProbability(rng.nextDouble());
        }

        @Override
        public double logDensity(double x) {
            return d.logDensity(x);
        }

        @Override
        public double cumulativeProbability(double x) {
            return d.cumulativeProbability(x);
        }

        @Override
        public double survivalProbability(double x) {
            return survival ? d.survivalProbability(x) : 1 - d.cumulativeProbability(x);
        }

        @Override
        public double inverseCumulativeProbability(double p) {
            return d.inverseCumulativeProbability(p);
        }

        @Override
        public double inverseSurvivalProbability(double p) {
            return survival ? d.inverseSurvivalProbability(p) : d.inverseCumulativeProbability(1 - p);
        }

        @Override
        public double mean() {
            return d.getMean();
        }

        @Override
        public double variance() {
            return d.getVariance();
        }
    }

    /** Exponential(1) in its sampler and density; distribution functions of rate 1/2 past {@code bend}. */
    record BentTail(double bend) implements CumulativeRealDist {
        @Override
        public double sample(Rng rng) {
            return rng.standardExponential();
        }

        @Override
        public double logDensity(double x) {
            return x < 0 ? Double.NEGATIVE_INFINITY : -x;
        }

        @Override
        public double survivalProbability(double x) {
            return x <= 0 ? 1 : x <= bend ? Math.exp(-x) : Math.exp(-bend - 0.5 * (x - bend));
        }

        @Override
        public double cumulativeProbability(double x) {
            return x <= 0 ? 0 : x <= bend ? -Math.expm1(-x) : 1 - survivalProbability(x);
        }

        @Override
        public double inverseSurvivalProbability(double p) {
            double x = -Math.log(p);
            return x <= bend ? x : bend + 2 * (x - bend);
        }

        @Override
        public double inverseCumulativeProbability(double q) {
            return q < 0.5 ? -Math.log1p(-q) : inverseSurvivalProbability(1 - q);
        }

        @Override
        public Support support() {
            return Support.POSITIVE;
        }

        @Override
        public double mean() {
            return 1;
        }

        @Override
        public double variance() {
            return 1;
        }
    }

    /**
     * Exponential(1) but for a drop by {@code r} at {@code x0}, normalised, with its functions in closed form: an
     * honest density with a jump, which a fixed 32-point rule integrated 7% short where the jump fell inside an
     * interval, naming right functions in 5 calls of 5 (a false-alarm hunt).
     */
    record Step(double x0, double r) implements CumulativeRealDist {
        private double c() {
            return 1 / (1 - Math.exp(-x0) + r * Math.exp(-x0));
        }

        @Override
        public double sample(Rng rng) {
            return inverseSurvivalProbability(rng.openUniform());
        }

        @Override
        public double logDensity(double x) {
            return x < 0 ? Double.NEGATIVE_INFINITY : Math.log(c()) - x + (x < x0 ? 0 : Math.log(r));
        }

        @Override
        public double survivalProbability(double x) {
            return x <= 0 ? 1 : x >= x0 ? c() * r * Math.exp(-x)
                    : c() * (Math.exp(-x) - Math.exp(-x0) + r * Math.exp(-x0));
        }

        @Override
        public double cumulativeProbability(double x) {
            return x <= 0 ? 0 : x < x0 ? c() * -Math.expm1(-x) : 1 - survivalProbability(x);
        }

        @Override
        public double inverseSurvivalProbability(double p) {
            return p <= survivalProbability(x0) ? -Math.log(p / (c() * r))
                    : -Math.log(p / c() + (1 - r) * Math.exp(-x0));
        }

        @Override
        public double inverseCumulativeProbability(double q) {
            return q < cumulativeProbability(x0) ? -Math.log1p(-q / c()) : inverseSurvivalProbability(1 - q);
        }

        @Override
        public Support support() {
            return Support.POSITIVE;
        }

        @Override
        public double mean() {
            return Double.NaN;
        }

        @Override
        public double variance() {
            return Double.NaN;
        }
    }

    @Test
    void anHonestJumpInsideAnIntervalIsNotNamed() {
        double r = 0.1;
        double c = 1 / (1 - Math.exp(-11.8) + r * Math.exp(-11.8));
        double x0 = -Math.log(7.5e-7 / (c * r)); // the jump at tail probability 7.5e-7, inside [10^-6.25, 10^-6]
        Step step = new Step(x0, r);
        assertThat(step.survivalProbability(x0)).isCloseTo(7.5e-7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(UserCdfCheck.tails(step)).isNull();
        assertThat(UserCdfCheck.tails(new BentTail(10))).isNotNull();
    }

    @Test
    void aTailBentPastTheDrawsIsNamed() {
        String found = UserCdfCheck.tails(new BentTail(10));
        assertThat(found).contains("survivalProbability").contains("not its density's in that tail");
        assertThat(UserCdfCheck.disagreement(new BentTail(10), new double[] {0.5, 1, 1.5})).contains("another prior");
        assertThat(UserCdfCheck.tails(new BentTail(1e9))).isNull();
    }

    @Test
    void rightFunctionsAreNotNamed() {
        List<ContinuousDistribution> all = List.of(NormalDistribution.of(0, 1), NormalDistribution.of(1e6, 1e-3),
                CauchyDistribution.of(0, 1), TDistribution.of(3), LogisticDistribution.of(0, 1),
                ExponentialDistribution.of(2), GammaDistribution.of(0.5, 1), GammaDistribution.of(40, 0.1),
                BetaDistribution.of(0.5, 0.5), BetaDistribution.of(2, 30), LogNormalDistribution.of(0, 2),
                WeibullDistribution.of(0.5, 1), WeibullDistribution.of(3, 1));
        for (ContinuousDistribution d : all) {
            Support s = d.getSupportLowerBound() == Double.NEGATIVE_INFINITY ? Support.REAL
                    : d.getSupportUpperBound() == 1 ? Support.UNIT_INTERVAL : Support.POSITIVE;
            for (boolean survival : new boolean[] {true, false}) {
                assertThat(UserCdfCheck.tails(new Reference(d, survival, s))).as("%s, survival %s", d, survival)
                        .isNull();
            }
        }
    }
}
