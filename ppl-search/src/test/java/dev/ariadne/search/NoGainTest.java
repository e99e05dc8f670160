package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.NegativeBinomial;
import dev.ariadne.inference.Estimate;
import org.junit.jupiter.api.Test;

/**
 * A search whose guide reads worse than its start on the final comparison's fresh runs, though within the two
 * standard errors that would return the start: n ~ NegativeBinomial(3, 0.1) with 30 of n observed at 0.6 (about 63%
 * of the prior's runs fail the observation). A new user's CMA-ES at its default budget ended 0.3 nats above the prior
 * (certified 7.61 against the prior's 7.30; the optimum is about 4.46) and said only "step budget of 200 reached".
 */
class NoGainTest {

    /**
     * The optimiser seed every CMA-ES search took before it came from the search's seed: this test's search ends
     * where it ends, the scenario the test is about, with it.
     */
    private static final long SCENARIO_OPTIMISER_SEED = 20240917L;

    @Test
    void aSearchThatEndsWorseThanItStartedSaysItShowedNoGain() {
        Model<Integer> m = p -> {
            int n = p.sample("n", new NegativeBinomial(3, 0.1));
            p.observe("k", new Binomial(n, 0.6), 30);
            return n;
        };
        SearchResult r = GuideSearch.of(m, GuideFamily.meanField())
                .strategy(Strategy.cmaes().optimiserSeed(SCENARIO_OPTIMISER_SEED)).seed(1)
                .parallelism(1).certify(0, 0.05).run();
        StartComparison c = r.comparison().orElseThrow();
        assertThat(c.returnedStart()).isFalse();
        assertThat(c.end().value()).as("this seed's end reads worse than its start").isGreaterThan(c.start().value());
        assertThat(r.stopReason()).contains("read worse than the start").contains("the search has shown no gain")
                .contains("within two standard errors of the difference");
    }

