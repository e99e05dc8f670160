package dev.ariadne.examples;

import dev.ariadne.inference.Diagnostics;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.smc.AnnealedSmc;
import dev.ariadne.inference.smc.Schedule;
import dev.ariadne.inference.smc.Smc;
import dev.ariadne.inference.smc.SmcResult;
import dev.ariadne.inference.stats.Bound;
import dev.ariadne.search.Budget;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Example 14: the evidence of the 20-group hierarchical model by annealed SMC, where importance sampling with a
 * searched mean-field guide fails its diagnostics: its estimate has no error bar to trust (its lower bound stays valid,
 * as for any guide), while the annealed sweeps give an estimate with a standard error and a certified bound.
 */
public final class AnnealedHierarchical extends Example {

    static final double EXACT_LOG_Z = -48.893339684643;

    @Override
    public String name() {
        return "hier-annealed";
    }

    @Override
    public String title() {
        return "annealed SMC: an evidence estimate to trust and a certified bound where importance sampling's fails";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("The twenty groups of the hierarchical example (mu, tau, theta_j, one observation per group). How");
        nb.sayf("probable are the observations? Exactly (by quadrature): log P(e) = %.6f.", EXACT_LOG_Z);
        long n = nb.samples(200_000);

        nb.heading("Importance sampling with a searched mean-field guide");
        SearchResult s = GuideSearch.of(Hierarchical.MODEL, GuideFamily.meanField())
                .strategy(Strategy.crossEntropy().runs(4000)).budget(Budget.steps(12)).seed(nb.seed())
                .onStep(nb.searchProgress("mean-field search", 12)).run();
        ImportanceResult<double[]> is = Importance.of(Hierarchical.MODEL).guide(s.guide()).samples(n)
                .seed(nb.seed() + 1).onProgress(nb.progress("importance")).run();
        Diagnostics d = is.diagnostics();
        nb.figure("log P(e), importance sampling", is.logEvidence(), EXACT_LOG_Z, is);
        Bound isBound = is.lowerBound(0.01);
        double isRatio = Math.exp(isBound.logValue() - EXACT_LOG_Z);
        nb.sayf("  ESS %s of %s runs, %s; certified at 99%%: P(e) >= %.3f of the truth",
                Notebook.count(d.ess()), Notebook.count(n), Notebook.kHat(d.paretoK()), isRatio);
        d.verdicts().forEach(v -> nb.say("  verdict: " + v));

        int particles = (int) Math.max(100, Math.min(500, n / 400));
        int sweeps = n >= 200_000 ? 40 : 20;
        nb.heading(String.format(Locale.ROOT, "Annealed SMC: %d sweeps of %d particles", sweeps, particles));
        AnnealedSmc<double[]> a = Smc.annealed(Hierarchical.MODEL).particles(particles).sweeps(sweeps)
                .seed(nb.seed()).parallelism(2).expectation("tau", w -> w[1]);
        Schedule schedule = a.pilot();
        nb.sayf("  a pilot sweep chose %d temperatures (conditional ESS 0.9 N) and the random-walk steps at each;",
                schedule.size());
        nb.say("  the certifying sweeps use them frozen, so each sweep's Z-hat is unbiased.");
        SmcResult<double[]> r = a.schedule(schedule).run();
        double t = new TDistribution(sweeps - 1).inverseCumulativeProbability(1 - 2.85e-7);
        nb.figure(String.format(Locale.ROOT, "log P(e), annealed SMC (se x t/5, %d sweeps)", sweeps),
                r.logEvidence().value(), r.logEvidence().standardError() * t / 5, EXACT_LOG_Z, r);
        nb.sayf("  (its standard error times t/5 = %.2f, t the Student-t(%d) quantile as far out as 5 normal standard "
                + "errors: the sweeps' log Z-hats spread as a t, so a check at 5 of them reads that tail)", t / 5,
                sweeps - 1);
        Bound b = r.lowerBound(0.01);
        double ratio = Math.exp(b.logValue() - EXACT_LOG_Z);
        nb.sayf("  certified at 99%% over the sweeps: P(e) >= %s, %.3f of the truth; sd of log Z-hat %.3f",
                b.text(5), ratio, Math.sqrt(r.logEvidenceVariance()));
        nb.sayf("  E[tau | y] = %s (exact %.4f)", r.expectation("tau"), Hierarchical.EXACT_E_TAU);
        nb.say(r.diagnostics().report().trim());

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"importance, searched guide", Notebook.num(is.logEvidence().value()),
            Notebook.num(is.logEvidence().standardError()), Notebook.num(isRatio),
            Notebook.kHat(d.paretoK())});
        rows.add(new String[] {"annealed SMC", Notebook.num(r.logEvidence().value()),
            Notebook.num(r.logEvidence().standardError()), Notebook.num(ratio),
            String.format(Locale.ROOT, "sd(log Z-hat) %.2f", Math.sqrt(r.logEvidenceVariance()))});
        nb.table(new String[] {"method", "log Z-hat", "s.e.", "L99 / P(e)", "reliability"}, rows);
        nb.notice(String.format(Locale.ROOT, "with the searched guide (%s, ESS %.0f) importance sampling's log "
                + "Z-hat is %.2f nats off with an error bar that cannot be trusted (its bound, valid for any guide, is "
                + "%.2f of P(e) on these runs); annealed SMC's %d independent sweeps put log P(e) at %.3f +- %.3f "
                + "(exact %.3f) and certify %.2f of P(e) at 99%%.", Notebook.kHat(d.paretoK()), d.ess(),
                Math.abs(is.logEvidence().value() - EXACT_LOG_Z), isRatio, sweeps, r.logEvidence().value(),
                r.logEvidence().standardError(), EXACT_LOG_Z, ratio));
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new AnnealedHierarchical(), args);
    }
}
