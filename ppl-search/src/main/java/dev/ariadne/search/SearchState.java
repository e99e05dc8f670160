package dev.ariadne.search;

import dev.ariadne.core.History;
import dev.ariadne.core.ModelException;
import dev.ariadne.inference.Estimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The {@link SearchContext} of a running search, with what the built-in strategies need beyond it: the growing
 * parameter layout, batches of taped runs, the history and the divergence watch. Runs of the search all use the
 * search seed: common random numbers are run indices [0, n), fresh batches start at {@link #FRESH_START} and move
 * on, so the two never overlap. Every batch goes through {@link #batch}, the one place that runs the model.
 */
final class SearchState implements SearchContext {

    /** The first run index of the fresh batches (gradient steps, cross-entropy iterations, the final comparison). */
    static final long FRESH_START = 1L << 40;
    /** Consecutive bad steps (objective exploded or no run accepted after some were) before a search is stopped. */
    static final int PATIENCE = 3;
    /** How many runs of the starting guide {@link #discover()} makes per pass (at most three passes). */
    static final int DISCOVERY_RUNS = 500;

    final Layout layout;
    private final SearchRuns pool;
    private final long seed;
    private final Objective objective;
    private final Budget budget;
    private final double divergenceThreshold;
    private final Consumer<SearchStep> listener;
    private final long startNanos = System.nanoTime();
    final List<SearchStep> history = new ArrayList<>();
    long runsUsed;
    /** Whether any run of the search so far met the evidence. */
    boolean anyAccepted;
    /** Whether any run of the search so far reached evidence stated with a margin (a finite margin). */
    boolean anyMargin;
    /** Whether the strategy's stop already says that too few runs met the evidence to move. */
    boolean noneAcceptedSaid;
    /** How many candidates {@link #evaluate} read, and whether any of them had a finite objective and error. */
    long evaluations;
    boolean anyObjectiveRead;
    private long nextIndex = FRESH_START;
    private double bestObjective = Double.POSITIVE_INFINITY;
    /** The standard error of the estimate that set {@link #bestObjective} (0 if it had none). */
    private double bestStandardError;
    private int badSteps;
    private double[] lastGood;
    private double[] chosen;
    String stopReason = "budget exhausted";
    /** What became of a starting guide's sites that no run made ({@link Layout#holdOutUnrevealed}); null if none. */
    String startNote;
    boolean diverged;
    boolean stopped;
    /** Whether the search ended because a budget ran out (rather than by its strategy's own rule). */
    private boolean budgetReached;
    /** Whether the stop reason says the objective was still falling (or climbing) when the budget ended. */
    boolean saidStillImproving;
    /** The most continuous (location) sites a taped run of this search has made; 0 before the first. */
    private int locationSitesPerRun;

    SearchState(Layout layout, SearchRuns pool, long seed, Objective objective, Budget budget, double divergenceThreshold,
                Consumer<SearchStep> listener) {
        this.layout = layout;
        this.pool = pool;
        this.seed = seed;
        this.objective = objective;
        this.budget = budget;
        this.divergenceThreshold = divergenceThreshold;
        this.listener = listener;
        this.lastGood = layout.theta().clone();
    }

    /** The state behind a context the search itself made; an error for a context from elsewhere. */
    static SearchState of(SearchContext context) {
        if (context instanceof SearchState s) {
            return s;
        }
        throw new IllegalArgumentException("the built-in strategies run only inside GuideSearch.run(), not in "
                + context.getClass().getName());
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Objective objective() {
        return objective;
    }

    @Override
    public Budget budget() {
        return budget;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The fewest bytes a run of a search step holds while the step reads it: its outcome's object and fields. */
    static final long RUN_OUTCOME_BYTES = 48;

    /**
     * Runs [from, to) of the search seed under the guide: the only call into the run backend. A structured family's
     * taped batch is refused first where it could not fit in the heap ({@link #structuredTooLarge}).
     */
    private List<RunOutcome> batch(FamilyGuide g, long from, long to, boolean tape, ToDoubleFunction<History> level) {
        // held together for the step: crossEntropy().runs(Integer.MAX_VALUE) and gradient().batch(Integer.MAX_VALUE)
        // ended in a bare OutOfMemoryError (an adversarial tester)
        dev.ariadne.inference.run.Heap.requireRoom("runs of one search step, held together for it", to - from,
                RUN_OUTCOME_BYTES, "use fewer runs a step (the strategy's runs, batch or population)");
        boolean structured = tape && layout.family.kind() == GuideFamily.Kind.STRUCTURED;
        if (structured) {
            String tooLarge = structuredTooLarge(locationSitesPerRun, to - from, Runtime.getRuntime().maxMemory());
            if (tooLarge != null) {
                throw new IllegalArgumentException(tooLarge);
            }
        }
        List<RunOutcome> r = pool.run(g, seed, from, to, tape, level);
        runsUsed += to - from;
        if (!anyAccepted) {
            anyAccepted = accepted(r) > 0;
        }
        if (!anyMargin) {
            anyMargin = r.stream().anyMatch(o -> Double.isFinite(o.margin));
        }
        if (tape && !programRead && layout.family.kind() == GuideFamily.Kind.PROGRAM) {
            programRead = readsAParameter(r);
            if (!programRead && !stopped) {
                // A program whose test of the site's name never held read no parameter, so every objective was the
                // same: a new user's CMA-ES search "converged" after 138,500 runs.
                stop(String.format(Locale.ROOT, "nothing to search: in the %,d runs of the starting guide the "
                        + "program '%s' read none of its parameters (%s) at any site, so no value of them changes "
                        + "the guide (does its test of the site's name or address match the model's sites?)",
                        to - from, layout.family.name(), String.join(", ", layout.names)));
            }
        }
        if (structured) {
            for (RunOutcome o : r) {
                int n = 0;
                if (o.entries != null) {
                    for (Tape.Entry e : o.entries) {
                        n += e.family instanceof LocationFamily ? 1 : 0;
                    }
                }
                locationSitesPerRun = Math.max(locationSitesPerRun, n);
            }
        }
        return r;
    }

    /**
     * Bytes a taped run holds per regressor of a structured site (its address as a new string of about 48 bytes, the
     * reference and the unconstrained value), and bytes per coefficient of the layout (its name, value and place in
     * the site's spec): the measure of {@link #structuredTooLarge}, rounded down so that it refuses only what cannot
     * fit.
     */
    static final long BYTES_PER_REGRESSOR = 60;
    static final long BYTES_PER_COEFFICIENT = 150;

    /**
     * Why a structured family's batch of {@code runs} taped runs cannot be made, or null: each of a run's
     * {@code sites} continuous (location) sites is affine in every earlier one, so a run tapes s (s - 1) / 2
     * regressors and the guide has as many coefficients, which grows as the square of the sites (1,500 sites: 1.1
     * million per run, and a batch of 500 runs about 34 GB). Refused where the estimate exceeds {@code maxHeap}, the
     * JVM's whole heap, so that the search fails at once with the figures rather than out of memory later.
     */
    static String structuredTooLarge(int sites, long runs, long maxHeap) {
        if (sites < 2) {
            return null;
        }
        double coefficients = sites * (sites - 1.0) / 2;
        double bytes = runs * coefficients * BYTES_PER_REGRESSOR + coefficients * BYTES_PER_COEFFICIENT;
        if (bytes <= maxHeap) {
            return null;
        }
        return String.format(Locale.ROOT, "GuideFamily.structured(): the model's runs make %,d continuous latent "
                + "sites, and the structured family makes each site's location affine in every earlier one: %,.0f "
                + "coefficients, growing as the square of the sites, and a batch of %,d taped runs would hold %,.0f "
                + "regressor values, about %s, against this JVM's maximum heap of %s. Use GuideFamily.meanField(), "
                + "whose size grows linearly with the sites, or a program family (GuideFamily.program) whose "
                + "locations read only the earlier choices they depend on", sites, coefficients, runs,
                runs * coefficients, bytes(bytes), bytes(maxHeap));
    }

    private static String bytes(double b) {
        return b >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", b / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", b / 1e6);
    }

    @Override
    public List<String> discover() {
        for (int pass = 0; pass < 3; pass++) {
            if (runsUsed + DISCOVERY_RUNS > budget.runs()) {
                if (pass == 0) {
                    stop(String.format(Locale.ROOT, "run budget of %,d reached before the search began: the model "
                            + "reveals its sites in %,d runs of the starting guide, more than the budget leaves",
                            budget.runs(), DISCOVERY_RUNS));
                    budgetReached = true;
                    return List.of();
                }
                break;
            }
            int before = layout.size();
            layout.merge(batch(layout.snapshot(), 0, DISCOVERY_RUNS, true, null));
            if (stopped || layout.size() == before) {
                break;
            }
        }
        holdOutStartSitesNoRunMade();
        lastGood = layout.theta().clone();
        return parameterNames();
    }

    /**
     * Holds out of the search a starting guide's sites that no run so far has made ({@link Layout#holdOutUnrevealed}),
     * saying so in the stop reason; called once the first runs are merged, before the strategy reads the layout.
     *
     * @return whether any was held out (the layout's parameters then moved)
     */
    boolean holdOutStartSitesNoRunMade() {
        List<String> held = layout.holdOutUnrevealed();
        if (held.isEmpty()) {
            return false;
        }
        startNote = String.format(Locale.ROOT, "the starting guide's %d site%s that no run of the %,d that revealed "
                + "the model's sites made (%s) %s held out of the search at the start's values, which the guide "
                + "returned keeps: sites of another model's guide, or sites this model makes rarely, which join the "
                + "search when a run makes them", held.size(), held.size() == 1 ? "" : "s", runsUsed, firstFew(held),
                held.size() == 1 ? "was" : "were");
        return true;
    }

    /** The first five names, and how many more. */
    private static String firstFew(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(5, names.size())));
        return names.size() <= 5 ? shown : shown + " and " + (names.size() - 5) + " more";
    }

    private static boolean readsAParameter(List<RunOutcome> runs) {
        for (RunOutcome r : runs) {
            for (Tape.Entry e : r.entries == null ? List.<Tape.Entry>of() : r.entries) {
                if (e.read != null && e.read.length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<String> parameterNames() {
        return List.copyOf(layout.names);
    }

    @Override
    public double[] start() {
        return layout.initialValues();
    }

    @Override
    public double[] units() {
        return layout.units();
    }

    @Override
    public Estimate evaluate(double[] theta, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("evaluate: runs must be >= 1, got " + runs);
        }
        double[] full = layout.padded(theta);
        for (int i = 0; i < full.length; i++) {
            if (!Double.isFinite(full[i])) {
                return new Estimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "parameter "
                        + layout.names.get(i) + " is " + full[i]);
            }
        }
        try {
            Estimate e = objective.estimate(crn(layout.snapshot(full), runs));
            evaluations++;
            anyObjectiveRead |= Double.isFinite(e.value()) && Double.isFinite(e.standardError());
            return e;
        } catch (ModelException e) {
            if (e.thrownByModel() || Arrays.equals(full, layout.initialValues())) {
                throw e; // the model's own error is a bug to report, not a bad guide to step away from
            }
            guideFailures++;
            if (firstGuideFailure == null) {
                firstGuideFailure = e.getMessage();
            }
            return new Estimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "the guide failed at these "
                    + "parameters: " + e.getMessage());
        }
    }

    @Override
    public boolean canStep(int step, long runs) {
        if (stopped) {
            return false;
        }
        if (history.size() >= 2 && layout.size() == 0) {
            // A model of evidence only ran 200 steps and 44,000 runs, and was told that its objective barely moved
            // (a new user): there was nothing to move.
            stopReason = String.format(Locale.ROOT, "nothing to search: the %,d runs of %d steps reached no latent "
                    + "site the family proposes at (a model of evidence only, or a family whose sites the model does "
                    + "not make), so the family has no parameter and the guide is the prior", runsUsed,
                    history.size());
            stopped = true;
            return false;
        }
        if (step > budget.steps()) {
            stopReason = "step budget of " + budget.steps() + " reached";
            budgetReached = true;
            return false;
        }
        if (runsUsed + runs > budget.runs()) {
            // A budget that cannot hold the next step is not spent: say so, rather than that it was reached (a
            // cross-entropy search of runs(5000) made no run and said its budget was reached; an adversarial tester).
            stopReason = runsUsed >= budget.runs() ? "run budget of " + budget.runs() + " reached"
                    : String.format(Locale.ROOT, "run budget of %,d reached: %s needs %,d runs and %,d remain%s",
                    budget.runs(), stepBegun ? "the next step" : "the first step", runs, budget.runs() - runsUsed,
                    stepBegun ? "" : " (raise the budget, or lower the runs a step makes)");
            budgetReached = true;
            return false;
        }
        if (elapsed().compareTo(budget.time()) >= 0) {
            stopReason = "time budget of " + budget.time() + " reached";
            budgetReached = true;
            return false;
        }
        stepBegun = true;
        return true;
    }

    /**
     * Why the first failing run of the starting guide's first {@link #DISCOVERY_RUNS} failed, or empty where none did:
     * for a search that no step could update, whose failed runs may break an observation rather than a condition.
     */
    Optional<dev.ariadne.core.Failure> firstFailureOfTheStart() {
        return pool.firstFailure(layout.snapshot(), seed, 0, DISCOVERY_RUNS);
    }

    /**
     * How many trial parameters the guide failed at (threw, or proposed a distribution it could not make), which the
     * strategy read as +inf and stepped away from, and the first failure's message: CMA-ES met a program family's
     * exception 61 times and its stop reason said nothing of it (an adversarial tester).
     */
    int guideFailures;
    String firstGuideFailure;

    /** Whether a taped run of a program family has read one of its parameters. */
    private boolean programRead;

    /** Whether {@link #canStep} has let a step begin. */
    private boolean stepBegun;

    /** Runs n fresh runs (never run before by this search) of the layout's current guide. */
    List<RunOutcome> fresh(int n, boolean tape, ToDoubleFunction<History> level) {
        return fresh(layout.snapshot(), n, tape, level);
    }

    /** Runs n fresh runs (never run before by this search) of the guide {@code g}. */
    List<RunOutcome> fresh(FamilyGuide g, int n, boolean tape, ToDoubleFunction<History> level) {
        List<RunOutcome> r = batch(g, nextIndex, nextIndex + n, tape, level);
        nextIndex += n;
        return r;
    }

    /** Runs the common random numbers, run indices [0, n) of the search seed, under the guide. */
    List<RunOutcome> crn(FamilyGuide g, int n) {
        return batch(g, 0, n, false, null);
    }

    /**
     * Whether the parameters are all finite; otherwise stops the search as diverged, naming the first that is
     * not, and returns false.
     */
    boolean finite(double[] theta, int step) {
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                diverge("parameter " + layout.names.get(i) + " became " + theta[i] + " at step " + step);
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean step(int step, Estimate est, double[] theta, String note) {
        record(step, est, note);
        if (!finite(theta, step)) {
            return false;
        }
        double v = est.value();
        // Beyond the threshold by more than 5 standard errors of the difference: with a lot of data each estimate's
        // standard error can be hundreds of nats, and the running best (a minimum of noisy estimates) sits below the
        // objective; a fixed 50 nats stopped a search of 5,000 observations as diverged while its objective fell.
        double noise = 5 * Math.hypot(finiteOrZero(est.standardError()), bestStandardError);
        boolean bad = !(v <= bestObjective + divergenceThreshold + noise);
        if (bad && bestObjective < Double.POSITIVE_INFINITY) {
            if (++badSteps >= PATIENCE) {
                diverge("the objective exploded: " + est + " at step " + step + ", best so far " + bestObjective);
                return false;
            }
        } else if (!bad) {
            badSteps = 0;
            lastGood = theta.clone();
        }
        if (v < bestObjective && Double.isFinite(est.standardError())) { // a value with no error bar is no best
            bestObjective = v;
            bestStandardError = est.standardError();
        }
        return true;
    }

    private static double finiteOrZero(double x) {
        return x >= 0 && x < Double.POSITIVE_INFINITY ? x : 0;
    }

    /**
     * Says so in the stop reason when a budget ended the search while its objective was still falling: the mean of
     * the last quarter of the steps' estimates lies below the mean of the quarter before by more than
     * {@value #STILL_FALLING_SES} standard errors of the difference, each quarter's standard error taken from its
     * steps' own (each step's estimate comes from its own runs; where steps share runs, the difference varies less
     * and the test is stricter), and by more than {@value #STILL_FALLING_NATS} nats. A search that has converged then
     * says it with probability about 1e-3; one whose guide is still improving is told that more steps may find a
     * better one. Where instead the first quarter's mean and the last quarter's differ by less than
     * {@value #STILL_FALLING_NATS} nats (and less than {@value #STILL_FALLING_SES} standard errors), it says that the
     * objective barely moved: a search stuck at its start otherwise reads as one that has converged. Nothing is said
     * with fewer than 16 steps or where a step's estimate is not finite.
     */
    void noteIfStillImproving() {
        int quarter = history.size() / 4;
        if (!budgetReached || stopped || quarter < 4) {
            return;
        }
        int n = history.size();
        double[] before = quarterMean(n - 2 * quarter, n - quarter);
        double[] last = quarterMean(n - quarter, n);
        if (before == null || last == null) {
            return;
        }
        double se = Math.sqrt(before[1] + last[1]);
        double drop = before[0] - last[0];
        if (drop > STILL_FALLING_SES * se && drop > STILL_FALLING_NATS) {
            saidStillImproving = true;
            stopReason += String.format(java.util.Locale.ROOT, "; the objective was still falling when the budget ran"
                    + " out (mean %.6g over steps %d to %d, %.6g over steps %d to %d: %.1f standard errors lower), so"
                    + " more steps may find a better guide", before[0], history.get(n - 2 * quarter).step(),
                    history.get(n - quarter - 1).step(), last[0], history.get(n - quarter).step(),
                    history.get(n - 1).step(), drop / se);
            return;
        }
        double[] first = quarterMean(0, quarter);
        if (first == null) {
            return;
        }
        double moved = Math.abs(first[0] - last[0]);
        if (moved < STILL_FALLING_NATS && moved <= STILL_FALLING_SES * Math.sqrt(first[1] + last[1])) {
            stopReason += String.format(java.util.Locale.ROOT, "; the objective barely moved over the whole search "
                    + "(mean %.6g over steps %d to %d, %.6g over steps %d to %d): either the starting guide was "
                    + "already as good as this family gets, or the strategy cannot find a way down from it (a "
                    + "score-function gradient where almost no run meets the evidence, for one); compare with the "
                    + "certified KL estimate, and try another strategy (cmaes(), crossEntropy()) if it is large",
                    first[0], history.get(0).step(), history.get(quarter - 1).step(), last[0],
                    history.get(n - quarter).step(), history.get(n - 1).step());
        }
    }

    /** Standard errors of the difference of two quarters' means beyond which the objective is still falling. */
    static final double STILL_FALLING_SES = 3.1;
    /**
     * The least drop between the quarters worth a word: every objective is in nats (a free energy, a KL, the log of
     * 1 + chi^2), and a guide whose KL would fall by less than 0.01 has as good as converged.
     */
    static final double STILL_FALLING_NATS = 0.01;

    /** The mean of the steps' estimates in [from, to) and the variance of that mean; null if one is not finite. */
    private double[] quarterMean(int from, int to) {
        double sum = 0;
        double variance = 0;
        for (int i = from; i < to; i++) {
            Estimate e = history.get(i).objective();
            if (!Double.isFinite(e.value()) || !Double.isFinite(e.standardError())) {
                return null;
            }
            sum += e.value();
            variance += e.standardError() * e.standardError();
        }
        int k = to - from;
        return new double[] {sum / k, variance / ((double) k * k)};
    }

    /**
     * Records a step without parameters to check. A listener's exception reaches the caller of run() as the cause of
     * one that says at which step and seed it was thrown, as importance sampling's and MCMC's progress listeners' do
     * (it came out bare; an adversarial tester); an Error comes out as it is.
     */
    void record(int step, Estimate est, String note) {
        SearchStep s = new SearchStep(step, est, runsUsed, elapsed(), note == null ? "" : note);
        history.add(s);
        if (listener != null) {
            try {
                listener.accept(s);
            } catch (RuntimeException e) {
                throw new ListenerFailure(new IllegalStateException("the onStep listener threw " + e
                        + " when told of step " + step + " (search seed " + seed + ")", e));
            } catch (Error e) {
                throw new ListenerFailure(e);
            }
        }
    }

    void diverge(String why) {
        diverged = true;
        stopped = true;
        stopReason = "diverged: " + why + "; returning the last good guide";
    }

    @Override
    public void stop(String why) {
        stopped = true;
        stopReason = why;
    }

    @Override
    public void choose(double[] theta) {
        for (double t : theta) {
            if (!Double.isFinite(t)) {
                diverge("the strategy's final parameters are not finite");
                return;
            }
        }
        chosen = theta.clone();
    }

    /** The parameters the strategy ended with, padded: the last good ones after divergence. */
    double[] result() {
        return layout.padded(diverged || chosen == null ? lastGood : chosen);
    }

    /**
     * The comparison of the result with the starting guide: both run on the same fresh runs (common random numbers,
     * indices never used before), {@code n} each; the result stands unless its estimate is clearly worse
     * ({@link StartComparison#worse}).
     */
    StartComparison compare(FamilyGuide start, FamilyGuide end, int n) {
        long from = nextIndex;
        nextIndex += n;
        List<RunOutcome> startRuns = batch(start, from, from + n, false, null);
        Estimate s = objective.estimate(startRuns);
        Estimate e;
        int endAccepted;
        try {
            List<RunOutcome> endRuns = batch(end, from, from + n, false, null);
            e = objective.estimate(endRuns);
            endAccepted = accepted(endRuns);
        } catch (ModelException ex) {
            if (ex.thrownByModel()) {
                throw ex;
            }
            e = new Estimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "the guide failed: "
                    + ex.getMessage());
            endAccepted = 0;
        }
        int startAccepted = accepted(startRuns);
        return new StartComparison(s, e, n, StartComparison.worse(e, endAccepted, s, startAccepted, n), startAccepted,
                endAccepted);
    }

    /** The number of runs that were not rejected. */
    static int accepted(List<RunOutcome> runs) {
        int a = 0;
        for (RunOutcome r : runs) {
            if (!r.failed) {
                a++;
            }
        }
        return a;
    }

    /** An exception from the step listener, carried past the search's handling of failed runs. */
    static final class ListenerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