    /**
     * A guide kept though it read worse by more than two standard errors, because the start's estimate rested on 20
     * accepted runs (a walk of 30 fair steps that must end in [14, 18], P(e) = 0.0079, searched by the cross-entropy
     * method from the prior): the reason said "within two standard errors" of a gap of 2.6 (a new user), then "the
     * search has shown no gain", which a rare-evidence search whose start met the evidence in 2 runs of 2,000 read
     * though its guide certified within 3 standard errors of the truth (another new user). It says the comparison
     * says nothing, and why.
     */
    @Test
    void aGuideKeptForTooFewAcceptedRunsSaysSo() {
        Model<Integer> walk = p -> {
            int s = 0;
            for (int t = 0; t < 30; t++) {
                s += p.sample("up", t, new dev.ariadne.core.dist.Bernoulli(0.5)) ? 1 : -1;
            }
            p.condition("window", Math.min(s - 14, 18 - s), 0.0);
            return s;
        };
        SearchResult r = GuideSearch.of(walk, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .parallelism(1).certify(0, 0.05).run();
        StartComparison c = r.comparison().orElseThrow();
        assertThat(c.returnedStart()).isFalse();
        assertThat(c.end().value() - c.start().value())
                .isGreaterThan(2 * Math.hypot(c.end().standardError(), c.start().standardError()));
        assertThat(c.tooFewAccepted()).isTrue();
        assertThat(r.stopReason()).contains("against the start's")
                .contains("met the evidence in only " + Math.min(c.startAccepted(), c.endAccepted()) + " of them")
                .contains("too few for the comparison to say anything either way")
                .doesNotContain("within two standard errors").doesNotContain("has shown no gain");
    }

    /**
     * A chain-binomial epidemic in a population of 10, conditioned on a final size of 5 (P(e) = 0.0486): a mean-field
     * gradient search ended with I[1..3] proposed at logit -700, and its guide met the evidence in 21 of 2,000 fresh
     * runs, reading 7.04 +- 0.22 against the start's 3.06 +- 0.10 on 94. It was kept, "too few for the comparison to
     * say anything either way", and certified log P(e) 4.4 nats low (a new user). An end of 10 or more accepted runs
     * that reads worse by more than 6 standard errors of the difference, beside a start of 30 or more, is now
     * returned as the start; a start of few accepted runs still proves nothing (the test above).
     */
    @Test
    void anEndThatMeetsTheEvidenceSeldomAndReadsFarWorseIsNotKept() {
        double[] q = {0.05, 0.1, 0.15, 0.2, 0.3};
        Model<Integer> epidemic = p -> {
            int k = p.sample("q", new dev.ariadne.core.dist.Categorical(1, 1, 1, 1, 1));
            int susceptible = 9;
            int infective = 1;
            int total = 1;
            for (int t = 0; t < 4; t++) {
                int next = p.sample("I", t, new dev.ariadne.core.dist.Binomial(susceptible,
                        1 - Math.pow(1 - q[k], infective)));
                susceptible -= next;
                infective = next;
                total += next;
            }
            p.condition("final", total == 5);
            return k;
        };
        SearchResult r = GuideSearch.of(epidemic, GuideFamily.meanField()).strategy(Strategy.gradient()).seed(2)
                .certify(0, 0.05).run();
        StartComparison c = r.comparison().orElseThrow();
        assertThat(c.endAccepted()).isBetween(StartComparison.FEW_ACCEPTED, StartComparison.MIN_ACCEPTED - 1);
        assertThat(c.startAccepted()).isGreaterThanOrEqualTo(StartComparison.MIN_ACCEPTED);
        assertThat(c.returnedStart()).isTrue();
        assertThat(r.stopReason()).contains("the strategy's guide was not better than the start on 2000 fresh runs")
                .doesNotContain("too few for the comparison");
    }

    /**
     * An end that reads better on fewer than 30 accepted runs, beside a start that met the evidence far more often,
     * is not shown better: a pedigree search kept guides of 3 to 10 accepted runs in 2,000 against the prior's 2,000,
     * reading below the least any guide can, and certified log P(e) up to 1.8 nats low (a new user).
     */
    @Test
    void anEndThatReadsBetterOnAHandfulOfRunsIsNotKept() {
        Estimate start = new Estimate(12.0, 0.05, "free energy");
        Estimate end = new Estimate(9.64, Double.POSITIVE_INFINITY, "restart-on-failure free energy");
        assertThat(StartComparison.worse(end, 5, start, 2000, 2000)).isTrue();
        assertThat(StartComparison.worse(end, 25, start, 40, 2000)).isFalse();
        assertThat(StartComparison.worse(end, 5, start, 20, 2000)).isFalse();
        assertThat(StartComparison.worse(new Estimate(9.64, 0.1, "free energy"), 1500, start, 2000, 2000)).isFalse();
    }

    /**
     * A search that returns its starting guide, the prior, because its own was not better on fresh runs (a
     * cross-entropy search for P(z > 0), z ~ N(0, 1), where half the prior's runs meet the evidence): its
     * certification said the guide "left every latent site at its prior ... (a guide written or fitted for another
     * one?)" (a new user). The prior kept by design is not taken for a guide of another model.
     */
    @Test
    void aSearchThatReturnsThePriorIsNotTakenForAGuideOfAnotherModel() {
        Model<Double> half = p -> {
            double z = p.sample("z", new dev.ariadne.core.dist.Normal(0, 1));
            p.condition("c", z, 0.0);
            return z;
        };
        SearchResult r = GuideSearch.of(half, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .certify(20_000, 0.05).run();
        assertThat(r.comparison().orElseThrow().returnedStart()).isTrue();
        assertThat(r.guide().priorEverywhereBecause()).contains("starting guide");
        Certification cert = r.certified();
        assertThat(cert.verdicts()).noneMatch(v -> v.contains("left every latent site at its prior"));
        assertThat(dev.ariadne.inference.Importance.of(half).guide(dev.ariadne.core.Guide.bySite((site, history) ->
                null)).samples(20_000).seed(1).run().diagnostics().verdicts())
                .as("a guide that proposes nothing for the model is still named")
                .anyMatch(v -> v.contains("left every latent site at its prior"));
    }
}
