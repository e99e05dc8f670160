package dev.ariadne.inference;

import dev.ariadne.core.FailureCause;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the runs say about the guide as a proposal.
 *
 * @param runs             the number of runs
 * @param accepted         runs with positive weight
 * @param failures         runs with weight 0, by cause
 * @param ess              Kish effective sample size (sum w)^2 / sum w^2
 * @param paretoK          Pareto k-hat of the weights' upper tail (+inf when there are too few runs to fit it)
 * @param paretoThreshold  min(1 - 1/log10 n, 0.7): above it the estimates are unreliable
 * @param discreteTail     whether the largest weights repeat a few values (a discrete model whose runs recur):
 *                         then k-hat describes ties, not a tail, and the ESS is the figure to read
 * @param runsNeeded       exp(KL(p || q)) estimated from the runs: roughly how many runs an accurate estimate needs
 * @param sites            the per-site breakdown of log q - log p, largest variance share first
 * @param verdicts         plain-language findings; empty when nothing is off
 */
public record Diagnostics(long runs, long accepted, Map<FailureCause, Long> failures, double ess, double paretoK,
                          double paretoThreshold, boolean discreteTail, double runsNeeded, List<SiteBreakdown> sites,
                          List<String> verdicts) {

    /** The fraction of runs with positive weight. */
    public double acceptanceRate() {
        return runs == 0 ? 0 : accepted / (double) runs;
    }

    /** Whether Pareto k-hat is at or below the threshold (the weights' tail is light enough to trust estimates). */
    public boolean paretoOk() {
        return paretoK <= paretoThreshold;
    }

    /**
     * Whether the weights' tail gives no reason to distrust standard errors: k-hat at or below its threshold, or a
     * discrete tail (where k-hat does not apply) with an ESS of at least 1000.
     */
    public boolean tailOk() {
        return paretoOk() || (discreteTail && ess >= 1000);
    }

    /** A printable block: the figures, the per-site table (top 10) and the verdicts. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(String.format(Locale.ROOT, "runs %d, accepted %d (%.2f%%)", runs, accepted, 100 * acceptanceRate()));
        failures.forEach((c, k) -> {
            if (k > 0) {
                sb.append(String.format(Locale.ROOT, ", %s %d", c.name().toLowerCase(Locale.ROOT).replace('_', ' '), k));
            }
        });
        sb.append(nl);
        sb.append(String.format(Locale.ROOT, "ESS %.1f; Pareto k-hat %.3f (threshold %.3f%s); runs needed ~ %.3g%n",
                ess, paretoK, paretoThreshold, discreteTail ? "; discrete tail" : "", runsNeeded));
        if (!sites.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%-24s %-9s %10s %14s %9s%n", "site", "kind", "visits",
                    "mean(lq - lp)", "var share"));
            sites.stream().limit(10).forEach(s -> sb.append(s).append(nl));
        }
        if (verdicts.isEmpty()) {
            sb.append("verdict: nothing looks wrong").append(nl);
        } else {
            verdicts.forEach(v -> sb.append("verdict: ").append(v).append(nl));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return report();
    }
}
