package dev.ariadne.examples;

import dev.ariadne.core.Model;
import dev.ariadne.core.Prob;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationResult;
import dev.ariadne.search.Budget;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.Strategy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Example 11: unknown rules. The model program samples the rule itself, a small arithmetic expression from a
 * probabilistic grammar, then runs it to produce a sequence. The evidence is the first terms.
 */
public final class UnknownRules extends Example {

    /** The first terms of the sequence, for n = 1, 2. */
    static final int[] TERMS = {3, 6};
    /** Expressions deeper than this are cut to a terminal, so the grammar is finite. */
    static final int MAX_DEPTH = 2;

    /** An arithmetic expression over n, small constants, + and *. */
    interface Expr extends Serializable {
        /** The value at n. */
        long eval(long n);
    }

    /** The index n. */
    record N() implements Expr {
        @Override
        public long eval(long n) {
            return n;
        }

        @Override
        public String toString() {
            return "n";
        }
    }

    /** A constant. */
    record Const(int value) implements Expr {
        @Override
        public long eval(long n) {
            return value;
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    /** A sum or a product. */
    record Op(char op, Expr left, Expr right) implements Expr {
        @Override
        public long eval(long n) {
            return op == '+' ? left.eval(n) + right.eval(n) : left.eval(n) * right.eval(n);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /** The grammar: n, a constant 1..3, or (e + e), (e * e); only n or a constant at the depth limit. */
    static Expr expression(Prob p, int depth) {
        int kind = p.sample("kind", depth < MAX_DEPTH ? new Categorical(0.3, 0.3, 0.2, 0.2) : new Categorical(0.5, 0.5));
        switch (kind) {
            case 0:
                return new N();
            case 1:
                return new Const(p.sample("c", new DiscreteUniform(1, 3)));
            default:
                Expr left = p.call("left", q -> expression(q, depth + 1));
                Expr right = p.call("right", q -> expression(q, depth + 1));
                return new Op(kind == 2 ? '+' : '*', left, right);
        }
    }

    /** Sample a rule, run it, and require that it reproduces the first terms. Returns the rule. */
    static final Model<Expr> MODEL = p -> {
        Expr rule = p.call("rule", q -> expression(q, 0));
        for (int i = 0; i < TERMS.length; i++) {
            p.condition("term", i, rule.eval(i + 1) == TERMS[i]);
        }
        return rule;
    };

    @Override
    public String name() {
        return "unknown-rules";
    }

    @Override
    public String title() {
        return "unknown rules: inference over programs whose structure changes from run to run";
    }

    @Override
    public void run(Notebook nb) {
        nb.heading("The model");
        nb.say("The model program samples a rule, an expression over n, 1, 2, 3, + and * from a small grammar");
        nb.say("(depth at most " + MAX_DEPTH + "), and runs it. We see the first terms 3, 6. What comes next, and which");
        nb.say("rules explain the data? Each run makes a different number of choices at different addresses.");
        long next = TERMS.length + 1;

        EnumerationResult<Expr> exact = Enumerate.of(MODEL).run();
        nb.sayf("  enumeration: %d paths, P(e) = %.6e", exact.paths(), exact.evidence());
        List<Map.Entry<Expr, Double>> rules = new ArrayList<>(exact.posterior().entrySet());
        rules.sort(Comparator.comparing((Map.Entry<Expr, Double> e) -> -e.getValue()));
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<Expr, Double> e : rules.subList(0, Math.min(8, rules.size()))) {
            rows.add(new String[] {e.getKey().toString(), Notebook.num(e.getValue()),
                    Long.toString(e.getKey().eval(next))});
        }
        nb.table(new String[] {"rule", "P(rule | e)", "next term"}, rows);
        double exactNine = exact.probability(r -> r.eval(next) == 9);

        long n = nb.samples(200_000);
        // The evidence is conditions only, each weighing 0 or 1: no run's likelihood exceeds 1 (log 0), so the
        // prior as proposal bounds every weight by 1 and the interval below is rigorous.
        ImportanceResult<Expr> prior = Importance.of(MODEL).maxLogLikelihood(0).samples(n).seed(nb.seed())
                .hypothesis("next is 9", r -> r.eval(next) == 9).onProgress(nb.progress("prior")).run();
        nb.heading("Guided sampling with rejections (the prior as guide), " + n + " runs");
        nb.sayf("  %.3f%% of runs reproduce the terms", 100 * prior.acceptanceRate());
        boolean priorFigures = evidenceFigures(nb, "prior", prior, exact.evidence(), exactNine);
        if (priorFigures) {
            nb.say("  rigorous: " + prior.conditional("next is 9").rigorous().map(Object::toString)
                    .orElse(prior.conditional("next is 9").rigorousUnavailableWhy()));
        }

        nb.heading("A guide searched over the grammar's choices (mean-field, cross-entropy)");
        nb.say("  Mean-field creates a categorical proposal for each address the runs reveal (rule/kind,");
        nb.say("  rule/left/kind, ...), however the structure changes from run to run.");
        SearchResult search = GuideSearch.of(MODEL, GuideFamily.meanField())
                .strategy(Strategy.crossEntropy().runs(20_000)).budget(Budget.steps(5)).seed(nb.seed())
                .hypothesis("next is 9", r -> r.eval(next) == 9).onStep(nb.searchProgress("cross-entropy", 5))
                .certify(n, 0.05).run();
        ImportanceResult<?> guided = search.certified().result();
        nb.sayf("  %d parameters; on %,d fresh runs %.1f%% reproduce the terms (the prior: %.1f%%)",
                search.parameters().size(), guided.runs(), 100 * guided.acceptanceRate(),
                100 * prior.acceptanceRate());
        boolean guidedFigures = evidenceFigures(nb, "searched guide", guided, exact.evidence(), exactNine);
        nb.sayf("  certified: P(e) >= %s and P(next is 9, e) >= %s at 95%%",
                Notebook.lower(guided.lowerBound(0.05).value()),
                Notebook.lower(guided.lowerBound("next is 9", 0.05).value()));
        if (!priorFigures || !guidedFigures) {
            // a few runs asked with --samples: no estimate to agree with enumeration, and no share to compare
            nb.notice(String.format(java.util.Locale.ROOT, "the model samples its own rule, so runs differ in "
                    + "structure; enumeration gives the next term 9 with probability %.4f, else 11, and %,d runs "
                    + "were too few for sampling to estimate it: ask for more with --samples.", exactNine, n));
            return;
        }
        nb.notice(String.format(java.util.Locale.ROOT, "the model samples its own rule, so runs differ in "
                + "structure; the searched guide raises the share of runs that fit the data from %.1f%% to %.1f%%, "
                + "and every method agrees: the next term is 9 with probability %.4f, else 11.",
                100 * prior.acceptanceRate(), 100 * guided.acceptanceRate(), exactNine));
    }

    /**
     * The figures of P(e) and of P(next is 9 | e) from {@code r}, and true; or, where no run reproduced the terms (a
     * few runs asked with --samples), a line that says so, and false: there is no estimate to give, only the lower
     * bound 0.
     */
    private static boolean evidenceFigures(Notebook nb, String how, ImportanceResult<?> r, double exactEvidence,
                                           double exactNine) {
        if (r.acceptedRuns() == 0) {
            nb.sayf("  no run of the %,d reproduced the terms, so P(e) and P(next term is 9 | e) have no estimate "
                    + "from the %s (the lower bound on P(e) is 0): ask for more runs", r.runs(), how);
            return false;
        }
        double[] z = Tour.evidence(r);
        nb.figure("P(e), " + how, z[0], z[1], exactEvidence, r);
        nb.figure("P(next term is 9 | e), " + how, r.conditional("next is 9").selfNormalised().orElseThrow(),
                exactNine, r);
        return true;
    }

    /** Runs this example. */
    public static void main(String[] args) {
        main(new UnknownRules(), args);
    }
}
