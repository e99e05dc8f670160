package dev.ariadne.examples;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.HalfNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Diagnostics;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.mcmc.Convergence;
import dev.ariadne.inference.mcmc.Kernels;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.mcmc.McmcResult;
import dev.ariadne.inference.mcmc.SummaryRow;
import dev.ariadne.search.Budget;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Example 12: a hierarchical model, twenty groups with a shared mean and spread. Importance sampling with the best
 * mean-field guide a search finds fails, and its diagnostics say so; four MCMC chains answer the question, and
 * their own diagnostics say how far to trust them.
 */
public final class Hierarchical extends Example {

    static final double[] Y = {2.8, 5.28, 0.66, -1.51, 3.5, 5.14, 0.45, -0.19, 3.78, 2.92, -0.29, 2.27, 4.95, 0.92,
        -1.44, 3.44, 5.44, 0.48, -0.8, 3.61};
    static final double EXACT_E_MU = 2.479842533235;
    static final double EXACT_E_TAU = 1.699844749013;
    static final double EXACT_P_TAU_BELOW_1 = 0.103798377914;

    static double sd(int j) {
        return 1 + 0.5 * (j % 4);
    }

    /** mu ~ N(0, 5); tau ~ HalfNormal(5); theta_j ~ N(mu, tau); y_j ~ N(theta_j, s_j). Returns {mu, tau}. */
    static final Model<double[]> MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 5));
        double tau = p.sample("tau", new HalfNormal(5));
        for (int j = 0; j < Y.length; j++) {
            double theta = p.sample("theta", j, new Normal(mu, tau));
            p.observe("y", j, new Normal(theta, sd(j)), Y[j]);
        }
        return new double[] {mu, tau};
    };

    @Override
    public String name() {
        return "hierarchical";
    }

    @Override
    public String title() {
        return "A hierarchical model: importance sampling fails its diagnostics, MCMC answers";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("Twenty groups, each with its own mean theta_j drawn around a shared mu with spread tau; one noisy");
        nb.say("observation per group. The posterior is a funnel: where tau is small the theta_j are pinned");
        nb.say("together, where it is large they spread, and no single Gaussian per site fits both ends.");
        long n = nb.samples(200_000);

        nb.heading("Importance sampling with a searched mean-field guide");
        SearchResult s = GuideSearch.of(MODEL, GuideFamily.meanField()).strategy(Strategy.crossEntropy().runs(4000))
                .budget(Budget.steps(12)).seed(nb.seed()).onStep(nb.searchProgress("mean-field search", 12)).run();
        ImportanceResult<double[]> is = Importance.of(MODEL).guide(s.guide()).samples(n).seed(nb.seed() + 1)
                .expectation("mu", w -> w[0]).expectation("tau", w -> w[1])
                .expectation("tau<1", w -> w[1] < 1 ? 1 : 0).onProgress(nb.progress("importance")).run();
        Diagnostics d = is.diagnostics();
        nb.figure("E[tau | y], importance sampling", is.expectation("tau"), EXACT_E_TAU, is);
        nb.figure("P(tau < 1 | y), importance sampling", is.expectation("tau<1"), EXACT_P_TAU_BELOW_1, is);
        nb.sayf("  diagnostics: ESS %s of %s runs, %s (%s)", Notebook.count(d.ess()),
                Notebook.count(n), Notebook.kHat(d.paretoK()), d.tailOk() ? "fine" : "the standard errors cannot be trusted");

        nb.heading("MCMC: four chains of single-site Metropolis-Hastings");
        int perChain = (int) Math.max(2_000, n / 4);
        McmcResult<double[]> m = Mcmc.of(MODEL).kernel(Kernels.singleSite()).chains(4).warmup(1_000)
                .draws(perChain).seed(nb.seed()).parallelism(2).record("mu", "tau")
                .track("tau<1", w -> w[1] < 1 ? 1 : 0).progress(nb.progress("MCMC")).run();
        nb.say(m.summary().table());
        SummaryRow mu = m.row("mu");
        SummaryRow tau = m.row("tau");
        SummaryRow below = m.row("tau<1");
        mcmcFigure(nb, "E[mu | y], MCMC", mu, m.draws("mu"), EXACT_E_MU);
        mcmcFigure(nb, "E[tau | y], MCMC", tau, m.draws("tau"), EXACT_E_TAU);
        mcmcFigure(nb, "P(tau < 1 | y), MCMC", below, m.draws("tau<1"), EXACT_P_TAU_BELOW_1);
        nb.sayf("  kernel: %s; acceptance after warm-up %.3f", m.acceptance().get(0).kernel(),
                m.acceptance().get(0).rate());
        nb.say("  verdicts:");
        m.verdicts().forEach(v -> nb.say("    - " + v));

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"E[tau | y]", Notebook.num(EXACT_E_TAU), Notebook.num(is.expectation("tau").value()),
            Notebook.num(tau.mean()) + " +- " + Notebook.num(tau.mcseMean())});
        rows.add(new String[] {"P(tau < 1 | y)", Notebook.num(EXACT_P_TAU_BELOW_1),
            Notebook.num(is.expectation("tau<1").value()), Notebook.num(below.mean()) + " +- "
                + Notebook.num(below.mcseMean())});
        nb.table(new String[] {"quantity", "exact", "importance (" + Notebook.kHat(d.paretoK()) + ")", "MCMC +- mcse"}, rows);

        double[][] tauDraws = m.draws("tau");
        nb.plot("hierarchical-trace.png", png -> Plots.traces(png, "hier20: tau in four MCMC chains", "tau",
                tauDraws, 2000, EXACT_E_TAU, "exact E[tau | y]"));
        List<Double> pooled = new ArrayList<>();
        for (double[] chain : tauDraws) {
            for (double t : chain) {
                pooled.add(t);
            }
        }
        TauPosterior exact = TauPosterior.compute();
        nb.plot("hierarchical-tau.png", png -> Plots.histogram(png,
                "hier20: MCMC draws of tau against the exact posterior", "tau", pooled, 0, 5, 50, exact::density));
        nb.notice(String.format(Locale.ROOT, "the searched guide's weights have %s, so its estimates carry no"
                + " trustworthy error bar; four MCMC chains %s (r_hat %.3f for tau) and put E[tau | y] at %.3f +- "
                + "%.3f against the exact %.3f.", Notebook.kHat(d.paretoK()),
                chainsVerdict(tau, m.chains()), tau.rHat(),
                tau.mean(), tau.mcseMean(), EXACT_E_TAU));
    }

    /**
     * What the notice says of the chains, read from tau's line: they agree only where the line draws no verdict at
     * all, since chains too short to tell (a low ESS) read an r_hat of 1.07 within chance.
     */
    private static String chainsVerdict(SummaryRow tau, int chains) {
        if (tau.rHat() >= tau.rHatLimit()) {
            return "disagree, so run them longer,";
        }
        return tau.verdicts(chains).isEmpty() ? "agree" : "ran too short to tell whether they agree, so run them longer,";
    }

    /**
     * Records an MCMC estimate as a checkable (trusted) figure only when its row draws no verdict (r_hat below its limit,
     * ESS high enough): its standard error is then mcse_mean. Its ESS is the effective sample size of the mean behind
     * it, trusted or not. Otherwise the figure names the first verdict and is not trusted.
     */
    private static void mcmcFigure(Notebook nb, String name, SummaryRow row, double[][] draws, double exact) {
        boolean agree = row.rHat() < row.rHatLimit();
        java.util.List<String> verdicts = row.verdicts(draws.length);
        String label = !agree ? String.format(Locale.ROOT, " [chains disagree: r_hat %.3f]", row.rHat())
                : verdicts.isEmpty() ? "" : " [" + verdicts.get(0) + "]";
        // The ESS of the mean whatever the verdict: chains that disagree have one too (low), where a 0 read as none
        // at all in the JSON (an adversarial tester); the figure is untrusted either way.
        nb.figure(name + label, row.mean(), row.mcseMean(), exact, Convergence.essMean(draws),
                agree && verdicts.isEmpty());
    }

    /**
     * The exact posterior of tau by one-dimensional quadrature: with mu and the theta_j integrated out,
     * y ~ N(0, D + 25 11'), D = diag(tau^2 + s_j^2), whose density the matrix determinant lemma gives in O(20).
     */
    static final class TauPosterior {
        static final double UPPER = 30;
        static final int POINTS = 60_001;
        final double[] grid = new double[POINTS];
        final double[] logUnnormalised = new double[POINTS];
        double logNormaliser;
        double meanTau;
        double meanMu;
        double belowOne;

        static TauPosterior compute() {
            TauPosterior t = new TauPosterior();
            double h = UPPER / (POINTS - 1);
            double max = Double.NEGATIVE_INFINITY;
            double[] muGivenTau = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                double tau = i * h;
                t.grid[i] = tau;
                double s1 = 0;
                double sy = 0;
                double syy = 0;
                double logDet = 0;
                for (int j = 0; j < Y.length; j++) {
                    double dj = tau * tau + sd(j) * sd(j);
                    s1 += 1 / dj;
                    sy += Y[j] / dj;
                    syy += Y[j] * Y[j] / dj;
                    logDet += Math.log(dj);
                }
                logDet += Math.log(1 + 25 * s1);
                double quad = syy - 25 * sy * sy / (1 + 25 * s1);
                double logLik = -0.5 * (Y.length * Math.log(2 * Math.PI) + logDet + quad);
                t.logUnnormalised[i] = new HalfNormal(5).logDensity(tau) + logLik;
                muGivenTau[i] = sy / (1.0 / 25 + s1);
                max = Math.max(max, t.logUnnormalised[i]);
            }
            double z = 0;
            double tauSum = 0;
            double muSum = 0;
            double below = 0;
            int one = (int) Math.round(1 / h);
            for (int i = 0; i < POINTS; i++) {
                double f = Math.exp(t.logUnnormalised[i] - max) * h;
                double w = f * (i == 0 || i == POINTS - 1 ? 0.5 : 1);
                z += w;
                tauSum += w * t.grid[i];
                muSum += w * muGivenTau[i];
                if (i <= one) {
                    below += f * (i == 0 || i == one ? 0.5 : 1);
                }
            }
            t.logNormaliser = max + Math.log(z);
            t.meanTau = tauSum / z;
            t.meanMu = muSum / z;
            t.belowOne = below / z;
            return t;
        }

        /** The posterior density of tau. */
        double density(double tau) {
            if (tau < 0 || tau > UPPER) {
                return 0;
            }
            int i = (int) Math.min(POINTS - 2, Math.floor(tau / (UPPER / (POINTS - 1))));
            return Math.exp(logUnnormalised[i] - logNormaliser);
        }
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new Hierarchical(), args);
    }
}
