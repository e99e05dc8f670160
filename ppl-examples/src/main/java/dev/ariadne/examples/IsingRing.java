package dev.ariadne.examples;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import java.util.ArrayList;
import java.util.List;

/** Example 10: an Ising ring: evidence that is not an observation but a factor. */
public final class IsingRing extends Example {

    static final int SPINS = 20;
    static final double COUPLING = 0.5;
    static final double FIELD = 0.25;

    /** Fair-coin spins; the Ising energy enters as a factor. Returns the magnetisation. */
    static final Model<Integer> MODEL = p -> {
        int[] s = new int[SPINS];
        for (int i = 0; i < SPINS; i++) {
            s[i] = p.sample("spin", i, new Bernoulli(0.5)) ? 1 : -1;
        }
        double energy = 0;
        int sum = 0;
        for (int i = 0; i < SPINS; i++) {
            energy += COUPLING * s[i] * s[(i + 1) % SPINS] + FIELD * s[i];
            sum += s[i];
        }
        p.factor("energy", energy);
        return sum;
    };

    /** A guide that reads the previous spin from the history and leans toward agreeing with it. */
    static final Guide NEIGHBOUR = Guide.bool((site, prior, h) -> {
        double field = FIELD + (site.index() == 0 ? 0 : COUPLING * (h.bool("spin", site.index() - 1) ? 1 : -1));
        return new Bernoulli(1 / (1 + Math.exp(-2 * field)));
    });

    /** The exact log partition function by transfer matrices, minus 20 log 2 for the fair-coin prior. */
    static double exactLogEvidence() {
        double[][] t = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int sa = a == 0 ? -1 : 1;
                int sb = b == 0 ? -1 : 1;
                t[a][b] = Math.exp(COUPLING * sa * sb + FIELD * sa);
            }
        }
        double[][] m = {{1, 0}, {0, 1}};
        for (int i = 0; i < SPINS; i++) {
            double[][] r = new double[2][2];
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    r[a][b] = m[a][0] * t[0][b] + m[a][1] * t[1][b];
                }
            }
            m = r;
        }
        return Math.log(m[0][0] + m[1][1]) - SPINS * Math.log(2);
    }

    @Override
    public String name() {
        return "ising";
    }

    @Override
    public String title() {
        return "Ising ring via factors: evidence that is not an observation";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("Twenty spins on a ring, each a fair coin; neighbours that agree and spins that point up are");
        nb.say("rewarded by a factor exp(0.5 sum s_i s_i+1 + 0.25 sum s_i). The factor is the evidence.");
        double exact = exactLogEvidence();
        nb.sayf("  exact log P(e) = %.6f (transfer matrices)", exact);
        long n = nb.samples(200_000);
        String[] labels = {"prior", "neighbour guide"};
        Guide[] guides = {Guide.prior(), NEIGHBOUR};
        List<String[]> rows = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            ImportanceResult<Integer> r = Importance.of(MODEL).guide(guides[g]).samples(n).seed(nb.seed())
                    .expectation("magnetisation", v -> v).onProgress(nb.progress(labels[g])).run();
            double ess = r.diagnostics().ess();
            nb.figure("log P(e), " + labels[g], r.logEvidence(), exact, r);
            rows.add(new String[] {labels[g], Notebook.num(r.logEvidence().value()),
                    Notebook.num(r.logEvidence().standardError()), Notebook.count(ess),
                    Notebook.num(r.expectation("magnetisation").value()),
                    Notebook.lower(r.lowerBound(0.05).logValue())});
        }
        nb.table(new String[] {"proposal", "log Z-hat", "s.e.", "ESS", "E[magnetisation | e]", "log lower bound"},
                rows);
        nb.say("  A positive factor can make a weight exceed 1, so no upper bound on P(e) exists here: the");
        nb.say("  conditional estimates are self-normalised only.");
        nb.notice("evidence can be any log weight; a guide that reads the previous spin from the history follows "
                + "the coupling and needs fewer runs for the same standard error.");
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new IsingRing(), args);
    }
}
