package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.mcmc.Convergence;
import dev.ariadne.inference.mcmc.KernelStats;
import dev.ariadne.inference.mcmc.Kernels;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.mcmc.McmcResult;
import dev.ariadne.inference.mcmc.SummaryRow;
import org.junit.jupiter.api.Test;

/**
 * Acceptance (MCMC issue): a searched structured guide as the whole-run proposal of independence MH on linear
 * regression. The guide (the slope's location affine in the intercept) can be exact, so its acceptance rate, a
 * diagnostic of the guide, must be above 0.9 (measured 0.987; its binomial sd is about 0.0013); and the chains
 * must give the same posterior: after r_hat &lt; 1.01 and ess_bulk and the ESS of the mean >= 1,000 for both
 * parameters (the suite's condition for a trustworthy standard error; measured ~7,400), the means and sds within
 * 5 MCSE of the exact values (4 checks at 2e-6 each in the budget).
 */
class IndependenceProposalTest {

    @Test
    void aSearchedStructuredGuideIsAnIndependenceProposalWithHighAcceptance() {
        SearchResult s = GuideSearch.of(GroundTruth.LINEAR_REGRESSION, GuideFamily.structured())
                .objective(Objective.FREE_ENERGY).strategy(Strategy.bobyqa().crnRuns(4000)).budget(Budget.steps(150))
                .seed(5).run();
        McmcResult<double[]> m = Mcmc.of(GroundTruth.LINEAR_REGRESSION).kernel(Kernels.independence(s.guide()))
                .stepsPerDraw(1).warmup(200).draws(2_000).seed(8).run();
        KernelStats k = m.acceptance().get(0);
        System.out.println(m.report());
        assertThat(k.rate()).as("independence acceptance of the searched structured guide").isGreaterThan(0.9);
        double det = 21 * 121 - 40 * 40;
        check(m, "intercept", -0.795324123273, Math.sqrt(121 / det));
        check(m, "slope", 0.907545164718, Math.sqrt(21 / det));
    }

    private static void check(McmcResult<double[]> m, String name, double mean, double sd) {
        SummaryRow r = m.row(name);
        assertThat(r.rHat()).as("%s r_hat", name).isLessThan(SummaryRow.R_HAT_LIMIT);
        assertThat(r.essBulk()).as("%s ess_bulk", name).isGreaterThanOrEqualTo(1_000);
        assertThat(Convergence.essMean(m.draws(name))).as("%s ESS of the mean", name).isGreaterThanOrEqualTo(1_000);
        assertThat(Math.abs(r.mean() - mean)).as("E[%s]: %s vs %s (mcse %s)", name, r.mean(), mean, r.mcseMean())
                .isLessThanOrEqualTo(5 * r.mcseMean());
        assertThat(Math.abs(r.sd() - sd)).as("sd[%s]: %s vs %s (mcse %s)", name, r.sd(), sd, r.mcseSd())
                .isLessThanOrEqualTo(5 * r.mcseSd());
    }
}
