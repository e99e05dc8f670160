package dev.ariadne.examples;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.stats.LogSumExp;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.gamma.LogGamma;

/** Example 8: a Poisson change point: a discrete and two continuous latents together. */
public final class ChangePoint extends Example {

    static final int[] COUNTS = {1, 3, 2, 2, 1, 4, 2, 3, 0, 2, 3, 1, 7, 5, 6, 8, 4, 7, 6, 5};
    static final double SHAPE = 2;
    static final double RATE = 0.5;

    /** The rate changes after step tau; both rates have a Gamma(2, 0.5) prior. Returns tau. */
    static final Model<Integer> MODEL = p -> {
        int tau = p.sample("tau", new DiscreteUniform(1, COUNTS.length - 1));
        double early = p.sample("early", new Gamma(SHAPE, RATE));
        double late = p.sample("late", new Gamma(SHAPE, RATE));
        for (int t = 0; t < COUNTS.length; t++) {
            p.observe("count", t, new Poisson(t < tau ? early : late), COUNTS[t]);
        }
        return tau;
    };

    /**
     * The conjugate guide: tau from its prior, then each rate from its exact posterior given tau (read from the
     * history), so each run's weight is the marginal likelihood of tau.
     */
    static final Guide CONJUGATE = Guide.real((site, prior, h) -> {
        int tau = h.integer("tau", -1);
        boolean early = site.name().equals("early");
        int from = early ? 0 : tau;
        int to = early ? tau : COUNTS.length;
        double sum = 0;
        for (int t = from; t < to; t++) {
            sum += COUNTS[t];
        }
        return new Gamma(SHAPE + sum, RATE + (to - from));
    });

    /** log of the Poisson-gamma marginal of counts[from, to). */
    static double logMarginal(int from, int to) {
        double sum = 0;
        double logFactorials = 0;
        for (int t = from; t < to; t++) {
            sum += COUNTS[t];
            logFactorials += LogGamma.value(COUNTS[t] + 1.0);
        }
        int m = to - from;
        return SHAPE * Math.log(RATE) - LogGamma.value(SHAPE) + LogGamma.value(SHAPE + sum)
                - (SHAPE + sum) * Math.log(RATE + m) - logFactorials;
    }

    /** The exact log joint log P(tau, e) for each tau (index tau; entry 0 unused, -inf). */
    static double[] exactLogJoint() {
        int n = COUNTS.length;
        double[] l = new double[n];
        l[0] = Double.NEGATIVE_INFINITY;
        for (int tau = 1; tau < n; tau++) {
            l[tau] = -Math.log(n - 1) + logMarginal(0, tau) + logMarginal(tau, n);
        }
        return l;
    }

    @Override
    public String name() {
        return "change-point";
    }

    @Override
    public String title() {
        return "Poisson change point: discrete and continuous latents, exact evidence by summing over tau";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("Twenty daily counts; the rate changes once, after an unknown day tau. Both rates are unknown.");
        double[] joint = exactLogJoint();
        double exact = LogSumExp.of(joint);
        nb.sayf("  exact log P(e) = %.6f (a sum over tau of closed-form Poisson-gamma marginals)", exact);
        int best = 1;
        for (int t = 1; t < joint.length; t++) {
            if (joint[t] > joint[best]) {
                best = t;
            }
        }
        double exactBest = Math.exp(joint[best] - exact);

        long n = nb.samples(100_000);
        String[] labels = {"prior", "conjugate guide"};
        Guide[] guides = {Guide.prior(), CONJUGATE};
        double[][] posterior = new double[3][COUNTS.length];
        for (int t = 1; t < COUNTS.length; t++) {
            posterior[0][t] = Math.exp(joint[t] - exact);
        }
        List<String[]> rows = new ArrayList<>();
        double[] esses = new double[2];
        int b = best;
        for (int g = 0; g < 2; g++) {
            Importance<Integer> is = Importance.of(MODEL).guide(guides[g]).samples(n).seed(nb.seed())
                    .onProgress(nb.progress(labels[g]));
            for (int t = 1; t < COUNTS.length; t++) {
                int k = t;
                is = is.expectation("tau=" + t, v -> v == k ? 1 : 0);
            }
            ImportanceResult<Integer> r = is.run();
            double ess = r.diagnostics().ess();
            esses[g] = ess;
            for (int t = 1; t < COUNTS.length; t++) {
                posterior[g + 1][t] = r.expectation("tau=" + t).value();
            }
            nb.figure("log P(e), " + labels[g], r.logEvidence(), exact, r);
            nb.figure("P(tau = " + b + " | e), " + labels[g], r.expectation("tau=" + b), exactBest, r);
            rows.add(new String[] {labels[g], Notebook.num(r.logEvidence().value()),
                    Notebook.num(r.logEvidence().standardError()), Notebook.count(ess),
                    Notebook.lower(r.lowerBound(0.05).logValue())});
        }
        nb.table(new String[] {"proposal", "log Z-hat", "s.e.", "ESS", "log lower bound"}, rows);
        double[] days = new double[COUNTS.length];
        for (int t = 0; t < days.length; t++) {
            days[t] = t;
        }
        nb.plot("change-point-tau.png", png -> Plots.bars(png, "Change point: posterior of tau", "tau",
                new String[] {"exact", "prior", "conjugate guide"}, days, posterior));
        nb.notice(String.format(java.util.Locale.ROOT, "drawing each rate from its posterior given tau (read from "
                + "the history) leaves only tau to weight: the ESS rises from %s to %s for the same %,d runs.",
                ess(esses[0]), ess(esses[1]), n));
    }

    /** An ESS as the notice prints it: one decimal below 10 ("from 1 to 1" read at 7 runs; a tester). */
    private static String ess(double ess) {
        return String.format(java.util.Locale.ROOT, ess < 10 ? "%.1f" : "%,.0f", ess);
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new ChangePoint(), args);
    }
}
