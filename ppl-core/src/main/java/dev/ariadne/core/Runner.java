package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
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

    /** The return value of the last run, or null if it failed. */
    @SuppressWarnings("unchecked")
    public T value() {
        return (T) engine.result;
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

    /** Where and why the last run failed, or null. */
    public Failure failure() {
        return engine.failureCause == null ? null
                : new Failure(engine.failureCause, engine.addressAt(engine.failureSite));
    }

    /** The number of sites the last run reached. */
    public int siteCount() {
        return engine.n;
    }

    /** The kind of site {@code i} of the last run. */
    public SiteKind siteKind(int i) {
        check(i);
        return engine.kindAt(i);
    }

    /** The name of site {@code i}. */
    public String siteName(int i) {
        check(i);
        return engine.nameAt(i);
    }

    /** The index of site {@code i}. */
    public int siteIndex(int i) {
        check(i);
        return engine.indexAt(i);
    }

    /** The scope of site {@code i}, or null at top level. */
    public Address siteScope(int i) {
        check(i);
        return engine.scopeAt(i);
    }

    /** The address of site {@code i} (allocated). */
    public Address siteAddress(int i) {
        check(i);
        return engine.addressAt(i);
    }

    /** Site {@code i}'s contribution to log p. */
    public double siteLogP(int i) {
        check(i);
        return engine.logPAt(i);
    }

    /** Site {@code i}'s contribution to log q (0 unless latent). */
    public double siteLogQ(int i) {
        check(i);
        return engine.logQAt(i);
    }

    /** The run's sites, read-only, as a guide sees them. */
    public History history() {
        return engine.historyView;
    }

    /** Whether the last run observed a continuous (non-integer, non-boolean) value. */
    public boolean hadContinuousEvidence() {
        return engine.continuousEvidence;
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
        return engine.seed();
    }

    /** The index of the last run. */
    public long runIndex() {
        return engine.runIndex();
    }

    /**
     * The trace of the last run (allocated). A runner from {@link Execution#leanRunner()} keeps no distributions,
     * so it makes the same run again, on a twin that keeps them, to build the trace.
     */
    public Trace trace() {
        Engine e = engine.recorded();
        List<TraceSite> sites = new ArrayList<>(e.n);
        for (int i = 0; i < e.n; i++) {
            SiteKind kind = e.kindAt(i);
            Dist prior = e.priorAt(i);
            Dist proposal = kind == SiteKind.LATENT ? e.proposalAt(i) : null;
            sites.add(new TraceSite(e.addressAt(i), kind, prior, proposal, e.valueAt(i), e.logPAt(i), e.logQAt(i)));
        }
        return new Trace(sites, failure());
    }

    /** An immutable record of the last run, with its trace. */
    public RunRecord<T> record() {
        return new RunRecord<>(value(), logP(), logQ(), failure(), trace(), seed(), runIndex());
    }

    private void check(int i) {
        if (i < 0 || i >= engine.n) {
            throw new IndexOutOfBoundsException("site " + i + " outside 0.." + (engine.n - 1));
        }
    }
}
