package dev.ariadne.inference;

import dev.ariadne.core.FailureCause;
import dev.ariadne.core.History;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.inference.stats.BettingBound;
import dev.ariadne.inference.stats.ParetoKHat;
import dev.ariadne.inference.stats.PrioritySample;
import dev.ariadne.inference.stats.WeightBound;
import dev.ariadne.inference.stats.WeightStats;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Everything one shard of runs (a fixed range of run indices) contributes to a result. Shards merge in index
 * order, so the result does not depend on how many threads ran them.
 */
final class Accumulator<T> {

    /** The stream of the uniform that ranks a run in priority sampling. */
    static final long PRIORITY_STREAM = 0x5052494FL;

    final Plan<T> plan;
    final long firstRun;
    long runs;
    final WeightStats weights = new WeightStats();
    final BettingBound evidence;
    /**
     * The Pareto tail: one per worker thread across its shards (set by the shard runner), since k-hat depends only
     * on the multiset of the largest weights, which no grouping of runs changes.
     */
    ParetoKHat pareto;
    /** Whether {@link #pareto} is a worker's, shared with its other shards and merged by the runner instead. */
    boolean paretoShared;
    final long[] failures = new long[FailureCause.values().length];
    final HypothesisAcc[] hypotheses;
    final WeightedMean[] expectations;
    final PrioritySample<Kept<T>> kept;
    final SiteTable sites = new SiteTable();

    /** Per-hypothesis streams: weights w 1[h] and w 1[not h], and the self-normalised share of h. */
    static final class HypothesisAcc {
        final WeightStats weights = new WeightStats();
        final BettingBound holds;
        final BettingBound fails;
        final WeightedMean share = new WeightedMean();

        HypothesisAcc(int batchSize, long firstRun, WeightBound bound) {
            holds = new BettingBound(batchSize, firstRun, bound);
            fails = new BettingBound(batchSize, firstRun, bound);
        }

        void merge(HypothesisAcc o) {
            weights.merge(o.weights);
            holds.merge(o.holds);
            fails.merge(o.fails);
            share.merge(o.share);
        }
    }

    Accumulator(Plan<T> plan, long firstRun) {
        this(plan, firstRun, null);
    }

    /** A shard's accumulator whose Pareto tail goes to {@code workerPareto} (if not null), shared across shards. */
    Accumulator(Plan<T> plan, long firstRun, ParetoKHat workerPareto) {
        this.plan = plan;
        this.firstRun = firstRun;
        this.evidence = new BettingBound(plan.batchSize, firstRun, plan.weightBound);
        this.pareto = workerPareto != null ? workerPareto : new ParetoKHat(plan.expectedRuns);
        this.paretoShared = workerPareto != null;
        this.hypotheses = new HypothesisAcc[plan.hypotheses.size()];
        for (int h = 0; h < hypotheses.length; h++) {
            hypotheses[h] = new HypothesisAcc(plan.batchSize, firstRun, plan.weightBound);
        }
        this.expectations = new WeightedMean[plan.expectations.size()];
        for (int e = 0; e < expectations.length; e++) {
            expectations[e] = new WeightedMean();
        }
        this.kept = new PrioritySample<>(Math.max(1, plan.keep));
    }

    /** Adds the runner's last run, which was run {@code index}. */
    void add(Runner<T> r, long index) {
        plan.weightBound.check(r);
        runs++;
        double l = r.logWeight();
        weights.add(l);
        evidence.add(l);
        pareto.add(l);
        boolean accepted = l != Double.NEGATIVE_INFINITY;
        if (!accepted) {
            failures[r.failureCause().ordinal()]++;
        }
        T value = accepted ? r.value() : null;
        List<Hypothesis<T>> hs = plan.hypotheses;
        for (int h = 0; h < hypotheses.length; h++) {
            HypothesisAcc acc = hypotheses[h];
            boolean holds = accepted && hs.get(h).test(value, r.history());
            double lh = holds ? l : Double.NEGATIVE_INFINITY;
            acc.weights.add(lh);
            acc.holds.add(lh);
            acc.fails.add(accepted && !holds ? l : Double.NEGATIVE_INFINITY);
            acc.share.add(l, holds ? 1 : 0);
        }
        if (!accepted) {
            return;
        }
        List<ToDoubleFunction<T>> es = plan.expectations;
        for (int e = 0; e < expectations.length; e++) {
            double f = es.get(e).applyAsDouble(value);
            if (f != f) {
                throw new IllegalStateException("expectation '" + plan.expectationNames.get(e) + "' is NaN for run "
                        + index + " of seed " + plan.seed);
            }
            expectations[e].add(l, f);
        }
        if (plan.keep > 0) {
            double logU = Math.log(Rng.uniformOf(plan.seed, index, PRIORITY_STREAM));
            if (kept.count() <= plan.keep || l - logU > kept.logThreshold()) {
                kept.add(new Kept<>(value, plan.seed, index, l), l, logU);
            }
        }
        if (index < plan.siteBreakdownRuns) {
            sites.add(r);
        }
    }

    void merge(Accumulator<T> o) {
        runs += o.runs;
        weights.merge(o.weights);
        evidence.merge(o.evidence);
        if (!paretoShared && !o.paretoShared) {
            pareto.merge(o.pareto);
        }
        for (int i = 0; i < failures.length; i++) {
            failures[i] += o.failures[i];
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
    record Hypothesis<T>(String name, Predicate<? super T> onValue, Predicate<History> onHistory) {
        boolean test(T value, History history) {
            return onValue != null ? onValue.test(value) : onHistory.test(history);
        }
    }
}
