package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.Prob;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Poisson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model whose choices exist in few draws (a random tree's deep nodes) gave a line of verdicts per kind per choice,
 * 1,402 of them: more than three lines with one kind of verdict are told as one, whose count is every such line's.
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
        McmcResult<int[]> r = Mcmc.of(TREE).chains(4).warmup(500).draws(4000).seed(6).parallelism(2).run();
        int chains = 4;
        List<SummaryRow> rows = r.summary().rows();
        for (SummaryRow.Verdict kind : SummaryRow.Verdict.values()) {
            long alike = rows.stream().filter(row -> row.verdictKinds(chains).contains(kind)).count();
            if (alike > McmcResult.TOLD_ONE_BY_ONE) {
                String counted = String.format(java.util.Locale.ROOT, "; the same for %,d more lines", alike - 1);
                assertThat(r.verdicts().stream().filter(v -> v.contains(counted))).as("one line for %s", kind)
                        .hasSizeGreaterThanOrEqualTo(1);
            }
        }
        long rHatRows = rows.stream().filter(row -> row.verdictKinds(chains).contains(SummaryRow.Verdict.R_HAT))
                .count();
        assertThat(rHatRows).as("the tree's deep nodes disagree across chains").isGreaterThan(3);
        assertThat(r.verdicts().stream().filter(v -> v.startsWith("chains disagree on"))).hasSize(1);
        String worst = rows.stream().filter(row -> row.verdictKinds(chains).contains(SummaryRow.Verdict.R_HAT))
                .max(java.util.Comparator.comparingDouble(row -> row.severity(SummaryRow.Verdict.R_HAT))).orElseThrow()
                .describe(SummaryRow.Verdict.R_HAT, chains);
        assertThat(r.verdicts()).anyMatch(v -> v.startsWith(worst + "; the same for " + (rHatRows - 1) + " more"));
        assertThat(r.verdicts()).anyMatch(v -> v.contains("exists in at most"));
        assertThat(r.verdicts().size()).as("lines told").isLessThan(20);
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
        return new SummaryRow(name, 0, 1, -1, 1, 0.01, 0.01, 1000, 1000, rHat, 1, 4000, 3000);
    }
}
