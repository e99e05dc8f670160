package dev.ariadne.inference;

import dev.ariadne.core.FailureCause;
import dev.ariadne.inference.stats.ParetoKHat;
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
 * @param paretoK          Pareto k-hat of the weights' upper tail (+inf when there are too few runs to fit it, -inf
 *                         when there is no tail: all weights equal)
 * @param paretoThreshold  min(1 - 1/log10 n, 0.7): above it the estimates are unreliable
 * @param discreteTail     whether the largest weights show no tail for k-hat to read: they repeat a few values (a
 *                         discrete model whose runs recur) or lie within a factor of 2 of each other, all of the M
 *                         largest or the largest 31 (a pile near a bound of the weights the runs reached); then the
 *                         ESS is the figure to read
 * @param tiedTail         whether the largest weights repeat a few values (ties, a part of {@code discreteTail}):
 *                         then an ESS below 1,000 is named, as it is not for a pile ({@link #tailOk()} says why)
 * @param weightsEqual     whether every run with positive weight has the same weight (up to rounding): a guide
 *                         proportional to the posterior on the runs made, where k-hat does not apply
 * @param runsNeeded       exp(KL(p || q)) estimated from the runs: roughly how many runs an accurate estimate needs.
 *                         Self-normalised, it never exceeds the runs made (its log is at most log n: the weighted
 *                         mean of the log weights is at most the largest, and log Z-hat at least the largest minus
 *                         log n), so near that ceiling, or with a heavy tail, it is a floor only ({@link #report}
 *                         says so)
 * @param provenRelativeError the relative standard error of P(e)-hat that a bound on every weight proves, whatever
 *                         the tail ({@code sqrt(M / (n L))}, M the bound, L the certified lower bound on P(e) at 95%);
 *                         +inf where the weights have no bound
 * @param breakdownRuns    how many runs the per-site breakdown read: the call's first ones, up to
 *                         {@code siteBreakdownRuns} (10,000 by default)
 * @param sites            the per-site breakdown of log q - log p, largest variance share first
 * @param unmatchedPatterns the guide's address patterns that matched no latent site of the runs in the breakdown
 *                         (a typo leaves the sites it meant at their prior)
 * @param verdicts         plain-language findings; empty when nothing is off (never below
 *                         {@link dev.ariadne.inference.stats.ParetoKHat#RUNS_TO_JUDGE} runs, where the tail cannot
 *                         be judged)
 * @param limits           what the checks behind the verdicts left out (guided sites whose tails were not probed, in
 *                         a model with more of them than the probes' budget): not problems found, but where an empty
 *                         {@code verdicts} says nothing
 */
public record Diagnostics(long runs, long accepted, Map<FailureCause, Long> failures, double ess, double paretoK,
                          double paretoThreshold, boolean discreteTail, boolean tiedTail, boolean weightsEqual,
                          double runsNeeded,
                          double provenRelativeError, long breakdownRuns, List<SiteBreakdown> sites,
                          List<String> unmatchedPatterns,
                          List<String> verdicts, List<String> limits) {

    /** Copies the lists. */
    public Diagnostics {
        sites = List.copyOf(sites);
        unmatchedPatterns = List.copyOf(unmatchedPatterns);
        verdicts = List.copyOf(verdicts);
        limits = List.copyOf(limits);
    }

    /** The fraction of runs with positive weight. */
    public double acceptanceRate() {
        return runs == 0 ? 0 : accepted / (double) runs;
    }

    /** Whether Pareto k-hat is at or below the threshold (the weights' tail is light enough to trust estimates). */
    public boolean paretoOk() {
        return paretoK <= paretoThreshold;
    }

    /**
     * Whether the weights' tail gives no reason to distrust standard errors: enough runs to judge it
     * ({@link dev.ariadne.inference.stats.ParetoKHat#RUNS_TO_JUDGE}), and all weights equal, or, for a tail of ties
     * (where k-hat does not apply, whatever it reads), an ESS of at least 1000, or a narrow pile (the largest weights,
     * all M or the largest 31, within a factor of 2 of each other, where k-hat describes the pile's shape), or else
     * k-hat at or below its threshold. A bound on the weights ({@link #provenRelativeError}) limits the error, but not
     * how far the standard error understates it, so it does not make the tail ok.
     *
     * <p>Why ties need an ESS of 1000 and a pile does not: ties can be a heavy branch that few runs reach, whose
     * weight those few carry (a branch of prior probability 0.001 holding 43% of P(e), reached by about 50 of 50,000
     * runs from the prior: ESS 270, and the truth outside +-1.96 standard errors 6.6% of the time). A pile's largest
     * M + 1 weights (M the tail size k-hat reads; 140 or more weights at the runs it needs) each carry at least half
     * the largest, so at least that many runs carry the weight; where fewer runs reach a heavier region, the largest
     * span more than a factor of 2 and k-hat judges them. Piles of 180 runs of 3,000 holding 98% and 50% of P(e) (ESS
     * 186 and 658) put the truth outside +-1.96 standard errors in 4.6% and 5.1% of 2,000 calls each, where an ESS rule
     * named 88% of them; a Beta(1, 1) guide's bounded weights (ESS about 900 of 3,000) were named in 500 calls of 500
     * whose errors were honest (an outside statistician).
     */
    public boolean tailOk() {
        return tailOk(runs, weightsEqual, tiedTail ? ParetoKHat.Shape.TIES : discreteTail ? ParetoKHat.Shape.PILE
                : ParetoKHat.Shape.TAIL, ess, paretoK, paretoThreshold);
    }

    /**
     * The effective sample size below which the standard errors of a tail of ties (the largest weights repeating a
     * few values) are not to be trusted, whatever k-hat reads.
     */
    static final double DISCRETE_TAIL_ESS = 1000;

    /** {@link #tailOk()} from its figures, for a result that has not built its diagnostics. */
    static boolean tailOk(long runs, boolean weightsEqual, ParetoKHat.Shape shape, double ess, double paretoK,
                          double paretoThreshold) {
        return runs >= ParetoKHat.RUNS_TO_JUDGE && (weightsEqual || (shape == ParetoKHat.Shape.TIES
                ? ess >= DISCRETE_TAIL_ESS : shape == ParetoKHat.Shape.PILE || paretoK <= paretoThreshold));
    }

    /**
     * A site's share of the variance (as a fraction) past which the shares are read as cancelling ({@link #report}):
     * they add up to 1, and one of 10 or more is offset by others of the opposite sign.
     */
    static final double CANCELLING_SHARE = 10;

    /** How many sites the report's table shows, those of largest variance share; a line sums the rest. */
    static final int REPORTED_SITES = 10;

    /**
     * A printable block: the figures, the per-site table (the {@value #REPORTED_SITES} sites of largest variance
     * share, then one line with how many more there are and their share together) and the verdicts.
     */
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
        if (weightsEqual) {
            sb.append(String.format(Locale.ROOT, "ESS %.1f; all %sweights equal (no tail, so no Pareto k-hat); %s%n",
                    ess, accepted < runs ? "positive " : "", runsNeededText()));
        } else if (paretoK == Double.NEGATIVE_INFINITY) {
            sb.append(String.format(Locale.ROOT, "ESS %.1f; Pareto k-hat: no tail (the largest weights are all "
                    + "equal); %s%n", ess, runsNeededText()));
        } else if (paretoK == Double.POSITIVE_INFINITY && runs < 25) {
            // its threshold is below 0 under 10 runs, and it has no tail of 5 weights to fit under 25
            sb.append(String.format(Locale.ROOT, "ESS %.1f; Pareto k-hat: none (fewer than 25 runs, too few for a "
                    + "tail of 5 weights); %s%n", ess, runsNeededText()));
        } else {
            sb.append(String.format(Locale.ROOT, "ESS %.1f; Pareto k-hat %.3f (threshold %.3f%s); %s%n", ess, paretoK,
                    paretoThreshold, discreteTail ? "; no tail to read: the largest weights are ties or within a "
                    + "factor of 2, so the ESS is the figure" : "", runsNeededText()));
        }
        if (Double.isFinite(provenRelativeError)) {
            sb.append(String.format(Locale.ROOT, "bounded weights: relative standard error of P(e)-hat at most %.3g, "
                    + "whatever the tail (95%% confidence)%n", provenRelativeError));
        }
        if (!sites.isEmpty()) {
            // A new user read "visits 10000" of a call of 100,000 runs as a miscount.
            sb.append(String.format(Locale.ROOT, "per site, over the breakdown's runs (the first %,d of %,d; "
                    + "siteBreakdownRuns sets how many); an observation's lq - lp is its -log p", breakdownRuns, runs))
                    .append(nl);
            boolean branches = sites.stream().anyMatch(s -> s.presenceShare() != 0);
            // beside a verdict only: a guided site's value explains its own term, and a healthy call's lone latent
            // read 97% to 100% by value beside "nothing looks wrong" (a hunter)
            boolean byValue = !verdicts.isEmpty() && sites.stream().anyMatch(SiteBreakdown::valueDrivesSpread);
            sb.append(String.format(Locale.ROOT, "%-24s %-9s %10s %14s %9s%s%s%n", "site", "kind", "visits",
                    "mean(lq - lp)", "var share", branches ? " by presence" : "", byValue ? "  by value" : ""));
            sites.stream().limit(REPORTED_SITES).forEach(s -> sb.append(s.row(branches, byValue)).append(nl));
            if (sites.size() > REPORTED_SITES) {
                double rest = sites.stream().skip(REPORTED_SITES).mapToDouble(SiteBreakdown::totalShare).sum();
                sb.append(String.format(Locale.ROOT, "... and %d more sites, with %.1f%% of the variance together "
                        + "(sites() lists every one)%n", sites.size() - REPORTED_SITES, 100 * rest));
            }
            double largest = sites.stream().mapToDouble(b -> Math.max(Math.abs(b.varianceShare()),
                    Math.abs(b.presenceShare()))).max().orElse(0);
            if (largest > CANCELLING_SHARE) {
                // an exact guide's terms: its proposal's and the evidence's cancel run by run, and a near-constant total
                // made shares of 2,804,448% and -2,804,348% (a second outside statistician)
                sb.append(String.format(Locale.ROOT, "the shares cancel (one reads %.3g%%): the sites' terms vary "
                        + "together and offset one another, so the total log q - log p varies far less than they do "
                        + "(a guide near exact); the shares say nothing here, the means still do%n", 100 * largest));
            }
            if (sites.stream().anyMatch(b -> Double.isInfinite(b.meanLogQMinusLogP()))) {
                sb.append("a mean of -Infinity: some runs drew there a value the site's own proposal cannot give "
                        + "(under a whole-run defensive mixture, what the prior's share drew outside the inner guide's "
                        + "support), so its term has no finite mean or share; the run's weight, from the whole "
                        + "mixture, is finite").append(nl);
            }
            if (byValue) {
                sb.append("by value: the share of the variance that a latent site's value explains where it is made, "
                        + "its own term's included; far above the site's own share, the proposals or evidence after "
                        + "it follow its value, and a proposal for it nearer its posterior (or proposals after it "
                        + "fitted to each of its values) would narrow the spread; a choice drawn given an earlier one "
                        + "shares in that one's share, so read the earliest; a rare value that carries heavy weights "
                        + "weighs little in it").append(nl);
            }
            if (branches) {
                double made = sites.stream().mapToDouble(SiteBreakdown::presenceShare).sum();
                sb.append(String.format(Locale.ROOT, "by presence: the share carried by whether a run makes the site "
                        + "(%.1f%% in all): the branch's, mixed with the site's average term where made, which the "
                        + "evidence after it may cancel; a verdict reads only the share where made%n", 100 * made));
            }
        }
        if (verdicts.isEmpty()) {
            sb.append("verdict: nothing looks wrong in the runs drawn (a region of the posterior that the runs reach "
                    + "rarely or never cannot show in them, and the standard error then reads too small)").append(nl);
        } else {
            verdicts.forEach(v -> sb.append("verdict: ").append(v).append(nl));
        }
        limits.forEach(l -> sb.append("not checked: ").append(l).append(nl));
        return sb.toString();
    }

    /**
     * "runs needed ~ X", and where X cannot be taken at its word, why: the estimate never exceeds the runs made, so
     * within a factor 10 of them, or with k-hat above its threshold (where a few runs carry the weight and the
     * estimate sits at that ceiling whatever the truth), it says only that at least so many are needed.
     */
    private String runsNeededText() {
        // A new user read 10.5 beside an ESS of 12,700 of 200,000 runs as a contradiction: the two answer different
        // questions, so the figure says which it answers.
        if (runsNeeded == Double.POSITIVE_INFINITY) {
            return "runs needed unknown (exp KL(p || q), the runs before an estimate can be accurate at all, could not "
                    + "be estimated from these weights)";
        }
        String figure = String.format(Locale.ROOT, "runs needed ~ %.3g (exp KL(p || q): the runs before an estimate"
                + " can be accurate at all; its precision after that is the ESS's)", runsNeeded);
        boolean heavy = paretoK > paretoThreshold && paretoK != Double.POSITIVE_INFINITY && !discreteTail;
        boolean nearCeiling = runsNeeded >= runs / 10.0;
        if (!Double.isFinite(runsNeeded) || (!nearCeiling && !heavy)) {
            return figure;
        }
        if (!nearCeiling) {
            // A new user read 2.63 for a guide too narrow (ESS 626 of 100,000) as reassuring.
            return figure + ", a floor only: the tail is heavy, and the runs that would raise it are the ones the "
                    + "guide seldom proposes";
        }
        return figure + String.format(Locale.ROOT, ", a floor only: this estimate never exceeds the runs made (%d)%s",
                runs, heavy ? " and the tail is heavy" : "");
    }

    @Override
    public String toString() {
        return report();
    }
}
