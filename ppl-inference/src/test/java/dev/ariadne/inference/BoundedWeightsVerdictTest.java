package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Uniform;
import org.junit.jupiter.api.Test;

/**
 * Weights bounded by a stated {@code maxLogLikelihood} with the prior as proposal have a finite variance, whatever
 * Pareto k-hat reads from the largest ones: the verdicts never say the variance may be infinite there, and where the bound
 * alone proves a relative standard error of at most 5% they say nothing of the tail.
 */
class BoundedWeightsVerdictTest {

    /**
     * A zero-inflated Poisson from the prior (a new user's model): the indicators at the five zeros put the weights in
     * groups e^lambda apart, and over 200,000 runs k-hat reads about 1.9, "infinite mean", though every weight is at
     * most 1 and the estimate is right (E[w^2] / E[w]^2 = 1133, so its standard error is 0.075). The verdict says the
     * variance is finite, and states what the bound proves (here little: the evidence is e^-17).
     */
    @Test
    void aZeroInflatedPoissonFromThePriorIsNotCalledInfiniteButNotCertifiedEither() {
        int[] y = {0, 3, 0, 0, 2, 5, 0, 1, 4, 0};
        Model<Double> zip = p -> {
            double lambda = p.sample("lam", new Gamma(2, 1));
            for (int i = 0; i < y.length; i++) {
                boolean zero = p.sample("z", i, new Bernoulli(0.3));
                p.observe("y", i, new Poisson(zero ? 0 : lambda), y[i]);
            }
            return lambda;
        };
        ImportanceResult<Double> r = Importance.of(zip).maxLogLikelihood(0).samples(200_000).seed(1).run();
        Diagnostics d = r.diagnostics();
        assertThat(d.paretoK()).isGreaterThan(d.paretoThreshold());
        assertThat(d.verdicts()).noneMatch(v -> v.contains("may be infinite") || v.contains("the weights are heavy"));
        assertThat(d.verdicts()).anyMatch(v -> v.contains("so their variance is finite and the tail ends")
                && v.contains("may not yet reach the weights that carry P(e)") && v.contains("proves a relative "
                + "standard error of P(e)-hat of at most"));
        assertThat(d.provenRelativeError()).isGreaterThan(1); // M / L is about e^17: 200,000 runs prove nothing
        assertThat(d.tailOk()).isFalse();
        assertThat(d.report()).contains("bounded weights: relative standard error of P(e)-hat at most");
        double exact = exactZipLogEvidence(y);
        assertThat(Math.abs(r.logEvidence().value() - exact)).isLessThan(5 * r.logEvidence().standardError());
    }

    /**
     * x ~ Uniform(0, 1) and a factor (1e-5 / (x + 1e-5))^(2/3): at most 1, and over the runs' largest weights a power
     * law of index 2/3, so k-hat reads about 0.6 to 0.7 ("variance probably infinite" before). P(e) is 1.4e-3 and
     * 10^6 runs prove a relative standard error of 2.7%: no verdict on the tail, which the exact value bears out.
     */
    @Test
    void whereTheBoundProvesFivePercentAHeavyLookingTailDrawsNoVerdict() {
        double x0 = 1e-5;
        double e = 2.0 / 3;
        Model<Double> m = powerLaw(x0, e);
        double exact = Math.log(x0 / (1 - e) * (Math.pow((1 + x0) / x0, 1 - e) - 1));
        ImportanceResult<Double> r = Importance.of(m).maxLogLikelihood(0).samples(1_000_000).seed(1).run();
        Diagnostics d = r.diagnostics();
        assertThat(d.paretoK()).isGreaterThan(0.5);
        assertThat(d.provenRelativeError()).isBetween(0.02, BoundedWeights.ENOUGH);
        assertThat(d.verdicts()).isEmpty();
        assertThat(d.tailOk()).isTrue();
        assertThat(Math.abs(r.logEvidence().value() - exact)).isLessThan(5 * r.logEvidence().standardError());
        // Without the statement nothing is proven, and the tail draws its verdict as before.
        Diagnostics unstated = Importance.of(m).samples(1_000_000).seed(1).run().diagnostics();
        assertThat(unstated.provenRelativeError()).isInfinite();
        assertThat(unstated.verdicts()).anyMatch(v -> v.contains("their variance may be infinite"));
    }

