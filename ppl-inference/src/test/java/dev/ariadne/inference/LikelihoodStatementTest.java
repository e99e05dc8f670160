package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.stats.LikelihoodBoundException;
import org.junit.jupiter.api.Test;

/** The stated likelihood bound through Importance: checked on every run, whatever the proposal or parallelism. */
class LikelihoodStatementTest {

    /** The rare branch: weight 1000 with probability 1e-3. */
    static final Model<Boolean> RARE_BRANCH = p -> {
        boolean rare = p.sample("rare", new Bernoulli(0.001));
        if (rare) {
            p.factor("boost", Math.log(1000));
        } else {
            p.observe("o", new Bernoulli(0.3), true);
        }
        return rare;
    };

    @Test
    void aRunAboveTheStatementStopsTheCallAtAnyParallelismAndUnderAnyGuide() {
        Guide proposesRare = Guide.at("rare", new Bernoulli(0.5));
        for (int k : new int[] {1, 2}) {
            assertThatThrownBy(() -> Importance.of(RARE_BRANCH).guide(proposesRare).maxLogLikelihood(0)
                    .samples(1000).parallelism(k).seed(3).run())
                    .isInstanceOf(LikelihoodBoundException.class).hasMessageContaining("of seed 3")
                    .hasMessageContaining("the factor site boost (log p 6.90776) pushed it over");
        }
    }

    @Test
    void theSiteNamedIsTheOneThatPushedTheSumOverNotTheFirstEvidence() {
        Model<Double> m = p -> {
            p.observe("small", new Bernoulli(0.5), true);          // log 0.5
            double x = p.sample("x", new Normal(0, 1));
            p.factor("big", 1.0);                                 // running sum 0.307 > 0.2
            p.factor("after", -0.01);                             // stays above
            return x;
        };
        assertThatThrownBy(() -> Importance.of(m).maxLogLikelihood(0.2).samples(10).run())
                .isInstanceOf(LikelihoodBoundException.class).hasMessageContaining("the factor site big")
                .satisfies(e -> assertThat(((LikelihoodBoundException) e).logLikelihood())
                        .isEqualTo(Math.log(0.5) + 1.0 - 0.01));
    }

    @Test
    void aNegativeStatementThatTheEvidenceNeverReachesSaysSoRatherThanNamingASite() {
        // log p(e | x) = log 0.3 > -5: the sum starts at 0, above the bound, and no site takes it over.
        Model<Boolean> m = p -> {
            p.observe("o", new Bernoulli(0.3), true);
            return true;
        };
        assertThatThrownBy(() -> Importance.of(m).maxLogLikelihood(-5).samples(10).run())
                .isInstanceOf(LikelihoodBoundException.class)
                .hasMessageContaining("no one site pushed it over: its evidence sites' log p add up to -1.20397, "
                        + "and their sum started at 0, above the stated bound");
    }

    @Test
    void aDefensiveMixtureWithAStatementGivesAnUpperBoundThatCoversPE() {
        double truth = 0.001 * 1000 + 0.999 * 0.3;
        ImportanceResult<Boolean> r = Importance.of(RARE_BRANCH)
                .guide(Guide.defensive(0.5, Guide.at("rare", new Bernoulli(0.5)))).maxLogLikelihood(Math.log(1000))
                .samples(20_000).seed(2).hypothesis("rare", b -> b).run();
        // At delta = 1e-6 each (the suite's false-failure budget): the upper bound and the interval cover the truth.
        assertThat(r.upperBound(1e-6)).isPresent();
        assertThat(r.upperBound(1e-6).orElseThrow().logValue()).isGreaterThanOrEqualTo(Math.log(truth));
        assertThat(r.upperBound(1e-6).orElseThrow().note()).contains("weights at most 2000: the stated "
                + "maxLogLikelihood(6.90776) with a whole-run defensive mixture (the prior's share alpha = 0.5)");
        Interval i = r.conditional("rare", 1e-6).rigorous().orElseThrow();
        assertThat(i.contains(0.001 * 1000 / truth)).isTrue();
    }
}
