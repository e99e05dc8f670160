package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Poisson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An N-mixture model drawn from its prior: its weights are binomial likelihoods, at most 1, and k-hat called them
 * "heavy-tailed" with the answers right (new users, three rounds running: 46 calls of 100). Where every run drew from
 * the prior and none weighs more than 1, a k-hat verdict says only what the runs made show, and how to state the bound
 * that makes it a verdict on bounded weights; only the user can say that no run can weigh more.
 */
class PriorBoundHintTest {

    private static final int[][] COUNTS = {{2, 3, 1}, {1, 0, 2}, {4, 2, 3}, {0, 1, 1}};

    /** lambda ~ Gamma(2, 0.5), p ~ Beta(2, 2), N_i ~ Poisson(lambda), y_ij ~ Binomial(N_i, p). */
    private static final Model<Double> N_MIXTURE = pr -> {
        double lambda = pr.sample("lambda", new Gamma(2, 0.5));
        double p = pr.sample("p", new Beta(2, 2));
        for (int i = 0; i < COUNTS.length; i++) {
            int n = pr.sample("N", i, new Poisson(lambda));
            for (int j = 0; j < COUNTS[i].length; j++) {
                pr.observe("y", i * 3 + j, new Binomial(n, p), COUNTS[i][j]);
            }
        }
        return lambda;
    };

    private static final String HINT = "say so with maxLogLikelihood(0), which bounds every weight";

    @Test
    void aKHatVerdictOnPriorRunsOfWeightAtMostOneSaysHowToStateTheBound() {
        int told = 0;
        // k-hat read above 0.5 in 9 seeds of 10 at 20,000 runs: in ten seeds some verdict names it
        for (long seed = 1; seed <= 10; seed++) {
            List<String> v = Importance.of(N_MIXTURE).samples(20_000).seed(seed).run().diagnostics().verdicts();
            for (String line : v) {
                if (line.startsWith("Pareto k-hat")) {
                    assertThat(line).contains(HINT).doesNotContain("the weights are heavy-tailed");
                    told++;
                }
            }
        }
        assertThat(told).isPositive();
    }

    /** With the bound stated the verdict is the bounded weights' own; under a guide a weight is not the likelihood. */
    @Test
    void noHintOnceTheBoundIsStatedOrUnderAGuide() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(Importance.of(N_MIXTURE).samples(20_000).seed(seed).maxLogLikelihood(0).run().diagnostics()
                    .verdicts()).noneMatch(line -> line.contains(HINT));
            assertThat(Importance.of(N_MIXTURE).guide(Guide.at("p", new Beta(3, 3))).samples(20_000).seed(seed).run()
                    .diagnostics().verdicts()).noneMatch(line -> line.contains(HINT));
        }
    }

    /**
     * An observation of N(z, 0.1), whose density reaches 3.99: runs from the prior that happened to weigh at most 1 were
     * told to state maxLogLikelihood(0) in 73 calls of 100 (a false-alarm hunt), a bound that runs not made break.
     */
    @Test
    void noHintWhereTheEvidenceIsADensity() {
        Model<Double> far = p -> {
            double z = p.sample("z", new dev.ariadne.core.dist.Normal(0, 1));
            p.observe("y", new dev.ariadne.core.dist.Normal(z, 0.1), 4.3);
            return z;
        };
        int kHat = 0;
        for (long seed = 1; seed <= 10; seed++) {
            List<String> v = Importance.of(far).samples(20_000).seed(seed).run().diagnostics().verdicts();
            assertThat(v).noneMatch(line -> line.contains(HINT));
            kHat += v.stream().anyMatch(line -> line.startsWith("Pareto k-hat")) ? 1 : 0;
        }
        assertThat(kHat).isPositive();
    }
}
