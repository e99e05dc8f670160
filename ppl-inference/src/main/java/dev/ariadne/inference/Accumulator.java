package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.History;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SerializablePredicate;
import dev.ariadne.core.VmErrors;
import dev.ariadne.inference.stats.BettingBound;
import dev.ariadne.inference.stats.ParetoKHat;
import dev.ariadne.inference.stats.PriorityFilter;
import dev.ariadne.inference.stats.PrioritySample;
import dev.ariadne.inference.stats.TailFilter;
import dev.ariadne.inference.stats.WeightBound;
import dev.ariadne.inference.stats.WeightStats;
import java.io.Serializable;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Everything one shard of runs (a fixed range of run indices) contributes to a result: the partial result of the
 * importance-sampling job on the run backend. Shards merge in index order, so the result does not depend on how
 * many threads ran them, nor on where.
 *
 * <p>Serialisable without its plan (a distributed backend ships the plan once, with the job), as long as the
 * model's return values are (for the kept runs). Size of the serialised form of one shard of R runs in batches of
 * B with H hypotheses, keeping k runs: at most {@code 4096 + 512 H + 8 (1 + 2H) R / B + 8 (1 + 2H) min(R, M + 1) +
 * min(R, k + 1) (48 + v)} bytes, v the serialised size of a return value (14 bytes for a Double), plus for each declared
 * expectation its mean and its tail (about 8 min(R, M + 1) bytes more), plus the per-site breakdown of
 * the shard's first runs if it lies within the breakdown's runs (about 100 bytes per distinct site); M is the Pareto
 * tail size of the call's runs. The last term is 0 with {@code keep(0)}; {@code SerialisingBackendTest} checks the
 * bound.
 */
