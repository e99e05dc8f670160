package dev.ariadne.inference;

import dev.ariadne.inference.stats.ParetoKHat;
import java.util.Locale;

/**
 * Whether one side of a hypothesis, the accepted runs where it held or those where it failed, has weights of a tail
 * too heavy for the self-normalised P(h | e) to be trusted: the Pareto k-hat of that side's own log weights, judged
 * as the weights' k-hat is, at the side's number of runs (PSIS's check of a function of the draws, Vehtari et al.,
 * here of w 1[h] and w 1[not h]).
 *
 * <p>The weights' own k-hat cannot see it where the side is a small share of P(e). A new user's guide, returned by
 * a gradient search, proposed k = 0 (posterior probability 0.0019) five hundred times in 100,000 runs, but drew mu
 * given k = 0 from N(1.60, 0.45) where the posterior is N(3.22, 0.45): the weights of those runs are log-normal with
 * a log-sd of 3.6, and P(k = 0 | e) read 14 and 20 standard errors low in 2 seeds of 20 with no verdict, the weights'
 * k-hat under 0.5 and each side's effective number above 10 ({@link FewEffectiveRuns}). A side of
 * {@link #EFFECTIVE_RUNS_TO_TRUST} effective runs or more is not named.
 */
final class HypothesisTails {

    /**
     * The fewest runs on a side for its tail to be judged: a tail of 10 values (a fifth, PSIS's size below 225
     * runs), judged against the threshold for 50 runs, 0.41. Below, a side's weights read on few runs, and an
     * effective number under 10 is named by {@link FewEffectiveRuns}. Guides from 0.9 to 1.2 times the posterior's
     * width, or shifted, drew no verdict in 1,440 hypothesis-calls whose held side had 20 to 100 runs.
     */
    static final long RUNS_TO_JUDGE = 50;

    /**
     * The effective number of runs (Kish's) on a side from which its tail is not named: there no few runs carry the
     * side's weight, and a k-hat above the threshold reads the large but finite variance of weights from too few
     * runs. The prior as proposal for a 5-group model drew the verdict in 251 calls of 300 at 10,000 runs, every
     * estimate within its standard errors: the named side had 34 to 94 effective runs (5% below 46), its 5 largest
     * weights holding 13% to 29% of its weight. The searched guide the verdict was made for (below) had 1 to 29 on
     * the side it names, in 300 calls at 100,000 runs (95% below 16.3), its 5 largest holding 32% to 99%.
     */
    static final double EFFECTIVE_RUNS_TO_TRUST = 30;

    private HypothesisTails() {
    }

    /**
     * The verdict on hypothesis {@code name}'s sides, or null: names the side whose weights' k-hat is above the
     * threshold for its number of runs, in a call of {@link ParetoKHat#RUNS_TO_JUDGE} runs or more (the count of
     * {@code weights}, the weights' own tail), where the weights' own k-hat is not already above theirs
     * (its verdict covers every self-normalised estimate: not where it is set aside as ties, whose verdict is the
     * ESS's and says nothing of a side), nor where the side's largest weights repeat a few values
     * or lie within a factor of 2 of each other (no tail to read: {@link ParetoKHat#noTailToRead}), nor where the
     * side has {@link #EFFECTIVE_RUNS_TO_TRUST} effective runs or more.
     */
    static String verdict(String name, Accumulator.HypothesisAcc h, ParetoKHat weights) {
        if (weights.count() < ParetoKHat.RUNS_TO_JUDGE
                || weights.kHat() > weights.threshold() && !weights.noTailToRead()) {
            return null; // below, the weights' own tail cannot be judged, and the verdicts say so
        }
        String held = sideVerdict(name, "held", h.heldTail, h.share.effectiveRunsWhereOne(), "holds");
        return held != null ? held
                : sideVerdict(name, "failed", h.failedTail, h.share.effectiveRunsWhereZero(), "fails");
    }

    private static String sideVerdict(String name, String side, ParetoKHat tail, double effective, String where) {
        long n = tail.count();
        if (n < RUNS_TO_JUDGE || tail.noTailToRead() || effective >= EFFECTIVE_RUNS_TO_TRUST) {
            return null;
        }
        double k = tail.kHat();
        double threshold = tail.threshold();
        if (!(k > threshold)) {
            return null;
        }
        return String.format(Locale.ROOT, "hypothesis '%s': the weights of the %,d runs where it %s have a tail too "
                + "heavy to trust (Pareto k-hat %s, effective number of runs %.1f), so the self-normalised "
                + "P(%s | e) and its standard error are not to be trusted: a few of those runs carry that side's "
                + "weight, as where the proposal (the guide, or the prior) draws where it %s from too narrow or "
                + "misplaced a distribution, and the estimate then tends to read too %s. k-hat also reads that high "
                + "from too few runs of weights whose variance is finite but large, and there it falls as runs are "
                + "added; read the bounds on P(%s, e), or use a guide fitted to where it %s", name, n, side,
                k == Double.POSITIVE_INFINITY ? "unfittable, above " + String.format(Locale.ROOT, "%.2f", threshold)
                        : ParetoKHat.above(k, threshold),
                effective, name, where, side.equals("held") ? "low" : "high", name, where);
    }
}
