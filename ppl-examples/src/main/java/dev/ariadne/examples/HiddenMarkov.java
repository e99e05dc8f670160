package dev.ariadne.examples;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationResult;
import java.util.ArrayList;
import java.util.List;

/** Example 5: a hidden Markov model: exact enumeration against sampling with guides that look at history. */
public final class HiddenMarkov extends Example {

    static final double[] INITIAL = {0.2, 0.3, 0.5};
    static final double[][] TRANSITIONS = {{0.4, 0.4, 0.2}, {0.2, 0.3, 0.5}, {0.9, 0.05, 0.05}};
    static final double[][] EMISSIONS = {{0.1, 0.2, 0.7}, {0.2, 0.7, 0.1}, {0.7, 0.2, 0.1}};
    static final int[] SYMBOLS = {1, 1, 2, 3};

    /** Three hidden states emit symbols 1, 2, 3; we see 1, 1, 2, 3. Returns the last hidden state. */
    static final Model<Integer> MODEL = p -> {
        int state = -1;
        for (int t = 0; t < SYMBOLS.length; t++) {
            state = p.sample("state", t, new Categorical(t == 0 ? INITIAL : TRANSITIONS[state]));
            p.observe("symbol", t, new Categorical(EMISSIONS[state]), SYMBOLS[t] - 1);
        }
        return state;
    };

    /**
     * The locally optimal guide: it reads the previous state from the history and proposes the next state in
     * proportion to transition times emission of the symbol about to be seen.
     */
    static final Guide LOOKAHEAD = Guide.integer((site, prior, history) -> {
        int t = site.index();
        double[] from = t == 0 ? INITIAL : TRANSITIONS[history.integer("state", t - 1)];
        double[] w = new double[3];
        for (int s = 0; s < 3; s++) {
            w[s] = from[s] * EMISSIONS[s][SYMBOLS[t] - 1];
        }
        return new Categorical(w);
    });

    @Override
    public String name() {
        return "hmm";
    }

    @Override
    public String title() {
        return "hidden Markov model: exact enumeration vs importance sampling; guides that look at history";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("Three hidden states follow a Markov chain and emit symbols; we observe 1, 1, 2, 3.");
        nb.say("Which state is the chain in at the end, and how probable were the observations?");
        EnumerationResult<Integer> exact = Enumerate.of(MODEL).run();
        nb.sayf("  enumeration: %d paths, log P(e) = %.6f", exact.paths(), exact.logEvidence());

        long n = nb.samples(100_000);
        List<String[]> rows = new ArrayList<>();
        double[][] post = new double[3][3];
        for (int s = 0; s < 3; s++) {
            int k = s;
            post[0][s] = exact.probability(v -> v == k);
        }
        String[] labels = {"prior", "look-ahead guide"};
        Guide[] guides = {Guide.prior(), LOOKAHEAD};
        double[] freeEnergy = new double[2];
        double[] esses = new double[2];
        for (int g = 0; g < 2; g++) {
            Importance<Integer> is = Importance.of(MODEL).guide(guides[g]).samples(n).seed(nb.seed())
                    .onProgress(nb.progress(labels[g]));
            for (int s = 0; s < 3; s++) {
                int k = s;
                is = is.expectation("last=" + s, v -> v == k ? 1 : 0);
            }
            ImportanceResult<Integer> r = is.run();
            double ess = r.diagnostics().ess();
            freeEnergy[g] = r.freeEnergy().value();
            esses[g] = ess;
            nb.figure("log P(e), " + labels[g], r.logEvidence(), exact.logEvidence(), r);
            for (int s = 0; s < 3; s++) {
                post[g + 1][s] = r.expectation("last=" + s).value();
            }
            nb.figure("P(last state = 2 | e), " + labels[g], r.expectation("last=2"), post[0][2], r);
            rows.add(new String[] {labels[g], Notebook.num(r.logEvidence().value()),
                    Notebook.num(r.logEvidence().standardError()), Notebook.count(ess),
                    Notebook.num(r.freeEnergy().value())});
        }
        nb.table(new String[] {"proposal", "log Z-hat", "s.e.", "ESS", "free energy"}, rows);
        nb.plot("hmm-last-state.png", png -> Plots.bars(png, "HMM: posterior of the last state", "state",
                new String[] {"exact", "prior", "look-ahead guide"}, new double[] {0, 1, 2}, post));
        if (freeEnergy[1] < freeEnergy[0] && esses[1] > esses[0]) {
            nb.notice("the guide that reads the previous state from the history and looks at the next symbol has a "
                    + "lower free energy and a larger ESS than the prior for the same number of runs.");
        } else {
            // at --samples 1 the notice said so beside a table that showed the opposite (a new user)
            nb.notice(String.format(java.util.Locale.ROOT, "at %,d runs the figures do not tell the two proposals "
                    + "apart (free energy %.3f for the guide against %.3f for the prior, ESS %.1f against %.1f): ask for "
                    + "more runs with --samples.", n, freeEnergy[1], freeEnergy[0], esses[1], esses[0]));
        }
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new HiddenMarkov(), args);
    }
}
