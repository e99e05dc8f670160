package dev.ariadne.examples;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationResult;
import java.util.List;

/** Example 1: two coins and "at least one head": the paper's guided sampling with rejections. */
public final class TwoCoins extends Example {

    /** Two fair coins; the evidence is that at least one is heads; the query is whether both are. */
    static final Model<Boolean> MODEL = p -> {
        boolean first = p.sample("first", new Bernoulli(0.5));
        boolean second = p.sample("second", new Bernoulli(0.5));
        p.condition("atLeastOneHead", first || second);
        return first && second;
    };

    /** The exact posterior as a guide: first is heads with probability 2/3; if not, second must be. */
    static final Guide EXACT = Guide.bool((site, prior, h) -> site.name().equals("first") ? new Bernoulli(2.0 / 3)
            : new Bernoulli(h.bool("first", -1) ? 0.5 : 1.0));

    @Override
    public String name() {
        return "two-coins";
    }

    @Override
    public String title() {
        return "two coins, at least one head: enumeration vs guided sampling with rejections";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("Toss two fair coins. We are told that at least one came up heads (a hard condition).");
        nb.say("What is the probability that both did?");

        nb.heading("Exact enumeration");
        EnumerationResult<Boolean> exact = Enumerate.of(MODEL).run();
        double pBoth = exact.probability(b -> b);
        nb.sayf("  Enumerate walks all %d paths: P(e) = %.6f, P(both | e) = %.6f", exact.paths(), exact.evidence(),
                pBoth);

        nb.heading("Guided sampling with rejections (the prior as guide)");
        long n = nb.samples(100_000);
        // The only evidence is a condition, which weighs 0 or 1: no run's likelihood exceeds 1 (log 0). With the
        // prior as proposal every weight is then at most 1, which gives P(e) an upper bound and P(both | e) a
        // rigorous interval. Ariadne checks every run against the statement.
        ImportanceResult<Boolean> prior = Importance.of(MODEL).maxLogLikelihood(0).samples(n).seed(nb.seed())
                .hypothesis("both", b -> b).onProgress(nb.progress("two coins")).run();
        Estimate f = prior.restartFreeEnergy();
        nb.sayf("  %d runs, %.1f%% accepted: runs that break the condition count with weight 0.", prior.runs(),
                100 * prior.acceptanceRate());
        double[] z = Tour.evidence(prior);
        double ess = prior.diagnostics().ess();
        nb.figure("P(e), likelihood weighting", z[0], z[1], exact.evidence(), prior);
        nb.figure("free energy of the restart-on-failure guide", f, -exact.logEvidence(), prior);
        Estimate both = prior.conditional("both").selfNormalised().orElseThrow();
        nb.figure("P(both | e), self-normalised", both, pBoth, prior);
        nb.sayf("  certified: P(e) >= %s and P(both, e) >= %s, each at 95%%",
                Notebook.lower(prior.lowerBound(0.05).value()), Notebook.lower(prior.lowerBound("both", 0.05).value()));
        nb.say("  rigorous: " + prior.conditional("both").rigorous().map(Object::toString)
                .orElse(prior.conditional("both").rigorousUnavailableWhy()));

        nb.heading("The exact posterior as a guide");
        ImportanceResult<Boolean> perfect = Importance.of(MODEL).guide(EXACT).samples(Math.max(100, n / 10))
                .seed(nb.seed()).run();
        nb.figure("free energy of the exact guide", perfect.freeEnergy(), -exact.logEvidence(), perfect);
        nb.table(new String[] {"guide", "accepted", "free energy", "sd of log weight", "P(e) >= (95%)"}, List.of(
                new String[] {"prior, with rejections", Notebook.num(prior.acceptanceRate()),
                        Notebook.num(f.value()), "0 (accepted runs)", Notebook.lower(prior.lowerBound(0.05).value())},
                new String[] {"exact posterior", Notebook.num(perfect.acceptanceRate()),
                        Notebook.num(perfect.freeEnergy().value()),
                        Notebook.num(perfect.freeEnergy().standardError() * Math.sqrt(perfect.runs())),
                        Notebook.lower(perfect.lowerBound(0.05).value())}));
        int b = Tour.batchFor(n);
        Tour.anytimePlot(nb, "two-coins-bound.png", "Two coins: the anytime lower bound on log P(e)", n,
                exact.logEvidence(), 0.05, m -> Importance.of(MODEL).samples(m).seed(nb.seed()).batchSize(b).keep(0).run());
        nb.notice("restarting on failure turns the prior into the exact posterior, so its free energy is "
                + "-log P(e) = log(4/3), the same as the perfect guide's, whose every run has the same weight.");
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new TwoCoins(), args);
    }
}
