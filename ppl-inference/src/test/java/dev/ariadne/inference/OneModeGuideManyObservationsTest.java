package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A guide fitted to one mode of two, the other holding 31% of P(e): x ~ N(0.2, 1) and n observations of N(x^2, 1)
 * at 4 + sin(i + 1), the guide the + mode's exact mean and sd. Every call reads log P(e) 0.371 nats low, thousands of
 * its standard errors (an adversarial statistician). The prior's runs name the gap, but their first 10,000 carried an
 * ESS near 100, under which they were not made longer, and were silent in 3 calls of 20 at 200 observations; at
 * 2,000, 100,000 of them read gaps of 2.8 to 4.6 standard errors, short of the 5 that name one, silent in 11 of 20.
 * Runs that carry an ESS the longer would scale to 100 are made longer where they read above the guide at all; a gap
 * of 3 is told, as a search's certification tells it.
 */
class OneModeGuideManyObservationsTest {

    private static ImportanceResult<Double> call(int observations, long seed) {
        double[] ys = new double[observations];
        for (int i = 0; i < observations; i++) {
            ys[i] = 4 + Math.sin(i + 1);
        }
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0.2, 1));
            p.observeAll("y", new Normal(x * x, 1), ys);
            return x;
        };
        // the + mode's exact mean and sd at each size (the statistician's grid of 6 million points)
        Normal plusMode = observations == 200 ? new Normal(1.99924, 0.01769) : new Normal(2.00013, 0.00559);
        return Importance.of(m).guide(Guide.at("x", plusMode)).samples(10_000).seed(seed).run();
    }

    @Test
    void aGapTheFirstPriorRunsCouldNotTrustIsNamedFromLongerOnes() {
        for (long seed : new long[] {1, 15, 16}) {
            assertThat(call(200, seed).diagnostics().verdicts()).as("seed %d", seed).anySatisfy(v -> assertThat(v)
                    .startsWith("importance sampling from the prior, which needs no guide, estimates log P(e) at ")
                    .contains("the guide misses about"));
        }
    }

    @Test
    void aGapOfThreeStandardErrorsIsTold() {
        assertThat(call(2_000, 2).diagnostics().verdicts()).anySatisfy(v -> assertThat(v)
                .startsWith("a region the guide never reaches may hold part of P(e): importance sampling from the "
                        + "prior, which needs no guide, estimates log P(e) at ")
                .contains("short of the 5 that name a missed region").contains("Guide.defensive(0.2, guide)"));
    }
}
