package dev.ariadne.inference.smc;

import dev.ariadne.core.Durations;
import dev.ariadne.core.Execution;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Guide;
import dev.ariadne.inference.BelowTheDoubles;
import dev.ariadne.inference.Conditional;
import dev.ariadne.inference.ConditionalEstimate;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.EvidenceResult;
import dev.ariadne.inference.GuideTails;
import dev.ariadne.inference.Interval;
import dev.ariadne.inference.PriorRuns;
import dev.ariadne.inference.ShortList;
import dev.ariadne.inference.UnproposedValues;
import dev.ariadne.inference.UntilCertifiedNote;
import dev.ariadne.inference.stats.BettingBound;
import dev.ariadne.inference.stats.Bound;
import dev.ariadne.inference.stats.BoundMethod;
import dev.ariadne.inference.stats.Bounds;
import dev.ariadne.inference.stats.Moments;
import dev.ariadne.inference.stats.ParetoKHat;
import dev.ariadne.inference.stats.ScaledSum;
import dev.ariadne.inference.stats.WeightStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * What independent SMC sweeps learned: the evidence estimate, certified lower bounds on P(e) and P(h, e), conditional
 * estimates, the posterior from the final particles, filtered quantities and diagnostics. Immutable.
 *
 * <p><b>Why the bounds hold.</b> Each sweep's Z-hat (the product over steps of the weighted mean incremental weight)
 * is non-negative and has mean exactly P(e), for any proposal and any resampling scheme that draws each particle
 * N W_i times in expectation, with resampling times chosen by the ESS or fixed (Del Moral 2004; Whiteley, Lee and
 * Heine). The sweeps are independent: sweep k draws only from the streams of (seed, k), and nothing in one sweep is
 * chosen from another. So the sweeps' Z-hats are i.i.d. non-negative runs with mean P(e), which is all that the
 * betting confidence sequence, the product bound and Markov's inequality assume of importance weights
 * (STATISTICS.md): each bound holds with probability at least 1 - delta whatever the proposal, for every possible set
 * of sweeps, not only for the ones sampled. Likewise Z-hat times a sweep's weighted share of final particles where h
 * holds is an unbiased, non-negative estimate of P(h, e) (the unnormalised particle measure is unbiased), so the
 * same bounds apply to P(h, e). With few sweeps the betting bound cannot exceed delta^(1/S) times the mean: use at
 * least about 100 sweeps to certify tightly.
 *
 * @param <T> the type of a final particle's value (the final state, or the model's return value)
 */
public final class SmcResult<T> implements EvidenceResult {

    /** Below this many particles a sweep's self-normalised estimates are said to be biased beyond their error. */
    static final int FEW_PARTICLES = 100;
    /** The ESS at a step below which, whatever the particles, one of them carries the step (weight degeneracy). */
    static final double MIN_STEP_ESS = 2;

    private final List<Sweep<T>> sweeps;
    private final SmcSettings<T> settings;
    private final List<String> trackedNames;
    private final String description;
    private final WeightStats evidence = new WeightStats();
    private final BettingBound betting = new BettingBound(1);
    private final WeightStats[] hypothesisEvidence;
    private final BettingBound[] hypothesisBetting;

    /**
     * For an annealed run or a generic one over the model's evidence sites: the model with the guide its particles
     * start from or draw from, whose rarely drawn discrete values the diagnostics force as importance sampling's do
     * ({@link UnproposedValues}); null for state-space sweeps.
     */
    private Execution<T> start;
    /** The diagnostics' forced-value verdict, made once. */
    private Optional<String> rareValue;

    SmcResult(List<Sweep<T>> sweeps, SmcSettings<T> settings, List<String> trackedNames, String description) {
        this.sweeps = Collections.unmodifiableList(new ArrayList<>(sweeps));
        this.settings = settings;
        this.trackedNames = List.copyOf(trackedNames);
        this.description = description;
        int h = settings.hypotheses.size();
        this.hypothesisEvidence = new WeightStats[h];
        this.hypothesisBetting = new BettingBound[h];
        for (int k = 0; k < h; k++) {
            hypothesisEvidence[k] = new WeightStats();
            hypothesisBetting[k] = new BettingBound(1);
        }
        for (Sweep<T> s : this.sweeps) {
            evidence.add(s.logEvidence());
            betting.add(s.logEvidence());
            for (int k = 0; k < h; k++) {
                double l = s.logEvidence() + s.logHypothesisShare[k];
                hypothesisEvidence[k].add(l);
                hypothesisBetting[k].add(l);
            }
        }
    }

    /** The probes of a state-space call's step guide, whose verdict the diagnostics add; null for other calls. */
    private StepGuideTails<T, ?> stepGuideTails;
    /** Whether the evidence rules out what a state-space call's step guide gives 0; null for other calls. */
    private StepGuideZeros<T, ?> stepGuideZeros;

    /** Whether a state-space call's rarely drawn discrete values carry much of a step's evidence; null for others. */
    private StepRareValues<T, ?> stepRareValues;

    /** Sets the probes of a state-space call's steps and step guide, for the diagnostics. */
    synchronized SmcResult<T> probingStepGuide(StepGuideTails<T, ?> tails, StepGuideZeros<T, ?> zeros,
                                               StepRareValues<T, ?> rareValues) {
        this.stepGuideTails = tails;
        this.stepGuideZeros = zeros;
        this.stepRareValues = rareValues;
        return this;
    }

    private synchronized StepRareValues<T, ?> stepRareValues() {
        return stepRareValues;
    }

    /**
     * Each step's log increment of Z-hat, log Z-hat at it less at the step before, averaged over the sweeps in which
     * it is finite; NaN where none is.
     */
    private double[] meanLogIncrements() {
        int steps = sweeps.get(0).logEvidenceByStep.length;
        double[] out = new double[steps];
        for (int t = 0; t < steps; t++) {
            double sum = 0;
            int count = 0;
            for (Sweep<T> sw : sweeps) {
                double now = sw.logEvidenceByStep[t];
                double before = t == 0 ? 0 : sw.logEvidenceByStep[t - 1];
                if (now > Double.NEGATIVE_INFINITY && before > Double.NEGATIVE_INFINITY) {
                    sum += now - before;
                    count++;
                }
            }
            out[t] = count == 0 ? Double.NaN : sum / count;
        }
        return out;
    }

    private synchronized StepGuideZeros<T, ?> stepGuideZeros() {
        return stepGuideZeros;
    }

    /**
     * The verdict on a value of a discrete latent that the step guide gives probability 0 where the prior does not
     * (each name and value once a step of each sweep, {@link Particle#unproposed}), unless the step's evidence rules it
     * out where the guide gives it 0 ({@link StepGuideZeros}): the first such value by step.
     */
    private Optional<String> unproposedVerdict() {
        record Key(int step, String latent, Object value) {
        }
        java.util.Set<Key> seen = new java.util.HashSet<>();
        List<Particle.Unproposed> distinct = new ArrayList<>();
        for (Sweep<T> s : sweeps) {
            for (Particle.Unproposed u : s.unproposed) {
                if (seen.add(new Key(u.step(), u.latent(), u.value()))) {
                    distinct.add(u);
                }
            }
        }
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        distinct.sort(java.util.Comparator.comparingInt(Particle.Unproposed::step));
        StepGuideZeros<T, ?> zeros = stepGuideZeros();
        Optional<StepGuideZeros.Found> found = zeros != null ? zeros.firstNotRuledOut(distinct)
                : Optional.of(new StepGuideZeros.Found(distinct.get(0), StepGuideZeros.Finding.UNDECIDED));
        return found.map(f -> {
            Particle.Unproposed u = f.value();
            long in = sweeps.stream().filter(s -> s.unproposed.stream().anyMatch(v -> v.latent().equals(u.latent())
                    && v.value().equals(u.value()))).count();
            return "the step guide never proposes a value its latent's prior allows: " + u.text() + ", in " + in
                    + " of " + sweeps.size() + " sweeps; the particles never take it, so log Z-hat, every share and "
                    + "every filtered figure leave out whatever it holds, and no weight can show it (the bounds stay "
                    + "valid, only lower): " + (f.finding() == StepGuideZeros.Finding.ALLOWED
                    ? "forced into that step from a state where the guide gives it 0, it gave the step's evidence "
                    + "weight above 0, so that step's evidence does not rule it out; give it some probability in the "
                    + "step guide"
                    : "unless the evidence rules it out, give it some probability in the step guide");
        });
    }

    /**
     * Marks the result as a state-space filter's, whose final values are the final states: without a kept history,
     * nothing it gives reads the early states that path degeneracy thins.
     */
    synchronized SmcResult<T> markFilteringStates() {
        this.filteringStates = true;
        return this;
    }

    private boolean filteringStates;

    private synchronized boolean filteringStates() {
        return filteringStates;
    }

    private synchronized StepGuideTails<T, ?> stepGuideTails() {
        return stepGuideTails;
    }

    /**
     * Sets the model and the guide its particles start from (an annealed run's) or draw from (a generic one's), for
     * the diagnostics ({@link #start}).
     */
    synchronized SmcResult<T> startingFrom(Execution<T> execution) {
        return startingFrom(execution, List.of());
    }

    /**
     * {@link #startingFrom(Execution)}, with the guides the moves' kernels propose whole runs from, whose distributions
     * of the user's own are checked too.
     */
    synchronized SmcResult<T> startingFrom(Execution<T> execution, List<Guide> kernelGuides) {
        this.start = execution;
        this.kernelGuides = List.copyOf(kernelGuides);
        return this;
    }

    /**
     * An annealed call's schedule, chosen by a pilot at a conditional ESS below the default with one move a
     * temperature, as a verdict; null for any other call (see {@link AnnealedSmc#adaptiveCess}).
     */
    private String coarseSchedule;

