package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Poisson;
import org.junit.jupiter.api.Test;

/**
 * {@code Importance.check} reads its own runs' weights as a call's diagnostics do, where it makes enough of them to
 * judge a tail: a capture-recapture study (a new user, an ecologist) whose population size N, uniform on 0 to 400,
 * was proposed from a Poisson(110) while its posterior spreads to 400 was clean at 3,000 and 20,000 runs of the check,
 * and its calls of 20,000 runs, each with a k-hat verdict, read log P(e) up to 12 standard errors low. The probes of
 * single sites look at real sites only.
 */
class GuideCheckWeightsTest {

    private static final int[] MARKED = {0, 30, 55};
    private static final int[] RECAPTURED = {0, 10, 15};
    private static final int[] NEW = {30, 25, 20};

    private static final Model<Integer> CAPTURES = p -> {
        int n = p.sample("N", new DiscreteUniform(0, 400));
        for (int t = 0; t < 3; t++) {
            double caught = p.sample("p", t, new Beta(1, 1));
            if (MARKED[t] > 0) {
                p.observe("recap", t, new Binomial(MARKED[t], caught), RECAPTURED[t]);
            }
            p.observe("new", t, new Binomial(Math.max(n - MARKED[t], 0), caught), NEW[t]);
        }
        return n;
    };

    @Test
    void heavyTailedWeightsOfTheChecksOwnRunsAreNamed() {
        Guide narrow = Guide.bySite((site, h) -> site.name().equals("N") ? new Poisson(110) : null);
        GuideCheck c = Importance.check(CAPTURES, narrow, 3000);
        assertThat(c.isClean()).isFalse();
        assertThat(c.lightTails()).anyMatch(t -> t.startsWith("the weights of the 3,000 runs: Pareto k-hat "));
        // A guide whose weights are light: nothing said of them.
        double[] y = GroundTruth.NORMAL_NORMAL_Y;
        double precision = 1 + y.length;
        double mean = java.util.Arrays.stream(y).sum() / precision;
        GuideCheck exact = Importance.check(GroundTruth.NORMAL_NORMAL,
                Guide.at("mu", new dev.ariadne.core.dist.Normal(mean, 1.2 / Math.sqrt(precision))), 3000);
        assertThat(exact.isClean()).as("%s", exact).isTrue();
    }
}
