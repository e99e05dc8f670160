package dev.ariadne.inference.rare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.CumulativeRealDist;
import dev.ariadne.core.dist.Support;
import org.junit.jupiter.api.Test;

/**
 * A user's Exponential(1) prior that declares only its distribution function and its inverse: the interface's
 * survival functions, 1 - F(x) and F^-1(1 - p), lose the tail below about 1e-16, so subset simulation for x >= 40
 * (log P = -40) stopped at x = 36.7 with every run at one margin, its failure naming five causes, none of them this
 * (an adversarial tester). It is named now; the same prior with exact survival functions reads log P(e) within its
 * standard errors.
 */
class LostUpperTailTest {

    /** Exp(1); its survival functions exact where {@code exactTail}, else the interface's defaults. */
    record Exp1(boolean exactTail) implements CumulativeRealDist {
        @Override
        public double sample(Rng r) {
            return r.standardExponential();
        }

        @Override
        public double logDensity(double x) {
            return x < 0 ? Double.NEGATIVE_INFINITY : -x;
        }

        @Override
        public double mean() {
            return 1;
        }

        @Override
        public double variance() {
            return 1;
        }

        @Override
        public Support support() {
            return Support.POSITIVE;
        }

        @Override
        public double cumulativeProbability(double x) {
            return x <= 0 ? 0 : -Math.expm1(-x);
        }

        @Override
        public double inverseCumulativeProbability(double p) {
            return -Math.log1p(-p);
        }

        @Override
        public double survivalProbability(double x) {
            return exactTail ? (x <= 0 ? 1 : Math.exp(-x)) : CumulativeRealDist.super.survivalProbability(x);
        }

        @Override
        public double inverseSurvivalProbability(double q) {
            return exactTail ? -Math.log(q) : CumulativeRealDist.super.inverseSurvivalProbability(q);
        }
    }

    private static Model<Double> beyond40(Exp1 prior) {
        return p -> {
            double x = p.sample("x", prior);
            p.condition("far", x, 40.0);
            return x;
        };
    }

    @Test
    void survivalFunctionsThatLoseTheTailAreNamedWhereThePilotStops() {
        SubsetResult r = SubsetSimulation.of(beyond40(new Exp1(false))).particles(500).sweeps(5).seed(1).run();
        assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("x's prior, Exp1[exactTail=false], a "
                + "CumulativeRealDist of your own, loses its upper tail: inverseSurvivalProbability(1.0E-20) = "
                + "Infinity").contains("override survivalProbability and inverseSurvivalProbability")
                .contains("the moves cannot climb"));
        assertThat(r.verdicts()).first().asString().contains("loses its upper tail");
    }

    @Test
    void exactSurvivalFunctionsClimbTheTail() {
        SubsetResult r = SubsetSimulation.of(beyond40(new Exp1(true))).particles(500).sweeps(20).seed(1).run();
        assertThat(r.failure()).isEmpty();
        assertThat(Math.abs(r.logEvidence().value() + 40)).isLessThan(5 * r.logEvidence().standardError());
        assertThat(LostUpperTail.lost(new Exp1(true))).isNull();
    }
}
