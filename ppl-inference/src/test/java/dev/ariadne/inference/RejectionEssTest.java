package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * Rejection sampling from the prior, every accepted run of the same weight: the estimate is a proportion of hits,
 * whose binomial standard error is honest from 10 hits on. A new user's Wright-Fisher event of probability 3.3e-4,
 * 100,000 runs, was told "the effective sample size is 28.0 out of 100000 runs: a few runs carry all the weight" in
 * 50 calls of 50 whose z-scores had sd 1.03.
 */
class RejectionEssTest {

    private static Model<Double> beyond(double c) {
        return p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("far", x > c);
            return x;
        };
    }

    @Test
    void aProportionOfTensOfHitsIsNotCalledCarriedByAFewRuns() {
        double exact = Math.log(3.369292656768808e-4); // P(N(0, 1) > 3.4)
        for (long seed = 1; seed <= 5; seed++) {
            ImportanceResult<Double> r = Importance.of(beyond(3.4)).samples(100_000).seed(seed).run();
            assertThat(r.acceptedRuns()).isBetween(10L, 100L);
            assertThat(Math.abs(r.logEvidence().value() - exact)).isLessThan(5 * r.logEvidence().standardError());
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.contains("a few runs carry all the weight"));
        }
    }

    @Test
    void aProportionOfAFewHitsStillIs() {
        ImportanceResult<Double> r = Importance.of(beyond(4.0)).samples(100_000).seed(1).run();
        assertThat(r.acceptedRuns()).isBetween(1L, 9L);
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("a few runs carry all the weight"));
    }

    /**
     * Rejection sampling with a flat observation beside it: weights all but equal (ESS 99.9% of the accepted runs) were
     * told "a few runs carry all the weight" in 53 calls of 100 with right answers (a hunt for false alarms). Weights
     * that do vary, so that the ESS is a small part of the accepted runs, still are.
     */
    @Test
    void weightsThatVaryLittleAreNotCalledCarriedByAFewRuns() {
        Model<Double> flat = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("c", x > 2.326);
            p.observe("y", new Normal(x, 2.0), 2.5);
            return x;
        };
        for (long seed = 1; seed <= 5; seed++) {
            ImportanceResult<Double> r = Importance.of(flat).samples(10_000).seed(seed).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.contains("a few runs carry all the weight"));
        }
        Model<Double> sharp = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("c", x > 2.326);
            p.observe("y", new Normal(x, 0.05), 2.5);
            return x;
        };
        assertThat(Importance.of(sharp).samples(10_000).seed(1).run().diagnostics().verdicts())
                .anyMatch(v -> v.contains("a few runs carry all the weight"));
    }
}
