package dev.ariadne.examples;

import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.search.Budget;
import dev.ariadne.search.Certification;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.SearchStep;
import dev.ariadne.search.Strategy;
import java.util.Locale;

/** Example 9: a rare event: prior sampling finds nothing; a searched guide certifies a bound near the truth. */
public final class RareEvent extends Example {

    static final double THRESHOLD = 22;
    static final double EXACT_LOG_Z = -27.078377593191;

    /** Ten standard normals whose sum exceeds 22 (hard evidence). Returns the sum. */
    static final Model<Double> MODEL = p -> {
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += p.sample("z", i, new Normal(0, 1));
        }
        p.condition("beyond", sum > THRESHOLD);
        return sum;
    };

    static double sum(History h) {
        double s = 0;
        for (int i = 0; i < 10; i++) {
            s += h.real("z", i);
        }
        return s;
    }

    @Override
    public String name() {
        return "rare-event";
    }

    @Override
    public String title() {
        return "rare event: prior sampling finds nothing; a searched guide certifies P(e) >= L at 99%";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("Ten independent N(0, 1) draws; the evidence is that their sum exceeds 22, which happens about");
        nb.sayf("once in 5.8e11 tries: P(e) = %.6e.", Math.exp(EXACT_LOG_Z));
        long n = nb.samples(200_000);
        ImportanceResult<Double> prior = Importance.of(MODEL).samples(n).seed(nb.seed())
                .onProgress(nb.progress("prior")).run();
        nb.heading("The prior as guide, " + n + " runs");
        nb.sayf("  %d of %d runs satisfy the evidence; the certified bound is P(e) >= %s.", prior.acceptedRuns(),
                prior.runs(), Notebook.num(prior.lowerBound(0.01).value()));

        nb.heading("Cross-entropy search from the prior, with elite level sets");
        SearchResult search = GuideSearch.of(MODEL, GuideFamily.meanField())
                .strategy(Strategy.crossEntropy().runs(10_000).rho(0.1).level(RareEvent::sum, THRESHOLD))
                .budget(Budget.steps(12)).seed(nb.seed()).parallelism(2).onStep(nb.searchProgress("cross-entropy", 12))
                .certify(Math.max(n, 100_000), 0.01).run();
        for (SearchStep s : search.history()) {
            nb.sayf("  step %2d  %s", s.step(), s.note());
        }
        Certification c = search.certified();
        double ratio = Math.exp(c.evidenceBound().logValue() - EXACT_LOG_Z);
        nb.figure("log P(e), searched guide (fresh runs)", c.logEvidence(), EXACT_LOG_Z, c.result());
        nb.sayf("  certified at 99%% on %,d fresh runs: P(e) >= %.4e, which is %.3f of the truth", c.runs(),
                c.evidenceBound().value(), ratio);
        int b = Tour.batchFor(c.runs());
        Tour.anytimePlot(nb, "rare-event-bound.png", "Rare event: the certified bound with the searched guide",
                c.runs(), EXACT_LOG_Z, m -> Importance.of(MODEL).guide(search.guide()).samples(m).seed(c.seed())
                        .batchSize(b).keep(0).run());
        nb.notice(String.format(Locale.ROOT, "the prior found %d of %,d runs in the rare region; the searched guide "
                + "proves P(e) >= %.3g at 99%%, %.0f%% of the true %.3g.", prior.acceptedRuns(), prior.runs(),
                c.evidenceBound().value(), 100 * ratio, Math.exp(EXACT_LOG_Z)));
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new RareEvent(), args);
    }
}
