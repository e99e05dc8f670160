package dev.ariadne.inference.rare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.CumulativeRealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.inference.Estimate;
import org.junit.jupiter.api.Test;

/**
 * A user's standard Logistic prior and the event x >= 15, of probability 1 / (1 + e^15): through the Gaussian
 * reference a prior of one's own climbed the exponential tail slowly, and subset simulation read log P(e) 1.2 to 6
 * nats low in half of all calls (a new user). Given its distribution function and inverse ({@link CumulativeRealDist}),
 * the moves step it exactly, as Ariadne's own priors, and the estimates hold.
 */
class CumulativePriorTest {

    /** The standard Logistic: F(x) = 1 / (1 + e^-x), S(x) = 1 / (1 + e^x), each computed on its own side. */
    record Logistic() implements CumulativeRealDist {
        @Override
        public double sample(Rng rng) {
            double u = rng.openUniform();
            return Math.log(u) - Math.log1p(-u);
        }

        @Override
        public double logDensity(double x) {
            double a = -Math.abs(x);
            return a - 2 * Math.log1p(Math.exp(a));
        }

        @Override
        public double cumulativeProbability(double x) {
            return 1 / (1 + Math.exp(-x));
        }

        @Override
        public double survivalProbability(double x) {
            return 1 / (1 + Math.exp(x));
        }

        @Override
        public double inverseCumulativeProbability(double p) {
            return Math.log(p) - Math.log1p(-p);
        }

        @Override
        public double inverseSurvivalProbability(double p) {
            return Math.log1p(-p) - Math.log(p);
        }

        @Override
        public Support support() {
            return Support.REAL;
        }

        @Override
        public double mean() {
            return 0;
        }

        @Override
        public double variance() {
            return Math.PI * Math.PI / 3;
        }
    }

    @Test
    void aPriorGivingItsDistributionFunctionClimbsItsTailExactly() {
        Model<Double> tail = p -> {
            double x = p.sample("x", new Logistic());
            p.condition("tail", x, 15.0);
            return x;
        };
        double exact = -Math.log1p(Math.exp(15));
        double sumZ = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Estimate e = SubsetSimulation.of(tail).particles(1000).sweeps(40).seed(seed).run().logEvidence();
            double z = (e.value() - exact) / e.standardError();
            assertThat(Math.abs(z)).as("seed %d: %s against %f", seed, e, exact).isLessThan(5);
            sumZ += z;
        }
        // before: mean z -5.45 over 10 seeds; four of a sound estimator's z average within 2.5 of 0 but once in 10^4
        assertThat(Math.abs(sumZ / 4)).isLessThan(2.5);
    }

    /**
     * The standard Logistic's sampler and density, with distribution functions that may be of the Logistic of scale
     * {@code cdfScale}: all of them ({@code which} "all"), the inverse alone ("inverse") or the survival function alone
     * ("survival").
     */
    record MisdeclaredLogistic(double cdfScale, String which) implements CumulativeRealDist {
        private double s(String part) {
            return which.equals("all") || which.equals(part) ? cdfScale : 1;
        }

        @Override
        public double sample(Rng rng) {
            return new Logistic().sample(rng);
        }

        @Override
        public double logDensity(double x) {
            return new Logistic().logDensity(x);
        }

        @Override
        public double cumulativeProbability(double x) {
            return 1 / (1 + Math.exp(-x / s("cdf")));
        }

        @Override
        public double survivalProbability(double x) {
            return 1 / (1 + Math.exp(x / s("survival")));
        }

        @Override
        public double inverseCumulativeProbability(double p) {
            return s("inverse") * (Math.log(p) - Math.log1p(-p));
        }

        @Override
        public double inverseSurvivalProbability(double p) {
            return s("survival") * (Math.log1p(-p) - Math.log(p));
        }

        @Override
        public Support support() {
            return new Logistic().support();
        }

        @Override
        public double mean() {
            return new Logistic().mean();
        }

        @Override
        public double variance() {
            return new Logistic().variance();
        }
    }

    private static Model<Double> tailOf(CumulativeRealDist prior) {
        return p -> {
            double x = p.sample("x", prior);
            p.condition("tail", x, 6.0);
            return x;
        };
    }

    /**
     * Distribution functions of another distribution than the sampler's made subset simulation answer for another
     * prior: a user's N(0, 1) with the functions of N(0, 1.5) read log P(x >= 3) 60 standard errors high, its 99% lower
     * bound above the truth in 20 calls of 20, with nothing said (an adversarial tester). They are named now, and the
     * bound says it is none; the true Logistic's functions are not.
     */
    @Test
    void distributionFunctionsOfAnotherDistributionAreNamed() {
        for (String which : new String[] {"all", "inverse", "survival"}) {
            SubsetResult r = SubsetSimulation.of(tailOf(new MisdeclaredLogistic(1.5, which))).particles(300).sweeps(5)
                    .seed(3).run();
            assertThat(r.userDistributions()).as(which).hasValueSatisfying(v -> assertThat(v)
                    .contains("a distribution of your own")
                    .contains(which.equals("all") ? "differs from its cumulativeProbability"
                            : which.equals("inverse") ? "declares inverseCumulativeProbability"
                            : "declares survivalProbability")
                    .contains("would answer for another prior"));
            assertThat(r.lowerBound(0.01).toString()).as(which).contains("not a bound of P(e)");
        }
        assertThat(SubsetSimulation.of(tailOf(new MisdeclaredLogistic(1, "all"))).particles(300).sweeps(5).seed(3).run()
                .userDistributions()).isEmpty();
        assertThat(SubsetSimulation.of(tailOf(new Logistic())).particles(300).sweeps(5).seed(3).run()
                .userDistributions()).isEmpty();
    }
}
