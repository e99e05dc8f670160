package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Poisson;
import org.junit.jupiter.api.Test;

/**
 * A zero-inflated Poisson count model (a new user, an ecologist): z_i ~ Bernoulli(pi) marks a structural zero, and y_i
 * ~ Poisson(z_i ? 0 : lambda). At a positive count z_i = true is impossible, so a guide that proposes Bernoulli(0)
 * there leaves out nothing. {@code Importance.check} named such a site ("the guide proposes z[20] = true with
 * probability 0 ... where the prior gives it 0.935 ... the estimates leave out whatever posterior mass that value
 * has"): runs with the value forced and the guide elsewhere all had weight 0, but the runs with the prior elsewhere
 * that were to confirm it never reached the site, each failing first at an earlier positive count the prior had made
 * a structural zero, and a value no run could judge was taken to have weight.
 */
class RuledOutValuesTest {

    private static final int[] Y = {0, 3, 0, 2, 5, 0, 0, 4, 1, 3, 0, 2, 0, 0, 6, 3, 2, 0, 4, 0, 1, 0, 3, 5, 0, 2, 0,
        0, 3, 4, 0, 2, 1, 0, 0, 3, 5, 0, 2, 0};

    private static final Model<Double> ZERO_INFLATED = p -> {
        double pi = p.sample("pi", new Beta(1, 1));
        double lambda = p.sample("lambda", new Gamma(2, 0.5));
        for (int i = 0; i < Y.length; i++) {
            boolean zero = p.sample("z", i, new Bernoulli(pi));
            p.observe("y", i, new Poisson(zero ? 0.0 : lambda), Y[i]);
        }
        return pi;
    };

    /** The structural zero's exact conditional where the count is 0; never one where it is positive. */
    private static final Guide GUIDE = Guide.bySite((site, h) -> {
        if (!site.name().equals("z")) {
            return null;
        }
        if (Y[site.index()] > 0) {
            return new Bernoulli(0.0);
        }
        double pi = h.real("pi");
        double e = Math.exp(-h.real("lambda"));
        return new Bernoulli(pi / (pi + (1 - pi) * e));
    });

    @Test
    void aValueTheEvidenceRulesOutIsNotNamedWhereThePriorsRunsCannotReachIt() {
        for (int runs : new int[] {50, 200, 3000}) {
            GuideCheck c = Importance.check(ZERO_INFLATED, GUIDE, runs);
            assertThat(c.toString()).as("%d runs", runs).doesNotContain("with probability 0 on average");
        }
    }
}
