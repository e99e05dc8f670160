package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.inference.stats.Bound;
import dev.ariadne.inference.stats.BoundMethod;
import dev.ariadne.inference.stats.Bounds;
import dev.ariadne.inference.stats.BettingBound;
import dev.ariadne.inference.stats.ParetoKHat;
import dev.ariadne.inference.stats.WeightBound;
import dev.ariadne.inference.stats.WeightStats;
import io.vavr.Lazy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.commons.numbers.gamma.InverseErfc;

/**
 * What importance sampling learned from its runs: the evidence estimate, the guide's free energy, certified lower
 * bounds on P(e) and P(h, e), conditional estimates, diagnostics and posterior summaries. Immutable once
 * returned.
 *
 * @param <T> the model's return type
 */
public final class ImportanceResult<T> implements EvidenceResult {

    private final Plan<T> plan;
    private final Accumulator<T> acc;
    private final int simultaneousBounds;
    /** Where a call that ran {@code untilCertified} stopped and why; null for other calls. */
    private volatile String certifiedStop;
    /** How many runs from the prior check a guided call's estimate ({@link PriorCrossCheck}); 0: none. */
    private volatile long priorCheckRuns;

    /** The verdict of {@link PriorCrossCheck} on this call, made once. */
    private final Lazy<Optional<String>> missedByGuide;
    /** The verdict of {@link UserDistributionCheck} on the call's distributions of the user's own, made once. */
    private final Lazy<Optional<String>> userDistributions;
    /** The verdict of {@link ScoresLostToRounding} on the call's first runs, made once. */
    private final Lazy<Optional<String>> scoresLost;
    /**
     * The verdict on a site where this call's guide's tail is too light, and what the probes left out
     * ({@code LightGuideTails}), found once.
     */
    private final Lazy<LightGuideTails.Finding> lightTail;
    /** {@link DiagonalTails}' verdict, found once. */
    private final Lazy<Optional<String>> diagonalTail;
    /** The verdict on values this call's guide all but never proposes ({@code UnproposedValues}), found once. */
    private final Lazy<Optional<String>> unproposedValue;
    /**
     * A verdict when the guide keeps parameters for sites ({@link Guide#fittedSites()}, a searched guide's) none of
     * which the runs in the per-site breakdown made, or one of which it left at its prior in every one of the first
     * runs: a guide fitted to another model, which proposes the prior there while every figure looks like a guided
     * one's. Found once: the second case makes runs again.
     */
    private final Lazy<Optional<String>> fittedElsewhere;

    ImportanceResult(Plan<T> plan, Accumulator<T> acc, int simultaneousBounds) {
        this.plan = plan;
        this.acc = acc;
        this.simultaneousBounds = simultaneousBounds;
        this.missedByGuide = Lazy.of(() -> plan.execution == null || acceptedRuns() == 0 ? Optional.empty()
                : PriorCrossCheck.verdict(this, plan, priorCheckRuns));
        this.userDistributions = Lazy.of(() -> plan.execution == null ? Optional.empty()
                : UserDistributionCheck.verdict(plan.execution, plan.seed));
        this.scoresLost = Lazy.of(() -> plan.execution == null ? Optional.empty()
                : ScoresLostToRounding.verdict(plan.execution, plan.seed));
        this.lightTail = Lazy.of(() -> plan.execution == null ? LightGuideTails.Finding.NONE
                : LightGuideTails.verdict(plan.execution, plan.seed, acc.runs, hypothesisRuns(), spreadBySite()));
        this.diagonalTail = Lazy.of(() -> plan.execution == null ? Optional.empty()
                : DiagonalTails.verdict(plan.execution, plan.seed, acc.runs));
        this.unproposedValue = Lazy.of(() -> plan.execution == null ? Optional.empty()
                : UnproposedValues.verdict(plan.execution, plan.seed, acc.runs, acc.weights.logZHat(),
                        acc.weights.logZHatStandardError(), UnproposedValues.GUIDE_REMEDY, prior -> false,
                        hypothesisShares(), binomial() ? UnproposedValues.Weights.CAPPED
                                : UnproposedValues.Weights.INDEPENDENT));
        this.fittedElsewhere = Lazy.of(() -> plan.execution == null ? Optional.empty() : findFittedElsewhere());
    }

    void checkedByPriorRuns(long runs) {
        this.priorCheckRuns = runs;
    }

    /** Whether a call run until certified was stopped by its time budget (its figures then cover fewer runs). */
    private volatile boolean stoppedByBudget;

    void stoppedBecause(String note, boolean byBudget) {
        this.certifiedStop = note;
        this.stoppedByBudget = byBudget;
    }

    /**
     * For a call that ran {@link Importance#untilCertified}, whether it reached its target tightness, and if not,
     * what stopped it (its time budget or its samples) and how tight the bound got; empty for other calls.
     */
    public Optional<String> untilCertifiedStop() {
        return Optional.ofNullable(certifiedStop);
    }

    /** The number of runs. */
    public long runs() {
        return acc.runs;
    }

    /** The seed the runs were drawn with. */
    public long seed() {
        return plan.seed;
    }

    /** The number of runs per batch mean of the betting bound. */
    public int batchSize() {
        return plan.batchSize;
    }

    /** The number of runs with positive weight (they satisfied the evidence). */
    public long acceptedRuns() {
        return acc.runs - acc.weights.zeroCount();
    }

    /** The fraction of runs with positive weight: the acceptance rate of guided sampling with rejections. */
    public double acceptanceRate() {
        return acceptedRuns() / (double) acc.runs;
    }

