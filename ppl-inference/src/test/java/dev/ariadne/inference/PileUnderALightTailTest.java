package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A new user's reliability model: pump lifetimes Exponential(rate), rate = lambda, or 3 lambda if the batch is bad;
 * lambda ~ Gamma(2, 50), bad ~ Bernoulli(0.1); six failures observed and four pumps censored at 60 days (a factor of
 * their log survival). Exact by conjugacy, the batch summed out: log P(e) -32.130531, P(bad | e) 0.023216.
 *
 * <p>The guide a mean-field search found: lambda ~ Gamma(5.06, 268), wider than the good batch's posterior Gamma(8,
 * 424), and bad at 0.012. Every weight is bounded: the good batch's pile up just under their largest, and the bad
 * batch's, drawn seldom, lie above them, up to 37 times the pile. Fitted with the pile, k-hat read up to 4.2,
 * "heavy-tailed", in 15 certifications of 20 whose estimates read mean z^2 0.40 and 0.42; above the pile the tail is
 * light, and the ESS (about 63,000 of 100,000) judges ({@code ParetoKHat.lightAbovePile}).
 */
class PileUnderALightTailTest {

    private static final double[] FAILED = {12, 30, 7, 45, 22, 18};
    private static final double LOG_Z = -32.130531;
    private static final double P_BAD = 0.023216;

    private static final Model<Boolean> MODEL = p -> {
        double lambda = p.sample("lambda", new Gamma(2, 50));
        boolean bad = p.sample("bad", new Bernoulli(0.1));
        double rate = bad ? 3 * lambda : lambda;
        for (int i = 0; i < FAILED.length; i++) {
            p.observe("life", i, new Exponential(rate), FAILED[i]);
        }
        for (int i = 0; i < 4; i++) {
            p.factor("survived", i, -rate * 60);
        }
        return bad;
    };

    private static final Guide SEARCHED = Guide.at("lambda", new Gamma(Math.exp(1.62193), Math.exp(5.59057)))
            .orElse(Guide.at("bad", new Bernoulli(1 / (1 + Math.exp(4.40672)))));

    /** Over 20 seeds no k-hat verdict (3 before), and the estimates within 5 standard errors of the exact values. */
    @Test
    void boundedWeightsPiledUnderASeldomDrawnBranchAreNotCalledHeavy() {
        int kHatVerdicts = 0;
        for (long seed = 1; seed <= 20; seed++) {
            ImportanceResult<Boolean> r = Importance.of(MODEL).guide(SEARCHED).samples(100_000).seed(seed)
                    .hypothesis("bad", b -> b).run();
            List<String> verdicts = r.diagnostics().verdicts();
            if (verdicts.stream().anyMatch(v -> v.contains("k-hat"))) {
                kHatVerdicts++;
            }
            Estimate z = r.logEvidence();
            assertThat(z.value()).isCloseTo(LOG_Z, org.assertj.core.data.Offset.offset(5 * z.standardError()));
            Estimate c = r.conditional("bad").selfNormalised().orElseThrow();
            assertThat(c.value()).isCloseTo(P_BAD, org.assertj.core.data.Offset.offset(5 * c.standardError()));
        }
        assertThat(kHatVerdicts).isLessThanOrEqualTo(1);
    }
}
