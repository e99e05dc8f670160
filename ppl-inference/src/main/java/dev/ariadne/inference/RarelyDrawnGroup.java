package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.inference.stats.WeightStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values of one site that the call expects to draw less than once each, and fewer than {@link
 * UnproposedValues#FEW_DRAWS} times together, and that hold too little of P(e) each to be named ({@link
 * UnproposedValues}), but enough together: a count's tail beyond a light-tailed proposal's reach. Under a
 * Poisson(20) guide for a NegativeBinomial(5, 0.2) prior (mean 20, sd 10), the counts the guide all but never draws
 * held 15% of P(e) together and at most 2.2% each: log Z-hat read more than 3 standard errors low with nothing said
 * in 14.5% of calls of 10,000 runs, 5 standard errors in 2.3% (an outside statistician, 600 seeds).
 *
 * <p>The values forced at a site are summed: each screen's mean is an unbiased estimate of P(e, x_s = v), so their
 * sum is one of P(e, x_s in the group). Where that sum holds enough of P(e) (as one value must:
 * {@link UnproposedValues.CallEstimate#holds}), {@link UnproposedValues#CONFIRMING_RUNS} fresh runs confirm it, each
 * forcing one value of the group drawn with probability r(v), half in proportion to its screen and half uniform (so
 * that a value whose screen read 0 is still reached), and weighed by 1 / r(v): their mean is an unbiased estimate of
 * the group's P(e, x_s in the group) however the screens read. The group is named if that estimate, less two of its
 * standard errors, still holds enough.
 */
final class RarelyDrawnGroup {

    /**
     * The most draws a value of the group is expected to have in the call: values drawn once or more in most calls
     * are seen by the weights, and their spread by the standard error. Grouping every value drawn fewer than
     * {@link UnproposedValues#FEW_DRAWS} times named a NegativeBinomial(20, 0.5) guide for a NegativeBinomial(5, 0.2)
     * prior in 144 calls of 150 whose log Z-hat was calibrated (z sd 1.03): its 50 such values held 5.6% of P(e) and
     * were drawn 39 times a call.
     */
    static final double EXPECTED_DRAWS = 1;

    /** The purpose of the uniform that picks each confirming run's value. */
    private static final long PICK_STREAM = 0x47524F5550L;

    private RarelyDrawnGroup() {
    }

    /**
     * The verdict on the site whose rarely drawn values, forced in {@link UnproposedValues}' screens, hold the most of
     * P(e) together once confirmed, or null if no site's do. {@code few} are the values drawn fewer than
     * {@link UnproposedValues#FEW_DRAWS} times, some forced.
     */
    static <T> String verdict(Execution<T> execution, long seed, List<UnproposedValues.Seen> few,
                              UnproposedValues.CallEstimate call, long runs, boolean guided, String remedy) {
        if (call.logZHat() == Double.NEGATIVE_INFINITY) {
            return null; // no run had weight: each value's own verdict speaks
        }
        Map<Address, List<UnproposedValues.Seen>> bySite = new LinkedHashMap<>();
        for (UnproposedValues.Seen v : few) {
            if (v.forcedRuns > 0 && !v.bool && call.proposal(v) * runs < EXPECTED_DRAWS) {
                bySite.computeIfAbsent(v.address, a -> new ArrayList<>()).add(v);
            }
        }
        String best = null;
        double bestLower = Double.NEGATIVE_INFINITY;
        int c = 0;
        for (List<UnproposedValues.Seen> group : bySite.values()) {
            if (group.size() < 2) {
                continue;
            }
            double q = 0;
            double[] logScreen = new double[group.size()];
            for (int i = 0; i < logScreen.length; i++) {
                q += call.proposal(group.get(i));
                double l = group.get(i).logForced;
                logScreen[i] = l == l ? l : Double.NEGATIVE_INFINITY;
            }
            if (q * runs >= UnproposedValues.FEW_DRAWS) {
                // The group is drawn often enough for its weights to show its share: 400 values of a uniform count,
                // each expected half a time in 200 runs, were named as a group drawn 200 times in 200 runs, every
                // call, under a guide that was the prior (a new user's check).
                continue;
            }
            double logScreenSum = LogMath.logSumExp(logScreen);
            if (logScreenSum == Double.POSITIVE_INFINITY || !call.holds(logScreenSum, q)) {
                continue;
            }
            double[] confirmed = confirm(execution, seed, c++, group, logScreen, logScreenSum);
            double logMean = confirmed[0];
            double logLower = confirmed[1];
            // drawn about as often as it weighs, the group moves nothing: under an exact guide, every weight equal,
            // 26 counts of a predictive's tails drawn with probability 1.7e-4 and holding 2.9e-4 of P(e) were
            // named in 3 calls of 200 (a new user)
            if (logLower > bestLower && call.holds(logLower, q)
                    && Math.exp(logMean - call.logZHat()) >= UnproposedValues.UNDER_PROPOSED * q) {
                bestLower = logLower;
                best = String.format(Locale.ROOT, "the estimate hangs on %d values of %s (%s), each expected less "
                        + "than once in the call, and each holding too little of P(e), to be named alone: the runs "
                        + "draw one of them with probability %s on average over the first %d runs (%s), %s times in "
                        + "%,d runs; "
                        + "forced there in %d runs (one value each, the guide elsewhere), they give P(e, %s among "
                        + "them) about %s, %.3g times the estimate of P(e), %s, so the estimates stand or fall with "
                        + "how often the call happens to draw them, and no weight can show it; %s", group.size(),
                        group.get(0).address, values(group), UnproposedValues.probability(q),
                        call.trials(), guided ? "the guide's, or the prior's where it proposes nothing"
                        : "the prior's", UnproposedValues.probability(q * runs), runs, UnproposedValues.CONFIRMING_RUNS,
                        group.get(0).address, UnproposedValues.power(logMean), Math.exp(logMean - call.logZHat()),
                        UnproposedValues.power(call.logZHat()), remedy.replace("it more often",
                                "them more often (a proposal with heavier tails, at a count)"));
            }
        }
        return best;
    }

    /**
     * The group's P(e, x_s in the group) from {@link UnproposedValues#CONFIRMING_RUNS} fresh runs, each forcing one
     * value drawn with probability r(v) and weighed by 1 / r(v): its log, and the log of it less two standard errors
     * ({@code -inf} where that is not above 0).
     */
    private static <T> double[] confirm(Execution<T> execution, long seed, int c, List<UnproposedValues.Seen> group,
                                        double[] logScreen, double logScreenSum) {
        int n = group.size();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = 0.5 / n + (logScreenSum == Double.NEGATIVE_INFINITY ? 0.5 / n
                    : 0.5 * Math.exp(logScreen[i] - logScreenSum));
        }
        long streams = ~seed * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL * (c + 1);
        ForcedGroup<T> forced = new ForcedGroup<>(execution, group, r);
        WeightStats weights = new WeightStats();
        for (int j = 0; j < UnproposedValues.CONFIRMING_RUNS; j++) {
            int pick = forced.pick(streams, j, PICK_STREAM);
            // an infinite weight or a run that never reached the site counts as 0, as does one of weight 0
            weights.add(forced.logWeight(pick, streams + j, 0) - Math.log(r[pick]));
        }
        return UnproposedValues.meanAndLower(weights, false, weights.count());
    }

    /** The values of a group, runs of consecutive integers written as ranges: "0..9, 33..70". */
    static String values(List<UnproposedValues.Seen> group) {
        int[] v = group.stream().mapToInt(s -> s.value).sorted().toArray();
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[j + 1] == v[j] + 1) {
                j++;
            }
            b.append(b.length() == 0 ? "" : ", ").append(v[i]);
            if (j > i) {
                b.append("..").append(v[j]);
            }
            i = j + 1;
        }
        return b.toString();
    }
}