    /** The runs with weight 0, by cause. */
    public Map<FailureCause, Long> failures() {
        Map<FailureCause, Long> m = new EnumMap<>(FailureCause.class);
        for (FailureCause c : FailureCause.values()) {
            m.put(c, acc.failures[c.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    private String uncoveredSupport;

    /**
     * Where no run was accepted and some failed at a latent value outside its prior's support: the first such run
     * made again on the general path, which refuses a proposal whose support does not cover its prior's, and its
     * reason; else empty. A Beta(2, 2) guide for a Uniform(2, 3) prior, which the message for a Normal guide there
     * had just suggested, drew every value outside it, and the call said only "support violation at x" (an outside
     * statistician).
     */
    private synchronized String uncoveredSupport() {
        if (uncoveredSupport == null) {
            uncoveredSupport = "";
            if (acc.failures[FailureCause.SUPPORT_VIOLATION.ordinal()] > 0 && plan.execution != null
                    && acc.firstFailedRun < Long.MAX_VALUE) {
                try {
                    plan.execution.runner().run(plan.seed, acc.firstFailedRun);
                } catch (dev.ariadne.core.ModelException e) {
                    if (e.reason().contains(dev.ariadne.core.dist.Support.SAME_SUPPORT_RULE)) {
                        uncoveredSupport = "; made again on the general path, that run is refused: " + e.reason();
                    }
                } catch (RuntimeException e) {
                    // the call reported what the model throws
                }
            }
        }
        return uncoveredSupport;
    }

    private void requireAccepted(String what) {
        if (acceptedRuns() == 0) {
            throw new IllegalStateException(what + " needs a run with positive weight, and " + noneAccepted());
        }
    }

    private String noneAccepted() {
        return "no run satisfied the evidence: 0 of " + acc.runs + " accepted"
                + (acc.firstFailure == null ? "" : "; the first, run " + acc.firstFailedRun + " of seed " + plan.seed
                + ", has weight 0 (" + acc.firstFailure + "): an observation outside its distribution's support (or "
                + "so far in its tail that its density underflows to 0), a condition no run meets, a proposal that "
                + "misses where the evidence lies, or finite log scores whose sum is below the least double (two "
                + "factors of -1e308)")
                + uncoveredSupport()
                // a guide file's Normal of location 1e300 and scale 0.7 failed every run, told only the list above
                // (an adversarial tester)
                + (acc.failures[FailureCause.UNREPRESENTABLE_DRAW.ordinal()] == 0 ? ""
                : String.format(Locale.ROOT, "; %,d of the runs failed at an unrepresentable draw: the guide's "
                + "proposal drew %s; a proposal whose location is far from 0 beside its scale (a location of 1e300, "
                + "whose doubles are about 1e284 apart, with a scale of 0.7) draws nothing else: check the guide's "
                + "parameters", acc.failures[FailureCause.UNREPRESENTABLE_DRAW.ordinal()],
                dev.ariadne.core.dist.Support.UNWEIGHABLE_ZONE))
                // a portfolio's loss past a threshold (P = 3e-6) was told this with no way on (a new user)
                + (acc.failures[FailureCause.CONDITION_FALSE.ordinal()] == 0 ? "" : "; where a condition is a rare "
                + "event rather than an impossible one (a loss past a threshold), SubsetSimulation.of(model) and a "
                + "guide search climb toward it once it is stated with a margin, p.condition(name, score, "
                + "threshold)")
                // past 3,200 runs the note vanished though evidence of 1e-12 is no more told from impossible there
                // (a false-alarm hunt)
                + (stoppedByBudget ? String.format(Locale.ROOT, "; but the time budget ran out after only %,d "
                + "run%s, which cannot tell evidence rarer than about 1 in %,d from evidence that is impossible: give "
                + "the call a longer budget (on Spark, the first job of a session takes seconds to start, and the "
                + "budget counts it) or a guide that proposes where the evidence lies", acc.runs,
                acc.runs == 1 ? "" : "s", acc.runs) : "");
    }

    /**
     * log Z-hat, the log of the mean weight: an estimate of log P(e) (biased low in log space), with its
     * delta-method standard error. The standard error comes from the same weights and is too small when they are
     * heavy-tailed: read it beside {@link Diagnostics#paretoK()}.
     *
     * @throws IllegalStateException when no run was accepted
     */
    @Override
    public Estimate logEvidence() {
        requireAccepted("log Z-hat");
        double se = acc.weights.logZHatStandardError();
        // A guide exact on one mode of two weighs every run alike: "+- 0.0" read 0.1 nats low in 85 calls of 100 (an
        // outside statistician), the spread of the weights being all a standard error can read
        boolean noSpread = acc.weights.positiveWeightsEqual() && acceptedRuns() == acc.runs
                && acc.sites.anyLatent();
        // One run carrying the weight reads a standard error near 1 whatever the error: 1.0 beside an estimate 3.7e10
        // nats off (an adversarial tester).
        boolean oneRun = acc.weights.ess() < 1.5 && acceptedRuns() > 1;
        return new Estimate(acc.weights.logZHat(), se, noSpread ? "log Z-hat; every run weighed the same, so no "
                + "spread shows: exact where the guide is the posterior, and blind to a region or mode the guide never "
                + "proposes (diagnostics() sets the prior's runs beside it)" : oneRun ? String.format(Locale.ROOT,
                "log Z-hat; one run carries nearly all the weight (ESS %.2f), so the standard error reads about 1 "
                + "whatever the error, and says nothing of it", acc.weights.ess()) : "log Z-hat");
    }

    /**
     * The free energy F-hat = mean(log q - log p) with its standard error: the paper's estimate of
     * KL(q || p(.|e)) - log P(e). It is +inf when some run failed (the guide puts mass where p has none); then
     * read {@link #acceptedFreeEnergy()} and {@link #restartFreeEnergy()}.
     *
     * @throws IllegalStateException when no run was accepted
     */
    public Estimate freeEnergy() {
        requireAccepted("the free energy");
        if (acc.weights.zeroCount() > 0) {
            return new Estimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, String.format(Locale.ROOT,
                    "infinite: %.3g%% of runs failed; see the accepted and restart-on-failure free energies",
                    100 * (1 - acceptanceRate())));
        }
        return new Estimate(acc.weights.freeEnergy(), acc.weights.freeEnergyStandardError(), "free energy");
    }

    /** The free energy over the accepted runs only, with its standard error. */
    public Estimate acceptedFreeEnergy() {
        requireAccepted("the accepted free energy");
        return new Estimate(acc.weights.freeEnergyOfSuccessful(), acc.weights.freeEnergyStandardError(),
                "free energy of the accepted runs");
    }

    /**
     * The free energy of the restart-on-failure guide (the paper's guided sampling with rejections): the free
     * energy over accepted runs plus -log(acceptance rate). Its standard error combines both parts (delta method
     * for the log of the acceptance rate).
     */
    public Estimate restartFreeEnergy() {
        requireAccepted("the restart-on-failure free energy");
        double a = acceptanceRate();
        double seAccepted = acc.weights.freeEnergyStandardError();
        double seLogA = Math.sqrt((1 - a) / (a * acc.runs));
        double se = Math.sqrt(sq(seAccepted) + sq(seLogA));
        return new Estimate(acc.weights.freeEnergyOfSuccessful() - Math.log(a), se,
                "free energy of the restart-on-failure guide");
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * The KL estimate F-hat + log Z-hat of KL(q || p(.|e)). Biased low; it can come out negative. Its standard error
     * is its spread over the runs drawn, not its bias: where the guide misses part of P(e), log Z-hat leaves that share
     * out and the estimate reads low by far more (a searched guide of true KL 0.093 read 0.0014 +- 0.0002, an outside
     * statistician). Uses the accepted runs' free energy when some runs failed (then it estimates the
     * restart-on-failure guide's KL).
     */
    public Estimate klEstimate() {
        requireAccepted("the KL estimate");
        double f = acc.weights.zeroCount() > 0 ? restartFreeEnergy().value() : acc.weights.freeEnergy();
        // with failed runs F-hat is the restart free energy's, whose error is not the weights' alone: the terms' sum
        double se = acc.weights.zeroCount() > 0
                ? Math.sqrt(sq(acc.weights.freeEnergyStandardError()) + sq(acc.weights.logZHatStandardError()))
                : acc.weights.klQPStandardError();
        return new Estimate(f + acc.weights.logZHat(), se, "KL estimate F-hat + log Z-hat: biased low, by more than "
                + "its standard error says where the guide misses part of P(e)");
    }

    private double effectiveDelta(double delta) {
        Delta.check(delta);
        return delta / simultaneousBounds;
    }

    /** The default certified lower bound on P(e): the betting confidence sequence, holding with probability 1 - delta. */
    @Override
    public Bound lowerBound(double delta) {
        return lowerBound(delta, BoundMethod.BETTING);
    }

    /** A certified lower bound on P(e) by the named method (betting, product, Markov). */
    @Override
    public Bound lowerBound(double delta, BoundMethod method) {
        return bound(acc.weights, acc.evidence, effectiveDelta(delta), method, "P(e)");
    }

    /** The default certified lower bound on P(h, e) for the declared hypothesis. */
    @Override
    public Bound lowerBound(String hypothesis, double delta) {
        return lowerBound(hypothesis, delta, BoundMethod.BETTING);
    }

    /** A certified lower bound on P(h, e) by the named method. */
    @Override
    public Bound lowerBound(String hypothesis, double delta, BoundMethod method) {
        Accumulator.HypothesisAcc h = hypothesis(hypothesis);
        return bound(h.weights, h.holds, effectiveDelta(delta), method, "P(" + hypothesis + ", e)");
    }

    /**
     * The bounds computed so far, by what they bound, delta and method: each is a root search over the batch means,
     * and {@link #summary()} and {@link #conditional} ask for the same ones again (a summary of 1,000 hypotheses took
     * 38 s; an adversarial tester).
     */
    private final Map<String, Bound> bounds = new ConcurrentHashMap<>();

    private Bound bound(WeightStats w, BettingBound betting, double delta, BoundMethod method, String what) {
        return bounds.computeIfAbsent(what + " " + delta + " " + method, key -> computedBound(w, betting, delta,
                method, what));
    }

    private Bound computedBound(WeightStats w, BettingBound betting, double delta, BoundMethod method, String what) {
        if (acceptedRuns() == 0) {
            return new Bound(Double.NEGATIVE_INFINITY, delta, method, acc.runs, noneAccepted());
        }
        Bound b = Bounds.lowerBound(method, w, betting, delta);
        String note = "lower bound on " + what + (simultaneousBounds > 1
                ? " (simultaneous with " + (simultaneousBounds - 1) + " other bounds: delta split " + simultaneousBounds
                + " ways)" : "") + (b.note().isEmpty() ? "" : "; " + b.note());
        return new Bound(b.logValue(), b.delta(), b.method(), b.runs(), note);
    }

    /**
     * The estimate of log P(h, e) ({@code held}) or log P(not h, e) from the runs: the log of the mean of w 1[h] (or
     * w 1[not h]) and its relative standard error, read from the sums of the weights and their squares (those where h
     * fails being all runs' less those where it holds). -inf with an infinite error where no run of that side had
     * weight.
     */
    Estimate logJoint(String name, boolean held) {
        WeightStats h = hypothesis(name).weights;
        WeightStats all = acc.weights;
        double logSum = held ? h.logSum() : minus(all.logSum(), h.logSum());
        double logSquares = held ? h.logSumSquares() : minus(all.logSumSquares(), h.logSumSquares());
        long n = all.count();
        String label = "log P(" + (held ? "" : "not ") + name + ", e)";
        if (!(logSum > Double.NEGATIVE_INFINITY) || n < 2) {
            return new Estimate(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, label);
        }
        double ratio = n * Math.exp(logSquares - 2 * logSum); // n / ESS of that side's weights
        return new Estimate(logSum - Math.log(n), Math.sqrt(Math.max(0.0, ratio - 1.0) / (n - 1)), label);
    }

    /** log(e^a - e^b) for a at least b; -inf where they are equal (or b, rounded, exceeds a). */
    private static double minus(double a, double b) {
        return b >= a ? Double.NEGATIVE_INFINITY : a + LogMath.log1mExp(b - a);
    }

    private Accumulator.HypothesisAcc hypothesis(String name) {
        for (int h = 0; h < plan.hypotheses.size(); h++) {
            if (plan.hypotheses.get(h).name().equals(name)) {
                return acc.hypotheses[h];
            }
        }
        throw new IllegalArgumentException("unknown hypothesis '" + name + "'; declared: " + hypothesisNames());
    }

    /** The declared hypothesis names, in order. */
    @Override
    public List<String> hypothesisNames() {
        List<String> names = new ArrayList<>();
        plan.hypotheses.forEach(h -> names.add(h.name()));
        return names;
    }

    /** {@link #conditional(String, double)} at delta 0.05. */
    @Override
    public ConditionalEstimate conditional(String hypothesis) {
        return conditional(hypothesis, 0.05);
    }

    /**
     * P(h | e) three ways: the quotient of the lower bounds (an estimate), the self-normalised estimate with a
     * delta-method interval (approximate), and a rigorous interval [max(L_h / U, 1 - U_not-h / L), min(1 - L_not-h /
     * U, U_h / L)], U, L_h and L_not-h each at 0.95 delta / 3 and L, U_h and U_not-h each at 0.05 delta / 3, only
     * where an upper bound U on P(e) exists (and so on P(h, e) and P(not h, e), whose weights are bounded too): a
     * bound on the likelihood was stated
     * ({@link Importance#maxLogLikelihood(double)}) and the proposal is the prior or a whole-run defensive mixture,
     * so that every possible run's weight is bounded ({@link dev.ariadne.inference.stats.WeightBound}).
     */
    @Override
    public ConditionalEstimate conditional(String hypothesis, double delta) {
        Delta.check(delta);
        Accumulator.HypothesisAcc h = hypothesis(hypothesis);
        if (acceptedRuns() == 0) {
            return new ConditionalEstimate(hypothesis, delta, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), noneAccepted());
        }
        Bound le = lowerBound(delta);
        Bound lh = lowerBound(hypothesis, delta);
        Optional<Estimate> quotient = le.logValue() == Double.NEGATIVE_INFINITY ? Optional.empty()
                : Optional.of(Conditional.of(lh, le));
        double r = h.share.mean();
        String few = FewEffectiveRuns.forHypothesis(hypothesis, heldRuns(h), h.share);
        double se = few == null ? h.share.standardError() : Double.POSITIVE_INFINITY;
        String sideTail = few != null ? null : HypothesisTails.verdict(hypothesis, h, acc.pareto);
        Estimate sn = new Estimate(r, se, "self-normalised: approximate" + (few != null ? "; " + few
                : sideTail != null ? "; " + sideTail : tailOk() ? ""
                : acc.runs < ParetoKHat.RUNS_TO_JUDGE ? "; the weights' tail cannot be judged below "
                + ParetoKHat.RUNS_TO_JUDGE + " runs" : acc.pareto.tailIsDiscrete() ? String.format(Locale.ROOT,
                "; an effective sample size of %.0f, under 1,000: read its standard error with care (k-hat describes "
                        + "the ties of a discrete model's weights here, not a tail)", acc.weights.ess())
                : "; unreliable, Pareto k-hat is above its threshold"));
        long leftOut = leftOut();
        if (leftOut > 0) {
            // The runs left out may hold much of h, or of not-h: the estimate is of P(h | e) outside that zone.
            sn = new Estimate(r, se, sn.label() + String.format(Locale.ROOT, "; %,d runs drew within rounding of an "
                    + "end of the proposal's support and count with weight 0, so this estimates P(h | e) outside that "
                    + "zone, and no interval is given", leftOut));
        }
        double z = Math.sqrt(2) * InverseErfc.value(delta);
        Optional<Interval> approx = few != null || leftOut > 0 ? Optional.empty()
                : Optional.of(new Interval(Math.max(0, r - z * se), Math.min(1, r + z * se),
                "approximate (delta method) at confidence " + (1 - delta)));
        String why = rigorousUnavailableReason();
        Optional<Interval> rigorous = Optional.empty();
        if (why == null) {
            // Six bounds that hold together with probability 1 - delta, and each end takes the tighter of its two
            // forms: from P(h | e) = P(h, e) / P(e) = 1 - P(not h, e) / P(e), lo = max(L_h / U, 1 - U_not / L) and
            // hi = min(1 - L_not / U, U_h / L). The weights of the runs where h holds are bounded as every run's are.
            // For a rare h, 1 - L_not / U is about 1 - L / U, the upper bound's whole slack, where U_h / L is about
            // U_h / P(e): an M/M/1 queue's P(unstable | e) of 9.5e-5 read [8.9e-5, 0.027] at 100,000 prior runs (a
            // new user). The first forms keep most of delta (SHARE of it), so that a common h's interval, which they
            // make, stays as narrow as with them alone at delta / 3 (the second forms win only for a rare h or a rare
            // not-h, by far, at any delta).
            double first = SHARE * delta / 3;
            double second = (1 - SHARE) * delta / 3;
            double logU = acc.evidence.logUpperBound(first);
            double logL = acc.evidence.logLowerBound(second);
            double logLh = h.holds.logLowerBound(first);
            double logUh = h.holds.logUpperBound(second);
            double logLnot = h.fails.logLowerBound(first);
            double logUnot = h.fails.logUpperBound(second);
            double lo = Math.min(1, Math.max(ratio(logLh, logU), 1 - ratio(logUnot, logL)));
            double hi = Math.max(lo, Math.min(1, Math.min(1 - ratio(logLnot, logU), ratio(logUh, logL))));
            // An interval of nearly all of [0, 1] holds and says nothing: printed bare, it read as an answer (a new
            // user's [0.0000, 1.0000] beside a P(e) of 1e-44 under maxLogLikelihood(0))
            String vacuous = hi - lo < VACUOUS_WIDTH ? "" : String.format(Locale.ROOT, "; it spans %.0f%% of [0, 1] "
                    + "and says little: the upper bound on P(e) rests on the stated bound on the weights, far above "
                    + "P(e) here, so state a tighter maxLogLikelihood, or make more runs", 100 * (hi - lo));
            rigorous = Optional.of(new Interval(lo, hi, "rigorous at confidence " + (1 - delta)
                    + " (upper bound on P(e) from " + plan.weightBound.describe() + ")" + vacuous));
        }
        return new ConditionalEstimate(hypothesis, delta, quotient, Optional.of(sn), approx, rigorous,
                why == null ? "" : why);
    }

    /** The width of a rigorous interval for P(h | e) past which its label says that it says little. */
    static final double VACUOUS_WIDTH = 0.9;

    /** The share of delta that the rigorous interval's first forms, L_h / U and 1 - L_not / U, take. */
    static final double SHARE = 0.95;

    /** e^(logA - logB) for bounds: infinite over a lower bound of 0, 0 for a bound of 0 over a positive one. */
    private static double ratio(double logA, double logB) {
        return logB == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY
                : logA == Double.NEGATIVE_INFINITY ? 0 : Math.exp(logA - logB);
    }

    /** The accepted runs where a hypothesis held. */
    private static long heldRuns(Accumulator.HypothesisAcc h) {
        return h.weights.count() - h.weights.zeroCount();
    }

    private String rigorousUnavailableReason() {
        Optional<String> unbounded = plan.weightBound.unavailableReason();
        if (unbounded.isPresent()) {
            return unbounded.get();
        }
        if (acc.evidence.batchCount() == 0) {
            return "too few runs for a complete batch";
        }
        long unrepresentable = leftOut();
        if (unrepresentable > 0) {
            return String.format(Locale.ROOT, "%,d runs drew where the doubles cannot carry the proposal's density "
                    + "and count with weight 0 (see the diagnostics): an upper bound on P(e) from the other runs would "
                    + "leave out the share of P(e) those draws stand for", unrepresentable);
        }
        return null;
    }

    /**
     * A certified upper bound on P(e) at {@code delta}, where one exists: a bound on the likelihood was stated and
     * the proposal bounds every weight (see {@link #conditional(String, double)}); empty otherwise, with the reason
     * in {@link #upperBoundUnavailableReason()}.
     */
    public Optional<Bound> upperBound(double delta) {
        double d = effectiveDelta(delta);
        if (rigorousUnavailableReason() != null) {
            return Optional.empty();
        }
        return Optional.of(acc.evidence.upperBound(d));
    }

    /** Why there is no upper bound on P(e) (and so no rigorous conditional interval), or empty when there is one. */
    public Optional<String> upperBoundUnavailableReason() {
        return Optional.ofNullable(rigorousUnavailableReason());
    }

    /**
     * The declared posterior expectation E[f | e], self-normalised, with its delta-method standard error
     * (approximate; trust it only when Pareto k-hat is below its threshold). Below an effective number of 10 runs
     * it has no standard error (+inf), and the label says so: one run's mean has a delta-method error of 0. So too
     * where f took one value in every accepted run, or two values with fewer than 10 effective runs at one (an
     * indicator of an event the runs seldom reach), as for a hypothesis's share; {@link #verdicts()} names it.
     */
    public Estimate expectation(String name) {
        int e = name == null ? -1 : plan.expectationNames.indexOf(name);
        if (e < 0) {
            throw new IllegalArgumentException("unknown expectation '" + name + "'; declared: "
                    + plan.expectationNames);
        }
        requireAccepted("an expectation");
        WeightedMean m = acc.expectations[e];
        String few = FewEffectiveRuns.forMean(name, m);
        String label = "self-normalised estimate of E[" + name + " | e]"
                + expectationTail(e).map(t -> "; " + t).orElse("");
        return few == null ? new Estimate(m.mean(), m.standardError(), label)
                : new Estimate(m.mean(), Double.POSITIVE_INFINITY, label + "; " + few);
    }

    /**
     * The self-normalised estimate of each declared question that stands with a standard error of its own, for the
     * prior cross-check: P(h | e) of each hypothesis, keyed {@code P(h | e)}, and E[f | e] of each expectation, keyed
     * {@code E[f | e]}; left out where its few effective runs ({@link FewEffectiveRuns}) or its tail
     * ({@link HypothesisTails}, {@link #expectationTail}) already have a verdict, or no run was accepted.
     */
    Map<String, Estimate> questionEstimates() {
        Map<String, Estimate> out = new LinkedHashMap<>();
        if (acceptedRuns() == 0) {
            return out;
        }
        for (int h = 0; h < plan.hypotheses.size(); h++) {
            String name = plan.hypotheses.get(h).name();
            Accumulator.HypothesisAcc a = acc.hypotheses[h];
            if (FewEffectiveRuns.forHypothesis(name, heldRuns(a), a.share) == null
                    && HypothesisTails.verdict(name, a, acc.pareto) == null) {
                out.put("P(" + name + " | e)", new Estimate(a.share.mean(), a.share.standardError(), name));
            }
        }
        for (int e = 0; e < plan.expectationNames.size(); e++) {
            String name = plan.expectationNames.get(e);
            WeightedMean m = acc.expectations[e];
            if (FewEffectiveRuns.forMean(name, m) == null && expectationTail(e).isEmpty()) {
                out.put("E[" + name + " | e]", new Estimate(m.mean(), m.standardError(), name));
            }
        }
        return out;
    }

    /**
     * That expectation {@code e}'s weighted values, each run's weight times |f|, have a tail too heavy for the mean
     * to be trusted (Pareto k-hat above its threshold, the one the weights are judged by), if so: the weights' tail is
     * heavier than their own k-hat shows (the cause for a bounded value), or E[f | e] does not exist (1/x with x near
     * 0 under the posterior, a Cauchy's value), and its standard error, read from the values drawn, cannot show it.
     * Not judged below {@link ParetoKHat#RUNS_TO_JUDGE} runs, nor where the largest values repeat a few (a discrete model's ties), nor
     * where the weights' own tail is named (their verdict covers every self-normalised estimate), nor where k-hat reads
     * above 1 and the fit to the largest eighth of the tail (at least 20 values) reads a finite variance (at most 0.5).
     */
    private Optional<String> expectationTail(int e) {
        if (acc.runs < ParetoKHat.RUNS_TO_JUDGE) {
            return Optional.empty();
        }
        ParetoKHat tail = acc.expectations[e].tail();
        double k = tail.kHat();
        double threshold = tail.threshold();
        // no tail to read: ties, or the largest within a factor of 2 of each other, as w |f| of a rounded value is
        // under weights equal but for rounding (k-hat 12 to 18 in 10 calls of 1,000 under the exact posterior as
        // guide, every estimate within its standard errors; an outside statistician)
        if (!(k > threshold) || k == Double.POSITIVE_INFINITY || tail.noTailToRead()
                || acc.pareto.kHat() > acc.pareto.threshold()) { // the weights' own verdict covers every estimate
            return Optional.empty();
        }
        // A k-hat above 1 (no mean at all) must be seen further out too: f = |x - 1|^-0.2 under a Gamma posterior (a
        // light power tail, shape 0.2, above a bounded bulk) read k-hat 1.7 to 2.4 in 300 seeds of 300 at 50,000
        // runs, its estimates within their standard errors; its largest eighth read 0.07 to 0.48, where |x - 1|^-0.8
        // and ^-1 (shapes 0.8 and 1) read about as they do at the usual size (an outside statistician). Only where no
        // run carries a real share of the estimate, as none did there (the largest at most 0.04% of the sum of w |f|):
        // exp(6x) under its exact posterior, a log-normal tail of log-sd 4.2, read its largest eighth light in 36
        // seeds of 1,000, each more than 5 standard errors off and silent, its largest run carrying 6% or more (a
        // second outside statistician).
        // Below 1 too, where the largest run carries no more than ten effective runs' share (1 / ESS each): a bounded
        // E[batch] from the prior under maxLogLikelihood(0), its ESS about 220 under a tail of 300, read k-hat 0.76 to
        // 1.17 in 22 calls of 100, its largest eighth -0.1 to -0.5 and its largest run 1.3% to 1.7% of the sum, every
        // estimate within its standard errors (a new user).
        double share = acc.expectations[e].largestShare();
        boolean noRunCarriesIt = share < Math.max(LIGHT_TAIL_LARGEST_SHARE,
                LIGHT_TAIL_EFFECTIVE_RUNS / acc.weights.ess());
        if (noRunCarriesIt && !(tail.kHatOfLargest(Math.max(OUTER_TAIL_MIN, tail.tailSize() / 8))
                > ParetoKHat.INFINITE_VARIANCE)) {
            return Optional.empty();
        }
        // Nor where the values are bounded, within BOUNDED_SPREAD of their mean size over the runs, and the weights'
        // own k-hat reads a finite variance: w |f| <= max |f| w has one too, and its k-hat reads the shape of the
        // values over the largest weights, not a tail. A new user's E[p0] of a probability near 0.095, under a
        // searched guide of ESS 85,000 in 100,000 runs (the weights' k-hat 0.37), read k-hat 0.71 and 0.82 in 2 calls
        // of 31, "not to be trusted", each within 0.6 standard errors (mean z^2 0.88 over 100 calls); 1/x near x = 0
        // spreads its values thousands of times past their mean size.
        if (noRunCarriesIt && acc.pareto.kHat() <= ParetoKHat.INFINITE_VARIANCE
                && acc.expectations[e].sizeSpread() <= BOUNDED_SPREAD) {
            return Optional.empty();
        }
        // A value bounded over the runs (a probability, a simplex's entry) cannot make the tail heavier than the
        // weights' own: there the weights' tail is the cause, read more clearly through the values (a new user's
        // E[theta_0] of a Dirichlet was told its posterior mean may not exist).
        return Optional.of(String.format(Locale.ROOT, "expectation '%s': its values times the weights have a tail of "
                + "Pareto k-hat %.2f, above %.2f (the weights alone read %.2f), so the estimate of E[%s | e] and its "
                + "standard error are not to be trusted: either the weights' tail is heavier than their own k-hat "
                + "shows, the runs seldom reaching where they are large (the cause for a bounded value, such as a "
                + "probability, which cannot make the tail heavier), or the posterior mean does not exist (1/x with x "
                + "near 0, a Cauchy's value)", plan.expectationNames.get(e), k, threshold, acc.pareto.kHat(),
                plan.expectationNames.get(e)));
    }

    /**
     * The most a value's size may exceed the values' weighted mean size, over the runs, for an expectation to be read
     * as one of bounded values ({@link #expectationTail}).
     */
    private static final double BOUNDED_SPREAD = 20;

    /** The fewest values the expectation tail's outer fit reads ({@link #expectationTail}). */
    private static final int OUTER_TAIL_MIN = 20;
    /**
     * The largest run's share of the sum of w |f| below which an expectation's tail is judged further out where its
     * k-hat is above 1 ({@link #expectationTail}).
     */
    private static final double LIGHT_TAIL_LARGEST_SHARE = 0.01;
    /**
     * The effective runs' share (of 1 / ESS each) that the largest run's share of the sum of w |f| must stay below, if
     * above {@link #LIGHT_TAIL_LARGEST_SHARE}, for an expectation's tail to be judged further out.
     */
    private static final double LIGHT_TAIL_EFFECTIVE_RUNS = 10;

    /** The weighted runs kept by priority sampling, for posterior means, quantiles, resampling and prediction. */
    public KeptSamples<T> kept() {
        if (plan.keep == 0) {
            throw new IllegalStateException("no runs were kept: call keep(k) with k > 0 before run()");
        }
        return new KeptSamples<>(plan, acc.kept);
    }

    /** {@link Diagnostics#tailOk()}, without building the diagnostics' verdicts. */
    private boolean tailOk() {
        return Diagnostics.tailOk(acc.runs, acc.weights.positiveWeightsEqual(), acc.pareto.shape(), acc.weights.ess(),
                acc.pareto.kHat(), acc.pareto.threshold());
    }

    /** The certified lower bound on log P(e) that {@link BoundedWeights}' proof rests on; -inf without a bound. */
    private double provenLogLower() {
        if (!plan.weightBound.isBounded() || acc.evidence.batchCount() == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return lowerBound(BoundedWeights.DELTA).logValue();
    }

    /** The relative standard error of P(e)-hat that the weight bound proves ({@link BoundedWeights}); +inf if none. */
    private double provenRelativeError(double logLower) {
        return BoundedWeights.provenRelativeError(plan.weightBound.logWeightBound(), acc.runs, logLower);
    }

    /**
     * The first accepted run where each declared hypothesis held, and where it failed, for the light-tail probes: at
     * most {@link #HYPOTHESIS_PROBE_RUNS}, the first hypotheses' first.
     */
    private long[] hypothesisRuns() {
        java.util.LinkedHashSet<Long> runs = new java.util.LinkedHashSet<>();
        for (Accumulator.HypothesisAcc h : acc.hypotheses) {
            for (long r : new long[] {h.firstHeld, h.firstFailed}) {
                if (r != Long.MAX_VALUE && runs.size() < HYPOTHESIS_PROBE_RUNS) {
                    runs.add(r);
                }
            }
        }
        return runs.stream().mapToLong(Long::longValue).toArray();
    }

    /** At most how many runs the hypotheses add to the light-tail probes' first runs. */
    private static final int HYPOTHESIS_PROBE_RUNS = 4;

    /**
     * The declared hypotheses that held in some run, with the call's estimates of log P(h, e), for the forced values'
     * shares of P(h, e) ({@code UnproposedValues}).
     */
    @SuppressWarnings("unchecked")
    private List<UnproposedValues.HypothesisShare> hypothesisShares() {
        List<UnproposedValues.HypothesisShare> shares = new ArrayList<>();
        for (int h = 0; h < plan.hypotheses.size(); h++) {
            Accumulator.Hypothesis<T> hypothesis = plan.hypotheses.get(h);
            WeightStats joint = acc.hypotheses[h].weights;
            if (joint.count() > 0 && joint.zeroCount() < joint.count()) {
                shares.add(new UnproposedValues.HypothesisShare(hypothesis.name(),
                        (value, history) -> hypothesis.test((T) value, history), joint.logZHat(),
                        joint.logZHatStandardError(), (double) heldRuns(acc.hypotheses[h]) / acc.runs));
            }
        }
        return shares;
    }

    /**
     * Whether the estimate of P(e) is a binomial proportion whose standard error holds for runs never drawn: a stated
     * bound caps every run's weight at M (the likelihood's, with the prior or a defensive mixture as the proposal),
     * every run of positive weight weighs M, and there are {@link FewEffectiveRuns#MINIMUM} or more. Weights in [0, M]
     * of mean mu vary by at most mu (M - mu), the binomial variance the runs read. Equal weights alone are not enough:
     * 10,000 runs that never drew a fault of prior 1e-4 weighed the same, and read log P(e) at -50.9 where it is -10.1.
     */
    private boolean binomial() {
        return plan.weightBound.isBounded() && acc.weights.positiveWeightsEqual()
                && acceptedRuns() >= FewEffectiveRuns.MINIMUM
                && acc.weights.maxLogWeight() >= plan.weightBound.logWeightBound() - 1e-12;
    }

    /** Each latent site's share of the variance of the log weights over the breakdown's runs. */
    private Map<Address, Double> spreadBySite() {
        Map<Address, Double> spread = new java.util.HashMap<>();
        for (SiteBreakdown b : acc.sites.breakdown()) {
            if (b.kind() == SiteKind.LATENT && Double.isFinite(b.totalShare())) {
                spread.put(b.address(), b.totalShare());
            }
        }
        return spread;
    }

    /**
     * Diagnostics of the guide as a proposal, with plain-language verdicts. Below {@link ParetoKHat#RUNS_TO_JUDGE}
     * runs the verdicts always say that the tail cannot be judged yet; they name every guide pattern that matched
     * no latent site; they point at a site only when something is wrong with the weights; and they name a value of a
     * finite discrete site that the guide all but never proposes though the prior gives it weight (found from the
     * proposals, averaged over the call's first runs made again with their traces, one in a hundred and between 20 and
     * 100, since no weight can show it).
     */
    public Diagnostics diagnostics() {
        long n = acc.runs;
        boolean equal = acc.weights.positiveWeightsEqual();
        double k = equal ? Double.NEGATIVE_INFINITY : acc.pareto.kHat();
        double threshold = acc.pareto.threshold();
        double ess = acc.weights.ess();
        double kl = acc.weights.klPQEstimate();
        double needed = kl == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Math.exp(Math.max(0, kl));
        boolean ties = acc.pareto.tailIsDiscrete();
        boolean discrete = ties || acc.pareto.tailIsNarrow(); // the pareto's noTailToRead(), its ties found once
        List<SiteBreakdown> sites = acc.sites.breakdown();
        List<String> unmatched = unmatchedPatterns();
        List<String> verdicts = new ArrayList<>();
        double logLower = provenLogLower();
        double proven = provenRelativeError(logLower);
        if (acceptedRuns() == 0) {
            verdicts.add(noneAccepted());
            unproposedValue.get().ifPresent(verdicts::add);
        } else {
            if (acceptanceRate() < 0.01) {
                verdicts.add(String.format(Locale.ROOT, "only %.3g%% of runs satisfied the evidence: a guide that "
                        + "steers toward it would waste fewer runs", 100 * acceptanceRate()));
            }
            boolean weightsOff = false;
            // No run made a choice: every run is the same run and its weight is P(e) exactly, with no tail to judge
            // (a model of observations alone was told "a heavy tail can make log Z-hat badly wrong"; a new user).
            boolean deterministic = acc.sites.runs() > 0 && !acc.sites.anyLatent();
            // nor where the weights are a binomial proportion's, bounded for every run by the stated cap they all
            // reach: two dice under a condition, with maxLogLikelihood(0), drew this verdict in 200 calls of 200 of
            // 2,000 runs, their z-scores of mean square 1.03
            if (n < ParetoKHat.RUNS_TO_JUDGE && !deterministic && !binomial()) {
                verdicts.add(String.format(Locale.ROOT, "with %d runs the weights' tail cannot be judged yet: Pareto "
                        + "k-hat needs about %,d runs (where its threshold min(1 - 1/log10 n, 0.7) reaches 0.7), and "
                        + "below that a heavy tail can make log Z-hat and its standard error badly wrong without a "
                        + "sign, and so every self-normalised estimate, P(h | e) and expectations (an outside "
                        + "statistician's P(h | e) of 0.923 read up to 10 standard errors off from 1,000 runs of the "
                        + "prior)", n, ParetoKHat.RUNS_TO_JUDGE));
            } else if (ties && !equal && ess < Diagnostics.DISCRETE_TAIL_ESS) {
                // Not where every accepted run weighs the same (rejection sampling from the prior under a hard
                // condition): the estimate is then a binomial proportion whose standard error holds, as its tail is
                // judged fine (Diagnostics.tailOk), and the verdict fired in 200 calls of 200 whose intervals covered
                // at their nominal rate (an outside statistician).
                // Below the threshold too: k-hat read 0.07 where a branch of prior probability 0.001 held half of
                // P(e) (50,000 runs from the prior, ESS about 250), and +-1.96 standard errors missed 6.6% of the
                // time, +-3 0.55%, with nothing said.
                weightsOff = true;
                // Not a pile of weights within a factor of 2 of each other: Diagnostics.tailOk says why.
                // "discrete" alone misread a transit's box-shaped dip, a likelihood constant in steps of a real
                // choice (a new user)
                verdicts.add(String.format(Locale.ROOT, "the largest weights repeat a few values (a discrete model "
                        + "whose runs recur, or a likelihood constant over stretches of its choices), so Pareto k-hat "
                        + "describes ties here, not a tail (it reads %.2f), and the "
                        + "effective sample size is the figure to read: %.0f, under %,d, so the standard errors of "
                        + "log Z-hat and of self-normalised estimates rest on the few runs that carry the weight and "
                        + "can read small (where a branch of prior probability 0.001 held half of P(e), 50,000 runs "
                        + "from the prior put the truth outside +-1.96 standard errors 6.6%% of the time): make more "
                        + "runs, "
                        + "or use a guide that proposes the heavy runs' values more often",
                        k, ess, (int) Diagnostics.DISCRETE_TAIL_ESS));
            } else if (k > ParetoKHat.INFINITE_VARIANCE && !discrete && plan.weightBound.isBounded()) {
                if (k > threshold || proven > BoundedWeights.ENOUGH) {
                    weightsOff = true;
                    verdicts.add(BoundedWeights.verdict(k, threshold, plan.weightBound, proven,
                            BoundedWeights.runsToProve(plan.weightBound.logWeightBound(), logLower)));
                }
            } else if (k > threshold && !discrete) {
                weightsOff = true;
                verdicts.add(k == Double.POSITIVE_INFINITY
                        ? BoundedWeights.UNFITTABLE + ", and log Z-hat, its standard error and self-normalised "
                        + "estimates rest on those few runs (the bounds stay valid, only looser)"
                        : String.format(Locale.ROOT, "Pareto k-hat %s: %s, so log Z-hat, its standard error and "
                        + "self-normalised estimates are unreliable (the bounds stay valid, only looser)",
                        ParetoKHat.above(k, threshold), priorRunsAtMostOne()
                                ? "over the runs made, the largest weights spread like a heavy tail"
                                : "the weights are heavy-tailed")
                        + aboveTies()
                        + mixtureCap()
                        + boundFromThePrior());
            } else if (k > ParetoKHat.INFINITE_VARIANCE && !discrete) {
                weightsOff = true;
                verdicts.add(String.format(Locale.ROOT, "Pareto k-hat %s: the largest weights look "
                        + "as if their variance may be infinite, and if it is, the standard errors of log Z-hat and "
                        + "of self-normalised estimates understate the error, though the estimates still converge "
                        + "(slowly). k-hat also reads above 0.5 from too few runs of weights whose variance is finite "
                        + "(log-normal weights of relative variance 18: half the seeds at 5,000 runs, a third at "
                        + "20,000), and there it falls as runs are added; a wider guide would help either way",
                        ParetoKHat.above(k, ParetoKHat.INFINITE_VARIANCE)) + mixtureCap() + boundFromThePrior());
            }
            // Not where some runs failed (rejection sampling: a proportion of hits with an honest standard error,
            // named in 200 calls of 200 by a first version; a hunt) nor where no run made a choice.
            if (equal && plan.weightBound.isBounded() && acceptedRuns() == n && !deterministic) {
                BoundedWeights.unreachedBound(acc.weights.maxLogWeight(), plan.weightBound, n, proven)
                        .ifPresent(v -> verdicts.add(v));
            }
            // Not where 10 or more effective runs are at least half the accepted ones (weights whose spread is at most
            // their mean; accepted runs of one weight make the ESS their number): the estimate is then about a
            // proportion of hits with an honest standard error. Rejection sampling of an event of probability 3e-4
            // was told "a few runs carry all the weight" in 50 calls of 50 whose z-scores had sd 1.03 (a new user),
            // as was one with a flat observation beside it, its ESS 99.9% of its accepted runs (a false-alarm hunt)
            boolean carried = !(ess >= FewEffectiveRuns.MINIMUM && ess >= 0.5 * acceptedRuns());
            if (ess < Math.min(100, 0.01 * n) && carried) {
                weightsOff = true;
                verdicts.add(String.format(Locale.ROOT, "the effective sample size is %.1f out of %d runs: a few "
                        + "runs carry all the weight", ess, n));
            }
            if (needed >= 0.9 * n && n >= 20) { // "at least about 1.00 runs" after a budget's one run said nothing
                // The estimate never exceeds the runs made, so at its ceiling it is a floor: "about 5.00e+03 runs are
                // needed" beside 5,000 made read as a count where an observation at 2^31 - 1 put log Z-hat 3.7e10
                // nats off (an adversarial tester).
                weightsOff = true;
                verdicts.add(String.format(Locale.ROOT, "at least about %.3g runs are needed (exp KL(p||q)), and "
                        + "likely far more: read from %d runs, that estimate never exceeds %d, and sits at that "
                        + "ceiling where a few runs carry the weight, whatever the truth", needed, n, n));
            }
            if (weightsOff) {
                siteVerdict(sites, acc.sites.valueVerdict()).ifPresent(verdicts::add);
            }
            lightTail.get().verdict().ifPresent(verdicts::add);
            if (lightTail.get().verdict().isEmpty()) {
                diagonalTail.get().ifPresent(verdicts::add);
            }
            lightTail.get().freeEnergy().ifPresent(verdicts::add);
            // a run that failed met evidence (a condition, a factor of -inf, an impossible observation) though the
            // breakdown reads only accepted runs: a model rejecting half its runs was told P(e) reads 1 (a tester)
            if (acc.sites.runs() > 0 && !acc.sites.anyEvidence()
                    && acc.failures[FailureCause.CONDITION_FALSE.ordinal()] == 0
                    && acc.failures[FailureCause.ZERO_LIKELIHOOD.ordinal()] == 0) {
                verdicts.add(String.format(Locale.ROOT, "no run of the per-site breakdown (the first %,d) met any "
                        + "evidence, no observe, factor or condition (an observeAll of no values is none): P(e) reads "
                        + "1 and every estimate is the prior's; "
                        + "if the model should be conditioned on data, these runs never reached it", acc.sites.runs()));
            }
            unproposedValue.get().ifPresent(verdicts::add);
            missedByGuide.get().ifPresent(verdicts::add);
            userDistributions.get().ifPresent(verdicts::add);
            scoresLost.get().ifPresent(verdicts::add);
            if (acc.returnedChanged != null) {
                verdicts.add(acc.returnedChanged);
            }
            for (int h = 0; h < plan.hypotheses.size(); h++) {
                String few = FewEffectiveRuns.forHypothesis(plan.hypotheses.get(h).name(), heldRuns(acc.hypotheses[h]),
                        acc.hypotheses[h].share);
                if (few != null) {
                    verdicts.add("hypothesis " + few);
                } else {
                    String tail = HypothesisTails.verdict(plan.hypotheses.get(h).name(), acc.hypotheses[h], acc.pareto);
                    if (tail != null) {
                        verdicts.add(tail);
                    }
                }
            }
            for (int e = 0; e < plan.expectationNames.size(); e++) {
                String few = FewEffectiveRuns.forMean(plan.expectationNames.get(e), acc.expectations[e]);
                if (few != null) {
                    verdicts.add("expectation " + few);
                } else {
                    expectationTail(e).ifPresent(verdicts::add);
                }
            }
        }
        long unbatched = acc.evidence.pendingRuns();
        if (!plan.mayStopEarly && unbatched > 0.01 * n) {
            verdicts.add(String.format(Locale.ROOT, "%,d of %,d runs (%.0f%%) fall in no complete batch of %,d and are "
                    + "left out of the betting bounds on P(e) and P(h, e), which stay valid on fewer runs: use a batch "
                    + "size that divides the number of samples, or leave batchSize to its default", unbatched, n,
                    100.0 * unbatched / n, plan.batchSize));
        }
        // A guide's pattern that matched nothing, or a guide fitted to other sites, is told first where the guide
        // then proposed nothing at all: it explains the lines it causes, and a typo ('lam' for lam[*]) was told last,
        // after heavy tails and advice to mix the prior in, though the guide was the prior (a new user). Not where some
        // site was guided (a dead 'nope' beside a working 'lam[*]' then led a heavy tail's verdict, a hunt), nor ahead
        // of the verdict that no run met the evidence.
        List<String> causes = new ArrayList<>();
        for (String p : unmatched) {
            causes.add(String.format(Locale.ROOT, "the guide's pattern '%s' matched no latent site in the %,d runs "
                    + "the breakdown read", p, acc.sites.runs())
                    + UnmatchedPatterns.why(p, acc.sites.evidenceMatching(p), acc.sites.latentShapes()));
        }
        if (acc.sites.runs() == 0 && n > 0 && plan.siteBreakdownRuns > 0) {
            causes.addAll(UnmatchedPatterns.inFirstRuns(plan.execution, plan.seed, n));
        }
        Optional<String> elsewhere = fittedElsewhere.get();
        elsewhere.ifPresent(causes::add);
        boolean proposedNothing = acceptedRuns() > 0 && acc.sites.runs() > 0 && acc.sites.everyLatentAtPrior();
        verdicts.addAll(proposedNothing ? 0 : verdicts.size(), causes);
        unrepresentable().ifPresent(verdicts::add);
        aboveTheStatedLikelihood().ifPresent(verdicts::add);
        if (unmatched.isEmpty() && elsewhere.isEmpty()) {
            proposesNothing().ifPresent(verdicts::add);
        }
        List<String> limits = acceptedRuns() == 0 ? List.of() : lightTail.get().unprobed().stream().toList();
        return new Diagnostics(n, acceptedRuns(), failures(), ess, k, threshold, discrete, ties, equal, needed, proven,
                Math.min(n, plan.siteBreakdownRuns), sites, unmatched, verdicts, limits);
    }

    /**
     * Under a whole-run defensive mixture with no stated bound on the likelihood, how the tail can be judged: the
     * mixture caps each weight at p(e | x) / alpha, and k-hat reads the runs' climb toward that cap as a heavy tail. A
     * guide 0.7 times the posterior's width, mixed with the prior at 0.1, read k-hat above 0.7 in 440 calls of 500
     * whose standard errors were right (mean z^2 1.02; the lead's replicates), and the verdict gave no way out. Said
     * after k-hat above 0.5 too, which a new user's mixture read in 8 calls of 40, all right.
     */
    private String mixtureCap() {
        double share = plan.execution == null || plan.execution.guide() == null ? 0
                : plan.execution.guide().wholeRunPriorShare();
        return share == 0 ? "" : String.format(Locale.ROOT, ". This call's whole-run defensive mixture caps each "
                + "weight at p(e | x) / %.3g, so where the likelihood is bounded the tail ends and k-hat may be reading "
                + "the weights' climb toward that cap: state the bound, maxLogLikelihood(C) with log p(e | x) <= C for "
                + "every possible run (0 where all evidence is hard conditions), and the tail is judged against the "
                + "cap, with a relative standard error that holds whatever the tail", share);
    }

    /**
     * Whether every run drew from the prior (no guide, no guide program), so that its weight is its likelihood, and
     * none of the runs made weighs more than 1: as with evidence only of counts and conditions, whose weights a stated
     * {@code maxLogLikelihood(0)} bounds for every run, sampled or not. Only the user can say that no run can weigh
     * more; the runs made cannot prove it.
     */
    private boolean priorRunsAtMostOne() {
        dev.ariadne.core.Execution<?> e = plan.execution;
        return e != null && e.guideProgram() == null && (e.guide() == null || e.guide() == Guide.prior())
                && !plan.weightBound.isBounded() && acc.weights.maxLogWeight() <= 0 && evidenceOfMassesOnly();
    }

    private Boolean massesOnly;

    /**
     * Whether the evidence the call's first runs met (made again with their traces) is all masses of counts,
     * categories and booleans, and hard conditions: no density, which can exceed 1 in runs not made, and no factor.
     * An observation of N(z, 0.1), whose density reaches 3.99, was told to state maxLogLikelihood(0) in 73 calls of
     * 100 whose runs happened to weigh at most 1 (a false-alarm hunt).
     */
    private synchronized boolean evidenceOfMassesOnly() {
        if (massesOnly == null) {
            boolean[] only = {true};
            int made = FirstRuns.visit(plan.execution.runner(), plan.seed, MASS_CHECK_RUNS, s -> {
                if (s.kind() == SiteKind.FACTOR || s.kind() == SiteKind.OBSERVED
                        && !(s.prior() instanceof dev.ariadne.core.dist.IntDist
                        || s.prior() instanceof dev.ariadne.core.dist.BoolDist)) {
                    only[0] = false;
                }
            });
            massesOnly = made > 0 && only[0];
        }
        return massesOnly;
    }

    /** The first runs read for {@link #evidenceOfMassesOnly}. */
    private static final int MASS_CHECK_RUNS = 20;

    /**
     * Where {@link #priorRunsAtMostOne}: how to state the bound. Capture-recapture and N-mixture models drawn from the
     * prior, whose weights are binomial likelihoods (at most 1), were told "heavy-tailed" in 34 and 46 calls of 100 to
     * 200 with their answers right (new users, three rounds running); with the bound stated the verdict says what
     * bounded weights allow.
     */
    private String boundFromThePrior() {
        return !priorRunsAtMostOne() ? "" : ". Every run drew from the prior, so its weight is its likelihood, and no "
                + "run made weighs more than 1, its evidence all masses of counts and categories and hard conditions: "
                + "where no run can weigh more (no branch observes a density or adds a factor above 0), say so with "
                + "maxLogLikelihood(0), which bounds every weight, so that their variance is finite and this verdict "
                + "is read against that bound";
    }

    /**
     * Where k-hat is that of the weights above a block of ties ({@link ParetoKHat#aboveTiesFitted()}), what that
     * means for a heavy tail; else empty.
     */
    private String aboveTies() {
        int above = acc.pareto.aboveTiesFitted();
        if (above > 0 && acceptedRuns() <= above) {
            // the ties are runs of weight 0, which recur as no choice does: a model whose runs met a condition 0.1% of
            // the time was told of "runs that recur, as a discrete choice ... make them" (a new user)
            return String.format(Locale.ROOT, ". That k-hat is of the %d runs of positive weight, fitted above the "
                    + "runs of weight 0 (runs that failed the evidence) that fill the rest of the largest %d: so few "
                    + "runs meet the evidence that the estimate rests on them, and their weights are far from equal; "
                    + "a guide that steers toward the evidence makes more of them, and more alike", above,
                    acc.pareto.tailSize() + 1);
        }
        return above == 0 ? "" : String.format(Locale.ROOT, ". That k-hat is of the %d largest weights, which lie "
                + "above weights that tie (runs that recur, as a discrete choice or one proposed from its exact "
                + "conditional make them): a branch the guide draws seldom, or from a misplaced proposal, whose runs "
                + "carry a share of P(e) that reads too low until far more of them are drawn; propose that branch "
                + "more often, or nearer where its weight lies", above);
    }

    /** The runs left out at weight 0 for a draw the doubles cannot carry ({@link FailureCause#UNREPRESENTABLE_DRAW}). */
    private long leftOut() {
        return acc.failures[FailureCause.UNREPRESENTABLE_DRAW.ordinal()];
    }

    /**
     * A verdict when runs drew where doubles cannot carry the proposal's density ({@link
     * FailureCause#UNREPRESENTABLE_DRAW}): within rounding of an end of its support where it is unbounded, or from a
     * proposal narrower than the doubles can carry ({@code RoundingCells}). Those runs
     * count with weight 0, so the estimates of P(e) and P(h, e) leave out that zone's share (its share of the runs'
     * mass under the prior, which can be large: a Beta(2, 0.05) prior holds a third of its mass within 1e-10 of 1),
     * and the lower bounds hold.
     */
    private Optional<String> unrepresentable() {
        long k = leftOut();
        if (k == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%,d of %,d runs (%.3g%%) drew a value "
                + dev.ariadne.core.dist.Support.UNWEIGHABLE_ZONE + " (the first at %s, run %d of seed %d), where the "
                + "weight p(x) / q(x) can overstate P(e) without bound: "
                + "they count with weight 0, so the estimates of P(e) and P(h, e) leave out the share of that zone, the "
                + "lower bounds hold, and no upper bound is given; a prior whose shapes are far below 1 puts mass there "
                + "too, and a proposal whose shape at that end is at least 1 draws there almost never", k, acc.runs,
                100.0 * k / acc.runs, acc.firstUnrepresentable, acc.firstUnrepresentableRun, plan.seed));
    }

    /**
     * Where a likelihood bound C was stated and the certified lower bound on P(e) exceeds e^C: P(e) is the prior's
     * mean of p(e | x), at most e^C if the statement holds and the prior's densities integrate to 1, so one of the two
     * is false. A distribution of your own whose density claimed mass its sampler never reaches put a certified lower
     * bound of 3.09 on a probability under maxLogLikelihood(0), with nothing said (an adversarial tester).
     */
    private Optional<String> aboveTheStatedLikelihood() {
        java.util.OptionalDouble c = plan.weightBound.maxLogLikelihood();
        if (c.isEmpty() || acceptedRuns() == 0) {
            return Optional.empty();
        }
        Bound b = lowerBound(0.05);
        if (!(b.logValue() > c.getAsDouble() + WeightBound.ROUNDING)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the certified lower bound on P(e), log %s at 95%%, exceeds the "
                + "stated maxLogLikelihood(%s): P(e) is the prior's mean of p(e | x), at most e^C where log p(e | x) "
                + "<= C in every run and the prior's densities and masses each sum to 1, so one of these is false; a "
                + "distribution of your own whose density or masses claim more than its sampler draws (see its check) "
                + "does this, and then no estimate or bound of this call is P(e)'s", b.logText(), c.getAsDouble()));
    }

    /**
     * The site to improve when the weights are off: the latent site with most of the variance of log q - log p where
     * it is made ({@link SiteBreakdown#varianceShare()}), whose proposal is the one to change (or the proposals of the
     * choices its prior depends on, whose misfit shows at the sites after them). Evidence sites are never named: they
     * have no proposal. The share a site carries by being made in some runs only ({@link
     * SiteBreakdown#presenceShare()}) mixes the branch's part with the site's average term where made, which the
     * evidence after it may cancel (an exact proposal's term averages KL(q || p), its divergence from the prior), so
     * it names no site: a new user's exact proposal at u[3], made in some runs, was named at 107% beside its
     * evidence's -122%. What the sites' values say ({@code driving}, {@link SiteTable#valueVerdict}) follows, or
     * stands alone.
     */
    static Optional<String> siteVerdict(List<SiteBreakdown> sites, Optional<String> driving) {
        List<SiteBreakdown> named = sites.stream().filter(s -> s.kind() == SiteKind.LATENT && s.varianceShare() > 0.5)
                .sorted(java.util.Comparator.comparingDouble(s -> -s.varianceShare())).toList();
        if (named.isEmpty()) {
            return driving;
        }
        String more = driving.map(d -> "; and " + d).orElse("");
        if (named.size() == 1) {
            SiteBreakdown s = named.get(0);
            return Optional.of(String.format(Locale.ROOT, "site %s carries %.0f%% of the variance of log q - log p "
                    + "where it is made: its proposal is the one to improve (or the proposals of the choices its prior "
                    + "depends on, whose misfit shows at the sites after them)", s.address(), 100 * s.varianceShare())
                    + more);
        }
        String list = named.stream().map(s -> String.format(Locale.ROOT, "%s (%.0f%%)", s.address(),
                100 * s.varianceShare())).collect(java.util.stream.Collectors.joining(", "));
        return Optional.of("sites " + list + " each carry more than half of the variance of log q - log p where they "
                + "are made: shares are covariances, and a choice that decides which sites a run makes, or on which a "
                + "later site's prior depends, carries the share of a misfit made after it; one of these proposals is "
                + "the one to improve" + more);
    }

    private Optional<String> findFittedElsewhere() {
        Guide g = plan.execution.guide();
        if (g == null || acc.sites.runs() == 0) {
            return Optional.empty();
        }
        List<AddressPattern> fitted = g.guideComponent().fittedSites();
        if (fitted.isEmpty()) {
            return Optional.empty();
        }
        boolean[] matched = acc.sites.latentMatched(fitted);
        if (IntStream.range(0, matched.length).anyMatch(i -> matched[i])) {
            Optional<String> renamed = renamedSites(fitted, matched);
            if (renamed.isPresent()) {
                return renamed;
            }
            return leftAtPrior(fitted).map(p -> "the guide keeps parameters for " + p + ", yet left that site at its "
                    + "prior in every one of the first runs: the site's distribution there has another family or "
                    + "shape than the one the guide was fitted to (a guide fitted to another model?)");
        }
        return Optional.of("the guide keeps parameters for " + ShortList.of(fitted.stream()
                .map(AddressPattern::toString).toList()) + ", none of which this model's runs make (latent sites seen: "
                + String.join(", ", acc.sites.latentShapes()) + "): a guide fitted to another model, so every site "
                + "stays at its prior");
    }

    /**
     * A verdict when some of the guide's fitted sites matched no latent site of the breakdown's runs while some latent
     * sites match none of them: a guide file whose site {@code muu} was meant for the model's {@code mu} guided the
     * model's other sites and left {@code mu} at its prior, with nothing said where a guide's own pattern would have
     * been named (an adversarial tester). A fitted site that only rare runs make is not named unless a latent site
     * also went without parameters.
     */
    private Optional<String> renamedSites(List<AddressPattern> fitted, boolean[] matched) {
        List<String> unmatched = IntStream.range(0, matched.length).filter(i -> !matched[i])
                .mapToObj(i -> fitted.get(i).toString()).distinct().toList();
        List<String> bare = acc.sites.latentShapesMatchingNone(fitted);
        if (unmatched.isEmpty() || bare.isEmpty()) {
            return Optional.empty();
        }
        String near = unmatched.stream().map(u -> AddressPattern.nearestName(u, bare).map(b -> u + " meant for " + b))
                .flatMap(Optional::stream).findFirst().map(m -> "; was " + m + "?").orElse("");
        return Optional.of(String.format(Locale.ROOT, "the guide keeps parameters for %s, which no run of the "
                + "breakdown (the first %,d) made, and none for %s, which %s at %s prior: a guide fitted before "
                + "sites were renamed, or to another model%s", ShortList.of(unmatched), acc.sites.runs(),
                ShortList.of(bare), bare.size() == 1 ? "stays" : "stay", bare.size() == 1 ? "its" : "their", near));
    }

    /**
     * The first of the guide's fitted sites that the call's first runs (made again, at most
     * {@link #FITTED_TRIAL_RUNS}) met and where the guide left the prior in every one of them (a stick-breaking guide
     * of 3 components at a Dirichlet of 4), if any. A site where the guide proposed something in some run is fitted.
     */
    private Optional<AddressPattern> leftAtPrior(List<AddressPattern> fitted) {
        Runner<T> runner = plan.execution.runner();
        Map<AddressPattern, Boolean> guided = new LinkedHashMap<>();
        dev.ariadne.core.PatternIndex index = new dev.ariadne.core.PatternIndex(fitted);
        for (long i = 0; i < Math.min(acc.runs, FITTED_TRIAL_RUNS); i++) {
            try {
                runner.run(plan.seed, i);
                for (TraceSite s : runner.trace().sites()) {
                    if (s.kind() != SiteKind.LATENT) {
                        continue;
                    }
                    for (int j : index.matching(s.address())) {
                        boolean proposed = s.proposal() != null && s.proposal() != s.prior();
                        guided.merge(fitted.get(j), proposed, Boolean::logicalOr);
                    }
                }
            } catch (RuntimeException e) {
                // made and reported by the call itself
            }
        }
        return guided.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).findFirst();
    }

    /**
     * A verdict when a guide other than the prior left every latent site at its prior in every run of the per-site
     * breakdown (log q = log p at each): it proposes nothing for this model, a guide program written or fitted for
     * another one, say, and every figure is the prior's while the call reads as a guided one.
     */
    private Optional<String> proposesNothing() {
        Guide g = plan.execution == null ? null : plan.execution.guide();
        // a guide program that samples no site of the model (an empty one, or one written for another model) left
        // them all to the prior with nothing said (an adversarial tester)
        boolean program = plan.execution != null && plan.execution.guideProgram() != null;
        boolean guided = program
                || g != null && g != Guide.prior() && g.guideComponent().priorEverywhereBecause() == null;
        // Runs that drew outside the prior's support drew from the guide: a Categorical(1, 1, 1) guide for a
        // DiscreteUniform(1, 3) prior matches the prior at 1 and 2, and was said to propose nothing beside the support
        // verdict that named its draws of 0 (a new user)
        if (!guided || !acc.sites.everyLatentAtPrior()
                || failures().getOrDefault(FailureCause.SUPPORT_VIOLATION, 0L) > 0) {
            return Optional.empty();
        }
        if (acceptedRuns() == acc.runs && acc.weights.positiveWeightsEqual()) {
            // Every run met the evidence with the same weight: the prior is the posterior, and the guide that proposes
            // it is exact. A cross-entropy search under evidence every run meets returned the family's start, the
            // prior, and its certification was told the guide proposed nothing (an adversarial tester).
            return Optional.empty();
        }
        boolean everyRun = acc.sites.runs() >= acceptedRuns();
        return Optional.of(String.format(Locale.ROOT, "the guide%s left every latent site at its prior in %s %,d runs "
                + "of the per-site breakdown (latent sites seen: %s): %s", program ? " program" : "",
                everyRun ? "all" : "the first",
                acc.sites.runs(), String.join(", ", acc.sites.latentShapes()), everyRun
                        ? "it proposes nothing for this model, so every run is the prior's (a guide written or fitted "
                        + "for another model, a search's starting guide that took no step, as under Budget.steps(0), "
                        + "or one whose test of the site never holds?)"
                        : "either it proposes nothing for this model (a guide written or fitted for another one, or a "
                        + "search's start that took no step?), or "
                        + "the sites it guides are reached only in later runs, where the breakdown does not look "
                        + "(siteBreakdownRuns sets how many it reads)"));
    }

    /** The first runs made again to see where a fitted guide left its sites at their prior. */
    private static final int FITTED_TRIAL_RUNS = 20;

    /** The guide's address patterns that matched no latent site of the runs in the per-site breakdown. */
    private List<String> unmatchedPatterns() {
        Guide g = plan.execution.guide();
        if (g == null || acc.sites.runs() == 0) {
            return List.of();
        }
        List<AddressPattern> patterns = g.patterns();
        boolean[] matched = acc.sites.latentMatched(patterns);
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < matched.length; i++) {
            if (!matched[i]) {
                out.add(patterns.get(i).toString());
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * A readable summary: evidence, free energy, bounds at delta 0.05 (the upper bound on P(e) too, where one exists:
     * a reliability engineer found it only by calling {@link #upperBound}), hypotheses and diagnostics.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(String.format(Locale.ROOT, "%d runs (seed %d, batches of %d), proposal: %s%n", acc.runs, plan.seed,
                plan.batchSize, plan.guideDescription));
        if (acceptedRuns() == 0) {
            sb.append(noneAccepted()).append("; lower bound on P(e) = 0").append(nl);
            return sb.toString();
        }
        sb.append("log Z-hat:       ").append(logEvidence()).append(nl);
        sb.append("free energy:     ").append(acc.weights.zeroCount() > 0 ? restartFreeEnergy() : freeEnergy())
                .append(nl);
        sb.append("KL estimate:     ").append(klEstimate()).append(nl);
        Bound b = lowerBound(0.05);
        sb.append(String.format(Locale.ROOT, "P(e) >= %s at 95%% (log %s, betting)%n", b.text(6), b.logText()));
        upperBound(0.05).ifPresent(u -> sb.append(String.format(Locale.ROOT,
                "P(e) <= %s at 95%% (log %s, betting, for weights bounded as stated)%n", u.text(6), u.logText())));
        if (certifiedStop != null) {
            sb.append("until certified: ").append(certifiedStop).append(nl);
        }
        for (String h : hypothesisNames()) {
            Bound bh = lowerBound(h, 0.05);
            sb.append(String.format(Locale.ROOT, "P(%s, e) >= %s at 95%%%n", h, bh.text(6)));
            sb.append(conditional(h)).append(nl);
        }
        for (String e : plan.expectationNames) {
            sb.append("E[").append(e).append(" | e] = ").append(expectation(e)).append(nl);
        }
        sb.append(diagnostics().report());
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
