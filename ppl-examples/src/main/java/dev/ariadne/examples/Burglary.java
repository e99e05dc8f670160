package dev.ariadne.examples;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.inference.ConditionalEstimate;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationResult;
import java.util.ArrayList;
import java.util.List;

/** Example 4: burglary: a rare cause, certified bounds and the defensive mixture's rigorous interval. */
public final class Burglary extends Example {

    /** Burglary and earthquake set off the alarm; John and Mary both call. Returns whether there was a burglary. */
    static final Model<Boolean> MODEL = p -> {
        boolean burglary = p.sample("burglary", new Bernoulli(0.001));
        boolean earthquake = p.sample("earthquake", new Bernoulli(0.002));
        double pAlarm = burglary && earthquake ? 0.95 : burglary ? 0.94 : earthquake ? 0.29 : 0.001;
        boolean alarm = p.sample("alarm", new Bernoulli(pAlarm));
        p.observe("johnCalls", new Bernoulli(alarm ? 0.9 : 0.05), true);
        p.observe("maryCalls", new Bernoulli(alarm ? 0.7 : 0.01), true);
        return burglary;
    };

    /** A hand-written guide that makes the rare causes common, so that runs reach the evidence. */
    static final Guide GUIDE = Guide.at("burglary", new Bernoulli(0.3))
            .orElse(Guide.at("earthquake", new Bernoulli(0.1)))
            .orElse(Guide.at("alarm", new Bernoulli(0.8)));

    @Override
    public String name() {
        return "burglary";
    }

    @Override
    public String title() {
        return "burglary: certified bounds, the quotient estimate and the defensive mixture";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("A burglary (1 in 1000) or an earthquake (2 in 1000) may set off the alarm; John and Mary both call.");
        nb.say("How likely is a burglary?");
        EnumerationResult<Boolean> exact = Enumerate.of(MODEL).run();
        double truth = exact.probability(b -> b);
        nb.sayf("  exact: P(J, M) = %.6e, P(burglary | J, M) = %.6f", exact.evidence(), truth);

        long n = nb.samples(200_000);
        List<String[]> rows = new ArrayList<>();
        String[] labels = {"prior", "hand-written guide", "defensive mixture (alpha 0.2)"};
        Guide[] guides = {Guide.prior(), GUIDE, Guide.defensive(0.2, GUIDE)};
        ImportanceResult<Boolean> defensive = null;
        for (int g = 0; g < guides.length; g++) {
            // Both calls are observations of booleans, each of probability at most 1: no run's likelihood exceeds
            // 1 (log 0). The prior then bounds every weight by 1 and the defensive mixture by 1 / alpha; the
            // hand-written guide alone bounds nothing, whatever the statement.
            ImportanceResult<Boolean> r = Importance.of(MODEL).guide(guides[g]).maxLogLikelihood(0).samples(n)
                    .seed(nb.seed())
                    .hypothesis("burglary", b -> b).onProgress(nb.progress(labels[g])).run();
            ConditionalEstimate c = r.conditional("burglary");
            rows.add(new String[] {labels[g], Notebook.count(r.diagnostics().ess()),
                    Notebook.lower(r.lowerBound(0.05).value()), Notebook.lower(r.lowerBound("burglary", 0.05).value()),
                    c.quotient().map(e -> Notebook.num(e.value())).orElse("-"),
                    c.selfNormalised().map(e -> Notebook.num(e.value()) + " +- " + Notebook.num(e.standardError()))
                            .orElse("-"),
                    c.rigorous().map(i -> "[" + Notebook.lower(i.lower()) + ", " + Notebook.upper(i.upper()) + "]")
                            .orElse("none")});
            if (g == 2) {
                defensive = r;
            }
        }
        nb.heading(n + " runs per guide");
        nb.table(new String[] {"proposal", "ESS", "P(e) >=", "P(b, e) >=", "quotient", "self-normalised",
                "rigorous 95%"}, rows);
        ConditionalEstimate c = defensive.conditional("burglary");
        nb.figure("P(burglary | J, M), defensive mixture", c.selfNormalised().orElseThrow(), truth, defensive);
        double[] z = Tour.evidence(defensive);
        nb.figure("P(J, M), defensive mixture", z[0], z[1], exact.evidence(), defensive);
        nb.say("");
        nb.say("The prior rarely proposes a burglary, so its estimate of P(b, e) rests on a handful of runs.");
        nb.say("The hand-written guide proposes burglaries often and reweights them; mixing it with the prior");
        nb.say("over whole runs bounds every weight by 1/alpha (with the stated maxLogLikelihood(0): no run's");
        nb.say("evidence weighs more than 1), which makes an upper bound on P(e), and so a rigorous interval, possible.");
        nb.notice("the hand-written guide gives the tightest estimates but no rigorous interval; mixed with the prior "
                + "over whole runs it keeps its ESS and regains a rigorous interval, which contains the exact "
                + Notebook.num(truth) + ".");
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new Burglary(), args);
    }
}
