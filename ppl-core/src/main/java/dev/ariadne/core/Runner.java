package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.ValueKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes runs of one model under one guide and handler stack, reusing its buffers from run to run: the hot
 * path of inference. After {@link #run} the accessors describe that run until the next one. A runner belongs to
 * one thread; make one per worker with {@link Execution#runner()}.
 *
 * @param <T> the model's return type
 */
public final class Runner<T> {

    private final Engine engine;

    Runner(Engine engine) {
        this.engine = engine;
    }

    /**
     * Runs the model as run {@code index} of {@code seed}, drawing from {@link Rng#forRun}(seed, index).
     *
     * @throws ModelException if user code throws, a parameter is invalid, an address is reused or a guide's
     *                        proposal does not fit; it names the run and the last site
     */
    public Runner<T> run(long seed, long index) {
        engine.execute(seed, index);
        return this;
    }

    /**
     * Makes run {@code index} of {@code seed} again as far as {@code prefix}, then continues it by one step, the way
     * generic sequential Monte Carlo moves a particle from one evidence site to the next ({@link RunPrefix}):
     * <ul>
     *   <li>each latent site inside the prefix takes its recorded value, neither drawn nor scored;</li>
     *   <li>past the prefix, values are drawn as in any run (from the guide's proposal, or the prior), from the stream
     *       {@link Rng#forRun}(seed, index);</li>
     *   <li>the run is stopped at the first latent site that follows an evidence site past the prefix (the first
     *       latent site past the prefix never stops it), and the prefix grows to that site.</li>
     * </ul>
     * After it, {@link #logP()}, {@link #logQ()} and {@link #logWeight()} count only the sites past the old prefix: the
     * step's incremental log weight, the log of p(this step's latents and evidence | the prefix) over q(this step's
     * latents). A stopped run has no value and has not failed.
     *
     * @return true if the run was stopped (it can be continued again); false if it ended: the model returned
     *         ({@link #value()}) or the run has weight 0 ({@link #failed()})
     * @throws ModelException        if the run does not line up with its prefix (the model's run is not determined
     *                               by its random choices), or for the reasons {@link #run} gives
     * @throws IllegalStateException if this runner has effect handlers, a guide program or a whole-run defensive
     *                               mixture, whose per-run work a run made again step by step would repeat
     */
    public boolean continueRun(long seed, long index, RunPrefix prefix) {
        return engine.continueRun(seed, index, java.util.Objects.requireNonNull(prefix, "prefix"));
    }

    /**
     * Makes run {@code index} of {@code seed} with the latent choices of {@code replay} ({@link RunReplay}): the k-th
     * latent site takes the k-th recorded value when it is at the recorded choice's address with its kind of value,
     * the edited choice takes its new value or a draw (from the stream {@link Rng#forRun}(seed, index)), and every
     * site is scored as in any run, so that {@link #logPrior()}, {@link #logLikelihood()}, {@link #siteLogP} and the
     * values in {@link #history()} are those of the run the choices make, and {@link RunReplay#prior} gives each
     * choice's prior. This is how an MCMC step makes its proposal when the model's structure does not change: the
     * run's target density is the same, bit for bit, as under a handler that sets the same values.
     *
     * @return true if the run's latent sites were the recorded choices, site for site in order, and the run did not
     *         fail; false otherwise (a site at another address or of another kind, more or fewer sites, a run of
     *         weight 0), and the run is then to be made another way (effect handlers that match choices by address)
     * @throws ModelException        for the reasons {@link #run} gives
     * @throws IllegalStateException on a runner with effect handlers, a guide program or a whole-run defensive
     *                               mixture
     */
    public boolean replay(long seed, long index, RunReplay replay) {
        return engine.replayRun(seed, index, java.util.Objects.requireNonNull(replay, "replay"));
    }

    /**
     * The return value of the last run, or null if it failed.
     *
     * @throws IllegalStateException if this runner drops its runs' values ({@link #dropValues()})
     */
    @SuppressWarnings("unchecked")
    public T value() {
        if (engine.dropsValues) {
            throw new IllegalStateException("this runner drops its runs' return values (dropValues()); make another "
                    + "runner to read them");
        }
        return (T) engine.result;
    }

    /**
     * Makes this runner drop each run's return value, for a caller that reads only weights and sites (importance
     * sampling that asks no question and keeps no run, a guide search's batches): the value is never stored, so
     * that the compiler may leave it unmade where it can see the model's code. A model that returns a double boxes
     * it at every run, 16 bytes, and a million runs of ten sites took about a tenth longer with it. From now on
     * {@link #value()} and {@link #record()} throw; the weights, sites, failures and traces are as before.
     *
     * @return this runner
     */
    public Runner<T> dropValues() {
        engine.dropsValues = true;
        return this;
    }

    /** log p(x, e) of the last run (-inf if it failed). */
    public double logP() {
        return engine.logP;
    }

    /** log q(x) of the last run: the log density of its choices under the guide (the whole-run mixture if defensive). */
    public double logQ() {
        return engine.logQ;
    }

    /**
     * log p(e | x) of the last run: the sum of log p over its evidence sites (observations, factors, conditions),
     * as scaled by any handler; -inf if it failed.
     */
    public double logLikelihood() {
        return engine.failureCause != null ? Double.NEGATIVE_INFINITY : engine.logLikelihood;
    }

    /** log p(x) of the last run: the sum of log p over its latent sites under their priors; -inf if it failed. */
    public double logPrior() {
        return engine.failureCause != null ? Double.NEGATIVE_INFINITY : engine.logPriorLatent;
    }

    /** The log importance weight log p(x, e) - log q(x) of the last run; -inf if it failed. */
    public double logWeight() {
        return engine.failureCause != null ? Double.NEGATIVE_INFINITY : engine.logP - engine.logQ;
    }

    /** Whether the last run has weight 0. */
    public boolean failed() {
        return engine.failureCause != null;
    }

    /** Why the last run failed, or null. */
    public FailureCause failureCause() {
        return engine.failureCause;
    }

    /**
     * Where and why the last run failed, or null; an observation's value is named when it is one number, with the
     * distribution that gave it probability 0. A runner that neither records its runs nor has handlers keeps no
     * observation's distribution, and makes the run again on a recording twin to read it (once per call of this
     * method: the calls that report a failure ask for one).
     */
    public Failure failure() {
        if (engine.failureCause == null) {
            return null;
        }
        Slot s = engine.sites.slots[engine.failureSite];
        return Failure.at(engine.failureCause, engine.sites.addressAt(engine.failureSite), s.kind,
                Slot.box(s.kind, s.valueKind, s.scalar, engine.sites.objectAt(s)),
                s.kind == SiteKind.OBSERVED ? engine.failedObservation()
                        : s.kind == SiteKind.LATENT ? engine.failedLatentPrior() : null);
    }

    /**
     * The margin of the last run's hard evidence: the least {@code score - threshold} over the margin conditions it
     * reached ({@link Prob#condition(String, double, double)}). The rules, so that {@code failed() == margin() < 0}:
     * <ul>
     *   <li>a run that failed at a margin condition has that negative margin (or a lower one met earlier);</li>
     *   <li>a run that failed any other way (a plain condition, a zero likelihood, a value outside the support)
     *       has margin -inf: it is not in the evidence by any margin;</li>
     *   <li>a run that did not fail has the least margin of its margin conditions, which is {@code >= 0}, or
     *       +inf if it has none (the least of no margins). Never NaN.</li>
     * </ul>
     * Only margin conditions the run reached count: a run ends at its first site after a failure. Under
     * {@link Execution#relaxMargins relaxed margins} a margin condition that does not hold fails nothing, so a run
     * that did not fail has the least margin of all its margin conditions, negative when one did not hold; the
     * model would have given that run weight 0.
     */
    public double margin() {
        return engine.failureCause != null && !engine.failedAtMargin() ? Double.NEGATIVE_INFINITY : engine.margin;
    }

    /** The number of sites the last run reached. */
    public int siteCount() {
        return engine.reached();
    }

    /** The kind of site {@code i} of the last run. */
    public SiteKind siteKind(int i) {
        return slot(i).kind;
    }

    /** The name of site {@code i}. */
    public String siteName(int i) {
        return slot(i).name;
    }

    /** The index of site {@code i}. */
    public int siteIndex(int i) {
        return slot(i).index;
    }

    /** The scope of site {@code i}, or null at top level. */
    public Address siteScope(int i) {
        return slot(i).scope;
    }

    /** The address of site {@code i} (allocated). */
    public Address siteAddress(int i) {
        return slot(i).address();
    }

    /**
     * The value of site {@code i} where it is a number: a real one as drawn or observed, an int one exactly, a boolean
     * one as 1 or 0; NaN for a vector or object site.
     */
    public double siteValue(int i) {
        Slot s = slot(i);
        ValueKind k = s.valueKind;
        return k == ValueKind.REAL || k == ValueKind.INT || k == ValueKind.BOOL ? s.scalar : Double.NaN;
    }

    /**
     * Whether site {@code i} is an {@code observeAll} of no values: evidence in name only, which weighs nothing (a data
     * file that loaded no rows).
     */
    public boolean siteObservesNothing(int i) {
        return slot(i).kind == SiteKind.OBSERVED && isEmptyArray(slot(i).object);
    }

    /** Whether {@code value} is an array of no elements (an {@code observeAll}'s values, at a site that held them). */
    public static boolean isEmptyArray(Object value) {
        return value instanceof double[] a && a.length == 0 || value instanceof int[] b && b.length == 0
                || value instanceof boolean[] c && c.length == 0;
    }

    /** The kind of value site {@code i} holds (a real, an int, a boolean, a vector, an object); null for a factor. */
    public ValueKind siteValueKind(int i) {
        return slot(i).valueKind;
    }

    /** Site {@code i}'s contribution to log p. */
    public double siteLogP(int i) {
        return slot(i).logP;
    }

    /** Site {@code i}'s contribution to log q (0 unless latent). */
    public double siteLogQ(int i) {
        return slot(i).logQ();
    }

    /** The run's sites, read-only, as a guide sees them. */
    public History history() {
        return engine.historyView;
    }

    /** Whether the last run observed a continuous (non-integer, non-boolean) value. */
    public boolean hadContinuousEvidence() {
        return engine.hadContinuousEvidence();
    }

    /** Whether the last run had a factor with a positive log weight. */
    public boolean hadPositiveFactor() {
        return engine.positiveFactor;
    }

    /** Whether any latent site of the last run was drawn from a proposal other than its prior. */
    public boolean usedProposal() {
        return engine.usedProposal;
    }

    /** The prior's share alpha of the whole-run defensive mixture guiding these runs, or 0 if there is none. */
    public double defensiveAlpha() {
        return engine.defensiveAlpha();
    }

    /** The seed of the last run. */
    public long seed() {
        return engine.seed;
    }

    /** The index of the last run. */
    public long runIndex() {
        return engine.runIndex;
    }

    /**
     * The trace of the last run (allocated). A runner from {@link Execution#leanRunner()} keeps no distributions,
     * so it makes the same run again, on a twin that keeps them, to build the trace. The trace of a continued run
     * ({@link #continueRun}) shows its replayed sites with log p and log q of 0.
     *
     * @throws IllegalStateException after a continued run on a lean runner, whose prefix may have changed since
     */
    public Trace trace() {
        Engine e = engine.recorded();
        int n = e.reached();
        List<TraceSite> sites = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Slot s = e.sites.slots[i];
            Dist proposal = s.kind == SiteKind.LATENT ? s.proposal : null;
            sites.add(new TraceSite(s.address(), s.kind, s.prior, proposal, e.historyView.valueAt(i), s.logP, s.logQ()));
        }
        return new Trace(sites, failure());
    }

    /**
     * An immutable record of the last run, with its trace.
     *
     * @throws IllegalStateException if this runner drops its runs' values ({@link #dropValues()})
     */
    public RunRecord<T> record() {
        return new RunRecord<>(value(), logP(), logQ(), failure(), trace(), seed(), runIndex());
    }

    private Slot slot(int i) {
        int n = engine.reached();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("site " + i + " outside 0.." + (n - 1));
        }
        return engine.sites.slots[i];
    }
}
