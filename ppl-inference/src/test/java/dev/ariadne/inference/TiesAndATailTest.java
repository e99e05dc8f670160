package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Weights that tie (runs whose choices are proposed from their exact conditionals) beside a branch the guide draws
 * seldom, whose weights lie above the ties: their tail is read on its own ({@code ParetoKHat.aboveTiesFitted}).
 *
 * <p>The model: z ~ Bernoulli(0.3), x ~ N(0, 1), y ~ N(x, 1) observed at 1.5, so P(z | e) = 0.3 and P(e) is N(1.5;
 * 0, 2). The guide draws z = true with probability {@code gz}, x given z = false from its exact conditional N(0.75,
 * 0.5) (every such run weighs the same), and x given z = true from N(0.75 + shift sqrt 0.5, sdFactor sqrt 0.5).
 */
class TiesAndATailTest {

    private static final Model<Boolean> MODEL = p -> {
        boolean z = p.sample("z", new Bernoulli(0.3));
        double x = p.sample("x", new Normal(0, 1));
        p.observe("y", new Normal(x, 1), 1.5);
        return z;
    };
    private static final double LOG_Z = new Normal(0, Math.sqrt(2)).logDensity(1.5);

    private static Guide guide(double gz, double shift, double sdFactor) {
        double sd = Math.sqrt(0.5);
        return Guide.at("z", new Bernoulli(gz)).orElse(Guide.real((site, prior, h) ->
                h.bool("z") ? new Normal(0.75 + shift * sd, sdFactor * sd) : new Normal(0.75, sd)));
    }

    private static ImportanceResult<Boolean> run(Guide g, long seed) {
        return Importance.of(MODEL).guide(g).samples(10_000).seed(seed).hypothesis("z", z -> z).run();
    }

    /**
     * The guide draws z = true at 0.01 (posterior 0.3) and x given it 2.5 posterior sds off: log Z-hat and P(z | e)
     * read more than 5 standard errors off in 142 and 101 of 1,000 seeds, and said nothing in 53 of those
     * (an outside statistician: k-hat 8.4 on the ties, set aside, and an ESS over 1,000). Now 2 of 1,000 stay silent,
     * so 0.2 are expected in 100 seeds where 5.3 were.
     */
    @Test
    void aSeldomDrawnBranchWithAHeavyTailAboveTiesIsNamed() {
        Guide g = guide(0.01, 2.5, 1);
        assertThat(run(g, 38).diagnostics().verdicts()).anyMatch(v -> v.contains("above weights that tie"));
        int silentAndOff = 0;
        for (long seed = 1; seed <= 100; seed++) {
            ImportanceResult<Boolean> r = run(g, seed);
            Estimate e = r.logEvidence();
            if (Math.abs(e.value() - LOG_Z) > 5 * e.standardError() && r.diagnostics().verdicts().isEmpty()) {
                silentAndOff++;
            }
        }
        assertThat(silentAndOff).isLessThanOrEqualTo(1);
    }

    /**
     * The same branch proposed from 1.2 times its posterior's width, 0.5 sds off, or 0.9 times as wide: bounded or
     * nearly so, and the estimates' z-scores those of a good guide (mean square 1.03 to 1.12 over 300 seeds each).
     * Fitted with the ties, k-hat read 12.4 and called the weights heavy-tailed in 299, 300 and 234 seeds of 300.
     */
    @Test
    void aLightTailAboveTiesIsNotCalledHeavy() {
        for (Guide g : List.of(guide(0.01, 0, 1.2), guide(0.01, 0.5, 1), guide(0.01, 0, 0.9))) {
            int heavy = 0;
            for (long seed = 1; seed <= 20; seed++) {
                if (run(g, seed).diagnostics().verdicts().stream().anyMatch(v -> v.contains("heavy-tailed"))) {
                    heavy++;
                }
            }
            assertThat(heavy).isLessThanOrEqualTo(3);
        }
    }
}
