package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.History;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.inference.stats.WeightStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * A value of a finite discrete latent site that the guide all but never proposes, though the prior gives it real
 * weight: found from the guide's proposals themselves, because the weights cannot show it. Importance sampling
 * estimates P(e) by the runs it draws; a value with proposal probability q at a site is drawn about q N times in N
 * runs, so where q N is far below 1 the estimates leave out whatever share of the posterior that value has, and no
 * weight, k-hat or ESS can say so (a guide that sits on one mode shows healthy diagnostics). The lower bounds stay
 * valid: they only lose that share.
 *
 * <p>Looked for in the first runs of the call (see {@link #TRIAL_RUNS}), made again with their traces: at each
 * latent site whose prior is a {@link BoolDist} or an {@link IntDist} of at most {@link #MAX_VALUES} values (of a
 * larger or unbounded one, its first {@link #MAX_VALUES} values of prior at least {@link #TAIL_FLOOR}), a value v
 * with prior probability p(v) of at least {@link #MIN_PRIOR} (in some run) and q(v) N below
 * {@link #MAX_EXPECTED_DRAWS}, where q(v) is its proposal probability averaged over those runs. A guide mixed with the
 * prior over whole runs ({@code Guide.defensive}) proposes every value with at least alpha p(v) and is not checked.
 *
 * <p><b>Values forced.</b> A value the call draws only a few times (q(v) N below {@link #FEW_DRAWS}) may still carry
 * most of P(e): a fault of prior probability 10^-4 that explains the evidence, in 10,000 runs from the prior, is
 * drawn once on average and not at all in a third of the calls, and then every weight looks healthy. So the
 * such values of largest prior probability (one per 200 of the call's runs, between {@link #FORCED_VALUES} and
 * {@link #MAX_FORCED_VALUES}; ties in the order the runs met them) are each forced: {@link #FORCED_RUNS} runs on
 * streams of their own, with the guide everywhere but that site, which proposes the value with probability 1. The
 * mean of w(x) 1[x_s = v] over them is an unbiased estimate of P(e, x_s = v). Those 20 runs only screen: among many
 * forced values, one whose forced runs meet the evidence rarely is bound to show a lucky run somewhere, and one such
 * run among 20 reads 1/(20 P(hit)) times its share (four Geometric counts past a margin: k = 18 read 13% of P(e),
 * against 1.8% exactly). So a value whose screen holds at least {@link #SHARE} of the call's estimate of P(e) (or
 * any, if no run had weight) is forced again in {@link #CONFIRMING_RUNS} runs on fresh streams (at most
 * {@link #CONFIRMED_VALUES} values, those whose screens hold the most), and named only if that estimate, less two
 * of its standard errors, still holds {@link #SHARE}: the call's estimate hangs on a value it barely draws. A smaller
 * forced share proves nothing (a mode that needs several choices changed together is not found by forcing one), so it
 * silences nothing but a value the evidence rules out. A never-proposed value whose forced runs all have weight 0
 * where they reach it is one the evidence rules out (a guide restricted to the evidence's support on purpose), and is
 * not named.
 *
 * <p><b>Shares the standard error cannot see.</b> A value drawn by none of the call's runs leaves the estimate of P(e)
 * low by about the share of P(e) it holds, less its proposal probability q (the runs that do not draw it stand in
 * for it): those runs estimate P(e, x_s != v) / (1 - q), so with s the value's share of that estimate, log Z-hat
 * reads log(1 - q + s) low. The call's standard error is computed from the weights drawn, so it cannot show that
 * error; where it exceeds {@link #STANDARD_ERRORS} of those standard errors (and {@link #LEAST_ERROR}), the value is
 * screened, confirmed and named as above, however small its share (a branch of prior probability 5e-6 holding 0.05%
 * of P(e) left log Z-hat 160 standard errors low with no verdict). Two standard errors, so that a share large enough
 * to take the estimate beyond 4 of them, with the noise of the runs drawn, is named; a value the call drew a few
 * times widens the standard error itself, and is then named only if its share still exceeds it.
 */
public final class UnproposedValues {

    /**
     * At most how many of the call's first runs are made again to read their proposals: one in a hundred of the
     * call's runs, between {@link #MIN_TRIAL_RUNS} and this, so that the check adds at most 1% to a call of more
     * than 2,000 runs of an expensive model (and 20 runs to a shorter call).
     */
    static final int TRIAL_RUNS = 100;
    /** At least how many runs are made again (or all the call's runs, if fewer). */
    static final int MIN_TRIAL_RUNS = 20;
    /** The largest finite support whose values are each looked at. */
    static final int MAX_VALUES = 1000;
    /** The least prior probability of a value for its absence to matter. */
    static final double MIN_PRIOR = 0.01;
    /** A value expected to be drawn fewer times than this in the call's runs is one the estimates do not see. */
    static final double MAX_EXPECTED_DRAWS = 0.01;
    /**
     * A value expected to be drawn fewer times than this is forced, to see what share of P(e) it holds. Not 3, as it
     * was: a burglary's earthquake, left at its prior (0.002) by a defensive guide and expected 6 times in 3,000 runs,
     * holds a share of P(e) that also needs the alarm; in calls that drew that combination not once, log Z-hat read 18
     * to 21 standard errors low with nothing said (56 of 300 calls; an outside statistician). Not 10, as it was next:
     * the cliff moved there, and at 5,000 runs (the earthquake expected 10 times) 12 calls of 400 read log Z-hat about
     * 60 standard errors low with nothing said, 5 of 400 at 6,000, none at 10,000 (a second outside statistician).
     */
    static final double FEW_DRAWS = 20;
    /**
     * Expected draws from which a forced value's share is named only where the call's standard error cannot hold its
     * spread ({@link CallEstimate#spreadUnseen}): the values forced before {@link #FEW_DRAWS} was raised to 20.
     */
    static final double SPREAD_DRAWS = 10;
    /**
     * At least and at most how many values are forced: one per 200 of the call's runs between the two, so that the
     * forced runs add at most a tenth to the call (10,000 runs force 50 values in 1,000 runs).
     */
    static final int FORCED_VALUES = 5;
    static final int MAX_FORCED_VALUES = 50;
    /**
     * The least prior probability of a value of a large or unbounded integer support (a Poisson's, a Geometric's, a
     * Categorical's over more than {@link #MAX_VALUES} values) for it to be looked at: such a support's first
     * {@link #MAX_VALUES} values from its lower bound are, up to where the prior's mass is all but spent.
     */
    static final double TAIL_FLOOR = 1e-12;
    /** The runs made with each forced value. */
    static final int FORCED_RUNS = 20;
    /** The least share of the call's estimate of P(e), in a forced value's estimate, for the value to be named. */
    static final double SHARE = 0.05;
    /**
     * How many times its proposal probability a value's share of P(e) must be for the estimate to hang on its draws
     * ({@link CallEstimate#underProposed}).
     */
    static final double UNDER_PROPOSED = 2;
    /** The fresh runs that confirm a value whose screen of {@link #FORCED_RUNS} runs held {@link #SHARE}. */
    static final int CONFIRMING_RUNS = 200;
    /** At most how many screened values are confirmed, those whose screens hold the most of P(e). */
    static final int CONFIRMED_VALUES = 5;
    /**
     * How many of the call's reported standard errors of log P(e)-hat the error of leaving a value out must reach for
     * the value to be named though it holds less than {@link #SHARE}.
     */
    static final double STANDARD_ERRORS = 2;
    /**
     * The least relative error in P(e)-hat worth naming: below it a value is not named on the standard-error rule
     * however small the reported standard error (one of 0, from weights all equal, would otherwise name a rounding).
     */
    static final double LEAST_ERROR = 1e-6;

    private UnproposedValues() {
    }

    /** How many of a call's first runs are made again to read their proposals: see {@link #TRIAL_RUNS}. */
    private static long trialsOf(long runs) {
        return Math.min(runs, Math.max(MIN_TRIAL_RUNS, Math.min(TRIAL_RUNS, runs / 100)));
    }

    /** What the trial runs said of one value at one address: its proposal probabilities' sum, and its largest prior. */
    static final class Seen {
        final Address address;
        final String name;
        final boolean bool;
        final int value;
        double proposed;
        /** The runs {@link #proposed} sums over: the trial runs, or more where it was {@link #recount recounted}. */
        long counted;
        double prior;
        /**
         * The least probability with which the guide's proposal at the site (its inner guide's, under a whole-run
         * defensive mixture; the prior's where it proposes none) gave this value in a trial run that made the site:
         * a proposal that depends on earlier choices may all but rule the value out after some of them
         * ({@link UnseenCombinations}).
         */
        double leastProposed = Double.POSITIVE_INFINITY;
        /**
         * The forced runs' log mean of w 1[x_s = v], and how many reached the site; NaN and 0 until forced. Once
         * confirmed, the confirming runs' mean, and the log of that mean less two standard errors (-inf where that
         * is not above 0); until then the screen's.
         */
        double logForced = Double.NaN;
        double logForcedLower = Double.NEGATIVE_INFINITY;
        int reached;
        int forcedRuns;
        boolean confirmed;
        /** Whether some forced run that reached the site had weight above 0. */
        boolean hit;
        /**
         * For each hypothesis of the call, the forced runs' log mean of w 1[x_s = v] 1[h] and that less two standard
         * errors, as {@link #logForced}; null until forced, or where the call declares none.
         */
        double[] logForcedH;
        double[] logForcedLowerH;

        Seen(Address address, String name, boolean bool, int value) {
            this.address = address;
            this.name = name;
            this.bool = bool;
            this.value = value;
        }

        /** Forced, reached in some run, and of weight 0 wherever reached: a value the evidence rules out. */
        boolean ruledOut() {
            return reached > 0 && !hit;
        }
    }

    /**
     * The verdict for the value the guide proposes least against its prior probability, over the first runs of
     * {@code seed} (see the class comment), for a call of {@code runs} runs; empty if there is none. A value's
     * proposal probability is averaged over those runs (0 in a run without its site), which estimates how often the
     * guide draws it: a guide whose proposal at a site depends on earlier choices (one mode in some runs, another in
     * others) proposes in some runs what it never proposes in others. A run that fails to run again here is skipped:
     * the call itself ran it. Values drawn only a few times are forced (see the class comment) and compared with
     * {@code logZHat}, the call's estimate of log P(e) ({@code -inf} if no run had weight).
     */
    public static <T> Optional<String> verdict(Execution<T> execution, long seed, long runs, double logZHat) {
        return verdict(execution, seed, runs, logZHat, Double.NaN, GUIDE_REMEDY);
    }

    /**
     * {@link #verdict(Execution, long, long, double)}, also naming a value whose share of P(e), less its proposal
     * probability, exceeds {@link #STANDARD_ERRORS} of {@code logZHatStandardError}, the call's reported standard
     * error of log P(e)-hat (NaN or infinite: only the {@link #SHARE} rule), as the class comment says.
     */
    public static <T> Optional<String> verdict(Execution<T> execution, long seed, long runs, double logZHat,
                                               double logZHatStandardError) {
        return verdict(execution, seed, runs, logZHat, logZHatStandardError, GUIDE_REMEDY);
    }

    /** What a value the estimate hangs on asks of a call with a guide: to propose it more often. */
    static final String GUIDE_REMEDY = "use a guide that proposes it more often";

    /**
     * {@link #verdict(Execution, long, long, double, double)}, with {@code remedy} as the advice on a value the
     * estimate hangs on (a call whose runs no guide steers, such as subset simulation's, cannot take the usual
     * advice).
     */
    public static <T> Optional<String> verdict(Execution<T> execution, long seed, long runs, double logZHat,
                                               double logZHatStandardError, String remedy) {
        return verdict(execution, seed, runs, logZHat, logZHatStandardError, remedy, prior -> false);
    }

    /**
     * {@link #verdict(Execution, long, long, double, double, String)}, looking at no site whose prior
     * {@code climbed} accepts: a call whose sampler moves such a site's value step by step towards the evidence
     * (subset simulation's level moves, which climb a count's tail through its neighbours) reaches values its first
     * runs almost never draw, so their rarity under those runs says nothing of what the call saw.
     */
    public static <T> Optional<String> verdict(Execution<T> execution, long seed, long runs, double logZHat,
                                               double logZHatStandardError, String remedy,
                                               Predicate<Dist> climbed) {
        return verdict(execution, seed, runs, logZHat, logZHatStandardError, remedy, climbed, List.of());
    }

    /**
     * A declared hypothesis as the forced runs test it ({@code holds} on a run's value and history), with the call's
     * estimate of log P(h, e) and its standard error: a value that holds little of P(e) may hold much of P(h, e).
     */
    record HypothesisShare(String name, BiPredicate<Object, History> holds, double logJoint, double standardError,
                           double heldFraction) {

        /**
         * Whether a value proposed with probability {@code q} holds a share of P(h, e) ({@code logShare}, its log) at
         * least {@link #OVERWEIGHT} times its share of the runs where h holds, {@code q / heldFraction}: the estimate
         * of P(h, e) then rests on the few runs that draw it. Under the prior, k = 10 of a Poisson(3) holds 5% of
         * P(k >= 9, e) and a fifth of the runs where k >= 9: an estimate from runs that draw it as often as it weighs,
         * named in 35 calls of 40 before this test. Under a defensive guide, k = 9 held 45% of P(k >= 8, e) and 0.07%
         * of the runs where k >= 8.
         */
        boolean overweight(double logShare, double q) {
            return logShare >= Math.log(OVERWEIGHT * q / heldFraction);
        }
    }

    /**
     * Adds what one site of a run says of each value of its prior to {@code seen}: the value's prior probability (the
     * largest so far) and the probability that the run draws it, summed over the runs ({@link #drawProbability}), in a
     * run of a whole-run defensive mixture of prior share {@code alpha}. Latent sites of a discrete prior only, none
     * whose prior {@code climbed} accepts; a large or unbounded count's first values while prior mass remains.
     */
    static void tally(TraceSite s, double alpha, Predicate<Dist> climbed, Map<String, Seen> seen) {
        Dist p = s.prior();
        Dist q = s.proposal() == null ? p : s.proposal();
        int count = s.kind() == SiteKind.LATENT && !climbed.test(p) ? valueCount(p) : 0;
        boolean whole = count > 0;
        if (!whole && s.kind() == SiteKind.LATENT && p instanceof IntDist && !climbed.test(p)) {
            count = MAX_VALUES; // a large or unbounded support: its first values, while mass remains
        }
        double mass = 0;
        for (int k = 0; k < count; k++) {
            double prior = Math.exp(logMass(p, p, k));
            if (!whole) {
                mass += prior;
                if (prior < TAIL_FLOOR) {
                    if (1 - mass < TAIL_FLOOR) {
                        break;
                    }
                    continue;
                }
            }
            int value = valueOf(p, k);
            Seen v = seen.computeIfAbsent(s.address() + " = " + show(p, k),
                    a -> new Seen(s.address(), a, p instanceof BoolDist, value));
            v.prior = Math.max(v.prior, prior);
            v.proposed += drawProbability(p, q, k, prior, alpha);
            v.leastProposed = Math.min(v.leastProposed, drawProbability(p, q, k, prior, 0));
        }
    }

    /** How many times its share of the runs where h holds a value's share of P(h, e) must be to matter. */
    static final double OVERWEIGHT = 10;

    /**
     * {@link #verdict(Execution, long, long, double, double, String, Predicate)}, also naming a value the estimate of
     * P(h, e) hangs on, for each of {@code hypotheses}: under a defensive guide whose inner proposal never reached
     * k >= 9, values holding 4.3% of P(e) but 25% of P(h, e) left P(h | e) 9 standard errors off with nothing said (an
     * outside statistician). Its forced runs are tested against each hypothesis, and a value whose share of P(h, e)
     * holds enough, as one of P(e) must, is confirmed and named.
     */
    static <T> Optional<String> verdict(Execution<T> execution, long seed, long runs, double logZHat,
                                        double logZHatStandardError, String remedy, Predicate<Dist> climbed,
                                        List<HypothesisShare> hypotheses) {
        return verdict(execution, seed, runs, logZHat, logZHatStandardError, remedy, climbed, hypotheses,
                Weights.OTHER);
    }

    /** How a call's runs make its estimate of P(e), which decides what its reported standard error can hold. */
    enum Weights {
        /**
         * Independent runs of importance sampling: the standard error is the weights' spread over sqrt(N), and what
         * rarely drawn values add to that spread is bounded from below ({@link HiddenSpread}).
         */
        INDEPENDENT,
        /**
         * Independent runs whose weights a stated bound caps, every accepted run weighing that cap: a binomial
         * proportion, whose standard error holds whichever values make up the accepted runs.
         */
        CAPPED,
        /** Any other estimate (sweeps of particles, whose standard error is their spread across sweeps). */
        OTHER
    }

    /**
     * {@link #verdict(Execution, long, long, double, double, String, Predicate, List)}, for a call whose runs make its
     * estimate as {@code weights} says. Where it is {@link Weights#CAPPED} (a stated bound caps every run's weight,
     * and every accepted run weighs that cap), its standard error holds whichever values make up the accepted runs,
     * however rarely each is drawn, and no estimate is said to hang on a value or a group of values drawn a few
     * times. Rejection from the prior under {@code goals >= 7} of a Poisson(1.4) was told it hung on goals = 8 in 100
     * calls of 100 whose z-scores had mean square 0.90 (a new user).
     */
    static <T> Optional<String> verdict(Execution<T> execution, long seed, long runs, double logZHat,
                                        double logZHatStandardError, String remedy, Predicate<Dist> climbed,
                                        List<HypothesisShare> hypotheses, Weights weights) {
        boolean binomial = weights == Weights.CAPPED;
        if (runs <= 0) {
            return Optional.empty();
        }
        CallEstimate call = new CallEstimate(logZHat, logZHatStandardError, trialsOf(runs), runs);
        Runner<T> runner = execution.runner();
        Map<String, Seen> seen = new LinkedHashMap<>();
        List<BlockedValues.Blocked> blocked = new ArrayList<>();
        String uncovered = null;
        String drawOutside = null;
        double priorShare = 0; // a whole-run defensive mixture's alpha, 0 for any other guide
        int mostLatent = 0; // the most latent sites a trial run made
        boolean wholeChoicesOnly = true; // every latent site of the trial runs has its values looked at
        Set<Address> beforeAnother = new HashSet<>(); // latent sites some later latent follows
        for (long i = 0; i < call.trials; i++) {
            try {
                runner.run(seed, i);
                // A whole-run defensive mixture draws each value with at least alpha times its prior: the sites'
                // proposals are the inner guide's, so their probabilities alone called a value it draws in 10% of
                // the runs (alpha 0.2, prior 0.5) one drawn with probability 1e-6 (a new user's report).
                double alpha = runner.defensiveAlpha();
                priorShare = Math.max(priorShare, alpha);
                int latent = 0;
                Address previous = null;
                for (TraceSite s : runner.trace().sites()) {
                    if (s.kind() == SiteKind.LATENT) {
                        if (previous != null) {
                            beforeAnother.add(previous);
                        }
                        previous = s.address();
                    }
                    tally(s, alpha, climbed, seen);
                    BlockedValues.collect(s, i, alpha, climbed, blocked);
                    latent += s.kind() == SiteKind.LATENT ? 1 : 0;
                    wholeChoicesOnly &= s.kind() != SiteKind.LATENT || (s.prior() instanceof BoolDist
                            || s.prior() instanceof IntDist) && !climbed.test(s.prior());
                }
                mostLatent = Math.max(mostLatent, latent);
            } catch (ModelException e) {
                if (drawOutside == null && e.reason().contains(Support.DRAW_IN_SUPPORT_RULE)) {
                    drawOutside = e.reason() + " (run " + i + " of seed " + seed + ")";
                }
                if (uncovered == null && e.reason().contains(Support.SAME_SUPPORT_RULE)) {
                    uncovered = e.reason();
                }
            } catch (RuntimeException e) {
                // made and reported by the call itself
            }
        }
        if (drawOutside != null) {
            // The direct path, which must not grow, does not look at draws; the general path refuses one outside its
            // distribution's support.
            return Optional.of(drawOutside + ". The call's runs do not look at their draws: they took such a value "
                    + "as an outcome of the site, or, where its log density is -Infinity, counted the run at weight 0 "
                    + "(a support violation); either way its estimates and bounds are not the model's; fix the "
                    + "distribution's sampler");
        }
        if (uncovered != null) {
            // The general path refuses what the direct path, which never holds the prior, lets through.
            return Optional.of(uncovered + ". The call's runs drew from that proposal, so its estimates of P(e) and "
                    + "P(h | e) leave out the prior's mass the proposal never reaches (its lower bounds stay valid, "
                    + "only lower)");
        }
        List<Seen> few = new ArrayList<>();
        for (Seen v : seen.values()) {
            if (v.prior > 0 && call.proposal(v) * runs < FEW_DRAWS) {
                few.add(v);
            }
        }
        boolean oneChoice = mostLatent <= 1;
        int forced = oneChoice ? few.size() : (int) Math.max(FORCED_VALUES, Math.min(MAX_FORCED_VALUES, runs / 200));
        few = forcedFirst(few, forced);
        for (int c = 0; c < Math.min(forced, few.size()); c++) {
            force(execution, seed, c, few.get(c), FORCED_RUNS, hypotheses);
        }
        confirm(execution, seed, few, call, hypotheses);
        for (Seen v : few) {
            if (call.carries(v)) {
                recount(execution, seed, v, call);
                if (call.proposal(v) * runs >= FEW_DRAWS) {
                    v.confirmed = false; // drawn often enough after all: its weight is in the call's runs
                }
            }
        }
        Seen unproposed = priorShare > 0 ? null
                : unproposed(execution, seed, seen.values(), runs, call, hypotheses, Math.min(forced, few.size()));
        boolean guided = execution.guide() != null || execution.guideProgram() != null;
        Seen hanging = binomial ? null : hanging(few, call);
        if (hanging != null && (unproposed == null || !call.carries(unproposed)
                || hanging.logForced > unproposed.logForced)) {
            // The value that holds the most of P(e) is named, not a likelier one that holds less (a Geometric's
            // k = 9 of prior 0.012 and P(e, k) e^-247, beside k = 20 of prior 2e-4 that holds P(e) at e^-8.6).
            return Optional.of(hangingVerdict(hanging, runs, call, guided, remedy));
        }
        if (unproposed != null && !((oneChoice || wholeChoicesOnly && !beforeAnother.contains(unproposed.address)
                && othersWellDrawn(unproposed, seen.values(), call)) && addsLittle(unproposed, call))
                && !proposedAsItWeighs(unproposed, call)) {
            return Optional.of(unproposedVerdict(unproposed, runs, call));
        }
        String group = binomial ? null : RarelyDrawnGroup.verdict(execution, seed, few, call, runs, guided, remedy);
        if (group != null) {
            return Optional.of(group);
        }
        String spread = weights != Weights.INDEPENDENT ? null : HiddenSpread.verdict(execution, seed, few, call, runs,
                guided, remedy);
        if (spread != null) {
            return Optional.of(spread);
        }
        String blockedHere = priorShare > 0 ? null : BlockedValues.verdict(execution, seed, blocked, call);
        if (blockedHere != null) {
            return Optional.of(blockedHere);
        }
        for (int j = 0; j < (binomial ? 0 : hypotheses.size()); j++) {
            CallEstimate joint = jointEstimate(hypotheses.get(j), call);
            Seen onH = null;
            for (Seen v : few) {
                if (v.confirmed && v.logForcedH != null && v.logForcedLowerH[j] > Double.NEGATIVE_INFINITY
                        && joint.holds(v.logForcedLowerH[j], call.proposal(v))
                        && hypotheses.get(j).overweight(v.logForcedLowerH[j] - joint.logZHat(), call.proposal(v))
                        && (onH == null || v.logForcedH[j] > onH.logForcedH[j])) {
                    onH = v;
                }
            }
            if (onH != null) {
                return Optional.of(hypothesisVerdict(hypotheses.get(j).name(), onH, onH.logForcedH[j], joint, runs,
                        call, remedy));
            }
        }
        Optional<String> unseen = UnseenCombinations.verdict(execution, seed, seen.values(), call, hypotheses,
                priorShare);
        if (unseen.isPresent()) {
            return unseen;
        }
        return MisplacedValues.verdict(execution, seed, misplacedCandidates(seen.values()), logZHat,
                logZHatStandardError, priorShare, runs);
    }

    /**
     * The values drawn only a few times, in the order they are forced: where there are more than {@code forced}, half
     * of those forced are the likeliest under the prior, and the other half are spread evenly over the rest in the
     * order the runs met them (a site's values in order), so that a mode among values each a little less likely than
     * the first ones is not left out. A guide with no mass below k = 100 of a 200-valued Categorical, whose prior grows
     * with k, had the 50 likeliest values forced, k = 150 to 199, all far from the evidence, and left out k near 60,
     * 40% of P(e), 30 standard errors low with nothing said (an outside statistician).
     */
    static List<Seen> forcedFirst(List<Seen> few, int forced) {
        List<Seen> byPrior = new ArrayList<>(few);
        byPrior.sort(Comparator.comparingDouble((Seen v) -> -v.prior));
        if (byPrior.size() <= forced) {
            return byPrior;
        }
        int likeliest = (forced + 1) / 2;
        List<Seen> out = new ArrayList<>(byPrior.subList(0, likeliest));
        Set<Seen> chosen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        chosen.addAll(out);
        List<Seen> rest = few.stream().filter(v -> !chosen.contains(v)).toList();
        int spread = forced - likeliest;
        for (int i = 0; i < spread; i++) {
            // rest holds more than spread values, so these indices are distinct
            Seen v = rest.get((int) ((i + 0.5) * rest.size() / spread));
            chosen.add(v);
            out.add(v);
        }
        for (Seen v : byPrior) {
            if (chosen.add(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Whether a value's forced runs had weight and hold less of P(e) than would count: in a model whose runs make
     * this one choice alone, those runs are exact, so such a value is left out of nothing that matters. A Poisson(60)
     * guide for a NegativeBinomial(2, 0.05) count, k = 4 holding e^-114 of P(e) = e^-5, was named in 150 calls of
     * 150 with "forced alone it adds little", every estimate right (an outside statistician).
     */
    private static boolean addsLittle(Seen v, CallEstimate call) {
        return !call.carries(v) && forcedWithWeight(v, call) && !call.holds(v, v.logForced);
    }

    /**
     * Whether every value of the other sites, of prior probability at least {@link #MIN_PRIOR}, is one the guide
     * proposes often enough for the {@link #FORCED_RUNS} forced runs to draw it once on average: where those sites
     * are all whole-valued and made before {@code v}'s (it is the last choice of every trial run that makes it, so
     * the forced runs draw them as the call does), the forced runs meet each such combination with {@code v} and read
     * its share, so a value that holds little there is not named with "a mode that needs other choices changed with
     * it would not show". A guide exact for a fault a and a count k after it, that all but never proposes k = 14, was
     * named in 20 calls of 20 where k = 14 held 7e-6 of P(e) (an outside hunt). A choice made after it may be
     * proposed after the forced value as it never is in the call's runs: a guide of a fault b, then a ~ b ? 1e-12 :
     * 0.5, lost its verdict on b = true in 20 calls of 20, each more than 5 standard errors low, when later choices
     * counted too (the next hunt).
     */
    private static boolean othersWellDrawn(Seen v, Collection<Seen> seen, CallEstimate call) {
        for (Seen u : seen) {
            if (!u.address.equals(v.address) && u.prior >= MIN_PRIOR && call.proposal(u) * FORCED_RUNS < 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code v}'s forced runs hold a share of the call's P(e) under {@link #UNDER_PROPOSED} times the
     * probability the guide proposes it with, as a value drawn as often as it weighs does, which the estimate cannot
     * miss by more than that share: an exact guide of a sticky three-state chain proposed s[8] = 0 with probability
     * 4.7e-7, its posterior probability, and its forced runs held 5.2e-7 of P(e), yet it was named in 20 calls of 20
     * (an outside hunt), every estimate exact.
     */
    private static boolean proposedAsItWeighs(Seen v, CallEstimate call) {
        return forcedWithWeight(v, call) && !call.underProposed(v, v.logForced);
    }

    /** Whether {@code v} was forced, some forced run had weight, and its share of the call's P(e) can be read. */
    private static boolean forcedWithWeight(Seen v, CallEstimate call) {
        return v.forcedRuns > 0 && v.hit && v.logForced != Double.POSITIVE_INFINITY
                && call.logZHat != Double.NEGATIVE_INFINITY;
    }

    /** The fewest runs a value about to be named is {@link #recount recounted} on. */
    static final int RECOUNT_RUNS = 1000;

    /**
     * Averages {@code v}'s proposal probability again over more of the call's runs (its runs {@code trials} onwards,
     * made again with their traces: {@link #RECOUNT_RUNS} or ten times the trial runs, within the call's runs), before
     * it is named: a value whose probability depends on earlier choices is drawn, in the trial runs, only as often as
     * those choices are. Under the prior, a burglary network's alarm (0.001 without a burglary or an earthquake, 0.29
     * to 0.95 with one, 0.016 in all) read 0.001 over 30 trial runs that had neither, "expected 3 times" in 3,000 runs
     * where they draw it 48 times, and the estimate was said to hang on it in 71 calls of 300, every estimate right
     * (an outside statistician).
     */
    private static <T> void recount(Execution<T> execution, long seed, Seen v, CallEstimate call) {
        long more = Math.min(call.runs - call.trials, Math.max(RECOUNT_RUNS, 10 * call.trials));
        if (more <= 0 || v.counted > call.trials) {
            return;
        }
        Runner<T> runner = execution.runner();
        double sum = v.proposed;
        long counted = call.trials;
        for (long i = call.trials; i < call.trials + more; i++) {
            try {
                runner.run(seed, i);
            } catch (RuntimeException e) {
                continue; // the call reported it
            }
            counted++;
            TraceSite s = runner.trace().site(v.address).orElse(null);
            if (s == null || s.kind() != SiteKind.LATENT) {
                continue; // 0 in a run without its site
            }
            Dist p = s.prior();
            Dist q = s.proposal() == null ? p : s.proposal();
            int k = p instanceof BoolDist ? v.value : v.value - (int) p.support().lower();
            sum += drawProbability(p, q, k, Math.exp(logMass(p, p, k)), runner.defensiveAlpha());
        }
        v.proposed = sum;
        v.counted = counted;
    }

    /**
     * The values {@link MisplacedValues} looks at: at each site, every value but the one the guide proposes most, of
     * prior probability at least {@link MisplacedValues#MIN_PRIOR}; one whose forced runs with the guide elsewhere all
     * had weight 0 too, since with the prior elsewhere it may have some.
     */
    private static List<MisplacedValues.Candidate> misplacedCandidates(Collection<Seen> seen) {
        Map<Address, Seen> favourite = new LinkedHashMap<>();
        for (Seen v : seen) {
            favourite.merge(v.address, v, (a, b) -> b.proposed > a.proposed ? b : a);
        }
        List<MisplacedValues.Candidate> out = new ArrayList<>();
        for (Seen v : seen) {
            if (v != favourite.get(v.address) && v.prior >= MisplacedValues.MIN_PRIOR) {
                out.add(new MisplacedValues.Candidate(v.address, v.name, v.bool, v.value, v.prior));
            }
        }
        return out;
    }

    /**
     * The value the guide proposes least against its prior, among those with prior at least {@link #MIN_PRIOR} and
     * fewer than {@link #MAX_EXPECTED_DRAWS} expected draws, leaving out a value the evidence rules out; null if none.
     * A candidate not forced yet (the screen forces only the likeliest of the values drawn a few times) is forced
     * before it is named, at most {@link #MAX_FORCED_VALUES} of them, on streams after the screen's {@code screened}:
     * a count below a condition's threshold (n = 136 under {@code condition(n >= 200)}) was named as leaving out
     * posterior mass it cannot have, in every call (a new user's report). Ruled out then takes the prior elsewhere
     * too ({@link #ruledOutByPrior}), since a value the guide's other choices leave without weight may have some
     * with the prior's. While every value forced here was ruled out, the forcing goes on past that budget, up to
     * {@link #MAX_RULED_OUT_VALUES}: a guide that draws each claim count from its exact conditional proposes none of
     * the counts below those reported, and with some 100 such counts over five sites, the 51st, never forced, was named
     * as leaving out posterior mass it cannot have (a new user's {@code Importance.check}).
     */
    private static <T> Seen unproposed(Execution<T> execution, long seed, Collection<Seen> seen, long runs,
                                       CallEstimate call, List<HypothesisShare> hypotheses, int screened) {
        List<Seen> candidates = new ArrayList<>();
        for (Seen v : seen) {
            if (v.prior >= MIN_PRIOR && call.proposal(v) * runs < MAX_EXPECTED_DRAWS) {
                candidates.add(v);
            }
        }
        candidates.sort(Comparator.comparingDouble((Seen v) -> -v.prior / call.proposal(v)));
        int forcedHere = 0;
        boolean allRuledOut = true;
        for (Seen v : candidates) {
            int budget = allRuledOut ? MAX_RULED_OUT_VALUES : MAX_FORCED_VALUES;
            if (v.forcedRuns == 0 && forcedHere < budget) {
                int c = screened + forcedHere++;
                force(execution, seed, c, v, FORCED_RUNS, hypotheses);
                if (v.ruledOut() && !ruledOutByPrior(execution, seed, c, v)) {
                    return v;
                }
                allRuledOut &= v.ruledOut();
            }
            if (!v.ruledOut()) {
                return v;
            }
        }
        return null;
    }

    /**
     * How many values {@link #unproposed} forces while every one it forced was ruled out by the evidence, where
     * {@link #MAX_FORCED_VALUES} would otherwise stop it: at most {@code 2 x 250 x FORCED_RUNS} runs.
     */
    static final int MAX_RULED_OUT_VALUES = 250;

    /**
     * Whether runs with {@code v} forced and the prior at every other site all have weight 0 where they reach its site:
     * with {@link Seen#ruledOut()}, a value the evidence rules out whatever else the run chose. {@link #FORCED_RUNS}
     * of them, and {@link #UNREACHED_EXTENSION} times as many more where none reached the site; where still none
     * does, the prior's runs cannot judge the value, and the guide's runs, which reached it, stand: in a
     * zero-inflated count model, a structural zero at a positive count (impossible) at the 21st of 40 counts was
     * named in {@code Importance.check}, the prior's runs each failing first at an earlier positive count it had
     * made a structural zero (a new user).
     */
    private static <T> boolean ruledOutByPrior(Execution<T> execution, long seed, int c, Seen v) {
        long streams = ~seed ^ (0x9E3779B97F4A7C15L * (c + 1)) ^ 0x5DEECE66DL;
        Forced f = forced(execution, false, streams, v.address, v.bool, v.value, FORCED_RUNS);
        if (f.reached() == 0) {
            f = forced(execution, false, ~streams, v.address, v.bool, v.value, UNREACHED_EXTENSION * FORCED_RUNS);
        }
        return !f.hit();
    }

    /** How many times {@link #FORCED_RUNS} more runs look for a site the prior's first forced runs never reached. */
    static final int UNREACHED_EXTENSION = 10;

    /** What is said of a value the guide all but never proposes, with its forced runs' figure where they carry. */
    private static String unproposedVerdict(Seen v, long runs, CallEstimate call) {
        long trials = call.trials;
        double q = call.proposal(v);
        return String.format(Locale.ROOT, "the guide proposes %s with probability %s on average over the "
                + "first %d runs, where the prior gives it up to %.3g in those runs: at that rate %,d runs expect to "
                + "draw it %s "
                + "times, so the estimates leave out whatever posterior mass that value has, and no weight "
                + "can show it (the lower bounds stay valid, only lower)%s; mix the prior back in "
                + "(Guide.defensive) or check with Mcmc", v.name, probability(q), trials, v.prior, runs,
                probability(q * runs), call.carries(v) ? "; " + forced(v, call) : heldLittle(v, call));
    }

    /**
     * What the forced runs of an unproposed value that does not carry a share said, if it was forced and some forced
     * run had weight: the share itself, so that a user whose guide leaves out a value the evidence all but rules out
     * sees how little it held, with what forcing one site cannot show. A share that would count but that fresh runs
     * did not confirm is given as it is, with no such reading.
     */
    private static String heldLittle(Seen v, CallEstimate call) {
        if (!forcedWithWeight(v, call)) {
            return "";
        }
        if (call.holds(v, v.logForced)) {
            return "; " + forced(v, call);
        }
        // A new user's HMM guide left state 2 out at every step: forced at the first, with the guide elsewhere leaving
        // it out still, it read a 10^-13 share where it held 98.6% of P(e), and "holds little" was read as the answer.
        return "; " + forced(v, call) + ": forced alone it adds little, though the guide elsewhere leaves out what it "
                + "never proposes at other sites too (the same value at later steps), and a mode that needs other "
                + "choices changed with it would not show in those runs";
    }

    /** Among the values drawn only a few times, the one whose forced runs carry the most of P(e); null if none. */
    private static Seen hanging(List<Seen> few, CallEstimate call) {
        Seen hanging = null;
        for (Seen v : few) {
            if (call.carries(v) && (hanging == null || v.logForced > hanging.logForced)) {
                hanging = v;
            }
        }
        return hanging;
    }

    /**
     * What is said of a value drawn only a few times whose forced runs carry a share of P(e): that the estimate
     * stands or falls with its draws, for a share of at least {@link #SHARE}; for a smaller one, how low log Z-hat
     * reads without it, against its standard error.
     */
    private static String hangingVerdict(Seen hanging, long runs, CallEstimate call, boolean guided, String remedy) {
        long trials = call.countedRuns(hanging);
        double q = call.proposal(hanging);
        String drawn = String.format(Locale.ROOT, "which the runs draw with probability %s (%s) on average over the "
                + "first %d runs: %,d runs expect to draw it %s times. %s", probability(q), guided ? "the guide's, or "
                + "the prior's where it proposes nothing" : "the prior's", trials, runs, probability(q * runs),
                capitalised(forced(hanging, call)));
        if (call.share(hanging) >= SHARE || !call.hasStandardError()) {
            return String.format(Locale.ROOT, "the estimate hangs on %s, %s: the estimates stand or fall with how "
                    + "often the call happens to draw that value, and no weight can show it; %s", hanging.name, drawn,
                    remedy);
        }
        double low = call.shortfall(hanging, hanging.logForced);
        String times = call.standardError > 0 ? String.format(Locale.ROOT, "%.3g times its standard error of %.3g",
                low / call.standardError, call.standardError) : "where its standard error reads 0";
        return String.format(Locale.ROOT, "the estimate leaves out %s, %s: in the runs that do not draw that value, "
                + "log Z-hat reads about %.3g low, %s, and no weight can show it; %s", hanging.name, drawn, low, times,
                remedy);
    }

    /**
     * Runs the model {@code runs} times with {@code v} proposed with probability 1 at its site and the call's guide
     * elsewhere, on streams of their own (the {@code c}-th forced value's), and keeps the log mean of
     * w(x) 1[x_s = v], the log of that mean less two standard errors, and how many runs reached the site. A run that
     * fails or throws counts as weight 0.
     */
    private static <T> void force(Execution<T> execution, long seed, int c, Seen v, int runs,
                                  List<HypothesisShare> hypotheses) {
        Forced f = forced(execution, true, seed ^ (0x9E3779B97F4A7C15L * (c + 1)), v.address, v.bool, v.value, runs,
                hypotheses);
        v.forcedRuns = runs;
        v.reached += f.reached();
        v.hit |= f.hit();
        v.logForced = f.logMean();
        v.logForcedLower = f.logLower();
        if (!hypotheses.isEmpty()) {
            v.logForcedH = f.logMeanH();
            v.logForcedLowerH = f.logLowerH();
        }
    }

    /**
     * What {@code runs} runs on {@code streams} said with the value {@code value} (1 or 0 for a boolean) proposed with
     * probability 1 at {@code address}, and at every other site the execution's guide or guide program if
     * {@code guideElsewhere}, else the prior: the log mean of w(x) 1[x_s = v], an unbiased estimate of
     * log P(e, x_s = v) either way; that mean less and plus two standard errors (-inf where the lower is not above 0);
     * how many runs reached the site; whether any had weight. A run that fails or throws counts as weight 0, an
     * infinite weight makes every figure +inf.
     */
    static <T> Forced forced(Execution<T> execution, boolean guideElsewhere, long streams, Address address,
                             boolean bool, int value, int runs) {
        return forced(execution, guideElsewhere, streams, address, bool, value, runs, List.of());
    }

    /**
     * {@link #forced(Execution, boolean, long, Address, boolean, int, int)}, also giving for each of
     * {@code hypotheses} the log mean of w(x) 1[x_s = v] 1[h], and that mean less two standard errors: an unbiased
     * estimate of log P(h, e, x_s = v). A hypothesis that throws counts as not holding.
     */
    static <T> Forced forced(Execution<T> execution, boolean guideElsewhere, long streams, Address address,
                             boolean bool, int value, int runs, List<HypothesisShare> hypotheses) {
        Runner<T> runner = forcedRunner(execution, guideElsewhere, address, bool, value);
        WeightStats weights = new WeightStats();
        WeightStats[] joint = new WeightStats[hypotheses.size()];
        for (int j = 0; j < joint.length; j++) {
            joint[j] = new WeightStats();
        }
        boolean infinite = false;
        int reached = 0;
        for (int i = 0; i < runs; i++) {
            double logW = forcedLogWeight(runner, streams, i, address, bool, value);
            if (logW == logW) {
                reached++;
            } else {
                logW = Double.NEGATIVE_INFINITY;
            }
            infinite |= logW == Double.POSITIVE_INFINITY;
            double l = infinite ? Double.NEGATIVE_INFINITY : logW;
            weights.add(l);
            for (int j = 0; j < joint.length; j++) {
                joint[j].add(l > Double.NEGATIVE_INFINITY && holds(hypotheses.get(j), runner) ? l
                        : Double.NEGATIVE_INFINITY);
            }
        }
        boolean hit = infinite || weights.zeroCount() < runs;
        double[] logMeanH = new double[joint.length];
        double[] logLowerH = new double[joint.length];
        for (int j = 0; j < joint.length; j++) {
            double[] m = meanAndLower(joint[j], infinite, runs);
            logMeanH[j] = m[0];
            logLowerH[j] = m[1];
        }
        double[] m = meanAndLower(weights, infinite, runs);
        double upper = m[0] == Double.NEGATIVE_INFINITY || m[0] == Double.POSITIVE_INFINITY ? m[0]
                : m[0] + Math.log1p(2 * weights.logZHatStandardError());
        return new Forced(m[0], m[1], upper, reached, hit, logMeanH, logLowerH);
    }

    /**
     * Runs of {@code execution} with the value {@code value} (1 or 0 for a boolean) proposed with probability 1 at
     * {@code address}, and at every other site the execution's guide or guide program if {@code guideElsewhere},
     * else the prior.
     */
    static <T> Runner<T> forcedRunner(Execution<T> execution, boolean guideElsewhere, Address address, boolean bool,
                                      int value) {
        return ForcedValue.execution(execution, guideElsewhere, address, point(bool, value)).runner();
    }

    /**
     * The proposal that draws {@code value} (1 or 0 for a boolean) with probability 1, over a support that covers any
     * integer or boolean prior's: what a check forces a discrete value with. Not for models: no run drawn from it
     * estimates anything but the value's own weight.
     */
    public static Dist point(boolean bool, int value) {
        return bool ? new Bernoulli(value == 1 ? 1.0 : 0.0) : new PointMass(value);
    }

    /**
     * Run {@code index} of {@code streams} on a {@link #forcedRunner}: log w(x) 1[x_s = v], {@code -inf} where the run
     * fails or its site took another value, and NaN where it never reached the site or the model threw.
     */
    static double forcedLogWeight(Runner<?> runner, long streams, long index, Address address, boolean bool,
                                  int value) {
        try {
            runner.run(streams, index);
            for (TraceSite s : runner.trace().sites()) {
                if (s.kind() == SiteKind.LATENT && s.address().equals(address)) {
                    return !runner.failed() && valueMatches(s.value(), bool, value) ? runner.logWeight()
                            : Double.NEGATIVE_INFINITY;
                }
            }
        } catch (RuntimeException e) {
            // the model threw on this forced run: weight 0, and the site not reached
        }
        return Double.NaN;
    }

    /**
     * The log mean of the weights and the log of that mean less two standard errors, mean (1 - 2 se) with se the
     * mean's relative standard error ({@code -inf} where that is not above 0); +inf for both if a weight was infinite,
     * -inf if every weight was 0.
     */
    static double[] meanAndLower(WeightStats weights, boolean infinite, long runs) {
        if (infinite || weights.zeroCount() == runs) {
            double none = infinite ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            return new double[] {none, none};
        }
        double logMean = weights.logZHat();
        double lower = 1 - 2 * weights.logZHatStandardError();
        return new double[] {logMean, lower > 0 ? logMean + Math.log(lower) : Double.NEGATIVE_INFINITY};
    }

    /** Whether hypothesis {@code h} holds for the runner's last run; false if it throws. */
    static boolean holds(HypothesisShare h, Runner<?> runner) {
        try {
            return h.holds().test(runner.value(), runner.history());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What forced runs said: see {@link #forced}. */
    record Forced(double logMean, double logLower, double logUpper, int reached, boolean hit, double[] logMeanH,
                  double[] logLowerH) {
    }

    /**
     * Forces again, in {@link #CONFIRMING_RUNS} runs on fresh streams, the values (at most {@link #CONFIRMED_VALUES},
     * those holding the most) whose screens hold enough of the call's estimate ({@link CallEstimate#holds}), and marks
     * them confirmed: the screen chose them for their luck as much as for their share, so only fresh runs can say what
     * they hold.
     */
    private static <T> void confirm(Execution<T> execution, long seed, List<Seen> few, CallEstimate call,
                                    List<HypothesisShare> hypotheses) {
        List<Seen> screened = new ArrayList<>();
        for (Seen v : few) {
            if (v.forcedRuns > 0 && (v.hit ? call.holds(v, v.logForced) : mayHold(v, call))) {
                screened.add(v);
            }
        }
        screened.sort(Comparator.comparingDouble((Seen v) -> -v.logForced));
        int c = 0;
        for (; c < Math.min(CONFIRMED_VALUES, screened.size()); c++) {
            Seen v = screened.get(c);
            force(execution, ~seed, c, v, CONFIRMING_RUNS, hypotheses);
            v.confirmed = true;
        }
        // For each hypothesis, the values whose screens hold the most of P(h, e), and enough of it, if not yet
        // confirmed: at most CONFIRMED_VALUES of them over all the hypotheses.
        int more = 0;
        for (int j = 0; j < hypotheses.size() && more < CONFIRMED_VALUES; j++) {
            CallEstimate joint = jointEstimate(hypotheses.get(j), call);
            int h = j;
            List<Seen> onH = new ArrayList<>();
            for (Seen v : few) {
                if (!v.confirmed && v.forcedRuns > 0 && v.hit && v.logForcedH != null
                        && joint.holds(v.logForcedH[h], call.proposal(v))
                        && hypotheses.get(h).overweight(v.logForcedH[h] - joint.logZHat(), call.proposal(v))) {
                    onH.add(v);
                }
            }
            onH.sort(Comparator.comparingDouble((Seen v) -> -v.logForcedH[h]));
            for (int k = 0; k < onH.size() && more < CONFIRMED_VALUES; k++, more++) {
                Seen v = onH.get(k);
                force(execution, ~seed, c++, v, CONFIRMING_RUNS, hypotheses);
                v.confirmed = true;
            }
        }
    }

    /**
     * Whether a value whose screen had no run with weight could still hold enough of P(e): no hit in r runs that
     * reached it leaves the chance of one up to about 3 / r (the rule of three), and a hit of weight about its prior
     * p(v) would then give P(e, x_s = v) up to 3 p(v) / r. A fault of prior 1e-6 that meets the evidence in one forced
     * run of 15 held 99.9% of P(e), and in the quarter of calls whose 20 screening runs all missed, it was taken as
     * one the evidence rules out: subset simulation read log P(e) 3 to 7 nats low with nothing said in 11 calls of 60
     * (an outside statistician). Such a value, where that could be {@link #SHARE} of the estimate, is confirmed in
     * fresh runs, as one whose screen holds enough.
     */
    private static boolean mayHold(Seen v, CallEstimate call) {
        return v.reached > 0 && Math.log(RULE_OF_THREE * v.prior / v.reached) - call.logZHat() >= Math.log(SHARE);
    }

    /** The expected hits below which none is seen in 95% of trials: the rule of three's upper bound is 3 / trials. */
    private static final double RULE_OF_THREE = 3;

    /** The call's estimate of log P(h, e), with its standard error, as {@link CallEstimate#holds} reads it. */
    static CallEstimate jointEstimate(HypothesisShare h, CallEstimate call) {
        return new CallEstimate(h.logJoint(), h.standardError(), call.trials(), call.runs());
    }

    /** What is said of a value the estimate of P(h, e) hangs on. */
    private static String hypothesisVerdict(String name, Seen v, double logForcedH, CallEstimate joint, long runs,
                                            CallEstimate call, String remedy) {
        double q = call.proposal(v);
        return String.format(Locale.ROOT, "P(%s | e) hangs on %s, which the runs draw with probability %s on average "
                + "over the first %d runs: %,d runs expect to draw it %s times. Forced there in %d runs (the guide "
                + "elsewhere), it gives P(%s, e, %s) about %s, %.3g times the estimate of P(%s, e), %s, though less "
                + "of P(e): the self-normalised P(%s | e) stands or falls with how often the call happens to draw "
                + "it, and no weight can show it; %s", name, v.name, probability(q), call.countedRuns(v), runs,
                probability(q * runs), v.forcedRuns, name, v.name, power(logForcedH),
                Math.exp(logForcedH - joint.logZHat()), name, power(joint.logZHat()), name, remedy);
    }

    /**
     * The call's estimate of log P(e), its reported standard error (NaN or infinite where it has none to compare
     * with), and how many of its first runs were made again to read the proposals: what a forced value's share of
     * P(e) is measured against.
     */
    record CallEstimate(double logZHat, double standardError, long trials, long runs) {

        /** q(v): the value's proposal probability, averaged over the trial runs (or the runs it was recounted on). */
        double proposal(Seen v) {
            return v.proposed / countedRuns(v);
        }

        /** The runs {@link #proposal} averages {@code v}'s proposal probability over. */
        long countedRuns(Seen v) {
            return v.counted > 0 ? v.counted : trials;
        }

        /**
         * Whether the call's reported standard error is too small to hold what drawing {@code v} about n = q(v) N
         * times puts into its estimate, s / sqrt(n) for a share s of P(e) (the Poisson spread of the count): less
         * than half of that, the call's runs show none of the value's weight (it needs a combination they seldom
         * drew). Below {@link #SPREAD_DRAWS} expected draws it always is. A value of share 0.1 under the prior, drawn
         * about 15 times in 1,000 runs, was told the estimate "hangs on" it in 300 calls of 300, every estimate right
         * (an outside statistician), once values expected fewer than 20 times were forced.
         */
        boolean spreadUnseen(Seen v, double logShare) {
            double n = proposal(v) * runs;
            if (n < SPREAD_DRAWS || !hasStandardError()) {
                return true;
            }
            return standardError < Math.exp(logShare - logZHat) / Math.sqrt(n) / 2;
        }

        /** Whether the standard-error rule applies: the call reported a finite standard error. */
        boolean hasStandardError() {
            return standardError >= 0 && standardError < Double.POSITIVE_INFINITY;
        }

        /**
         * Whether {@code logForced}, an estimate of log P(e, x_s = v), holds enough of P(e) for the value to matter:
         * at least {@link #SHARE} of the call's estimate (any share, if no run had weight), or a share whose absence
         * from the runs takes log Z-hat {@link #shortfall} low by at least {@link #STANDARD_ERRORS} of its reported
         * standard errors and {@link #LEAST_ERROR} (the class comment).
         */
        boolean holds(Seen v, double logForced) {
            return holds(logForced, proposal(v));
        }

        /** {@link #holds(Seen, double)} for values proposed with probability {@code q} in all. */
        boolean holds(double logForced, double q) {
            if (logForced - logZHat >= Math.log(SHARE)) {
                return true;
            }
            return hasStandardError()
                    && shortfall(logForced, q) >= Math.max(STANDARD_ERRORS * standardError, LEAST_ERROR);
        }

        /** The forced runs' P(e, x_s = v) as a share of the call's estimate of P(e). */
        double share(Seen v) {
            return Math.exp(v.logForced - logZHat);
        }

        /**
         * How far log Z-hat reads below log P(e) in a call that never draws {@code v}, if {@code logForced} is
         * log P(e, x_s = v): log(1 - q + s) for s that share of the estimate, since the runs that do not draw v
         * estimate P(e, x_s != v) / (1 - q).
         */
        double shortfall(Seen v, double logForced) {
            return shortfall(logForced, proposal(v));
        }

        /** {@link #shortfall(Seen, double)} for values proposed with probability {@code q} in all. */
        double shortfall(double logForced, double q) {
            return Math.log1p(Math.exp(logForced - logZHat) - q);
        }

        /**
         * Whether the confirming runs of {@code v}, less two standard errors, still {@link #holds hold} enough of
         * P(e). Less proves little: forcing one site with the guide elsewhere misses a mode that needs other choices
         * changed too (a mixture's labels swapped together).
         */
        boolean carries(Seen v) {
            return v.confirmed && v.logForcedLower > Double.NEGATIVE_INFINITY && holds(v, v.logForcedLower)
                    && spreadUnseen(v, v.logForcedLower) && underProposed(v, v.logForcedLower);
        }

        /**
         * Whether the value's share of P(e) (from {@code logShare}, its log) is at least {@link #UNDER_PROPOSED}
         * times its proposal probability: the count of its draws moves the estimate by about (s - q) / sqrt(n), so a
         * value drawn as often as it weighs moves nothing. With the exact posterior as guide (every weight equal), a
         * label proposed with probability 0.052 and holding 0.055 of P(e) was said to hang the estimate in 20 calls of
         * 20 (a false-alarm hunt).
         */
        boolean underProposed(Seen v, double logShare) {
            return Math.exp(logShare - logZHat) >= UNDER_PROPOSED * proposal(v);
        }
    }

    /** What the forced runs of {@code v} said, against the call's estimate of log P(e), and as a share of it. */
    private static String forced(Seen v, CallEstimate call) {
        double logZHat = call.logZHat;
        String of = v.logForced == Double.NEGATIVE_INFINITY ? "0" : "about " + power(v.logForced);
        String against = logZHat == Double.NEGATIVE_INFINITY ? "0 (no run had weight)" : power(logZHat);
        String share = logZHat == Double.NEGATIVE_INFINITY || v.logForced == Double.NEGATIVE_INFINITY ? ""
                : call.share(v) > Double.MAX_VALUE ? " (past all of it, by more than a double can hold)"
                : String.format(Locale.ROOT, " (%.3g times it)", call.share(v));
        return String.format(Locale.ROOT, "forced there in %d runs (the other choices drawn as the call draws them), "
                + "it gives P(e, %s) %s, "
                + "against the estimate of P(e), %s%s", v.forcedRuns, v.name, of, against, share);
    }

    /**
     * {@code e^x} as text: x to one decimal, or to four significant digits where it is huge (a guide's log q of -1e290
     * printed as a number of 290 digits).
     */
    static String power(double x) {
        return String.format(Locale.ROOT, Math.abs(x) < 1e6 ? "e^%.1f" : "e^%.4g", x);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean valueMatches(Object value, boolean bool, int v) {
        return bool ? value instanceof Boolean b && b == (v == 1) : value instanceof Integer n && n == v;
    }

    /** The number of values of a finite discrete prior with at most {@link #MAX_VALUES} values, else 0. */
    static int valueCount(Dist p) {
        if (p instanceof BoolDist) {
            return 2;
        }
        if (p instanceof IntDist) {
            Support s = p.support();
            double n = s.upper() - s.lower() + 1;
            return s.isFinite() && n <= MAX_VALUES ? (int) n : 0;
        }
        return 0;
    }

    /**
     * The probability that a run draws the k-th value of its prior {@code p} (of probability {@code prior} there) at a
     * site proposed from {@code q}, in a run of a whole-run defensive mixture of prior share {@code alpha} (0 for any
     * other guide): the trial runs' sum and a recount's read it alike.
     */
    private static double drawProbability(Dist p, Dist q, int k, double prior, double alpha) {
        return q == p ? prior : (1 - alpha) * Math.exp(logMass(q, p, k)) + alpha * prior;
    }

    /** The log probability under {@code d} of the k-th value of {@code p}'s support (-inf if d has another kind). */
    static double logMass(Dist d, Dist p, int k) {
        if (p instanceof BoolDist) {
            return d instanceof BoolDist b ? b.logMass(k == 1) : Double.NEGATIVE_INFINITY;
        }
        return d instanceof IntDist n ? n.logMass(valueOf(p, k)) : Double.NEGATIVE_INFINITY;
    }

    static int valueOf(Dist p, int k) {
        return p instanceof BoolDist ? k : (int) p.support().lower() + k;
    }

    static String show(Dist p, int k) {
        return p instanceof BoolDist ? Boolean.toString(k == 1) : Integer.toString(valueOf(p, k));
    }

    /**
     * The value {@code value} with probability 1, on a support of every int: a forced proposal must cover its prior's
     * support (the general path refuses a narrower one), and it does so for any integer prior.
     */
    private record PointMass(int value) implements IntDist {
        private static final Support EVERY_INT = Support.integers(Integer.MIN_VALUE + 1, Integer.MAX_VALUE);

        @Override
        public int sample(Rng rng) {
            return value;
        }

        @Override
        public double logMass(int k) {
            return k == value ? 0 : Double.NEGATIVE_INFINITY;
        }

        @Override
        public double mean() {
            return value;
        }

        @Override
        public double variance() {
            return 0;
        }

        @Override
        public Support support() {
            return EVERY_INT;
        }
    }

    static String probability(double x) {
        return x == 0 ? "0" : String.format(Locale.ROOT, "%.3g", x);
    }
}
