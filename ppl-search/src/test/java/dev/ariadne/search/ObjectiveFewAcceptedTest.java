package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.Estimate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restart-on-failure free energy that rests on fewer than {@link Objective#MIN_ACCEPTED} accepted runs has no
 * standard error, and the optimisers do not trust it (exact). A new user's CMA-ES search on a zero-inflated Poisson
 * recorded 9.50 and 14.38 from one accepted run in 2,000, where no free energy can be below -log P(e) = 21.55,
 * followed them into a guide whose runs all failed, and returned the prior.
 */
class ObjectiveFewAcceptedTest {

    private static List<RunOutcome> batch(int runs, int accepted) {
        List<RunOutcome> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            RunOutcome o = new RunOutcome();
            o.failed = i >= accepted;
            o.logP = -20 - 0.01 * i;
            o.logQ = -1;
            out.add(o);
        }
        return out;
    }

    @Test
    void fewerThanTenAcceptedRunsGiveNoStandardError() {
        Estimate one = Objective.FREE_ENERGY.estimate(batch(2000, 1));
        assertThat(one.value()).isEqualTo(19 + Math.log(2000));
        assertThat(one.standardError()).isInfinite();
        assertThat(one.label()).contains("it rests on 1 accepted run, too few to stand for the guide");
        assertThat(Objective.FREE_ENERGY.estimate(batch(2000, 9)).standardError()).isInfinite();
        Estimate ten = Objective.FREE_ENERGY.estimate(batch(2000, 10));
        assertThat(ten.standardError()).isFinite();
        assertThat(ten.label()).doesNotContain("too few");
        assertThat(Objective.FREE_ENERGY.estimate(batch(50, 50)).standardError()).isFinite();
    }

    /**
     * CMA-ES on the new user's zero-inflated Poisson now ends at a guide near -log P(e); before, after 150 generations
     * its lowest recorded value was 9.50 and it returned the prior, its own guide having no accepted run.
     */
    @Test
    void cmaesNoLongerFollowsValuesFromOneAcceptedRun() {
        int[] y = {0, 0, 3, 0, 5, 2, 0, 0, 4, 6, 0, 3};
        dev.ariadne.core.Model<Double> m = p -> {
            double pi = p.sample("pi", new dev.ariadne.core.dist.Beta(1, 3));
            double lambda = p.sample("lambda", new dev.ariadne.core.dist.Gamma(2, 0.5));
            for (int i = 0; i < y.length; i++) {
                if (p.sample("z", i, new dev.ariadne.core.dist.Bernoulli(pi))) {
                    p.condition("zero", i, y[i] == 0);
                } else {
                    p.observe("y", i, new dev.ariadne.core.dist.Poisson(lambda), y[i]);
                }
            }
            return pi;
        };
        SearchResult s = GuideSearch.of(m, GuideFamily.meanField()).strategy(Strategy.cmaes()).budget(Budget.steps(150))
                .seed(1).certify(0, 0.05).parallelism(1).run();
        for (SearchStep step : s.history()) {
            Estimate e = step.objective();
            if (Double.isFinite(e.standardError())) {
                assertThat(e.value()).as("step %d: no free energy is below -log P(e) = 21.555 by 5 of its standard "
                        + "errors", step.step()).isGreaterThan(21.55485 - 5 * e.standardError());
            }
        }
        assertThat(s.comparison()).hasValueSatisfying(c -> assertThat(c.returnedStart()).isFalse());
        assertThat(s.comparison().orElseThrow().end().value()).isLessThan(25);
    }
}