    /** Sets {@link #coarseSchedule}. */
    synchronized SmcResult<T> withCoarseSchedule(String verdict) {
        this.coarseSchedule = verdict;
        return this;
    }

    /** Whether the sweeps are annealed ({@code Smc.annealed}), which a verdict then does not send the user to. */
    private boolean annealed;

    /** Marks the sweeps as annealed. */
    synchronized SmcResult<T> annealed() {
        this.annealed = true;
        return this;
    }

    /** The guides of the moves' independence kernels (an annealed call's), for {@link StartRuns}. */
    private List<Guide> kernelGuides = List.of();

    private synchronized boolean annealedRun() {
        return annealed;
    }

    private synchronized Execution<T> startingExecution() {
        return start;
    }

    /** What runs from the start say of the guide's patterns and the evidence ({@link StartRuns}); made once. */
    private List<String> startRunVerdicts;

    private synchronized List<String> startRuns() {
        if (startRunVerdicts == null) {
            startRunVerdicts = start == null ? List.of() : StartRuns.verdicts(start, kernelGuides, settings.seed);
        }
        return startRunVerdicts;
    }

    /**
     * The verdict of importance sampling's check of rarely drawn discrete values, for an annealed or a generic run:
     * the particles start from (or draw each value from) the guide or the prior, and a value they almost never draw
     * may hold most of P(e), or more of it than the standard error across sweeps, while the moves never reach it and
     * resampling only copies values drawn (a fault of probability 1e-5 that explains the evidence). Empty for
     * state-space sweeps.
     */
    private synchronized Optional<String> rareValue() {
        if (rareValue == null) {
            rareValue = start == null || noMass() ? Optional.empty()
                    : UnproposedValues.verdict(start, settings.seed, (long) settings.particles * sweeps.size(),
                            logEvidence().value(), logEvidence().standardError());
        }
        return rareValue;
    }

    /** The verdict of {@link #lightGuideTail()}, made once (null until then). */
    private Optional<String> lightGuideTail;

    /**
     * Importance sampling's light-tail verdict on the guide an annealed or a generic call draws its particles from:
     * each draws each latent value from it once, as a run of importance sampling does, and a proposal too narrow for
     * the posterior gives the weights infinite variance there too. The probes read the start's first runs and the
     * first runs that make a site the earlier ones did not: under a guide too narrow at a site made only where z holds,
     * z proposed one run in 50, P(z | e) read up to 8.5 standard errors off with every verdict empty in 104 calls of
     * 120 (an outside statistician). Empty for state-space sweeps and a start from the prior.
     */
    private synchronized Optional<String> lightGuideTail() {
        if (lightGuideTail == null) {
            lightGuideTail = start == null || start.guide() == null && start.guideProgram() == null
                    ? Optional.empty()
                    : GuideTails.tooLight(start, settings.seed, (long) settings.particles * sweeps.size());
        }
        return lightGuideTail;
    }

    /** The verdict of {@link #priorCrossCheck()}, made once (null until then). */
    private Optional<String> priorCrossCheck;
    /** Sets the check's runs from the prior apart from the sweeps' streams. */
    private static final long PRIOR_CHECK_SALT = 0x51AC_0FF5_E7C4_A11EL;
    /** The most runs from the prior the check makes at first, and after a suspect gap. */
    private static final long PRIOR_CHECK_RUNS = 20_000;
    private static final long PRIOR_CHECK_MAX_RUNS = 200_000;
    /** The fewest sweeps whose standard error the check trusts. */
    private static final int PRIOR_CHECK_SWEEPS = 10;

    /**
     * A guided run's estimate of P(e) set beside importance sampling from the prior, as importance sampling's own
     * diagnostics set a guided call's ({@link PriorRuns}, by the same rules): SMC over a model with a guide that
     * covers one of two modes read log P(e) 70 standard errors low with every verdict empty in 40 seeds of 40, where
     * importance sampling with the same guide named the missed half (an outside statistician). Resampling and moves
     * only copy and shift what the guide drew. As many runs from the prior as the sweeps had particles, between the
     * {@value ParetoKHat#RUNS_TO_JUDGE} a tail needs to be judged (fewer left every call below that silent: a guide
     * missing a third of P(e) at 20 to 107 particles and 20 sweeps, 100 calls of 100; a false-alarm hunt) and 20,000;
     * ten times as many, up to 200,000, where the gap is suspect, or where they carry an ESS of
     * {@value PriorRuns#MIN_ESS} but their tail is not yet judged fine. Named only where the prior's runs are trusted
     * and read above the sweeps by more than {@link PriorRuns#Z_LIMIT} standard errors of the difference, and only
     * over at least {@value #PRIOR_CHECK_SWEEPS} sweeps: the sweeps' standard error rests on their spread, and over 5
     * it blamed the guide for a gap of 4.95 in 1 call of 300 whose guide missed nothing. Where the prior's runs are
     * not trusted, their lower bound ({@link PriorRuns#boundAbove}) is set beside the sweeps' estimate instead. Empty
     * for a run without a guide, and for state-space sweeps.
     */
    private synchronized Optional<String> priorCrossCheck() {
        if (priorCrossCheck == null) {
            priorCrossCheck = Optional.empty();
            Estimate guided = noMass() ? null : logEvidence();
            if (start != null && (start.guide() != null || start.guideProgram() != null) && guided != null
                    && sweeps.size() >= PRIOR_CHECK_SWEEPS && Double.isFinite(guided.value())
                    && Double.isFinite(guided.standardError())) {
                long runs = Math.max(ParetoKHat.RUNS_TO_JUDGE,
                        Math.min(PRIOR_CHECK_RUNS, (long) settings.particles * sweeps.size()));
                long longer = Math.min(PRIOR_CHECK_MAX_RUNS, PriorRuns.EXTENSION * runs);
                long seed = settings.seed ^ PRIOR_CHECK_SALT;
                PriorRuns.Threw threw = new PriorRuns.Threw();
                dev.ariadne.inference.ImportanceResult<T> prior = PriorRuns.beside(guided, runs, longer,
                        n -> PriorRuns.orNull(start.model(), n, seed, threw));
                prior = PriorRuns.longerForFloor(prior, guided, longer,
                        n -> PriorRuns.orNull(start.model(), n, seed, new PriorRuns.Threw()));
                double z = prior == null ? 0 : PriorRuns.gap(prior.logEvidence(), guided);
                if (prior == null) {
                    priorCrossCheck = threw.first().map(PriorRuns::uncheckedBecauseThrew);
                } else if (PriorRuns.trusted(prior) && z > PriorRuns.Z_LIMIT) {
                    double missed = -Math.expm1(guided.value() - prior.logEvidence().value());
                    priorCrossCheck = Optional.of(String.format(Locale.ROOT, "importance sampling from the prior "
                            + "(%,d runs, ESS %.0f), which needs no guide, estimates log P(e) at %s, %.1f standard "
                            + "errors of the difference above the sweeps' %s: the guide misses about %s of P(e), which "
                            + "resampling and moves cannot bring back (they copy and move what the guide drew), so "
                            + "log Z-hat, every share and every expectation leave it out (the bounds stay valid, only "
                            + "lower); widen the guide, mix it with the prior (Guide.defensive), or run SMC from the "
                            + "prior", prior.runs(), prior.diagnostics().ess(), prior.logEvidence(), z, guided,
                            PriorRuns.percent(missed)));
                } else if (!PriorRuns.trusted(prior)) {
                    priorCrossCheck = PriorRuns.belowPriorFloor(prior, guided).map(head -> head + ", which "
                            + "resampling and moves cannot bring back (they copy and move what the guide drew), so "
                            + "log Z-hat, every share and every expectation leave it out (the bounds stay valid, only "
                            + "lower); widen the guide, mix it with the prior (Guide.defensive), or run SMC from the "
                            + "prior");
                }
            }
        }
        return priorCrossCheck;
    }

    /** Whether the betting bound at delta over these sweeps is at least {@code tightness} times their Z-hat. */
    static boolean certified(List<? extends Sweep<?>> done, double delta, double tightness) {
        BettingBound b = new BettingBound(1);
        WeightStats w = new WeightStats();
        for (Sweep<?> s : done) {
            b.add(s.logEvidence());
            w.add(s.logEvidence());
        }
        double logZ = w.logZHat();
        return logZ > Double.NEGATIVE_INFINITY && b.logLowerBound(delta) - logZ >= Math.log(tightness);
    }

    /** What was run: the form, the proposal, the resampling rule. */
    public String description() {
        return description;
    }

    /** The number of sweeps. */
    public int sweepCount() {
        return sweeps.size();
    }

    /** The number of particles per sweep. */
    public int particles() {
        return settings.particles;
    }

    /** The seed. */
    public long seed() {
        return settings.seed;
    }

    /** Every sweep, in order. */
    public List<Sweep<T>> sweeps() {
        return sweeps;
    }

    /**
     * Sweep {@code k}, from 0.
     *
     * @throws IllegalArgumentException naming the sweeps there are, for a k outside them
     */
    public Sweep<T> sweep(int k) {
        if (k < 0 || k >= sweeps.size()) {
            // a bare IndexOutOfBoundsException before (an adversarial tester)
            throw new IllegalArgumentException("sweep " + k + " does not exist: this result has " + sweeps.size()
                    + " sweep" + (sweeps.size() == 1 ? "" : "s") + ", numbered from 0");
        }
        return sweeps.get(k);
    }

