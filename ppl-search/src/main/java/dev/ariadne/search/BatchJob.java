package dev.ariadne.search;

import dev.ariadne.core.Execution;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.UserText;
import dev.ariadne.inference.run.Pacer;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.run.StopSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One batch of the search as a job for the run backend: runs [from, to) of a seed under a guide, in shards of at
 * least {@value #MIN_SHARD_RUNS} runs (at most {@value #MAX_SHARDS} shards); a shard's partial is the list of its
 * runs' outcomes, and merging concatenates them in index order.
 *
 * <p>A distributed backend ships the job (the model, the guide at this step's parameters, the level function) once per
 * batch, and each shard's outcomes once; all of them are serialisable (the level function is the user's
 * {@link dev.ariadne.core.SerializableToDoubleFunction} from {@link CrossEntropyStrategy#level}).
 */
final class BatchJob implements ShardedJob<List<RunOutcome>> {

    private static final long serialVersionUID = 1L;
    static final int MIN_SHARD_RUNS = 64;
    static final int MAX_SHARDS = 64;

    private final Model<?> model;
    private final FamilyGuide guide;
    private final long seed;
    private final long from;
    private final long to;
    private final boolean tape;
    private final ToDoubleFunction<History> level;
    private final long shardRuns;

    BatchJob(Model<?> model, FamilyGuide guide, long seed, long from, long to, boolean tape,
             ToDoubleFunction<History> level) {
        this.model = model;
        this.guide = guide;
        this.seed = seed;
        this.from = from;
        this.to = to;
        this.tape = tape;
        this.level = level;
        long n = to - from;
        this.shardRuns = Math.max(MIN_SHARD_RUNS, (n + MAX_SHARDS - 1) / MAX_SHARDS);
    }

    @Override
    public long shardCount() {
        return (to - from + shardRuns - 1) / shardRuns;
    }

    @Override
    public ShardWorker<List<RunOutcome>> worker() {
        return this::shard;
    }

    @Override
    public List<RunOutcome> merge(List<RunOutcome> soFar, List<RunOutcome> next) {
        soFar.addAll(next);
        return soFar;
    }

    private List<RunOutcome> shard(long s, StopSignal stop) {
        long a = from + s * shardRuns;
        long b = Math.min(to, a + shardRuns);
        Tape t = tape ? new Tape() : null;
        FamilyGuide g = tape ? guide.recording(t) : guide;
        // Margins relaxed: every run reaches its end and reports its least margin (RunOutcome says how it counts).
        Runner<?> runner = Execution.of(model).guide(g).relaxMargins(true).leanRunner().dropValues();
        List<RunOutcome> out = new ArrayList<>((int) (b - a));
        Pacer pacer = new Pacer(stop);
        for (long i = a, until; i < b && (until = pacer.next(i, b)) > i; ) {
            for (; i < until; i++) {
                if (t != null) {
                    t.clear();
                }
                runner.run(seed, i);
                out.add(outcome(runner, i, t));
            }
        }
        return out;
    }

    private RunOutcome outcome(Runner<?> runner, long i, Tape t) {
        RunOutcome o = new RunOutcome();
        o.index = i;
        o.margin = runner.margin();
        o.failed = runner.failed() || o.margin < 0;
        o.unrepresentable = runner.failed() && runner.failureCause() == FailureCause.UNREPRESENTABLE_DRAW;
        o.logP = runner.logP();
        o.logQ = runner.logQ();
        int n = runner.siteCount();
        double relaxed = 0;
        if (t != null) {
            o.suffix = new double[n + 1];
            for (int k = n - 1; k >= 0; k--) {
                double lp = runner.siteLogP(k);
                double lq = runner.siteLogQ(k);
                o.suffix[k] = o.suffix[k + 1] + (lp - lq);
            }
            History h = runner.history();
            List<Tape.Entry> es = new ArrayList<>(t.entries);
            for (Tape.Entry e : es) {
                if (e.position < n) {
                    e.reached = true;
                    Values.fill(e, h.value(e.position));
                }
            }
            es.removeIf(e -> !e.reached);
            o.entries = es;
        } else {
            o.entries = List.of();
        }
        for (int k = 0; k < n; k++) {
            if (runner.siteKind(k) != SiteKind.CONDITION) {
                relaxed += runner.siteLogP(k) - runner.siteLogQ(k);
            }
        }
        o.relaxedLogWeight = relaxed;
        o.level = level == null ? Double.NaN : levelOf(runner, i);
        return o;
    }

    /** The level function's value of run i; what it throws names the run (it came back bare: an adversarial tester). */
    private double levelOf(Runner<?> runner, long i) {
        try {
            return level.applyAsDouble(runner.history());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the cross-entropy method's level function threw " + UserText.of(e)
                    + " on run " + i
                    + " of seed " + seed + " (at its last site, " + (runner.siteCount() == 0 ? "none"
                    : runner.siteAddress(runner.siteCount() - 1)) + ")", e);
        }
    }
}
