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
}