    /**
     * Where the sweeps' log estimates vary by less than 1 yet their estimates of P(e), taken as weights, have an
     * effective number below half the sweeps: the mean leans on a few sweeps that reached rare particles carrying much
     * of P(e), and the calls whose sweeps all miss them read log Z-hat low by more than its standard error says (an
     * outside statistician: annealed SMC with a needle holding 79% of the posterior, log Z-hat more than 5 standard
     * errors off with no verdict in 160 of 500 seeds). Such a call is named; one whose sweeps all missed cannot be.
     */
    private Optional<String> carriedByFewSweeps() {
        double[] l = logEvidenceBySweep();
        WeightStats asWeights = new WeightStats();
        for (double v : l) {
            asWeights.add(v);
        }
        double max = asWeights.maxLogWeight();
        if (l.length < 2 || !(max > Double.NEGATIVE_INFINITY) || max == Double.POSITIVE_INFINITY) {
            return Optional.empty();
        }
        double ess = asWeights.ess();
        if (!(ess < 0.5 * l.length)) {
            return Optional.empty();
        }
        double largestShare = Math.exp(max - asWeights.logZHat() - Math.log(l.length));
        return Optional.of(String.format(Locale.ROOT, "the sweeps' estimates of P(e) are skewed: their effective "
                + "number is %.1f of %d sweeps, the largest carrying %.0f%% of the mean, so log Z-hat leans on the few "
                + "sweeps that reached particles carrying much of P(e); where no sweep reaches them it reads low, and "
                + "its standard error, from the sweeps' spread, reads small (the bounds stay valid): use more "
                + "particles or a proposal closer to the posterior until the sweeps agree", ess, l.length,
                100 * largestShare));
    }

    /** Each sweep's log Z-hat, in order. */
    public double[] logEvidenceBySweep() {
        double[] out = new double[sweeps.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = sweeps.get(k).logEvidence();
        }
        return out;
    }

    private boolean noMass() {
        return evidence.maxLogWeight() == Double.NEGATIVE_INFINITY;
    }

    private String noMassReason() {
        Sweep<T> died = null;
        Sweep<T> failed = null;
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (Sweep<T> s : sweeps) {
            if (s.diedAtStep >= 0) {
                first = Math.min(first, s.diedAtStep);
                last = Math.max(last, s.diedAtStep);
            }
            if (died == null && s.failureWhereDied != null) {
                died = s;
            }
            if (failed == null && s.firstFailure != null) {
                failed = s;
            }
        }
        String where = last < 0 ? "" : first == last ? " at step " + first : " at steps " + first + " to " + last;
        String why = "";
        if (died != null) {
            String there = "step " + died.diedAtStep + ", " + died.failureWhereDied;
            why = "; sweep " + died.index() + " died at step " + died.diedAtStep + ", where the first particle to get "
                    + "weight 0 was " + died.failureWhereDied + (died.firstFailure.equals(there) ? ""
                    : " (its first, outlived by others, at " + died.firstFailure + ")");
        } else if (failed != null) {
            why = "; the first particle to get weight 0, in sweep " + failed.index() + ", " + failed.firstFailure;
        }
        return "every one of the " + sweeps.size() + " sweeps ended with all particles at weight 0" + where + why
                + rareCondition(why);
    }

    /**
     * Where a sweep's particles died at a false condition ({@code failures} names it), the way on: a portfolio's loss
     * past a threshold, stated as a plain condition, was told only that the sweeps died, with no way on (a new user),
     * and so was a cascade's size past 10 of 12 stated with a margin, whose sweeps died in 7 to 15 of 20 (another).
     */
    private static String rareCondition(String failures) {
        String conditionFalse = FailureCause.CONDITION_FALSE.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return !failures.contains(conditionFalse) ? "" : "; a condition weighs a particle 0 or 1 at every "
                + "temperature, so annealing cannot lead particles toward it: where it is a rare event rather than an "
                + "impossible one (a loss past a threshold), state it with a margin, p.condition(name, score, "
                + "threshold), for SubsetSimulation.of(model) or a guide search to climb toward it";
    }

    /**
     * log Z-hat: the log of the mean of the sweeps' unbiased estimates of P(e), with the delta-method standard error
     * sd(Z-hat) / (sqrt(S) mean(Z-hat)) across sweeps (+inf with one sweep), or, where larger, the one the spread of
     * the sweeps' logs gives, sqrt((exp(var log Z-hat) - 1) / S) (every sweep's estimate positive). Biased low in log
     * space by about half its variance.
     *
     * <p>A sweep's log Z-hat is a sum over steps, close to normal, so its spread is read well from few sweeps; its
     * Z-hat is then log-normal, skewed, and the delta method reads sd(Z-hat) from the few large ones the sweeps
     * happened to draw: in the calls that drew none, log Z-hat reads low and its standard error small together. An
     * outside statistician's 100-step filter at 400 particles and 20 sweeps (sd of log Z-hat 0.85) had z-scores of sd
     * 1.24 under the delta method alone, and the Student-t quantile missed 1.9% at a nominal 0.27%.
     *
     * <p>That one is at most the sd of the sweeps' logs, sqrt(var): the log of the mean of S estimates lies between
     * the mean of their logs and the largest, and so varies no more than one of them. Past it, exp(var) is a relative
     * error of Z-hat, not an error in nats: sweeps with a few far-low logs (which weigh nothing in the mean) read
     * -38.22 +- 840 against an exact -38.48, and the z-scores of 300 such calls had sd 0.05 (an outside statistician).
     *
     * @throws IllegalStateException when every sweep's estimate is 0
     */
    @Override
    public Estimate logEvidence() {
        if (noMass()) {
            throw new IllegalStateException("log Z-hat needs a sweep with positive weight, and " + noMassReason());
        }
        double se = evidence.logZHatStandardError();
        String agreed = sweepsAgreed();
        if (agreed != null) {
            return new Estimate(evidence.logZHat(), Double.POSITIVE_INFINITY, "log Z-hat over " + sweeps.size()
                    + " sweeps; " + agreed);
        }
        double variance = logEvidenceVariance();
        if (evidence.zeroCount() == 0 && variance < Double.POSITIVE_INFINITY) {
            double fromLogs = Math.min(Math.sqrt(Math.expm1(variance) / sweeps.size()), Math.sqrt(variance));
            if (fromLogs > se) {
                return new Estimate(evidence.logZHat(), fromLogs, "log Z-hat over " + sweeps.size() + " sweeps; "
                        + "standard error from the spread of their logs, above the one their estimates' spread gives");
            }
        }
        return new Estimate(evidence.logZHat(), se, "log Z-hat over " + sweeps.size() + " sweeps");
    }

    /** Relative differences of the sweeps' log Z-hat at or below which they are taken to agree up to rounding. */
    private static final double ROUNDING = 1e-12;

    /**
     * Why log Z-hat has no standard error when every sweep's estimate was the same value, though some step weighed its
     * particles unequally (so a sweep's estimate is random): their spread, 0, says nothing of the estimator's. Two
     * particles of a six-step two-state hmm gave 5 sweeps of one value in 15 seeds of 2,000, each read 0.1 nats or
     * more off at +- 5e-16 (an adversarial tester). Null otherwise: with one sweep (its standard error is infinite
     * already), or where every step of every sweep weighed all of two or more particles alike (a sweep's estimate is
     * then P(e) itself: evidence that no choice bears on). Evidence whose product no choice bears on, though its
     * factors do, is exact too and gets no standard error here (P(e) = 0.9 x 0.1 whatever x is, at 10,000 particles; a
     * false-alarm hunt): the sweeps cannot tell it from a few particles repeating one path, and the label says both.
     */
    private String sweepsAgreed() {
        double[] bySweep = logEvidenceBySweep();
        if (bySweep.length < 2 || bySweep[0] == Double.NEGATIVE_INFINITY) {
            return null;
        }
        double lo = bySweep[0];
        double hi = bySweep[0];
        for (double x : bySweep) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        // the same histories summed in another order differ in the last bits: 5 such sweeps read +- 5.6e-16
        if (!(hi - lo <= ROUNDING * Math.max(1, Math.abs(hi)))) {
            return null;
        }
        // Equal weights at every step make a sweep's estimate P(e) itself. Equal weights at a sweep's end alone do
        // not: two particles that drew one path weigh alike, and the tester's sweeps agreed so
        boolean unequal = settings.particles < 2; // one particle's weight is always its sweep's whole ESS
        for (Sweep<T> s : sweeps) {
            for (double ess : s.essPerStep()) {
                unequal |= !(ess >= settings.particles * (1 - 1e-9));
            }
        }
        if (!unequal) {
            return null;
        }
        return "every one of the " + bySweep.length + " sweeps estimated log P(e) at the same value (up to rounding), "
                + "though their particles' weights differed, so their agreement says nothing of the estimator's spread: "
                + "no standard error. Either a few particles over choices of few values repeat one history (use more "
                + "particles), or the evidence's product is the same whatever the choices, and the estimate is exact";
    }

    /**
     * E[log Z-hat], the mean of the sweeps' log Z-hat with its standard error sd / sqrt(S): the SMC analogue of minus
     * the free energy. It is at most log P(e) in expectation (Jensen), and the gap shrinks with the variance of log
     * Z-hat, so it measures the quality of the proposal and of the resampling. {@code -inf} when some sweep's
     * estimate is 0.
     */
    public Estimate meanLogEvidence() {
        if (evidence.zeroCount() > 0) {
            return new Estimate(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, evidence.zeroCount() + " of "
                    + sweeps.size() + " sweeps have Z-hat = 0, so E[log Z-hat] = -inf");
        }
        Moments m = new Moments();
        for (Sweep<T> s : sweeps) {
            m.add(s.logEvidence());
        }
        double se = sweeps.size() < 2 ? Double.POSITIVE_INFINITY : m.standardError();
        return new Estimate(m.mean(), se, "E[log Z-hat] (<= log P(e) in expectation)");
    }

    /** The sample variance of log Z-hat across the sweeps with Z-hat > 0; +inf with fewer than two. */
    public double logEvidenceVariance() {
        Moments m = new Moments();
        for (Sweep<T> s : sweeps) {
            if (s.logEvidence() > Double.NEGATIVE_INFINITY) {
                m.add(s.logEvidence());
            }
        }
        return m.count() < 2 ? Double.POSITIVE_INFINITY : m.variance();
    }

