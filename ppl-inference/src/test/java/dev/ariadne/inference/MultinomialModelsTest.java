package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Multinomial;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.inference.enumerate.EnumerationResult;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.rare.SubsetResult;
import dev.ariadne.inference.rare.SubsetSimulation;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;

/**
 * Multinomial counts in models, against exact answers: observed under a Dirichlet share (conjugate, closed form) and
 * drawn as a latent that enumeration sums out. A poll of several candidates observes its counts whole, which no
 * distribution could say before.
 */
class MultinomialModelsTest {

    private static final int[] COUNTS = {12, 5, 3};

    private static final Model<double[]> POLL = p -> {
        double[] share = p.sample("share", new Dirichlet(1, 1, 1));
        p.observe("votes", new Multinomial(20, share), COUNTS);
        return share;
    };

    /** log P(e) = log 20! - sum log x_i! + log B(1 + x) - log B(1, 1, 1), with B the multivariate beta function. */
    private static double exactPollLogEvidence() {
        double lp = LogGamma.value(21);
        double logBetaPosterior = -LogGamma.value(23);
        for (int x : COUNTS) {
            lp -= LogGamma.value(x + 1.0);
            logBetaPosterior += LogGamma.value(x + 1.0);
        }
        double logBetaPrior = -LogGamma.value(3);
        return lp + logBetaPosterior - logBetaPrior;
    }

    @Test
    void theExactPosteriorAsGuideWeighsEveryRunAsTheEvidence() {
        ImportanceResult<double[]> r = Importance.of(POLL).guide(Guide.at("share", new Dirichlet(13, 6, 4)))
                .samples(2_000).seed(1).run();
        assertThat(r.logEvidence().value()).isCloseTo(exactPollLogEvidence(), within(1e-9));
    }

    @Test
    void theVotesFromThePriorReadTheEvidenceWithinFiveStandardErrors() {
        ImportanceResult<double[]> r = Importance.of(POLL).samples(20_000).seed(2).run();
        assertThat(r.logEvidence().value()).isCloseTo(exactPollLogEvidence(),
                within(5 * r.logEvidence().standardError()));
        assertThat(r.diagnostics().verdicts()).isEmpty();
    }

    /** x ~ Multinomial(4; 1/4, 1/4, 1/2), y | x ~ Poisson(1 + x_0) observed 2: a sum over the 15 count vectors. */
    @Test
    void enumerationSumsALatentCountVector() {
        Model<Integer> m = p -> {
            int[] x = p.sample("x", new Multinomial(4, 1, 1, 2));
            p.observe("y", new Poisson(1 + x[0]), 2);
            return x[0];
        };
        double evidence = 0;
        double first = 0;
        for (int a = 0; a <= 4; a++) {
            for (int b = 0; a + b <= 4; b++) {
                int c = 4 - a - b;
                double mass = Math.exp(LogGamma.value(5) - LogGamma.value(a + 1.0) - LogGamma.value(b + 1.0)
                        - LogGamma.value(c + 1.0)) * Math.pow(0.25, a + b) * Math.pow(0.5, c);
                double like = Math.exp(-(1.0 + a)) * (1.0 + a) * (1.0 + a) / 2;
                evidence += mass * like;
                first += a * mass * like;
            }
        }
        enumeratesTo(m, evidence, first / evidence);
    }

    /**
     * Subset simulation has no coordinates for a count vector and only redraws it, which a level far in its tail all
     * but never accepts: its pilot stops and says so, with the counts drawn as binomials in turn as the way out (which
     * reads P(x_0 >= 8) = 4.158e-4 to within its standard error).
     */
    @Test
    void subsetSimulationSaysItCannotStepACountVector() {
        SubsetResult r = SubsetSimulation.of(p -> {
            int[] x = p.sample("x", new Multinomial(10, 1, 1, 2));
            p.condition("big", x[0], 8);
            return x[0];
        }).seed(1).run();
        assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f)
                .contains("x ~ Multinomial(n=10, p=[0.25, 0.25, 0.5]), a count vector with no coordinates to step")
                .contains("drawn as binomials in turn"));
    }

    /**
     * A Multinomial made at its site in every path, listed once per call: x_0 is Binomial(12, 1/15) whatever the other
     * counts, so P(e) is a sum over it alone, against enumeration's 1,820 paths (which listed and checked the 1,820
     * count vectors at every path, a quadratic walk).
     */
    @Test
    void enumerationOfACountVectorMadeAtItsSiteMatchesItsBinomialMargin() {
        Model<Integer> m = p -> {
            int[] x = p.sample("x", new Multinomial(12, 1, 2, 3, 4, 5));
            p.observe("y", new Poisson(0.5 + x[0]), 3);
            return x[0];
        };
        double evidence = 0;
        double first = 0;
        for (int a = 0; a <= 12; a++) {
            double mass = org.apache.commons.statistics.distribution.BinomialDistribution.of(12, 1 / 15.0)
                    .probability(a);
            double like = Math.exp(-(0.5 + a)) * Math.pow(0.5 + a, 3) / 6;
            evidence += mass * like;
            first += a * mass * like;
        }
        enumeratesTo(m, evidence, first / evidence);
    }

    /** Past 8 categories the counts were named by nothing, nor why (a hunter): a 10-party poll's typo. */
    @Test
    void longCountsAndACountInAnEmptyCategoryAreNamedWithWhy() {
        int[] ten = {3, 1, 1, 1, 1, 1, 1, 1, 1, 10};
        Model<Double> typo = p -> {
            p.observe("votes", new Multinomial(20, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), ten);
            return 0.0;
        };
        assertThatThrownBy(() -> Importance.of(typo).samples(10).run().logEvidence())
                .hasMessageContaining("observed [3, 1, 1, 1, 1, 1, 1, 1, 1, 10] under Multinomial(n=20")
                .hasMessageContaining("the counts sum to 21, not its n = 20");
        Model<Double> empty = p -> {
            p.observe("votes", new Multinomial(5, 1, 0, 1), new int[] {3, 1, 1});
            return 0.0;
        };
        assertThatThrownBy(() -> Importance.of(empty).samples(10).run().logEvidence())
                .hasMessageContaining("category 1 has a count of 1 and probability 0");
    }

    /** Enumeration of {@code m} reads P(e) and the mean return value exactly. */
    private static void enumeratesTo(Model<Integer> m, double evidence, double mean) {
        EnumerationResult<Integer> e = Enumerate.of(m).run();
        assertThat(e.logEvidence()).isCloseTo(Math.log(evidence), within(1e-12));
        assertThat(e.expectation(v -> v)).isCloseTo(mean, within(1e-12));
    }

    @Test
    void countsThatDoNotSumToNAreNamedWithTheirSum() {
        Model<double[]> miscounted = p -> {
            double[] share = p.sample("share", new Dirichlet(1, 1, 1));
            p.observe("votes", new Multinomial(21, share), COUNTS);
            return share;
        };
        assertThatThrownBy(() -> Importance.of(miscounted).samples(100).run().logEvidence())
                .hasMessageContaining("zero likelihood at votes (observed [12, 5, 3] under Multinomial(n=21")
                .hasMessageContaining("the counts sum to 20, not its n = 21");
    }
}
