package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.inference.UnproposedValues.CallEstimate;
import dev.ariadne.inference.UnproposedValues.HypothesisShare;
import dev.ariadne.inference.UnproposedValues.Seen;
import dev.ariadne.inference.stats.LogSumExp;
import dev.ariadne.inference.stats.WeightStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A discrete value that the runs draw often enough, but all but never together with the other choices that carry its
 * share of P(e): a proposal at the site that depends on earlier choices, and rules the value out after the ones that
 * matter. Two faults a and b of prior 0.01 each that explain five flips only together (7.3% of P(e)), under a guide
 * that proposes a at 0.5 and then b at 10^-5 if a holds, else 0.5: b = true is drawn in a quarter of the runs, every
 * weight looks healthy, and P(b | e) read 0.010 against 0.083, about 250 standard errors off, with nothing said in 98
 * calls of 100 (an outside statistician). The value's average proposal probability is high, so {@link
 * UnproposedValues} does not force it, and forcing it with the guide elsewhere reads its share right, so {@link
 * MisplacedValues} sees nothing wrong.
 *
 * <p>What it measures. Forced at v with the guide elsewhere, a run x has weight w(x) = p(x, e) / q'(x), where q' is
 * the guide's density of the other choices; the call's runs draw x with density q(x) = q'(x) r(x), where r(x) is the
 * probability that the call's proposal at the site gives v after x's earlier choices (under a whole-run defensive
 * mixture of prior share alpha, r(x) = alpha p(x) / q'(x) + (1 - alpha) pi(x), its inner guide's pi). So the set R of
 * runs with r(x) below 1 / N has probability under the call's proposal of E_q'[r 1_R] &lt; 1 / N, and the call's N
 * runs expect fewer than one draw in it, for every run in it, drawn or not: the mean over the forced runs of
 * w(x) 1[x in R] is an unbiased estimate of P(e, x_s = v, R), a share of P(e) the call's estimates leave out (or read
 * far too high, in the calls that happen to draw there), less q(R): the runs it does draw stand in for R in that
 * proportion (a guide that is the posterior weighs every run alike and leaves nothing out however seldom it draws R),
 * and the mean of r(x) 1[x in R] over the forced runs estimates q(R).
 *
 * <p>The values looked at are those whose proposal probability, in some of the call's first runs, was below 1 / N
 * (the runs expect no draw of it after such choices) while on average the runs draw it at least {@link
 * UnproposedValues#FEW_DRAWS} times (less often, {@link UnproposedValues} forces it); at most {@link #VALUES}, the
 * likeliest under the prior first. Each is screened in {@link #SCREEN_RUNS} forced runs, and one whose share of R
 * takes the call's estimate of P(e), or of P(h, e) for a declared hypothesis, low by more than its standard errors
 * allow ({@link #leftOut}) is forced again in {@link #CONFIRMING_RUNS} runs on fresh streams, and named only if that
 * share less two standard errors still does. Forcing one value finds a combination whose other choices the guide
 * reaches with the value fixed; choices the guide rarely makes anyway stay unseen here as in the call.
 */
final class UnseenCombinations {

    /** At most how many values are screened. */
    static final int VALUES = 5;
    /** The runs of each screen. */
    static final int SCREEN_RUNS = 20;
    /** The fresh runs that confirm a screened value. */
    static final int CONFIRMING_RUNS = 200;
    /** The call's expected draws of the value, after a run's other choices, below which that run is one it misses. */
    static final double EXPECTED_DRAWS = 1;

    private UnseenCombinations() {
    }

    /**
     * Whether {@code v} is looked at: drawn on average at least {@link UnproposedValues#FEW_DRAWS} times in the
     * call's {@code runs}, but in some first run proposed with a probability that expects fewer than
     * {@link #EXPECTED_DRAWS} ({@link Seen#leastProposed}).
     */
    static boolean candidate(Seen v, CallEstimate call, long runs) {
        return v.prior > 0 && call.proposal(v) * runs >= UnproposedValues.FEW_DRAWS
                && v.leastProposed * runs < EXPECTED_DRAWS;
    }

    /**
     * The verdict on the first of {@code seen}'s {@link #candidate candidates} whose forced runs hold, in the runs the
     * call expects not to draw, enough of its estimate of P(e) (or of P(h, e), for one of {@code hypotheses}); empty
     * if none. {@code alpha} is a whole-run defensive mixture's prior share, 0 for any other guide.
     */
    static <T> Optional<String> verdict(Execution<T> execution, long seed, Collection<Seen> seen, CallEstimate call,
                                        List<HypothesisShare> hypotheses, double alpha) {
        if (!(call.logZHat() > Double.NEGATIVE_INFINITY)) {
            return Optional.empty();
        }
        List<Seen> candidates = new ArrayList<>();
        for (Seen v : seen) {
            if (candidate(v, call, call.runs())) {
                candidates.add(v);
            }
        }
        candidates.sort(Comparator.comparingDouble((Seen v) -> -v.prior));
        for (int c = 0; c < Math.min(VALUES, candidates.size()); c++) {
            Seen v = candidates.get(c);
            long streams = seed ^ (0x165667B19E3779F9L * (c + 1));
            Unseen screen = unseen(execution, v, streams, SCREEN_RUNS, call.runs(), alpha, hypotheses);
            if (screen.holdsEnough(call, hypotheses, false) < 0) {
                continue;
            }
            Unseen fresh = unseen(execution, v, ~streams, CONFIRMING_RUNS, call.runs(), alpha, hypotheses);
            int on = fresh.holdsEnough(call, hypotheses, true);
            if (on >= 0) {
                return Optional.of(said(v, fresh, on, call, hypotheses));
            }
        }
        return Optional.empty();
    }

    /**
     * What forced runs said of the runs the call expects not to draw: the log mean of w(x) 1[x in R] and that less two
     * standard errors, the same for each hypothesis (times 1[h]), the call's expected draws in R of positive weight,
     * its probability of drawing a run in R at all (q(R), by whose share the runs it does draw stand in for R: a
     * guide that is the posterior weighs every run alike, and leaves nothing out however seldom it draws R), the
     * forced runs, and the least and largest log proposal probability of the value met in R with weight.
     */
    private record Unseen(double[] logMean, double[] logLower, double expectedDraws, double drawn, int runs,
                          double leastLogR, double mostLogR) {

        /**
         * The index of what R holds enough of, 0 for P(e) and j + 1 for the j-th hypothesis's P(h, e); -1 for none.
         * From the mean on a screen, from the mean less two standard errors on a confirmation.
         */
        int holdsEnough(CallEstimate call, List<HypothesisShare> hypotheses, boolean confirming) {
            double[] read = confirming ? logLower : logMean;
            for (int j = 0; j < read.length; j++) {
                CallEstimate of = j == 0 ? call : UnproposedValues.jointEstimate(hypotheses.get(j - 1), call);
                if (read[j] > Double.NEGATIVE_INFINITY && read[j] < Double.POSITIVE_INFINITY
                        && of.logZHat() > Double.NEGATIVE_INFINITY && leftOut(of, read[j], drawn)) {
                    return j;
                }
            }
            return -1;
        }
    }

    /**
     * How many of the call's standard errors the share left out must take its estimate low to be named. Not the
     * {@link UnproposedValues#SHARE} of it alone: a guide that is the posterior draws a region of P(h, e) in fewer than
     * one run where its share is below one over the runs where h holds, and where those are 20 or fewer that share
     * passes 5% while the estimate's own standard error is 22% or more. Such a guide was named in 12 calls of 20 (a
     * false-alarm hunt), and a guide 2.7 standard errors off in 12 of 20.
     */
    static final double STANDARD_ERRORS = 3;

    /**
     * Whether the share {@code logShare} (its log, of the estimate {@code of} reads), less {@code drawn}, the call's
     * probability of drawing such runs at all, takes the estimate more than {@link #STANDARD_ERRORS} of its standard
     * errors low (and past {@link UnproposedValues#LEAST_ERROR}); where it has no standard error, whether the share
     * is {@link UnproposedValues#SHARE} of it.
     */
    static boolean leftOut(CallEstimate of, double logShare, double drawn) {
        double share = Math.exp(logShare - of.logZHat());
        if (!of.hasStandardError()) {
            return share >= UnproposedValues.SHARE;
        }
        return Math.log1p(share - drawn) >= Math.max(STANDARD_ERRORS * of.standardError(),
                UnproposedValues.LEAST_ERROR);
    }

    /** {@code runs} runs with {@code v} forced on {@code streams}, the guide elsewhere: see {@link Unseen}. */
    private static <T> Unseen unseen(Execution<T> execution, Seen v, long streams, int runs, long callRuns,
                                     double alpha, List<HypothesisShare> hypotheses) {
        Dist point = UnproposedValues.point(v.bool, v.value);
        Dist[] proposed = new Dist[1];
        Runner<T> runner = ForcedValue.seeingTheProposal(execution, v.address, point, d -> proposed[0] = d).runner();
        WeightStats[] inR = new WeightStats[hypotheses.size() + 1];
        for (int j = 0; j < inR.length; j++) {
            inR[j] = new WeightStats();
        }
        double logFewest = Math.log(EXPECTED_DRAWS / callRuns);
        double draws = 0;
        double drawn = 0; // the call's probability of drawing a run in R, E_q'[r 1_R]
        double least = Double.POSITIVE_INFINITY;
        double most = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < runs; i++) {
            proposed[0] = null;
            double logW = UnproposedValues.forcedLogWeight(runner, streams, i, v.address, v.bool, v.value);
            double logR = logW == logW ? logDrawn(runner, v, proposed[0], alpha) : 0;
            boolean unseen = logR < logFewest;
            drawn += unseen ? Math.exp(logR) / runs : 0;
            double l = unseen && logW < Double.POSITIVE_INFINITY ? logW : Double.NEGATIVE_INFINITY;
            inR[0].add(l);
            for (int j = 1; j < inR.length; j++) {
                inR[j].add(l > Double.NEGATIVE_INFINITY && UnproposedValues.holds(hypotheses.get(j - 1), runner) ? l
                        : Double.NEGATIVE_INFINITY);
            }
            if (l > Double.NEGATIVE_INFINITY) {
                draws += callRuns * Math.exp(logR) / runs;
                least = Math.min(least, logR);
                most = Math.max(most, logR);
            }
        }
        double[] logMean = new double[inR.length];
        double[] logLower = new double[inR.length];
        for (int j = 0; j < inR.length; j++) {
            double[] m = UnproposedValues.meanAndLower(inR[j], false, runs);
            logMean[j] = m[0];
            logLower[j] = m[1];
        }
        return new Unseen(logMean, logLower, draws, Math.min(1, drawn), runs, least, most);
    }

    /**
     * The log probability that the call's proposal, after the forced run's other choices, draws {@code v}: the guide's
     * {@code proposed} distribution there, or the prior's where it proposed none, mixed with the prior's whole run
     * under a defensive mixture of share {@code alpha}.
     */
    static double logDrawn(Runner<?> runner, Seen v, Dist proposed, double alpha) {
        Dist at = proposed != null ? proposed
                : runner.trace().site(v.address).map(TraceSite::prior).orElse(null);
        double logPi = at instanceof BoolDist b && v.bool ? b.logMass(v.value == 1)
                : at instanceof IntDist n && !v.bool ? n.logMass(v.value) : Double.NEGATIVE_INFINITY;
        if (!(alpha > 0)) {
            return logPi;
        }
        return LogSumExp.logAddExp(Math.log(alpha) + runner.logPrior() - runner.logQ(),
                Math.log1p(-alpha) + logPi);
    }

    private static String said(Seen v, Unseen u, int on, CallEstimate call, List<HypothesisShare> hypotheses) {
        String of = on == 0 ? "P(e)" : "P(" + hypotheses.get(on - 1).name() + ", e)";
        String joint = on == 0 ? "P(e, " + v.name + ")" : "P(" + hypotheses.get(on - 1).name() + ", e, " + v.name + ")";
        double logEstimate = on == 0 ? call.logZHat() : hypotheses.get(on - 1).logJoint();
        String least = UnproposedValues.probability(Math.exp(u.leastLogR()));
        String most = UnproposedValues.probability(Math.exp(u.mostLogR()));
        return String.format(Locale.ROOT, "the runs draw %s with probability %s on average, but the other choices that "
                + "carry much of its share of P(e) are ones after which the proposal at that site gives it only %s: "
                + "forced there in %d runs with the guide elsewhere, the runs the call's %,d expect to draw less "
                + "than once (%s draws expected in all) hold %s about %s, %.3g times the estimate of %s, %s; so the "
                + "estimates leave that share out, or read it far too high where a rare run lands there, and no weight "
                + "can show it (the lower bounds stay valid, only lower); use a guide whose proposal at that site does "
                + "not all but rule the value out after those choices", v.name,
                UnproposedValues.probability(call.proposal(v)), least.equals(most) ? least : least + " to " + most,
                u.runs(), call.runs(),
                UnproposedValues.probability(u.expectedDraws()), joint, UnproposedValues.power(u.logMean()[on]),
                Math.exp(u.logMean()[on] - logEstimate), of, UnproposedValues.power(logEstimate));
    }
}