    private double effectiveDelta(double delta) {
        dev.ariadne.inference.Delta.check(delta);
        return settings.boundDelta(delta);
    }

    /** A certified lower bound on P(e) over the sweeps by the named method (betting, product, Markov). */
    @Override
    public Bound lowerBound(double delta, BoundMethod method) {
        return bound(evidence, betting, effectiveDelta(delta), method, "P(e)");
    }

    /** A certified lower bound on P(h, e) by the named method. */
    @Override
    public Bound lowerBound(String hypothesis, double delta, BoundMethod method) {
        int k = hypothesisIndex(hypothesis);
        return bound(hypothesisEvidence[k], hypothesisBetting[k], effectiveDelta(delta), method,
                "P(" + hypothesis + ", e)");
    }

    private Bound bound(WeightStats w, BettingBound b, double delta, BoundMethod method, String what) {
        int s = sweeps.size();
        if (w.maxLogWeight() == Double.NEGATIVE_INFINITY) {
            return new Bound(Double.NEGATIVE_INFINITY, delta, method, s, "lower bound on " + what + " is 0: "
                    + (noMass() ? noMassReason() : "no sweep's final particles satisfy the hypothesis"));
        }
        Bound r = Bounds.lowerBound(method, w, b, delta);
        String how = method == BoundMethod.BETTING ? "betting confidence sequence over the " + s
                + " sweeps' estimates" + (s < 4096 ? "; with S = " + s + " sweeps it cannot exceed delta^(1/S) times "
                + "the mean" : "")
                : method == BoundMethod.PRODUCT ? "product of the " + s + " sweeps' estimates, fixed S"
                : "Markov on the mean of the " + s + " sweeps' estimates, fixed S";
        String zeroNote = method == BoundMethod.PRODUCT && w.zeroCount() > 0 ? "; 0 because " + w.zeroCount()
                + " sweeps' estimates are 0" : "";
        return new Bound(r.logValue(), delta, method, s, "lower bound on " + what + ", " + how + zeroNote
                + (settings.simultaneous ? " (simultaneous: delta split " + (1 + settings.hypotheses.size())
                + " ways)" : ""));
    }

