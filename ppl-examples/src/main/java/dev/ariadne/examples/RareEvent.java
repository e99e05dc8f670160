package dev.ariadne.examples;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.rare.SubsetResult;
import dev.ariadne.inference.rare.SubsetSimulation;
import dev.ariadne.search.Certification;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.SearchStep;
import dev.ariadne.search.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Example 9: a rare event. Prior sampling finds nothing; the model states its evidence with a margin, and from that
 * alone a cross-entropy search finds a guide that certifies a bound near the truth, and subset simulation, which
 * needs no guide, certifies one too.
 */
public final class RareEvent extends Example {

    static final double THRESHOLD = 22;
    static final double EXACT_LOG_Z = -27.078377593191;

    /**
     * Ten standard normals whose sum exceeds 22, stated as hard evidence with its margin: the run is in the evidence
     * when {@code sum >= 22}, and every run also says how far it was. Returns the sum.
     */
    static final Model<Double> MODEL = p -> {
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += p.sample("z", i, new Normal(0, 1));
        }
        p.condition("beyond", sum, THRESHOLD);
        return sum;
    };

    @Override
    public String name() {
        return "rare-event";
    }

    @Override
    public String title() {
        return "rare event: prior sampling finds nothing; the model's margins lead a search, and subset simulation, "
                + "to P(e) >= L at 99%";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("Ten independent N(0, 1) draws; the evidence is that their sum exceeds 22, which happens about");
        nb.sayf("once in 5.8e11 tries: P(e) = %.6e. The model states it with its margin,", Math.exp(EXACT_LOG_Z));
        nb.say("p.condition(\"beyond\", sum, 22.0): a run holds when sum >= 22 and says how far it was either way.");
        long n = nb.samples(200_000);
        ImportanceResult<Double> prior = Importance.of(MODEL).samples(n).seed(nb.seed())
                .onProgress(nb.progress("prior")).run();
        nb.heading("The prior as guide, " + n + " runs");
        nb.sayf("  %d of %d runs satisfy the evidence; the certified bound is P(e) >= %s.", prior.acceptedRuns(),
                prior.runs(), Notebook.lower(prior.lowerBound(0.01).value()));

        nb.heading("Cross-entropy search from the prior, levels from the margins (no level function)");
        long t0 = System.nanoTime();
        SearchResult search = GuideSearch.of(MODEL, GuideFamily.meanField()).strategy(Strategy.crossEntropy())
                .seed(nb.seed()).parallelism(2).onStep(nb.searchProgress("cross-entropy", 12))
                .certify(Math.max(n, 100_000), 0.01).run();
        double ceSeconds = (System.nanoTime() - t0) / 1e9;
        for (SearchStep s : search.history()) {
            nb.sayf("  step %2d  %s", s.step(), s.note());
        }
        nb.sayf("  %s", search.stopReason());
        Certification c = search.certified();
        double ratio = Math.exp(c.evidenceBound().logValue() - EXACT_LOG_Z);
        nb.figure("log P(e), searched guide (fresh runs)", c, EXACT_LOG_Z);
        nb.sayf("  certified at 99%% on %,d fresh runs: P(e) >= %s, which is %.3f of the truth", c.runs(),
                c.evidenceBound().text(5), ratio);
        int b = Tour.batchFor(c.runs());
        Tour.anytimePlot(nb, "rare-event-bound.png", "Rare event: the certified bound with the searched guide",
                c.runs(), EXACT_LOG_Z, 0.01, m -> Importance.of(MODEL).guide(search.guide()).samples(m).seed(c.seed())
                        .batchSize(b).keep(0).run());

        nb.heading("Subset simulation: no guide at all");
        nb.say("A pilot sweep climbs through the levels {margin >= L} of the prior, moving its runs with a Markov");
        nb.say("kernel that keeps the prior restricted to the level; its levels are then fixed, and each further");
        nb.say("sweep's product of level fractions is an unbiased estimate of P(e). The sweeps certify the bound.");
        int sweeps = (int) Math.max(20, n / 1000);
        SubsetResult sus = SubsetSimulation.of(MODEL).sweeps(sweeps).seed(nb.seed()).parallelism(2).run();
        double susRatio = Math.exp(sus.lowerBound(0.01).logValue() - EXACT_LOG_Z);
        nb.sayf("  %d levels: %s", sus.levels().length, levels(sus.levels()));
        nb.figure("log P(e), subset simulation (" + sweeps + " sweeps)", sus.logEvidence().value(),
                sus.logEvidence().standardError(), EXACT_LOG_Z, sweeps);
        double susSeconds = (sus.pilotTime().toNanos() + sus.sweepTime().toNanos()) / 1e9;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"cross-entropy guide", String.format(Locale.ROOT, "%,d + %,d", search.runsUsed(),
                c.runs()), String.format(Locale.ROOT, "%.1f", ceSeconds), c.evidenceBound().text(3),
                String.format(Locale.ROOT, "%.3f", ratio)});
        rows.add(new String[] {"subset simulation", String.format(Locale.ROOT, "%,d + %,d", sus.pilotRuns(),
                sus.sweepRuns()), String.format(Locale.ROOT, "%.1f", susSeconds), sus.lowerBound(0.01).text(3),
                String.format(Locale.ROOT, "%.3f", susRatio)});
        nb.table(new String[] {"method", "runs (search/pilot + certification)", "seconds", "P(e) >= (99%)",
            "bound / P(e)"}, rows);
        nb.notice(String.format(Locale.ROOT, "the prior found %d of %,d runs in the rare region; from the margins "
                + "the model states (no level function), the searched guide proves P(e) >= %s at 99%%, %.0f%% of the "
                + "true %.3g, and subset simulation, with no guide, %.0f%%.", prior.acceptedRuns(), prior.runs(),
                c.evidenceBound().text(3), 100 * ratio, Math.exp(EXACT_LOG_Z), 100 * susRatio));
    }

    private static String levels(double[] ls) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ls.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", ls[i]));
        }
        return sb.toString();
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new RareEvent(), args);
    }
}
