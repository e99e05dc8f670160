package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.Prob;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model whose choices exist in few draws (a random tree's deep nodes) gave a line of verdicts per kind per choice,
 * 1,402 of them: more than three lines with one kind of verdict are told as one, whose count is every such line's,
 * and every verdict on choices that exist in only some draws is told in one line of its own.
 */
class GroupedVerdictsTest {

    private static final Model<int[]> NODE = GroupedVerdictsTest::node;

    /** A leaf with probability 0.6 holding a Poisson(1) value, else two subtrees: {leaves, sum of values}. */
    private static int[] node(Prob p) {
        if (p.sample("leaf", new Bernoulli(0.6))) {
            return new int[] {1, p.sample("v", new Poisson(1))};
        }
        int[] l = p.call("L", NODE);
        int[] r = p.call("R", NODE);
        return new int[] {l[0] + r[0], l[1] + r[1]};
    }

    private static final Model<int[]> TREE = p -> {
        int[] root = p.call("root", NODE);
        p.observe("total", new Poisson(0.5 + root[1]), 4);
        return root;
    };

    @Test
    void manyLinesOfOneKindAreToldAsOneThatCountsThemAll() {
        // five choices in every draw, 50 draws a chain: each one's bulk ESS is under 400
        Model<Double> five = p -> {
            double sum = 0;
            for (int i = 0; i < 5; i++) {
                sum += p.sample("x", i, new Normal(0, 1));
            }
            return sum;
        };
        McmcResult<Double> r = Mcmc.of(five).chains(4).warmup(50).draws(50).seed(3).run();
        List<SummaryRow> low = r.summary().rows().stream()
                .filter(row -> row.verdictKinds(4).contains(SummaryRow.Verdict.ESS_BULK)).toList();
        assertThat(low.size()).as("lines with a low bulk ESS").isGreaterThan(McmcResult.TOLD_ONE_BY_ONE);
        String worst = low.stream()
                .max(java.util.Comparator.comparingDouble(row -> row.severity(SummaryRow.Verdict.ESS_BULK)))
                .orElseThrow().describe(SummaryRow.Verdict.ESS_BULK, 4);
        assertThat(r.verdicts().stream().filter(v -> v.startsWith("ESS too low for the bulk"))).singleElement()
                .asString().startsWith(worst + "; the same for " + (low.size() - 1) + " more lines");
    }

    @Test
    void verdictsOnChoicesMadeInSomeDrawsAreToldInOneLineThatCountsThem() {
        McmcResult<int[]> r = Mcmc.of(TREE).chains(4).warmup(500).draws(4000).seed(6).parallelism(2).run();
        int chains = 4;
        List<SummaryRow> partial = r.summary().rows().stream()
                .filter(row -> row.presence() < 1 && !row.verdictKinds(chains).isEmpty()).toList();
        long rHat = partial.stream().filter(row -> row.verdictKinds(chains).contains(SummaryRow.Verdict.R_HAT))
                .count();
        assertThat(rHat).as("the tree's deep nodes disagree across chains").isGreaterThan(3);
        SummaryRow.Verdict first = partial.stream().anyMatch(row -> row.verdictKinds(chains)
                .contains(SummaryRow.Verdict.STUCK_APART)) ? SummaryRow.Verdict.STUCK_APART : SummaryRow.Verdict.R_HAT;
        String worst = partial.stream().filter(row -> row.verdictKinds(chains).contains(first))
                .max(java.util.Comparator.comparingDouble(row -> row.severity(first)))
                .orElseThrow().describe(first, chains);
        List<String> line = r.verdicts().stream().filter(v -> v.contains("exist in only some draws")).toList();
        assertThat(line).singleElement().asString().startsWith(worst + "; in all, " + partial.size() + " choices")
                .contains("chains disagree (" + rHat + ")");
        for (SummaryRow row : partial) {
            assertThat(r.verdicts().stream().filter(v -> v.contains(row.name() + " ("))).as(row.name())
                    .allMatch(line::contains);
        }
        assertThat(r.verdicts().size()).as("lines told").isLessThan(6);
    }

    @Test
    void aRandomNumberOfChoicesReadsRightAndItsLaterChoicesGetOneLine() {
        // n ~ Poisson(3), x_i ~ N(0, 1) for i < n, s ~ N(sum x, 1) observed at 2: given n, s ~ N(0, n + 1)
        Model<Integer> m = p -> {
            int n = p.sample("n", new Poisson(3));
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += p.sample("x", i, new Normal(0, 1));
            }
            p.observe("s", new Normal(sum, 1), 2.0);
            return n;
        };
        double evidence = 0;
        double weightedN = 0;
        double logFactorial = 0;
        for (int n = 0; n < 100; n++) {
            logFactorial += n == 0 ? 0 : Math.log(n);
            double l = Math.exp(-3 + n * Math.log(3) - logFactorial - 2.0 / (n + 1)) / Math.sqrt(2 * Math.PI * (n + 1));
            evidence += l;
            weightedN += n * l;
        }
        McmcResult<Integer> r = Mcmc.of(m).chains(4).warmup(1000).draws(5000).seed(3).track("count", n -> (double) n)
                .run();
        SummaryRow count = r.row("count");
        assertThat(Math.abs(count.mean() - weightedN / evidence)).as("E[n | s]").isLessThan(5 * count.mcseMean());
        List<String> partial = r.verdicts().stream().filter(v -> v.contains("exist in only some draws")).toList();
        assertThat(partial).hasSize(1);
        // "no problem found" on the quantities in half the draws or more stands first now, and may name the lowest ESS
        assertThat(r.verdicts().get(0)).startsWith("no problem found");
        assertThat(r.verdicts().stream().filter(v -> v.contains("x[") && !partial.contains(v)
                && !v.startsWith("no problem found")))
                .as("no other line on the x's but that of those too rare to summarise")
                .allMatch(v -> v.contains("fewer than 4 draws"));
    }

    @Test
    void threeLinesOfAKindAreStillToldOneByOne() {
        SummaryRow a = row("a", 1.2);
        SummaryRow b = row("b", 1.3);
        SummaryRow c = row("c", 1.1);
        for (SummaryRow x : List.of(a, b, c)) {
            assertThat(x.verdictKinds(4)).containsExactly(SummaryRow.Verdict.R_HAT);
        }
        assertThat(b.severity(SummaryRow.Verdict.R_HAT)).isGreaterThan(a.severity(SummaryRow.Verdict.R_HAT));
        assertThat(row("d", Double.NaN).severity(SummaryRow.Verdict.R_HAT)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(a.verdicts(4)).containsExactly("chains disagree on a (r_hat 1.200, not below 1.01)");
    }

    private static SummaryRow row(String name, double rHat) {
        return new SummaryRow(name, 0, 1, -1, 1, 0.01, 0.01, 1000, 1000, rHat, 1, 4000, 3000, SummaryRow.R_HAT_LIMIT);
    }

    /** An ESS of 399.58 against a limit of 400 read "ess_bulk 400 < 400" (a new user): one decimal there. */
    @Test
    void anEssJustBelowItsLimitIsNotPrintedAsTheLimit() {
        SummaryRow row = new SummaryRow("s[1]", 0, 1, -1, 1, 0.05, 0.03, 399.58, 399.2, 1.0, 1, 4000, 0, 1.01);
        assertThat(row.describe(SummaryRow.Verdict.ESS_BULK, 4)).contains("(ess_bulk 399.6 < 400)");
        assertThat(row.describe(SummaryRow.Verdict.ESS_TAIL, 4)).contains("(ess_tail 399 < 400)");
        SummaryRow low = new SummaryRow("s[1]", 0, 1, -1, 1, 0.05, 0.03, 120.4, 90, 1.0, 1, 4000, 0, 1.01);
        assertThat(low.describe(SummaryRow.Verdict.ESS_BULK, 4)).contains("(ess_bulk 120 < 400)");
    }
}