    private int hypothesisIndex(String name) {
        for (int k = 0; k < settings.hypotheses.size(); k++) {
            if (settings.hypotheses.get(k).name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown hypothesis '" + name + "'; declared: " + hypothesisNames());
    }

    /** The declared hypotheses, in order. */
    @Override
    public List<String> hypothesisNames() {
        List<String> names = new ArrayList<>();
        settings.hypotheses.forEach(d -> names.add(d.name()));
        return names;
    }

    /**
     * P(h | e) two ways: the quotient of the lower bounds on P(h, e) and P(e) (an estimate, not a bound), and the
     * self-normalised estimate over all sweeps' final particles (each sweep weighted by its Z-hat) with a
     * delta-method standard error across sweeps (approximate). No rigorous interval: that needs an upper bound on
     * P(e), which SMC's estimates do not give: nothing bounds a sweep's estimate from above that could be stated.
     */
    @Override
    public ConditionalEstimate conditional(String hypothesis, double delta) {
        int k = hypothesisIndex(hypothesis);
        String noRigorous = "SMC sweeps give no upper bound on P(e) (a sweep's estimate has no bound above that "
                + "could be stated), so no interval for P(h | e) holds for certain; for one, run importance sampling "
                + "from the prior or a defensive guide with maxLogLikelihood";
        if (noMass()) {
            return new ConditionalEstimate(hypothesis, delta, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), noMassReason());
        }
        Bound le = lowerBound(delta);
        Bound lh = lowerBound(hypothesis, delta);
        Optional<Estimate> quotient = le.logValue() == Double.NEGATIVE_INFINITY ? Optional.empty()
                : Optional.of(Conditional.of(lh, le));
        double[] share = shares(k);
        double[] logZ = logEvidenceBySweep();
        Estimate sn = pooled(logZ, share, "self-normalised over the sweeps' final particles: "
                + "approximate");
        String unanimous = unanimous(hypothesis, share, logZ);
        if (unanimous != null) {
            return new ConditionalEstimate(hypothesis, delta, quotient,
                    Optional.of(new Estimate(sn.value(), Double.POSITIVE_INFINITY, sn.label() + "; " + unanimous)),
                    Optional.empty(), Optional.empty(), noRigorous);
        }
        if (leftOut() > 0) {
            return new ConditionalEstimate(hypothesis, delta, quotient, Optional.of(new Estimate(sn.value(),
                    sn.standardError(), sn.label() + "; of P(h | e) outside the zone near a support's end where "
                    + leftOut() + " particles were left out (see diagnostics())")), Optional.empty(), Optional.empty(),
                    noRigorous);
        }
        double df = Math.max(1, effectiveSweeps(logZ) - 1);
        double z = TDistribution.of(df).inverseSurvivalProbability(delta / 2);
        double se = sn.standardError();
        double upper = Math.min(1, sn.value() + z * se);
        Interval approx = new Interval(Math.min(upper, Math.max(0, sn.value() - z * se)), upper,
                String.format(Locale.ROOT, "approximate (delta method across sweeps, Student-t with %.1f degrees of "
                + "freedom: the sweeps' effective number less one) at confidence %s", df, 1 - delta));
        return new ConditionalEstimate(hypothesis, delta, quotient, Optional.of(sn), Optional.of(approx),
                Optional.empty(), noRigorous);
    }

    /** Each sweep's self-normalised share of its final particles where hypothesis {@code k} held. */
    private double[] shares(int k) {
        double[] share = new double[sweeps.size()];
        for (int s = 0; s < share.length; s++) {
            share[s] = Math.exp(sweeps.get(s).logHypothesisShare[k]);
        }
        return share;
    }

    /**
     * Sweeps below which the side of a hypothesis that most sweeps' final particles lack is too rarely seen to read a
     * standard error from: the share of that side is then a count of a few sweeps, and their spread says little of
     * it. A Reed-Frost epidemic's transmission rate, drawn at the first step and carried in the state, lost its two
     * rarer values in every particle of 19 sweeps of 20 at 100 particles: P(beta = 0.03 | y) read 0.9988 +- 0.0012,
     * and 3 calls of 150 were more than 5 standard errors off (z 7.2 to 11.5), silently (a new user). A count of the
     * sweeps that show the side was not enough: annealed SMC found the minor mode of a bimodal posterior (P(h | e) =
     * 0.0076) in 10 to 16 sweeps of 20, a few of them carrying it, and 3 calls of 450 read it 5 to 7 standard errors
     * low, silently (a false-alarm hunt); the effective number of sweeps that carry it is what counts.
     */
    static final int FEW_SWEEPS = 10;

    /**
     * Why P(h | e) has no standard error when h held in no final particle of any sweep, or in every one (the sweeps
     * then agree on 0 or 1 whatever the truth, and their spread, 0, says nothing of it), or when the rarer side's
     * mass, each sweep weighed by its Z-hat, is carried by an effective number of sweeps below {@link #FEW_SWEEPS}
     * and below half. Null otherwise.
     */
    private static String unanimous(String hypothesis, double[] share, double[] logZ) {
        int held = 0;
        int failed = 0;
        int m = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (double l : logZ) {
            top = Math.max(top, l);
        }
        // each side's mass in each sweep, weighed by the sweep's Z-hat, and their effective number (sum^2 / sum of
        // squares): a side seen in 13 sweeps of 20 may be carried by 3 of them
        double[] sum = new double[2];
        double[] squares = new double[2];
        for (int s = 0; s < share.length; s++) {
            if (logZ[s] == Double.NEGATIVE_INFINITY) {
                continue; // a sweep whose particles all died holds no side
            }
            m++;
            held += share[s] > 0 ? 1 : 0;
            failed += share[s] < 1 ? 1 : 0;
            double z = Math.exp(logZ[s] - top);
            double[] side = {z * share[s], z * (1 - share[s])};
            for (int k = 0; k < 2; k++) {
                sum[k] += side[k];
                squares[k] += side[k] * side[k];
            }
        }
        if (held > 0 && failed > 0) {
            boolean rarelyHeld = sum[0] <= sum[1];
            int k = rarelyHeld ? 0 : 1;
            double effective = squares[k] > 0 ? sum[k] * sum[k] / squares[k] : 0;
            if (effective >= FEW_SWEEPS || 2 * effective >= m) {
                return null;
            }
            int shown = rarelyHeld ? held : failed;
            return String.format(Locale.ROOT, "'%s' %s in the final particles of %d of the %d sweeps, and its share "
                    + "of P(e) there is carried by about %.1f of them (their effective number, each weighed by its "
                    + "Z-hat), so P(%s | e) away from %s rests on too few sweeps for a standard error (particles that "
                    + "carry a choice of the first step, such as a static parameter in the state, or a mode that "
                    + "annealing finds in only some sweeps, lose it in most): none given; use more particles or "
                    + "sweeps, read the lower bound on P(%s, e), or propose where it %s", hypothesis,
                    rarelyHeld ? "held" : "failed", shown, m, effective, hypothesis, rarelyHeld ? "0" : "1",
                    hypothesis, rarelyHeld ? "holds" : "fails");
        }
        boolean none = held == 0;
        return "'" + hypothesis + "' " + (none ? "held in no" : "held in every") + " final particle of the "
                + m + " sweeps, so their agreement says nothing of how far P(" + hypothesis + " | e) is "
                + "from " + (none ? "0" : "1") + ": no standard error; read the lower bound on P(" + hypothesis
                + ", e), or propose where it " + (none ? "holds" : "fails");
    }

    /** Whether every sweep's figure is the first's (at least one sweep). */
    private static boolean sameInEvery(double[] bySweep) {
        for (double x : bySweep) {
            if (x != bySweep[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The posterior expectation E[f | e] of a declared expectation: the final particles of all sweeps, each sweep
     * weighted by its Z-hat, with a delta-method standard error across sweeps (approximate; +inf with one sweep).
     */
    public Estimate expectation(String name) {
        for (int k = 0; k < settings.expectations.size(); k++) {
            if (settings.expectations.get(k).name().equals(name)) {
                requireMass("an expectation");
                double[] m = expectationMeans(k);
                Estimate pooled = pooled(logEvidenceBySweep(), m, "self-normalised estimate of E[" + name + " | e]");
                String agreed = agreed(name, m);
                return agreed == null ? pooled : new Estimate(m[0], Double.POSITIVE_INFINITY,
                        pooled.label() + "; " + agreed);
            }
        }
        throw new IllegalArgumentException("unknown expectation '" + name + "'; declared: "
                + settings.expectations.stream().map(SmcSettings.Declared::name).toList());
    }

    /** Each sweep's self-normalised mean of expectation {@code k} over its final particles. */
    private double[] expectationMeans(int k) {
        double[] m = new double[sweeps.size()];
        for (int s = 0; s < m.length; s++) {
            m[s] = sweeps.get(s).expectationMeans[k];
        }
        return m;
    }

    /**
     * Why E[f | e] has no standard error when every sweep's final particles gave the same mean (an indicator of an
     * event no particle reached, 0 in each): their spread, 0, says nothing of values no particle took. A standard
     * error of exactly 0 stood in 94 calls of 200 for x >= 3 under N(0, 1), whose intervals missed in 95 (an
     * adversarial tester). Null otherwise, and with one sweep, whose standard error is infinite already.
     */
    private static String agreed(String name, double[] means) {
        if (means.length < 2 || !sameInEvery(means)) {
            return null;
        }
        return "every one of the " + means.length + " sweeps' final particles gave E[" + name + " | e] the same value, "
                + means[0] + ", so their agreement says nothing of values no particle took: no standard error; "
                + "propose where '" + name + "' takes its other values";
    }

    /**
     * A tracked quantity filtered at every step: E[f(x_t) | y_0..y_t] for t = 0..T-1, pooling the sweeps (each
     * weighted by its Z-hat up to step t), with a delta-method standard error across sweeps (+inf with one sweep).
     */
    public List<Estimate> filtered(String tracked) {
        int k = tracked == null ? -1 : trackedNames.indexOf(tracked);
        if (k < 0) {
            throw new IllegalArgumentException("unknown tracked quantity '" + tracked + "'; declared: " + trackedNames);
        }
        requireMass("a filtered estimate");
        int steps = sweeps.get(0).tracked[k].length;
        List<Estimate> out = new ArrayList<>(steps);
        double[] logZ = new double[sweeps.size()];
        double[] m = new double[sweeps.size()];
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < logZ.length; s++) {
                logZ[s] = sweeps.get(s).logEvidenceByStep[t];
                m[s] = sweeps.get(s).tracked[k][t];
            }
            Estimate pooled = pooled(logZ, m, "filtered E[" + tracked + "] at step " + t);
            String few = fewAtOneValue(k, t, logZ);
            out.add(few == null ? pooled : new Estimate(pooled.value(), Double.POSITIVE_INFINITY,
                    pooled.label() + "; " + few));
        }
        return out;
    }

    /**
     * The least effective number of particles, over all the sweeps, at either value of a filtered quantity that
     * takes two at a step, for the sweeps' spread to give its standard error, as an importance-sampling expectation
     * needs 10 effective runs at each of its two values.
     */
    static final double MIN_PARTICLES_AT_VALUE = 10;
    private static final String EVERY_PARTICLE = "every particle of every sweep gave it the value ";

    /**
     * Why filtered quantity {@code k} has no standard error at step {@code t}, if so: every particle of every sweep
     * (of positive Z-hat, {@code logZ}) gave it one value there, or it took two and one rests on fewer than
     * {@link #MIN_PARTICLES_AT_VALUE} effective particles over all the sweeps (each sweep's Kish number; copies made by
     * resampling count apart, so this reads high). A locally optimal step guide for a two-state flare model put a
     * rare state at 1e-4: with 100 particles and 20 sweeps, 124 of 1,200 filtered figures read 0 +- 0 against 1e-4 to
     * 5e-4, and others 12 standard errors off, with no verdict (a new user). Null otherwise, or where some sweep's
     * particles took more than two values.
     */
    private String fewAtOneValue(int k, int t, double[] logZ) {
        double[] values = new double[2];
        double[] effective = new double[2];
        int seen = 0;
        for (int s = 0; s < logZ.length; s++) {
            double[][][] byStep = sweeps.get(s).trackedValues;
            if (!(logZ[s] > Double.NEGATIVE_INFINITY)) {
                continue;
            }
            if (byStep == null || byStep[k][t] == null) {
                return null;
            }
            double[] r = byStep[k][t];
            for (int j = 0; j < r.length; j += 2) {
                int at = seen > 0 && r[j] == values[0] ? 0 : seen > 1 && r[j] == values[1] ? 1 : seen;
                if (at == 2) {
                    return null;
                }
                values[at] = r[j];
                effective[at] += r[j + 1];
                seen = Math.max(seen, at + 1);
            }
        }
        if (seen == 1) {
            return EVERY_PARTICLE + values[0] + " there, so their agreement says nothing of values no particle took: "
                    + "no standard error";
        }
        int rare = effective[0] <= effective[1] ? 0 : 1;
        if (seen < 2 || effective[rare] >= MIN_PARTICLES_AT_VALUE) {
            return null;
        }
        return String.format(Locale.ROOT, "its value %s there rests on about %.1f effective particles over all the "
                + "sweeps, too few for their spread to give a standard error: none given", values[rare],
                effective[rare]);
    }

    /**
     * The verdict on tracked quantities whose filtered figures have no standard error at some steps because one of
     * two values rests on few particles ({@link #fewAtOneValue}); null if none.
     */
    private String filteredWithoutError() {
        List<String> named = new ArrayList<>();
        for (int k = 0; k < trackedNames.size(); k++) {
            int steps = sweeps.get(0).tracked[k].length;
            double[] logZ = new double[sweeps.size()];
            int without = 0;
            String first = null;
            for (int t = 0; t < steps; t++) {
                for (int s = 0; s < logZ.length; s++) {
                    logZ[s] = sweeps.get(s).logEvidenceByStep[t];
                }
                String few = fewAtOneValue(k, t, logZ);
                // a step where every particle agreed is told in its figure's label, not here: a state impossible by
                // construction (an emission of mass 0) and a tracked step index agree at every step, whatever the
                // particles, and were named in 20 calls of 20 (a false-alarm hunt)
                if (few != null && !few.startsWith(EVERY_PARTICLE)) {
                    without++;
                    first = first == null ? "the first, step " + t + ": " + few : first;
                }
            }
            if (without > 0) {
                named.add(String.format(Locale.ROOT, "'%s' at %d of %d steps (%s)", trackedNames.get(k), without,
                        steps, first));
            }
        }
        // an exact step guide was told to propose more often a state of filtered probability 2e-4 (a new user)
        return named.isEmpty() ? null : "filtered figures with no standard error, few of their particles at one of "
                + "two values: " + String.join("; ", named) + "; a state that few particles take is one the "
                + "filter makes rare, or that the proposal rarely gives: use more particles (a step guide that "
                + "proposes it more often helps only in the second case)";
    }

    /**
     * The posterior from the final particles of every sweep that kept them (the first sweeps, as many as
     * {@link SmcBuilder#keepParticles} allows: every sweep of a call of up to 100,000 particles in all), each sweep's
     * particles scaled by its Z-hat: the weighted approximation of p(x | e) that these sweeps give (consistent;
     * self-normalised, so biased by O(1/(N S))). The sweeps are chosen by their index, never by their results.
     */
    public WeightedParticles<T> posterior() {
        List<WeightedParticles<T>> parts = new ArrayList<>();
        double[] all = logEvidenceBySweep();
        double[] logZ = new double[all.length];
        int n = 0;
        for (int s = 0; s < sweeps.size(); s++) {
            if (sweeps.get(s).keptParticles()) {
                parts.add(sweeps.get(s).particles());
                logZ[n++] = all[s];
            }
        }
        return WeightedParticles.pool(parts, java.util.Arrays.copyOf(logZ, n));
    }

    private void requireMass(String what) {
        if (noMass()) {
            throw new IllegalStateException(what + " needs a sweep with positive weight, and " + noMassReason());
        }
    }

    /**
     * The least effective number of sweeps, 1 / sum_s (Z_s / sum Z)^2, for the spread across sweeps to give a
     * standard error: below it one sweep carries (nearly) all the weight, and the delta method's sum is that of the
     * other sweeps' vanishing weights (a filtered mean's standard error read 4e-104 at a step where one sweep's
     * particles saw an outlier the others had missed).
     */
    static final double MIN_SWEEP_ESS = 2;

    /**
     * {@link #MIN_SWEEP_ESS} for {@code sweeps} sweeps: never more than halfway from 1 to their number, since two
     * sweeps' effective number is at most 2 (balanced at 1.99, it read "one sweep's Z-hat outweighs the others" to a
     * new user); for two, one sweep outweighs the other when it carries more than 79% of their Z-hat.
     */
    static double minSweepEss(int sweeps) {
        return Math.min(MIN_SWEEP_ESS, 1 + (sweeps - 1) / 2.0);
    }

    /**
     * The ratio estimate {@code sum_s Z_s m_s / sum_s Z_s} over sweeps with Z_s > 0, with the delta-method standard
     * error {@code sqrt(S / (S - 1) sum_s (Z_s / sum Z)^2 (m_s - r)^2)} over all S sweeps (+inf with fewer than two
     * sweeps with Z_s > 0, or when their effective number is below {@link #minSweepEss}). The factor S / (S - 1) is
     * the linearised ratio's: its variance is that of the S values {@code Z_s (m_s - r)}, estimated with S - 1
     * degrees of freedom, as a sample variance is; without it 20 sweeps' 90% intervals for P(h | e) missed 12.5% of
     * the time on a state space of exact answer, and with it 11.7%.
     */
    static Estimate pooled(double[] logZ, double[] m, String label) {
        double max = Double.NEGATIVE_INFINITY;
        int positive = 0;
        for (double l : logZ) {
            if (l > Double.NEGATIVE_INFINITY) {
                max = Math.max(max, l);
                positive++;
            }
        }
        // The sweeps' figures divided by a power of two near the largest where they pass 1e150: tracked values near
        // the largest double made the mean infinite and its spread NaN (an adversarial tester).
        double largest = 0;
        for (int s = 0; s < logZ.length; s++) {
            if (logZ[s] > Double.NEGATIVE_INFINITY) {
                largest = Math.max(largest, Math.abs(m[s]));
            }
        }
        if (largest == Double.POSITIVE_INFINITY) {
            // A sweep's own estimate overflowed the doubles (a tracked value at the largest double): the pool is that
            // infinity, as importance sampling's is, not an error about NaN (an adversarial tester).
            boolean up = false;
            boolean down = false;
            for (int s = 0; s < logZ.length; s++) {
                if (logZ[s] > Double.NEGATIVE_INFINITY) {
                    up |= m[s] == Double.POSITIVE_INFINITY;
                    down |= m[s] == Double.NEGATIVE_INFINITY;
                }
            }
            if (up && down) {
                throw new ArithmeticException(label + ": the sweeps' estimates overflow the doubles both ways (+inf "
                        + "and -inf), so they have no mean; track the value in smaller units");
            }
            return new Estimate(up ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    label + "; a sweep's estimate overflows the doubles: track the value in smaller units");
        }
        double scale = ScaledSum.scaleFor(largest);
        double sum = 0;
        double weighted = 0;
        for (int s = 0; s < logZ.length; s++) {
            if (logZ[s] > Double.NEGATIVE_INFINITY) {
                double z = Math.exp(logZ[s] - max);
                sum += z;
                weighted += z * (m[s] / scale);
            }
        }
        double mean = weighted / sum;
        double v = 0;
        for (int s = 0; s < logZ.length; s++) {
            if (logZ[s] > Double.NEGATIVE_INFINITY) {
                double z = Math.exp(logZ[s] - max) / sum;
                double d = m[s] / scale - mean;
                v += z * z * d * d;
            }
        }
        double r = mean * scale;
        if (positive < 2) {
            return new Estimate(r, Double.POSITIVE_INFINITY, label + "; no standard error from fewer than two sweeps");
        }
        double sweepEss = effectiveSweeps(logZ);
        if (sweepEss < minSweepEss(logZ.length)) {
            return new Estimate(r, Double.POSITIVE_INFINITY, String.format(Locale.ROOT, "%s; one sweep's Z-hat "
                    + "outweighs the others (their effective number %.2f), so their spread says nothing", label,
                    sweepEss));
        }
        return new Estimate(r, Math.sqrt(v * logZ.length / (logZ.length - 1.0)) * scale, label);
    }

    /**
     * The effective number of sweeps, {@code (sum Z_s)^2 / sum Z_s^2}: the sweeps' Kish size, weighted by Z-hat, as
     * {@link WeightStats#ess} gives it for importance weights; 0 when every sweep died out.
     */
    static double effectiveSweeps(double[] logZ) {
        WeightStats w = new WeightStats();
        for (double l : logZ) {
            w.add(l);
        }
        return w.ess();
    }

    /** Diagnostics of the particle system, with plain-language verdicts. */
    public SmcDiagnostics diagnostics() {
        int steps = 0;
        for (Sweep<T> s : sweeps) {
            steps = Math.max(steps, s.steps());
        }
        double[] meanEss = new double[steps];
        double[] minEss = new double[steps];
        int[] reached = new int[steps];
        java.util.Arrays.fill(minEss, Double.POSITIVE_INFINITY);
        double resamplings = 0;
        int minRoots = Integer.MAX_VALUE;
        double meanRoots = 0;
        int zero = 0;
        for (Sweep<T> s : sweeps) {
            double[] e = s.essPerStep();
            for (int t = 0; t < e.length; t++) {
                meanEss[t] += e[t];
                minEss[t] = Math.min(minEss[t], e[t]);
                reached[t]++;
            }
            resamplings += s.resamplings();
            meanRoots += s.uniqueAncestors();
            if (s.logEvidence() == Double.NEGATIVE_INFINITY) {
                zero++;
            } else {
                // a sweep whose particles all died has no final particles to descend from anything: its 0 is not
                // path degeneracy, which the survivors' lineages alone can show
                minRoots = Math.min(minRoots, s.uniqueAncestors());
            }
        }
        for (int t = 0; t < steps; t++) {
            meanEss[t] /= reached[t];
        }
        int count = sweeps.size();
        double sd = Math.sqrt(logEvidenceVariance());
        int n = settings.particles;
        List<String> verdicts = new ArrayList<>();
        if (zero == count) {
            verdicts.add(noMassReason());
        } else if (zero > 0) {
            StringBuilder failures = new StringBuilder();
            sweeps.stream().filter(sw -> sw.logEvidence() == Double.NEGATIVE_INFINITY)
                    .forEach(sw -> failures.append(sw.failureWhereDied).append(' ').append(sw.firstFailure));
            verdicts.add(String.format(Locale.ROOT, "%d of %d sweeps ended with every particle at weight 0: the "
                    + "particles cannot follow the evidence; use more particles or a proposal that looks at it%s",
                    zero, count, rareCondition(failures.toString())));
        }
        if (sd > 1 && sd < Double.POSITIVE_INFINITY) {
            // the cause of this spread, told before it, and only beside it: a kernel that all but never moved a
            // multivariate normal's draw under 300 observations read right in 10 calls of 10, and was named in each
            // (a hunt); the sweeps' estimates stay unbiased whatever the moves, and the spread is what shows a harm
            stuckRejuvenation().ifPresent(verdicts::add);
            // Self-normalised estimates weigh each sweep by its Z-hat too: P(h | e) on a zero-inflated Poisson read
            // with a mean z^2 of 5.2 over 11 seeds under this verdict, which named log Z-hat alone (a new user)
            verdicts.add(String.format(Locale.ROOT, "log Z-hat varies with sd %.2f across sweeps: the mean is carried "
                    + "by a few sweeps, so its standard error is unreliable, and so are those of P(h | e), expectations "
                    + "and filtered means, which weigh each sweep by its Z-hat; the bounds are loose (still valid); use "
                    + "more particles or a better proposal", sd));
        } else {
            carriedByFewSweeps().ifPresent(verdicts::add);
        }
        if (n == 1) {
            // One particle's ESS is 1 of 1 at every step: "the ESS fell to 1.0 of 1 particles", blaming the proposal,
            // said nothing true (a new user)
            verdicts.add("with 1 particle no ESS can show a proposal that misses a step's evidence: each sweep is "
                    + "importance sampling of a single run, and the spread of log Z-hat across sweeps is all there is "
                    + "to judge it by; use at least 100 particles");
        }
        // where every sweep died, no particle carried any step's evidence: the verdict above says so
        for (int t = 0; t < steps && n > 1 && zero < count; t++) {
            // Below 2, one particle carries the step. The floor was 1, which an ESS never falls below: under 200
            // particles the verdict could not be given, and a step guide giving a state 1e-3 where the posterior put
            // far more read log P(e) 9 nats low at 100 particles, ESS 1.1, silent in 6% to 8% of seeds (a third
            // outside statistician).
            if (minEss[t] < Math.max(MIN_STEP_ESS, 0.01 * n)) {
                // Not only the proposal's fault, nor the step's alone: under the locally optimal proposal, an
                // observation 12 sds from where the particles predicted it left one particle carrying the step, and
                // log Z-hat read 5.8 to 9.9 of its standard errors low in 6 calls of 150 under this verdict alone,
                // which named neither the outlier nor the standard error (an outside statistician).
                verdicts.add(String.format(Locale.ROOT, "at step %d the ESS fell to %.1f of %d particles in some "
                        + "sweep: one or two particles carried that step's evidence (weight degeneracy), where the "
                        + "proposal misses it or the observation lies far from where the particles predicted it (an "
                        + "outlier); a sweep's log Z-hat then reads low unless a rare particle lands well, so log "
                        + "Z-hat and its standard error are not to be trusted, nor those of P(h | e), expectations and "
                        + "filtered means (the bounds stay valid); use more particles, or a proposal that looks at "
                        + "that step's evidence%s", t, minEss[t], n, steps == 1 && !annealedRun() && !filteringStates()
                        ? oneStep(n) : ""));
                break;
            }
        }
        // A state-space filter without a kept history gives only final states and filtered means, which path
        // degeneracy leaves alone: a linear-Gaussian filter drew this verdict in 200 calls of 200 whose answers
        // held their standard errors, so that no filter's verdicts were ever empty (an outside statistician)
        boolean readsEarlyStates = !filteringStates() || sweeps.stream().anyMatch(sw -> sw.history().isPresent());
        if (readsEarlyStates && minRoots < Math.max(2, 0.01 * n) && steps > 1) {
            // A model's SMC whose questions read a parameter drawn at its first step (a prevalence, before 30 pooled
            // tests) asks exactly such a smoothed estimate: E[p | e] read 7 to 11 standard errors off in 2 calls of 12
            // with this verdict alone, which called the estimates unaffected (a new user)
            boolean asks = !settings.expectations.isEmpty() || !settings.hypotheses.isEmpty();
            verdicts.add(String.format(Locale.ROOT, "the final particles of some sweep descend from only %d of %d "
                    + "first-step particles: smoothed estimates of early states rest on few paths (path degeneracy); "
                    + "filtering and the evidence are unaffected%s", minRoots, n, !asks ? "" : ", but the declared "
                    + "expectations and hypotheses are such estimates wherever they read a choice made before the last "
                    + "steps (a parameter drawn at the start): their values and standard errors may then be far off "
                    + "(E[p | e] of a prevalence drawn first read 11 standard errors off); ask them of MCMC"
                    + (annealedRun() ? " or importance sampling" : ", Smc.annealed or importance sampling")
                    + " instead"));
        }
        Optional<String> firstStep = firstStepVerdict(minEss.length > 0 ? minEss[0] : n);
        firstStep.ifPresent(verdicts::add);
        if (firstStep.isEmpty() && n > 1 && zero < count && (long) n * count < ParetoKHat.RUNS_TO_JUDGE) {
            verdicts.add(fewParticlesInAll(n, count));
        }
        sharedStateVerdict().ifPresent(verdicts::add);
        leftOutVerdict().ifPresent(verdicts::add);
        if (!sweeps.isEmpty() && sweeps.stream().noneMatch(sw -> sw.evidenceMet)) {
            // importance sampling and the model's SMC said this from runs of the model; a state-space filter whose
            // step functions never observed read log Z 0 +- 0 with no verdict (an adversarial tester)
            verdicts.add(String.format(Locale.ROOT, "no particle of the %d sweep%s met any evidence, no observe, "
                    + "factor or condition in a step function: P(e) reads 1 and every estimate is the prior's; if "
                    + "the model should be conditioned on its observations, its step functions never reached them",
                    sweeps.size(), sweeps.size() == 1 ? "" : "s"));
        }
        unproposedVerdict().ifPresent(verdicts::add);
        rareValue().ifPresent(verdicts::add);
        lightGuideTail().ifPresent(verdicts::add);
        priorCrossCheck().ifPresent(verdicts::add);
        verdicts.addAll(startRuns());
        StepGuideTails<T, ?> tails = stepGuideTails();
        if (tails != null) {
            tails.verdict().ifPresent(verdicts::add);
        }
        StepRareValues<T, ?> rareValues = stepRareValues();
        // Only where the sweeps' spread says nothing is wrong: the probe's forced calls go through the particles'
        // guide, which a bootstrap filter's compiled steps had never met, and its later calls in the JVM ran 25% slower
        // (a hunt); a call whose log Z-hat varies across sweeps is told already that its standard error is unreliable.
        if (rareValues != null && !noMass() && !(sd > 1)) {
            rareValues.verdict(meanLogIncrements(), logEvidence().standardError()).ifPresent(verdicts::add);
        }
        if (!noMass()) {
            for (int k = 0; k < settings.hypotheses.size(); k++) {
                String unanimous = unanimous(settings.hypotheses.get(k).name(), shares(k),
                        logEvidenceBySweep());
                if (unanimous != null) {
                    verdicts.add("hypothesis " + unanimous);
                }
            }
            for (int k = 0; k < settings.expectations.size(); k++) {
                String agreed = agreed(settings.expectations.get(k).name(), expectationMeans(k));
                if (agreed != null) {
                    verdicts.add("expectation: " + agreed);
                }
            }
            sweeps.stream().map(sw -> sw.returnedChanged).filter(Objects::nonNull).findFirst()
                    .ifPresent(verdicts::add);
            belowTheDoubles().ifPresent(verdicts::add);
            String filtered = filteredWithoutError();
            if (filtered != null) {
                verdicts.add(filtered);
            }
        }
        if (n < FEW_PARTICLES && !(settings.hypotheses.isEmpty() && settings.expectations.isEmpty()
                && trackedNames.isEmpty())) {
            // A statistician's 95% intervals for P(h | e) over the sweeps covered 83% with 20 particles.
            verdicts.add(String.format(Locale.ROOT, "only %d particles a sweep: each sweep's self-normalised P(h | e), "
                    + "expectations and filtered means carry a bias of order 1/%d, which their spread across sweeps, "
                    + "and so their standard errors and intervals, leave out; use at least %d particles", n, n,
                    FEW_PARTICLES));
        }
        if (coarseSchedule != null) {
            verdicts.add(coarseSchedule);
        }
        if (count < 20) {
            verdicts.add(String.format(Locale.ROOT, "only %d sweeps: standard errors across sweeps rest on few values "
                    + "(use a Student-t quantile), and the betting bound cannot exceed delta^(1/%d) times the mean",
                    count, count));
        }
        return new SmcDiagnostics(count, n, meanEss, minEss, resamplings / count,
                minRoots == Integer.MAX_VALUE ? 0 : minRoots, meanRoots / count, sd, zero, verdicts);
    }

    /**
     * Particles in all too few for a rare branch to show, as importance sampling's runs are below
     * {@link ParetoKHat#RUNS_TO_JUDGE}: a branch of prior 0.05 with observations of its own, run from the prior at
     * 50 particles and 20 sweeps, read log Z-hat more than 3 standard errors off in 36 calls of 300, and 100
     * particles in 10 of 200, each with no verdict, in the calls where no sweep drew a heavy run of the branch (an
     * outside statistician).
     */
    private static String fewParticlesInAll(int particles, int sweeps) {
        return String.format(Locale.ROOT, "with %,d particles in all (%d a sweep, %d sweeps), fewer than the %,d a "
                + "tail needs to be judged (as importance sampling's runs do), a rare branch or value that holds much "
                + "of P(e) can be in no sweep, and then log Z-hat and its standard error, read from the sweeps' "
                + "spread, are off together with no other sign (the bounds stay valid); use more particles or sweeps",
                (long) particles * sweeps, particles, sweeps, ParetoKHat.RUNS_TO_JUDGE);
    }

    /** Particles left at weight 0, over all sweeps, for a proposal's draw the doubles cannot carry. */
    private long leftOut() {
        long k = 0;
        for (Sweep<T> s : sweeps) {
            k += s.leftOut;
        }
        return k;
    }

    /**
     * An annealed sweep's final particles whose real values fall below the smallest normal double, over the sweeps
     * (none for other sweeps): the particles' MCMC moves cannot hold the mass a posterior keeps there
     * ({@link BelowTheDoubles}).
     */
    private Optional<String> belowTheDoubles() {
        BelowTheDoubles below = new BelowTheDoubles();
        for (Sweep<T> sw : sweeps) {
            if (sw.belowTheDoubles != null) {
                below.addAll(sw.belowTheDoubles);
            }
        }
        return below.verdict("final particles", "the particles' MCMC moves");
    }

    /** The fewest rejuvenation steps at a site, over all sweeps, for its acceptance rate to be judged. */
    static final long JUDGED_STEPS = 1000;
    /** Below this share of its rejuvenation steps accepted, a site's particles all but keep their first values. */
    static final double STUCK_ACCEPTANCE = 0.01;

    /**
     * Annealed SMC's sites whose rejuvenation steps at the last temperature, over every sweep, accepted fewer than
     * {@link #STUCK_ACCEPTANCE} of {@link #JUDGED_STEPS} or more: the particles keep there the values they started
     * with, which reweighting and resampling then thin to a few, so the sweeps disagree and their standard errors
     * rest on few of them. A Dirichlet of six shares under 200 observations, moved by the default kernel's draws from
     * its prior, was told only "use more particles or a better proposal" (a new user); a kernel that moves it
     * ({@code Kernels.independence} with a Dirichlet near the posterior) read it right.
     */
    private Optional<String> stuckRejuvenation() {
        Map<String, long[]> total = new LinkedHashMap<>();
        for (Sweep<T> sw : sweeps) {
            if (sw.kernelMoves != null) {
                sw.kernelMoves.forEach((site, c) -> {
                    long[] t = total.computeIfAbsent(site, a -> new long[2]);
                    t[0] += c[0];
                    t[1] += c[1];
                });
            }
        }
        List<String> stuck = new ArrayList<>();
        String worst = null;
        double worstRate = 1;
        long worstSteps = 0;
        for (Map.Entry<String, long[]> e : total.entrySet()) {
            long steps = e.getValue()[0];
            double rate = steps == 0 ? 1 : (double) e.getValue()[1] / steps;
            if (steps >= JUDGED_STEPS && rate < STUCK_ACCEPTANCE) {
                stuck.add(e.getKey());
                if (worst == null || rate < worstRate) {
                    worst = e.getKey();
                    worstRate = rate;
                    worstSteps = steps;
                }
            }
        }
        if (worst == null) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the rejuvenation kernel all but never moves %s: %s "
                + "accepted %.2g%% of its %,d steps at the last temperature, over the sweeps, so the particles keep "
                + "there the values they started with, which reweighting and resampling thin to a few, and log Z-hat, "
                + "P(h | e) and expectations rest on those few (the bounds stay valid); give a kernel that moves %s: "
                + "kernel(Kernels.independence(guide)) with a guide near the posterior there (a vector choice, such "
                + "as a Dirichlet's, is moved by the default kernel only by draws from its prior), or "
                + "Kernels.randomWalk() for real choices", ShortList.of(stuck), worst,
                100 * worstRate, worstSteps, stuck.size() == 1 ? "it" : "them"));
    }

    /**
     * The verdict when particles drew where the doubles cannot carry the proposal's density (within 2^20 doubles of
     * an end of its support, or from a proposal narrower than the doubles' spacing,
     * {@link dev.ariadne.core.dist.RealDist#unrepresentableAt}): they got weight 0, so the
     * sweeps' estimates of P(e) and P(h, e) leave out that zone's share and read low, with a standard error that does
     * not show it; the lower bounds hold.
     */
    private Optional<String> leftOutVerdict() {
        long k = leftOut();
        if (k == 0) {
            return Optional.empty();
        }
        Sweep<T> first = sweeps.stream().filter(s -> s.leftOut > 0).findFirst().orElseThrow();
        return Optional.of(String.format(Locale.ROOT, "%,d particles over the %d sweeps drew a value "
                + dev.ariadne.core.dist.Support.UNWEIGHABLE_ZONE + " (the first in sweep %d, %s), where the weight "
                + "p(x) / q(x) can overstate P(e) without bound: they got weight 0, so the estimates of P(e) and "
                + "P(h, e) leave out the share of "
                + "that zone and their standard errors do not show it, the lower bounds hold, and P(h | e) has no "
                + "interval; a proposal whose shape at that end is at least 1 draws there almost never", k,
                sweeps.size(), first.index(), first.firstLeftOut));
    }

    /**
     * The verdict on a transition that returned the very state object it was given while other particles shared it
     * (after a resampling, without {@code copyStates}), of a type whose contents cannot be compared: harmless for an
     * immutable state left as it was, and wrong for one changed in place, which moves every sibling from a state
     * already moved. Changes seen in an array, a record or a class with its own hashCode stop the call instead.
     */
    private Optional<String> sharedStateVerdict() {
        int step = Integer.MAX_VALUE;
        for (Sweep<T> s : sweeps) {
            if (s.sharedStateStep >= 0) {
                step = Math.min(step, s.sharedStateStep);
            }
        }
        if (step == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "at step %d the transition returned the state object it was "
                + "given, which other particles shared after a resampling: if it changes that state in place, every "
                + "particle sharing it moved from a state already moved, and the evidence, filtering and bounds are "
                + "those of another model; give the call copyStates(s -> a copy of s), or return a new state from "
                + "each step (an immutable state returned unchanged is fine)", step));
    }

