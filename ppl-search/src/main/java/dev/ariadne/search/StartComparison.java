package dev.ariadne.search;

import dev.ariadne.inference.Estimate;

/**
 * The last check of every search: the guide the strategy ended with and the guide it started from, estimated on
 * the same fresh runs (common random numbers the search had not used). The search returns the starting guide when
 * the end's estimate of the objective could not be computed, or is worse by more than two standard errors of the
 * difference with both estimates resting on enough accepted runs ({@link #worse}). So no search returns a guide
 * that its own estimate says is worse than where it began. Where the estimates cannot tell the guides apart (as
 * when nearly all the start's runs are rejected), the strategy's result, which rests on all the search's runs,
 * stands.
 *
 * @param start         the objective's estimate at the starting guide
 * @param end           the objective's estimate at the strategy's result
 * @param runs          the runs each guide was estimated on
 * @param returnedStart whether the starting guide was returned instead of the strategy's result
 * @param startAccepted how many of the starting guide's runs were accepted (met the evidence)
 * @param endAccepted   how many of the result's runs were accepted
 */
public record StartComparison(Estimate start, Estimate end, int runs, boolean returnedStart, int startAccepted,
                              int endAccepted) {

    /** Whether either estimate rests on fewer than {@value #MIN_ACCEPTED} accepted runs: too few to compare. */
    public boolean tooFewAccepted() {
        return startAccepted < MIN_ACCEPTED || endAccepted < MIN_ACCEPTED;
    }

    /** The fewest accepted runs on which either estimate counts as evidence that the end is worse. */
    static final int MIN_ACCEPTED = 30;

    /**
     * The fewest accepted runs of the end, with the start's at least {@value #MIN_ACCEPTED}, on which a gap of more
     * than {@value #FEW_ACCEPTED_MARGIN} standard errors of the difference shows the end worse.
     */
    static final int FEW_ACCEPTED = 10;
    /** Standard errors of the difference by which an end of few accepted runs must read above the start. */
    static final double FEW_ACCEPTED_MARGIN = 6;

    /**
     * Whether {@code end} is worse than {@code start}: infinite where the start is finite, or, when both rest on at
     * least {@value #MIN_ACCEPTED} accepted runs, above it by more than twice sqrt(se_end^2 + se_start^2) (the
     * standard error of the difference, were the two independent; the common runs make the true one smaller, so
     * the rule keeps the end when in doubt). With fewer accepted runs the restart-on-failure estimate is far from
     * normal (its log acceptance rate rests on a handful of runs), and a start of so few proves nothing; but an end
     * of {@value #FEW_ACCEPTED} to {@value #MIN_ACCEPTED} accepted runs, beside a start of more, that reads above it
     * by more than {@value #FEW_ACCEPTED_MARGIN} such standard errors has met the evidence less often and read worse
     * where it did: a mean-field search of a chain-binomial epidemic ended with I[1..3] proposed at logit -700, its
     * 21 accepted runs of 2,000 reading 7.04 +- 0.22 against the start's 3.06 +- 0.10 on 94, and was kept, its
     * certified log P(e) 4.4 nats low (a new user). An end of fewer accepted runs is worse where it read worse and
     * met the evidence far less often than the start ({@link #acceptedFarLess}).
     */
    static boolean worse(Estimate end, int endAccepted, Estimate start, int startAccepted, int runs) {
        if (unproven(endAccepted, startAccepted, runs)) {
            return true;
        }
        if (end.value() <= start.value()) {
            return false;
        }
        if (!(end.value() < Double.POSITIVE_INFINITY)) {
            return true;
        }
        if (startAccepted < MIN_ACCEPTED) {
            return false;
        }
        if (endAccepted < MIN_ACCEPTED) {
            return endAccepted >= FEW_ACCEPTED && Double.isFinite(end.standardError())
                    && end.value() - start.value() > FEW_ACCEPTED_MARGIN * Math.hypot(end.standardError(),
                    start.standardError())
                    || acceptedFarLess(endAccepted, startAccepted, runs);
        }
        return beyondTwoStandardErrors(end, start);
    }

    /**
     * Whether the end, whatever it read, rests on fewer than {@value #MIN_ACCEPTED} accepted runs where the start rests
     * on more and met the evidence far more often ({@link #acceptedFarLess}): the end's restart-on-failure estimate is
     * then a handful of runs' noise beside a start it cannot be shown to beat. A mean-field search of a pedigree kept
     * guides whose runs met the evidence in 3 to 10 of 2,000 against the prior's 2,000, on readings as low as 9.64
     * where no guide can read below 9.80, and certified log P(e) 0.35 to 1.8 nats low in 9 searches of 10 (a new user).
     */
    static boolean unproven(int endAccepted, int startAccepted, int runs) {
        return endAccepted < MIN_ACCEPTED && startAccepted >= MIN_ACCEPTED
                && acceptedFarLess(endAccepted, startAccepted, runs);
    }

    /**
     * Whether the end met the evidence (or drew inside its support) in fewer of the same number of runs than the start
     * by more than {@value #FEW_ACCEPTED_MARGIN} standard errors of the difference of the two rates (pooled): its
     * restart-on-failure estimate, read worse, carries -log of that rate, which is then known well whatever the few
     * accepted runs say of the rest. A gradient search on a coin's bias ended proposing it at its support's end and
     * met the evidence in 4 runs of 300 against the start's 300, reading 58 nats against 10, and was kept as "too few
     * to compare" (the suite, after the Beta's draws changed).
     */
    static boolean acceptedFarLess(int endAccepted, int startAccepted, int runs) {
        if (runs <= 0 || endAccepted >= startAccepted) {
            return false;
        }
        double pooled = (endAccepted + startAccepted) / (2.0 * runs);
        double se = Math.sqrt(pooled * (1 - pooled) * 2.0 / runs);
        return se > 0 && (startAccepted - endAccepted) / (double) runs > FEW_ACCEPTED_MARGIN * se;
    }

    /**
     * Whether {@code end} is above {@code start} by more than twice sqrt(se_end^2 + se_start^2), the standard error of
     * the difference were the two independent: {@link #worse}'s rule, whatever the accepted runs.
     */
    static boolean beyondTwoStandardErrors(Estimate end, Estimate start) {
        return end.value() - start.value() > 2 * Math.hypot(end.standardError(), start.standardError());
    }
}
