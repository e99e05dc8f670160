package dev.ariadne.examples;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.inference.ConditionalEstimate;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationResult;
import java.util.ArrayList;
import java.util.List;

/** Example 3: the sprinkler network: hypotheses, certified bounds and a rigorous interval. */
public final class Sprinkler extends Example {

    /** Cloudy, sprinkler, rain; the grass is observed wet. Returns {sprinkler, rain}. */
    static final Model<boolean[]> MODEL = p -> {
        boolean cloudy = p.sample("cloudy", new Bernoulli(0.5));
        boolean sprinkler = p.sample("sprinkler", new Bernoulli(cloudy ? 0.1 : 0.5));
        boolean rain = p.sample("rain", new Bernoulli(cloudy ? 0.8 : 0.2));
        double pWet = sprinkler && rain ? 0.99 : sprinkler || rain ? 0.9 : 0.0;
        p.observe("wet", new Bernoulli(pWet), true);
        return new boolean[] {sprinkler, rain};
    };

    @Override
    public String name() {
        return "sprinkler";
    }

    @Override
    public String title() {
        return "the sprinkler network: certified P(h, e), P(e) and P(h | e) with a rigorous interval";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("Clouds make rain likely and the sprinkler unlikely; either wets the grass. The grass is wet.");
        nb.say("Was it the sprinkler? Was it rain?");
        EnumerationResult<boolean[]> exact = Enumerate.of(MODEL).run();

        long n = nb.samples(200_000);
        // The evidence is one observation of a boolean, whose probability is at most 1: no run's likelihood
        // exceeds 1 (log 0), so with the prior as proposal every weight is at most 1 and P(e) has an upper bound.
        ImportanceResult<boolean[]> r = Importance.of(MODEL).maxLogLikelihood(0).samples(n).seed(nb.seed())
                .hypothesis("sprinkler", v -> v[0]).hypothesis("rain", v -> v[1])
                .onProgress(nb.progress("sprinkler")).run();
        double ess = r.diagnostics().ess();
        nb.heading("Likelihood weighting, " + r.runs() + " runs");
        double[] z = Tour.evidence(r);
        nb.figure("P(wet)", z[0], z[1], exact.evidence(), r);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"P(e)", Notebook.num(exact.evidence()), Notebook.lower(r.lowerBound(0.05).value()),
                "", "", ""});
        for (int h = 0; h < 2; h++) {
            int k = h;
            String name = h == 0 ? "sprinkler" : "rain";
            ConditionalEstimate c = r.conditional(name);
            double exactJoint = exact.jointProbability(v -> v[k]);
            double exactCond = exact.probability(v -> v[k]);
            rows.add(new String[] {"P(" + name + ", e)", Notebook.num(exactJoint),
                    Notebook.lower(r.lowerBound(name, 0.05).value()), "", "", ""});
            rows.add(new String[] {"P(" + name + " | e)", Notebook.num(exactCond), "",
                    Notebook.num(c.quotient().orElseThrow().value()),
                    Notebook.num(c.selfNormalised().orElseThrow().value()),
                    c.rigorous().map(i -> "[" + Notebook.lower(i.lower()) + ", " + Notebook.upper(i.upper()) + "]")
                            .orElse("none")});
            nb.figure("P(" + name + " | wet), self-normalised", c.selfNormalised().orElseThrow(), exactCond, r);
        }
        nb.table(new String[] {"quantity", "exact", "lower bound 95%", "quotient", "self-normalised",
                "rigorous 95%"}, rows);
        nb.say("");
        nb.say("The quotient of two lower bounds is an estimate, not a bound. The rigorous interval exists because");
        nb.say("we stated maxLogLikelihood(0): the evidence is an observation of a boolean, so no run's likelihood");
        nb.say("exceeds 1. With the prior as proposal every weight is then at most 1, for every run, sampled or not,");
        nb.say("and P(e) has an upper bound too. Ariadne checks the statement on every run and stops if one breaks it.");
        nb.notice("with bounded weights the interval for P(sprinkler | wet) is rigorous at 95%, and it contains "
                + "the exact " + Notebook.num(exact.probability(v -> v[0])) + ".");
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new Sprinkler(), args);
    }
}
