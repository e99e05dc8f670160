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

    /**
     * A chain of 14 spins with a factor H s_i + J s_i s_{i-1} at each: the all-up run reaches (N - 1) J + N H = 10.6
     * exactly, but its factors summed in doubles read 10.600000000000001, and the exact statement was refused with
     * "log p(e | x) = 10.6, above the stated maxLogLikelihood(10.6)" (a new user). A run within the rounding the
     * upper bound allows for is admitted, and the upper bound holds the exact P(e), summed over all 2^14 runs; a
     * statement short by 1e-6 is still refused, and its message prints the digits that differ.
     */
    @Test
    void aStatementExactInRealArithmeticIsNotRefusedForItsRounding() {
        int n = 14;
        double j = 0.6;
        double h = 0.2;
        Model<Integer> chain = p -> {
            int prev = 0;
            int up = 0;
            for (int i = 0; i < n; i++) {
                int s = p.sample("s", i, new Bernoulli(0.5)) ? 1 : -1;
                up += s > 0 ? 1 : 0;
                p.factor("f", i, h * s + (i > 0 ? j * s * prev : 0));
                prev = s;
            }
            return up;
        };
        double evidence = 0;
        for (int bits = 0; bits < 1 << n; bits++) {
            double l = 0;
            int prev = 0;
            for (int i = 0; i < n; i++) {
                int s = (bits >> i & 1) == 1 ? 1 : -1;
                l += h * s + (i > 0 ? j * s * prev : 0);
                prev = s;
            }
            evidence += Math.exp(l - n * Math.log(2));
        }
        double exact = (n - 1) * j + n * h;
        // half the runs from the prior, half all but all up: the all-up run in about a quarter, the bounds provable
        Guide upward = Guide.defensive(0.5, Guide.at("s[*]", new Bernoulli(0.95)));
        ImportanceResult<Integer> r = Importance.of(chain).guide(upward).maxLogLikelihood(exact).samples(20_000)
                .seed(141).run();
        assertThat(r.upperBound(0.05).orElseThrow().logValue()).isGreaterThanOrEqualTo(Math.log(evidence));
        assertThat(r.lowerBound(0.05).logValue()).isLessThanOrEqualTo(Math.log(evidence));
        // the summary gives the upper bound beside the lower (it gave the lower alone, to a reliability engineer)
        assertThat(r.summary()).contains("P(e) <= " + r.upperBound(0.05).orElseThrow().text(6) + " at 95% (log "
                + r.upperBound(0.05).orElseThrow().logText() + ", betting, for weights bounded as stated)");
        assertThat(Importance.of(chain).guide(Guide.at("s[*]", new Bernoulli(0.95))).samples(2_000).seed(1).run()
                .summary()).doesNotContain("P(e) <=");
        assertThatThrownBy(() -> Importance.of(chain).guide(upward).maxLogLikelihood(exact - 1e-6).samples(20_000)
                .seed(141).run())
                .isInstanceOf(LikelihoodBoundException.class)
                .hasMessageContaining("above the stated maxLogLikelihood(" + (exact - 1e-6) + ")");
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
                        + "and their running sum started at 0, above the stated bound, and ended at -1.20397 without "
                        + "falling below -5");
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