    /**
     * First-step particles in all from which the largest weights piled within a factor 2 of each other, near a bound,
     * show a bounded tail below {@link ParetoKHat#RUNS_TO_JUDGE}: a guide wider than the prior, whose weights, prior
     * over guide, are bounded by the ratio of their widths.
     */
    static final long LIGHT_TAIL_PARTICLES = 1000;

    /**
     * Where a model's SMC took one step, what that means for the ESS verdict: every choice is made before the first
     * evidence, so each sweep is importance sampling of its particles, and the sweeps' particles together are runs that
     * importance sampling would weigh with its own diagnostics. Two new users' change-point models drew the verdict in
     * every call, with no word of why a model of 20 and 30 observations had one step.
     */
    private static String oneStep(int particles) {
        return String.format(Locale.ROOT, "; this model made every choice before its first evidence site, so it is "
                + "one step, and each sweep is importance sampling of its %d particles: Importance.of(model) with as "
                + "many runs as all the sweeps' particles reads those runs with its own diagnostics (the tail of the "
                + "weights, not one sweep's ESS), a guide proposes where the evidence lies, and Smc.annealed(model) "
                + "brings the evidence in by steps", particles);
    }

    /**
     * The verdict on an annealed run's first step, where each particle is weighted by prior over guide: the Pareto
     * k-hat of those weights pooled over all sweeps (each sweep's particles are independent draws from the guide).
     * A guide narrower than the prior where the posterior lies makes them heavy-tailed, and then each sweep's
     * estimate rests on a few particles, so log Z-hat and its standard error across sweeps can be badly off while
     * the ESS verdicts (on single sweeps) stay quiet. Empty when the sweeps are not annealed or start from the prior,
     * or when the tail is light; below {@link ParetoKHat#RUNS_TO_JUDGE} particles in all it says the tail cannot be
     * judged yet (an outside statistician: 20 particles x 10 sweeps from a guide of sd 0.3 for a prior of sd 1, 71 of
     * the 613 seeds with no verdict read log Z-hat over 3 standard errors off), and more where a sweep's ESS fell
     * below a tenth of its particles.
     */
    private Optional<String> firstStepVerdict(double firstStepMinEss) {
        long total = 0;
        for (Sweep<T> s : sweeps) {
            total += s.firstStepTail == null ? 0 : s.firstStepTail.count();
        }
        Execution<T> from = startingExecution();
        if (total == 0 || from == null || from.guide() == null) {
            return Optional.empty();
        }
        ParetoKHat pooled = new ParetoKHat(total);
        for (Sweep<T> s : sweeps) {
            if (s.firstStepTail != null) {
                pooled.merge(s.firstStepTail);
            }
        }
        if (total < ParetoKHat.RUNS_TO_JUDGE) {
            // A statistician's guide as narrow as the posterior: 100 particles, 20 sweeps, the first step's ESS 1.5,
            // log Z-hat +- 2 SE covering 63 of 100 seeds, and no verdict. Not where enough particles show a bounded
            // tail: a guide 12 times wider than the prior wastes most particles where the prior holds little, but its
            // weights are bounded (by 12), and it was told that a narrower guide makes them heavy-tailed in 150 calls
            // of 150 whose z-scores had sd 1.17 (an outside statistician).
            // A k-hat of at most 0.5 is no such sign below RUNS_TO_JUDGE: a guide of sd 0.3 for a prior of sd 1 (k
            // 0.91) read 0.47 and 0.49 over 2,000 and 1,000 particles in its worst seeds, 9.6 and 6.7 standard errors
            // low (a hunt for false alarms). A pile near a bound is: a heavy tail's largest hundred weights never lie
            // within a factor 2, and then the tail can be judged, bounded, and nothing is said.
            if (total >= LIGHT_TAIL_PARTICLES && pooled.shape() == ParetoKHat.Shape.PILE) {
                return Optional.empty();
            }
            return firstStepMinEss < 0.1 * settings.particles
                    ? Optional.of(String.format(Locale.ROOT, "the first step's weights, prior over guide, left an "
                    + "ESS of %.1f of %d particles in some sweep, and %d particles in all are too few to judge their "
                    + "tail (%d are needed): a guide narrower than the prior makes them heavy-tailed, and then log "
                    + "Z-hat and its standard error are unreliable (the bounds stay valid, only looser); start from "
                    + "the prior or from a guide at least as wide as the prior", firstStepMinEss, settings.particles,
                    total, ParetoKHat.RUNS_TO_JUDGE))
                    : Optional.of(String.format(Locale.ROOT, "with %d particles in all at the first step (prior "
                    + "over guide), their tail cannot be judged yet (%d are needed, as for importance sampling): a "
                    + "guide narrower than the prior where the posterior lies makes them heavy-tailed, and then log "
                    + "Z-hat and its standard error can be badly wrong without a sign (the bounds stay valid); more "
                    + "particles or sweeps let it be judged, or start from the prior", total,
                    ParetoKHat.RUNS_TO_JUDGE));
        }
        double k = pooled.kHat();
        if (pooled.noTailToRead() || !(k > ParetoKHat.INFINITE_VARIANCE)) {
            return Optional.empty();
        }
        String above = k > pooled.threshold()
                ? String.format(Locale.ROOT, "above its threshold %.2f", pooled.threshold())
                : "above 0.5: infinite variance";
        return Optional.of(String.format(Locale.ROOT, "the first step's weights, prior over guide, are heavy-tailed "
                + "(Pareto k-hat %.2f over the %d particles of all sweeps, %s): the guide is narrower than the prior "
                + "where the posterior lies, so each sweep's estimate rests on a few particles and log Z-hat and its "
                + "standard error are unreliable (the bounds stay valid, only looser); start from the prior or from a "
                + "wider guide", k, total, above));
    }

