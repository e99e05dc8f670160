package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.inference.stats.WeightStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values of a count site, each expected less than once in the call, whose weights when drawn are so large that the
 * call's standard error of log P(e)-hat understates the estimate's spread, though their share of P(e) is too small
 * for {@link RarelyDrawnGroup} to name. A NegativeBinomial(5, 0.2) count under a Poisson(22) guide: counts 0 to 6
 * hold 2.2% of P(e) and are drawn 0.6 times in 10,000 runs, but a run that draws one weighs up to 2 x 10^5 times the
 * average; the standard error of log Z-hat is 0.074, the weights of a call that misses them say 0.016, and the
 * call's +-1.96 standard error interval covered log P(e) in 84% of 300 calls, 199 of them silent (an outside
 * statistician).
 *
 * <p>Why the bound holds for every run, drawn or not: for a set A of runs (here, those with x_s = v), Cauchy-Schwarz
 * gives E_q[w^2 1_A] >= E_q[w 1_A]^2 / P_q(A) = P(e, A)^2 / q(A), where q(A) is the probability that the proposal
 * draws A, whatever it does elsewhere. Summed over the values v of the group and the set of all other runs, and
 * divided by Z^2 = P(e)^2, the variance of one run's weight relative to P(e) is at least
 * B = sum_v s_v^2 / q_v + (1 - S)^2 / (1 - Q) - 1 >= sum_v s_v^2 / q_v - 2 S, for s_v the value's share of P(e),
 * S their sum and Q that of their q_v. So the relative standard error of Z-hat over N runs, which the standard error
 * of log Z-hat is, is at least sqrt(B / N), however the call's own runs fell.
 *
 * <p>The shares come from {@link UnproposedValues}' forced runs, relative to the call's estimate of P(e). The screens
 * only point: {@link #CONFIRMING_PAIRS} fresh pairs of forced runs, each pair at one value drawn with probability
 * r(v), half in proportion to its screen's s_v^2 / q_v and half uniform, give u u' / (q_v r(v)), an unbiased
 * estimate of sum_v P(e, v)^2 / q_v (two independent runs at v, each unbiased for P(e, v)), and u / r(v), one of
 * P(e, group). The verdict stands on the first less two of its standard errors and the second plus two of its.
 */
final class HiddenSpread {

    /**
     * How many times the call's reported standard error of log Z-hat the bound must be to be named: twice, so that an
     * interval of +-2 reported standard errors is at most one true standard error wide.
     */
    static final double TIMES = 2;
    /** The fresh pairs of forced runs that confirm a group whose screens point at a hidden spread. */
    static final int CONFIRMING_PAIRS = 200;
    /** The purpose of the uniform that picks each confirming pair's value. */
    private static final long PICK_STREAM = 0x5350524541444CL;

    private HiddenSpread() {
    }

    /**
     * The verdict on the site whose rarely drawn values, forced in {@link UnproposedValues}' screens, put the most
     * spread into log Z-hat that the call's standard error cannot show, or null if no site's reach {@link #TIMES}
     * the reported standard error once confirmed. {@code few} are the values drawn fewer than
     * {@link UnproposedValues#FEW_DRAWS} times, some forced.
     */
    static <T> String verdict(Execution<T> execution, long seed, List<UnproposedValues.Seen> few,
                              UnproposedValues.CallEstimate call, long runs, boolean guided, String remedy) {
        if (call.logZHat() == Double.NEGATIVE_INFINITY || call.logZHat() == Double.POSITIVE_INFINITY
                || !call.hasStandardError()) {
            return null;
        }
        Map<Address, List<UnproposedValues.Seen>> bySite = new LinkedHashMap<>();
        for (UnproposedValues.Seen v : few) {
            double q = call.proposal(v);
            if (v.forcedRuns > 0 && !v.bool && q > 0 && q * runs < RarelyDrawnGroup.EXPECTED_DRAWS
                    && v.logForced > Double.NEGATIVE_INFINITY && v.logForced < Double.POSITIVE_INFINITY) {
                bySite.computeIfAbsent(v.address, a -> new ArrayList<>()).add(v);
            }
        }
        double floor = Math.max(TIMES * call.standardError(), UnproposedValues.LEAST_ERROR);
        String best = null;
        double bestError = floor;
        int c = 0;
        for (List<UnproposedValues.Seen> group : bySite.values()) {
            int n = group.size();
            double[] q = new double[n];
            double[] s = new double[n]; // s_v, from the screens
            double[] weighs = new double[n]; // s_v^2 / q_v
            double screened = 0;
            double share = 0;
            double groupQ = 0;
            for (int i = 0; i < n; i++) {
                q[i] = call.proposal(group.get(i));
                s[i] = Math.exp(group.get(i).logForced - call.logZHat());
                weighs[i] = s[i] * s[i] / q[i];
                screened += weighs[i];
                share += s[i];
                groupQ += q[i];
            }
            if (!(Math.sqrt(Math.max(0, screened - 2 * share) / runs) > bestError)) {
                continue;
            }
            double[] confirmed = confirm(execution, seed, c++, group, q, weighs, screened, call.logZHat());
            // The shares are of the call's estimate of P(e), which reads low in just the calls that miss the group:
            // taken of an upper estimate instead (the call's, plus two of its standard errors, plus the group's upper
            // share), the bound stays below the true standard error, as it read above it in 9% to 20% of named calls
            // of 1,000 to 10,000 runs when taken of the estimate itself (a hunt).
            double f = 1 / (1 + 2 * call.standardError() + confirmed[1]);
            double error = Math.sqrt(Math.max(0, confirmed[0] * f * f - 2 * confirmed[1] * f) / runs);
            if (error > bestError) {
                bestError = error;
                int heaviest = 0; // the value of largest s_v^2 / q_v
                for (int i = 1; i < n; i++) {
                    heaviest = weighs[i] > weighs[heaviest] ? i : heaviest;
                }
                best = String.format(Locale.ROOT, "the standard error of log P(e)-hat, %.3g, understates its "
                        + "spread: %d values of %s (%s), each expected less than once in the call, are drawn with "
                        + "probability %s in all (%s times in %,d runs; %s), yet forced there (one value each, the "
                        + "guide elsewhere) a run that draws %s = %s, the one that adds the most spread, weighs %.3g "
                        + "times P(e), and %d pairs of such runs put the standard error at %.3g at least, %.3g times "
                        + "the reported one, whatever the call's runs drew: a call that draws none of them reads low "
                        + "by more than its standard error says, one that draws one reads high, and no weight of the "
                        + "call can show it; %s", call.standardError(), n, group.get(0).address,
                        RarelyDrawnGroup.values(group), UnproposedValues.probability(groupQ),
                        UnproposedValues.probability(groupQ * runs), runs,
                        guided ? "the guide's, or the prior's where it proposes nothing" : "the prior's",
                        group.get(0).address, group.get(heaviest).value, s[heaviest] / q[heaviest], CONFIRMING_PAIRS,
                        error, error / call.standardError(),
                        remedy.replace("it more often", "them more often (a proposal with heavier tails, at a count)"));
            }
        }
        return best;
    }

    /**
     * From {@link #CONFIRMING_PAIRS} fresh pairs of forced runs: the lower end (less two standard errors, 0 if
     * below) of an unbiased estimate of sum_v s_v^2 / q_v, and the upper end (plus two) of one of S = sum_v s_v,
     * shares of exp({@code logZHat}).
     */
    private static <T> double[] confirm(Execution<T> execution, long seed, int c, List<UnproposedValues.Seen> group,
                                        double[] q, double[] weighs, double screened, double logZHat) {
        int n = group.size();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = 0.5 / n + 0.5 * weighs[i] / screened;
        }
        long streams = ~seed * 0x9E3779B97F4A7C15L + 0xD1B54A32D192ED03L * (c + 1);
        long second = streams ^ 0xA0761D6478BD642FL;
        ForcedGroup<T> forced = new ForcedGroup<>(execution, group, r);
        WeightStats squares = new WeightStats();
        WeightStats shares = new WeightStats();
        for (int j = 0; j < CONFIRMING_PAIRS; j++) {
            int pick = forced.pick(streams, j, PICK_STREAM);
            double first = forced.logWeight(pick, streams + j, 0) - logZHat;
            double other = forced.logWeight(pick, second + j, 0) - logZHat;
            double logR = Math.log(r[pick]);
            squares.add(first + other - Math.log(q[pick]) - logR);
            shares.add(first - logR);
        }
        return new double[] {bounded(squares, -2), bounded(shares, 2)};
    }

    /** The mean of the weights plus {@code errors} of its standard errors, not below 0. */
    private static double bounded(WeightStats weights, double errors) {
        if (weights.zeroCount() == weights.count()) {
            return 0;
        }
        return Math.max(0, Math.exp(weights.logZHat()) * (1 + errors * weights.logZHatStandardError()));
    }
}
