package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.smc.Smc;
import org.junit.jupiter.api.Test;

/**
 * A run's log p(x, e) is summed site by site in doubles, and beside a score of 1e16 a prior's log density of about -1
 * keeps no digit. Factors of 1e16 and -1e16, which cancel, read log P(e) 47 standard errors high, and a constant
 * factor of -1e15, which changes no P(h | e), moved one by 5.6 standard errors, with nothing said (an adversarial
 * tester). Now named, in importance sampling, {@code Importance.check} and SMC; not for honest models whose scores
 * are large only in runs far from the evidence.
 */
class ScoresLostToRoundingTest {

    private static final String LOST = "lost to rounding in part or whole";

    @Test
    void scoresThatCancelBesideSmallOnesAreNamed() {
        Model<Double> cancelling = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.factor("a", 1e16);
            p.factor("b", -1e16);
            p.observe("y", new Normal(mu, 1), 0.5);
            return mu;
        };
        assertThat(Importance.of(cancelling).samples(2_000).seed(1).run().diagnostics().verdicts())
                .anySatisfy(v -> assertThat(v).contains(LOST).contains("(at a, a factor)"));
        assertThat(Importance.check(cancelling, Guide.prior()).toString()).contains(LOST);
        assertThat(Smc.of(cancelling).particles(200).sweeps(2).seed(1).run().diagnostics().verdicts())
                .anySatisfy(v -> assertThat(v).contains(LOST));
    }

    @Test
    void aConstantFactorThatRoundsEveryWeightIsNamed() {
        Model<Boolean> offset = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu, 1), 0.5);
            p.factor("const", -1e15);
            return mu > 0;
        };
        assertThat(Importance.of(offset).guide(Guide.at("mu", new Normal(0.25, 0.8))).samples(2_000).seed(1).run()
                .diagnostics().verdicts()).anySatisfy(v -> assertThat(v).contains(LOST)
                .contains("a double there is 0.125 from the next"));
    }

    @Test
    void largeScoresInRunsFarFromTheEvidenceAreNotNamed() {
        Model<Double> narrow = p -> {
            double mu = p.sample("mu", new Normal(0, 10));
            p.observe("y", new Normal(mu, 1e-7), 3);
            return mu;
        };
        Model<Double> manyObservations = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            for (int i = 0; i < 100_000; i++) {
                p.observe("y", i, new Normal(mu, 0.01), 0.3 + 0.01 * (i % 7 - 3));
            }
            return mu;
        };
        for (long seed = 1; seed <= 10; seed++) {
            assertThat(ScoresLostToRounding.verdict(dev.ariadne.core.Execution.of(narrow), seed)).as("seed %d", seed)
                    .isEmpty();
        }
        assertThat(ScoresLostToRounding.verdict(dev.ariadne.core.Execution.of(manyObservations), 1)).isEmpty();
        // 10^4 observations of sd 1e-9 scoring about -5e8 each, whose sums' rounding (0.01 to 0.04 nats) moves no
        // estimate, were named in 10 calls of 10 (a false-alarm hunt)
        double[] y = new double[10_000];
        java.util.Random data = new java.util.Random(11);
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.3 + 3e-5 * data.nextGaussian();
        }
        Model<Double> precise = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            for (int i = 0; i < y.length; i++) {
                p.observe("y", i, new Normal(mu, 1e-9), y[i]);
            }
            return mu;
        };
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        dev.ariadne.core.Execution<Double> guided = dev.ariadne.core.Execution.of(precise)
                .guide(Guide.at("mu", new Normal(mean, 1.2e-9 / Math.sqrt(y.length))));
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(ScoresLostToRounding.verdict(guided, seed)).as("seed %d", seed).isEmpty();
        }
    }
}