    /**
     * For a call that ran {@code untilCertified}, whether it reached its target tightness, and if not, what stopped
     * it (its time budget or its sweeps) and how tight the bound got; empty for other calls. A call stopped by its
     * budget or its sweeps short of the target looks, by its figures alone, like one that reached it.
     */
    public Optional<String> untilCertifiedStop() {
        if (settings.certifyBudget == null) {
            return Optional.empty();
        }
        double logZ;
        try {
            logZ = logEvidence().value();
        } catch (IllegalStateException everySweepDied) {
            logZ = Double.NEGATIVE_INFINITY; // it threw here, after run() had returned (an adversarial tester)
        }
        double tightness = logZ == Double.NEGATIVE_INFINITY ? Double.NaN
                : Math.exp(lowerBound(settings.certifyDelta).logValue() - logZ);
        // the bound it stops on is the one it reports: at the split delta where the bounds hold simultaneously
        return Optional.of(UntilCertifiedNote.of(certified(sweeps, settings.boundDelta(settings.certifyDelta),
                settings.certifyTightness),
                settings.certifyDelta, tightness, settings.certifyTightness, sweeps.size() + " sweeps",
                sweeps.size() >= settings.sweeps ? "the sweeps asked for were done"
                        : "the time budget of " + Durations.text(settings.certifyBudget)
                        + " ran out"));
    }