final class Accumulator<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The purpose of the uniform draw that gives each run its priority for the kept sample. */
    static final long PRIORITY_STREAM = 0x5052494FL;

    final transient Plan<T> plan;
    /** The worker's filter in front of {@link #pareto}, while the shard runs. */
    private final transient TailFilter filter;
    /** The worker's filter in front of {@link #kept}, while the shard runs; null if no run is kept. */
    private final transient PriorityFilter keptFilter;
    /** The worker's watch on the objects its kept runs returned, while the shard runs; null if no run is kept. */
    private final transient ReturnedObjects returned;
    /** The first object a kept run returned and a later one changed in place ({@link ReturnedObjects}); or null. */
    String returnedChanged;
    final long firstRun;
    long runs;
    final WeightStats weights = new WeightStats();
    final BettingBound evidence;
    /** The largest log weights, for Pareto k-hat: per shard, fed through the worker's filter. */
    final ParetoKHat pareto;
    final long[] failures = new long[FailureCause.values().length];
    /** The lowest index of a run of weight 0, and where and why it failed: what an error names when none was accepted. */
    long firstFailedRun = Long.MAX_VALUE;
    String firstFailure;
    /** The first run that drew where doubles cannot carry its proposal's density, and where (for its verdict). */
    long firstUnrepresentableRun = Long.MAX_VALUE;
    String firstUnrepresentable;
    final HypothesisAcc[] hypotheses;
    final ExpectationMean[] expectations;
    final PrioritySample<Kept<T>> kept;
    final SiteTable sites = new SiteTable();

    /**
     * Per-hypothesis streams: weights w 1[h] and w 1[not h], the self-normalised share of h, and the largest log
     * weights of the accepted runs on each side, for the Pareto k-hat of each side's own weights
     * ({@link HypothesisTails}).
     */
    static final class HypothesisAcc implements Serializable {
        private static final long serialVersionUID = 1L;
        final WeightStats weights = new WeightStats();
        final BettingBound holds;
        final BettingBound fails;
        final WeightedMean share = new WeightedMean(false);
        /** The log weights of the accepted runs where the hypothesis held, and of those where it failed. */
        final ParetoKHat heldTail;
        final ParetoKHat failedTail;
        /**
         * The lowest index of an accepted run where it held, and of one where it failed (Long.MAX_VALUE if none): runs
         * whose proposals the light-tail probes also read, since a branch that only a rare hypothesis takes is in
         * none of the call's first runs.
         */
        long firstHeld = Long.MAX_VALUE;
        long firstFailed = Long.MAX_VALUE;

        HypothesisAcc(int batchSize, long firstRun, WeightBound bound, long tailRuns) {
            holds = new BettingBound(batchSize, firstRun, bound);
            fails = new BettingBound(batchSize, firstRun, bound);
            heldTail = new ParetoKHat(tailRuns);
            failedTail = new ParetoKHat(tailRuns);
        }

        void merge(HypothesisAcc o) {
            weights.merge(o.weights);
            holds.merge(o.holds);
            fails.merge(o.fails);
            share.merge(o.share);
            heldTail.merge(o.heldTail);
            failedTail.merge(o.failedTail);
            firstHeld = Math.min(firstHeld, o.firstHeld);
            firstFailed = Math.min(firstFailed, o.firstFailed);
        }
    }

    /**
     * A shard's accumulator from run {@code firstRun} on.
     *
     * @param tailRuns the expected runs its Pareto tail is sized for ({@link Plan#tailRunsFor})
     * @param filter     the worker's filter for tails of that size
     * @param keptFilter the worker's filter for samples of {@code plan.keep} runs, null if the plan keeps none
     */
    Accumulator(Plan<T> plan, long firstRun, long tailRuns, TailFilter filter, PriorityFilter keptFilter) {
        this.plan = plan;
        this.filter = filter;
        this.keptFilter = keptFilter;
        this.returned = keptFilter == null ? null : new ReturnedObjects();
        this.firstRun = firstRun;
        this.evidence = new BettingBound(plan.batchSize, firstRun, plan.weightBound);
        this.pareto = new ParetoKHat(tailRuns);
        this.hypotheses = new HypothesisAcc[plan.hypotheses.size()];
        for (int h = 0; h < hypotheses.length; h++) {
            hypotheses[h] = new HypothesisAcc(plan.batchSize, firstRun, plan.weightBound, tailRuns);
        }
        this.expectations = new ExpectationMean[plan.expectations.size()];
        for (int e = 0; e < expectations.length; e++) {
            expectations[e] = new ExpectationMean(tailRuns);
        }
        this.kept = new PrioritySample<>(Math.max(1, plan.keep)); // its array grows with what it holds
    }

    /** Adds the runner's last run, which was run {@code index}. */
    void add(Runner<T> r, long index) {
        plan.weightBound.check(r);
        runs++;
        double l = r.logWeight();
        weights.add(l);
        evidence.add(l);
        if (filter.admits(l)) {
            pareto.add(l);
        } else {
            pareto.countOnly(l);
        }
        boolean accepted = l != Double.NEGATIVE_INFINITY;
        if (!accepted) {
            failures[r.failureCause().ordinal()]++;
            if (index < firstFailedRun) {
                firstFailedRun = index;
                firstFailure = String.valueOf(r.failure());
            }
            if (r.failureCause() == FailureCause.UNREPRESENTABLE_DRAW && index < firstUnrepresentableRun) {
                firstUnrepresentableRun = index;
                firstUnrepresentable = r.failure().address().toString();
            }
        }
        T value = accepted && plan.readsValues ? r.value() : null;
        List<Hypothesis<T>> hs = plan.hypotheses;
        for (int h = 0; h < hypotheses.length; h++) {
            HypothesisAcc acc = hypotheses[h];
            boolean holds = accepted && test(hs.get(h), value, r, index);
            double lh = holds ? l : Double.NEGATIVE_INFINITY;
            acc.weights.add(lh);
            acc.holds.add(lh);
            acc.fails.add(accepted && !holds ? l : Double.NEGATIVE_INFINITY);
            acc.share.add(l, holds ? 1 : 0);
            if (accepted) {
                (holds ? acc.heldTail : acc.failedTail).add(l);
                if (holds) {
                    acc.firstHeld = Math.min(acc.firstHeld, index);
                } else {
                    acc.firstFailed = Math.min(acc.firstFailed, index);
                }
            }
        }
        if (!accepted) {
            for (ExpectationMean m : expectations) {
                m.addFailed();
            }
            return;
        }
        List<ToDoubleFunction<T>> es = plan.expectations;
        for (int e = 0; e < expectations.length; e++) {
            double f = expect(e, es.get(e), value, r, index);
            if (f - f != 0) {
                explainDraw(r);
                throw new IllegalStateException("expectation '" + plan.expectationNames.get(e) + "' is " + f
                        + " for run " + index + " of seed " + plan.seed + " (its value must be finite wherever a run "
                        + "has weight)");
            }
            expectations[e].add(l, f);
        }
        if (plan.keep > 0) {
            double u = Rng.uniformOf(plan.seed, index, PRIORITY_STREAM);
            if (keptFilter.mayAdmit(l, u)) {
                double logU = Math.log(u);
                if (keptFilter.admits(l - logU)) {
                    // copied where an array: a model that fills one array anew at each run kept the last run's
                    // value in every kept run (an adversarial tester)
                    kept.add(new Kept<>(dev.ariadne.core.ReturnValues.kept(value), plan.seed, index, l), l, logU);
                    if (returnedChanged == null) {
                        returned.returned(value, index, run -> "run " + run + " of seed " + plan.seed);
                        returnedChanged = returned.changed();
                    }
                }
            }
        }
        if (index < plan.siteBreakdownRuns) {
            sites.add(r);
        }
    }

    /** Tests a hypothesis; whatever the user's predicate throws becomes an error of this run that names it. */
    private boolean test(Hypothesis<T> h, T value, Runner<T> r, long index) {
        try {
            return h.test(value, r.history());
        } catch (Exception | Error e) {
            VmErrors.rethrowVms(e);
            throw userCodeFailed("hypothesis '" + h.name() + "'", value, r, index, e);
        }
    }

    private double expect(int e, ToDoubleFunction<T> f, T value, Runner<T> r, long index) {
        try {
            return f.applyAsDouble(value);
        } catch (Exception | Error ex) {
            VmErrors.rethrowVms(ex);
            throw userCodeFailed("expectation '" + plan.expectationNames.get(e) + "'", value, r, index, ex);
        }
    }

    /**
     * Before an expectation's NaN or infinity is reported: makes the run again with its trace, on the engine's general
     * path, which refuses a draw outside its distribution's support (a user's sampler that returns NaN), and throws
     * that error, which names the site, the distribution and the value, where it is the cause. The direct path that
     * made the run does not check draws (that would cost every site).
     */
    private static void explainDraw(Runner<?> r) {
        try {
            r.trace();
        } catch (ModelException e) {
            if (e.reason().contains(dev.ariadne.core.dist.Support.DRAW_IN_SUPPORT_RULE)) {
                throw e;
            }
        }
    }

    private ModelException userCodeFailed(String what, T value, Runner<T> r, long index, Throwable e) {
        String onNull = value == null ? " on the model's return value null" : "";
        Address last = r.siteCount() > 0 ? r.siteAddress(r.siteCount() - 1) : null;
        return new ModelException(what + " threw " + e + onNull, plan.seed, index, last, e);
    }

    void merge(Accumulator<T> o) {
        runs += o.runs;
        weights.merge(o.weights);
        evidence.merge(o.evidence);
        pareto.merge(o.pareto);
        for (int i = 0; i < failures.length; i++) {
            failures[i] += o.failures[i];
        }
        if (o.firstFailedRun < firstFailedRun) {
            firstFailedRun = o.firstFailedRun;
            firstFailure = o.firstFailure;
        }
        returnedChanged = returnedChanged != null ? returnedChanged : o.returnedChanged;
        if (o.firstUnrepresentableRun < firstUnrepresentableRun) {
            firstUnrepresentableRun = o.firstUnrepresentableRun;
            firstUnrepresentable = o.firstUnrepresentable;
        }
        for (int h = 0; h < hypotheses.length; h++) {
            hypotheses[h].merge(o.hypotheses[h]);
        }
        for (int e = 0; e < expectations.length; e++) {
            expectations[e].merge(o.expectations[e]);
        }
        kept.merge(o.kept);
        sites.merge(o.sites);
    }

    /** A hypothesis on the return value or on the run's history. */
    record Hypothesis<T>(String name, SerializablePredicate<? super T> onValue,
                         SerializablePredicate<History> onHistory) implements Serializable {
        boolean test(T value, History history) {
            return onValue != null ? onValue.test(value) : onHistory.test(history);
        }
    }
}