    /**
     * Above k-hat's threshold the proof does not silence the tail: the error is within it, but the standard error read
     * from the runs can understate it many times, which the proof does not bound. The same power-law factor with
     * index 1/1.2 and 1e-5: over 1.5 x 10^6 runs k-hat reads 0.79 and the proof 4.4%; the verdict stays, worded for
     * bounded weights, and the tail is not called ok. Over 4 x 10^6 runs the largest 31 weights lie within a factor 2
     * of the bound, a pile that k-hat does not describe ({@code ParetoKHat.PILE_TOP}): no verdict, and over 20 seeds
     * the z-scores read rms 1.21, none beyond 3.
     */
    @Test
    void aProofOfFivePercentDoesNotSilenceATailAboveTheThreshold() {
        Model<Double> m = powerLaw(1e-5, 1 / 1.2);
        Diagnostics d = Importance.of(m).maxLogLikelihood(0).samples(1_500_000).seed(2).run().diagnostics();
        assertThat(d.paretoK()).isGreaterThan(d.paretoThreshold());
        assertThat(d.provenRelativeError()).isLessThanOrEqualTo(BoundedWeights.ENOUGH);
        assertThat(d.tailOk()).isFalse();
        assertThat(d.verdicts()).anyMatch(v -> v.contains("so their variance is finite and the tail ends")
                && v.contains("though the standard error reported may be far below that"));
        assertThat(d.report()).doesNotContain("nothing looks wrong");
        double e = 1 / 1.2;
        double exact = Math.log(1e-5 / (1 - e) * (Math.pow((1 + 1e-5) / 1e-5, 1 - e) - 1));
        ImportanceResult<Double> piled = Importance.of(m).maxLogLikelihood(0).samples(4_000_000).seed(2).run();
        assertThat(piled.diagnostics().verdicts()).isEmpty();
        assertThat(piled.diagnostics().tailOk()).isTrue();
        assertThat(Math.abs(piled.logEvidence().value() - exact)).isLessThan(5 * piled.logEvidence().standardError());
    }

    /**
     * A narrow bump under a wide proposal: runs from the prior on a two-arm A/B test (Beta(1, 1) rates, 120 and 145
     * conversions of 1,000 each) have weights that fall by orders of magnitude below the bump's top, and k-hat over
     * the M largest read 4.3 to 5.1, "heavy-tailed", in 70 calls of 70 whose z-scores were all within 3 (a new user).
     * Their largest 31 lie within a factor 2 of each other, a pile at the top: no verdict on the tail, and the
     * estimate within 5 standard errors of log P(e) = -2 log 1001.
     */
    @Test
    void aNarrowBumpUnderTheProposalIsAPileNotAHeavyTail() {
        Model<Boolean> ab = p -> {
            double a = p.sample("pA", new dev.ariadne.core.dist.Beta(1, 1));
            double b = p.sample("pB", new dev.ariadne.core.dist.Beta(1, 1));
            p.observe("kA", new dev.ariadne.core.dist.Binomial(1000, a), 120);
            p.observe("kB", new dev.ariadne.core.dist.Binomial(1000, b), 145);
            return b > a;
        };
        ImportanceResult<Boolean> r = Importance.of(ab).maxLogLikelihood(0).samples(100_000).seed(1).run();
        assertThat(r.diagnostics().paretoK()).isGreaterThan(r.diagnostics().paretoThreshold());
        assertThat(r.diagnostics().verdicts()).noneMatch(v -> v.contains("k-hat"));
        assertThat(Math.abs(r.logEvidence().value() + 2 * Math.log(1001)))
                .isLessThan(5 * r.logEvidence().standardError());
    }