    /** A readable summary: evidence, bound at delta 0.05, hypotheses, expectations and diagnostics. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(description).append(String.format(Locale.ROOT, "; %d sweeps (seed %d)%n", sweeps.size(),
                settings.seed));
        if (noMass()) {
            sb.append(noMassReason()).append("; lower bound on P(e) = 0").append(nl);
            return sb.toString();
        }
        sb.append("log Z-hat:       ").append(logEvidence()).append(nl);
        sb.append("E[log Z-hat]:    ").append(meanLogEvidence()).append(nl);
        Bound b = lowerBound(0.05);
        sb.append(String.format(Locale.ROOT, "P(e) >= %s at 95%% (log %s, betting over sweeps)%n", b.text(6),
                b.logText()));
        untilCertifiedStop().ifPresent(v -> sb.append("until certified: ").append(v).append(nl));
        for (String h : hypothesisNames()) {
            sb.append(String.format(Locale.ROOT, "P(%s, e) >= %s at 95%%%n", h, lowerBound(h, 0.05).text(6)));
            sb.append(conditional(h)).append(nl);
        }
        for (SmcSettings.Declared<?> e : settings.expectations) {
            sb.append("E[").append(e.name()).append(" | e] = ").append(expectation(e.name())).append(nl);
        }
        sb.append(diagnostics().report());
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