    /** x ~ Uniform(0, 1) and the factor (x0 / (x + x0))^e, at most 1: a power law of index e over its largest weights. */
    private static Model<Double> powerLaw(double x0, double e) {
        return p -> {
            double x = p.sample("x", new Uniform(0, 1));
            p.factor("f", -e * Math.log((x + x0) / x0));
            return x;
        };
    }

    /** log P(e) of the zero-inflated model, the indicators summed out and lambda integrated by Simpson's rule. */
    private static double exactZipLogEvidence(int[] y) {
        int steps = 200_000;
        double h = 40.0 / steps;
        double sum = 0;
        for (int s = 0; s <= steps; s++) {
            double l = Math.max(s * h, 1e-300);
            double log = Math.log(l) - l; // Gamma(2, 1)
            for (int v : y) {
                log += v > 0 ? Math.log(0.7) + v * Math.log(l) - l - LogMath.logFactorial(v)
                        : Math.log(0.3 + 0.7 * Math.exp(-l));
            }
            double c = s == 0 || s == steps ? 1 : s % 2 == 1 ? 4 : 2;
            sum += c * Math.exp(log);
        }
        return Math.log(sum * h / 3);
    }

    /**
     * A factor that rewards x >= 3.9 (prior probability p = 4.81e-5) by (1 - p) / p, the stated bound, so that
     * P(e) = 2: 10,000 runs from the prior seldom draw the region, every run then weighs 1, and the estimate read
     * 1 +- 0 with no verdict in 27 seeds of 40 (an adversarial statistician). The verdict names the unreached bound.
     * Not where the runs reach the bound, nor where some runs fail (a rejection sampler's proportion of hits, whose
     * standard error holds: named in 200 calls of 200 by a first version, a hunt), nor where no run makes a choice.
     */
    @Test
    void equalWeightsFarBelowTheStatedBoundAreNamed() {
        double c = 3.9;
        double p = 4.8096e-05;
        double logK = Math.log((1 - p) / p);
        Model<Double> capped = q -> {
            double x = q.sample("x", new dev.ariadne.core.dist.Normal(0, 1));
            q.factor("tail", x >= c ? logK : 0.0);
            return x;
        };
        int named = 0;
        for (long seed = 1; seed <= 40; seed++) {
            ImportanceResult<Double> r = Importance.of(capped).samples(10_000).seed(seed).maxLogLikelihood(logK).run();
            if (r.logEvidence().standardError() == 0) {
                assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("every run weighed the same, 1.000")
                        && v.contains("2.08e+04 times as much") && v.contains("up to 86% of P(e)")
                        && v.contains("proves a relative standard error of P(e)-hat of at most"));
                named++;
            }
        }
        assertThat(named).isGreaterThan(10);
        Model<Double> conditioned = q -> {
            double x = q.sample("x", new dev.ariadne.core.dist.Normal(0, 1));
            q.condition("above", x > 1);
            return x;
        };
        assertThat(Importance.of(conditioned).samples(10_000).seed(1).maxLogLikelihood(0).run().diagnostics()
                .verdicts()).isEmpty();
        assertThat(Importance.of(conditioned).samples(3_000).seed(1).maxLogLikelihood(Math.log(5)).run()
                .diagnostics().verdicts()).isEmpty();
        Model<Boolean> coinsAndFlips = q -> {
            boolean a = q.sample("a", new Bernoulli(0.5));
            boolean b = q.sample("b", new Bernoulli(0.5));
            q.condition("both", a && b);
            for (int i = 0; i < 5; i++) {
                q.observe("flip", i, new Bernoulli(a ? 0.9 : 0.1), i < 4);
            }
            return a;
        };
        assertThat(Importance.of(coinsAndFlips).samples(10_000).seed(1).maxLogLikelihood(0).run().diagnostics()
                .verdicts()).isEmpty();
        Model<Double> noChoice = q -> {
            for (int i = 0; i < 10; i++) {
                q.observe("y", i, new Bernoulli(0.3), i < 3);
            }
            return 0.0;
        };
        assertThat(Importance.of(noChoice).samples(10_000).seed(1).maxLogLikelihood(0).run().diagnostics()
                .verdicts()).isEmpty();
    }
}
