package dev.ariadne.search;

import dev.ariadne.core.Execution;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * Runs batches of the guided model on a fixed number of threads. A batch of run indices [from, to) of a seed is
 * split into contiguous shards and merged in index order, so a batch's outcome does not depend on the thread
 * count. Run i of seed s draws from {@code Rng.forRun(s, i)}.
 */
final class RunPool implements AutoCloseable {

    private final Model<?> model;
    private final int parallelism;
    private final ExecutorService executor;

    RunPool(Model<?> model, int parallelism) {
        this.model = model;
        this.parallelism = parallelism;
        this.executor = parallelism > 1 ? Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "ariadne-search");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Runs [from, to) of seed under the guide.
     *
     * @param tape  whether to record proposals (for scores and refits)
     * @param level the level function for elite sets, or null
     */
    List<RunOutcome> run(FamilyGuide guide, long seed, long from, long to, boolean tape,
                         ToDoubleFunction<History> level) {
        long n = to - from;
        int shards = (int) Math.max(1, Math.min(parallelism, n / 64));
        if (executor == null || shards == 1) {
            return shard(guide, seed, from, to, tape, level);
        }
        List<Future<List<RunOutcome>>> fs = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            long a = from + n * s / shards;
            long b = from + n * (s + 1) / shards;
            fs.add(executor.submit(() -> shard(guide, seed, a, b, tape, level)));
        }
        List<RunOutcome> out = new ArrayList<>((int) n);
        for (Future<List<RunOutcome>> f : fs) {
            try {
                out.addAll(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running a batch", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(c);
            }
        }
        return out;
    }

    private List<RunOutcome> shard(FamilyGuide guide, long seed, long from, long to, boolean record,
                                   ToDoubleFunction<History> level) {
        Tape tape = record ? new Tape() : null;
        FamilyGuide g = record ? guide.recording(tape) : guide;
        Runner<?> runner = Execution.of(model).guide(g).relaxMargins(true).leanRunner();
        List<RunOutcome> out = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            if (tape != null) {
                tape.clear();
            }
            runner.run(seed, i);
            RunOutcome o = new RunOutcome();
            o.index = i;
            o.margin = runner.margin();
            o.failed = runner.failed() || o.margin < 0;
            o.logP = runner.logP();
            o.logQ = runner.logQ();
            int n = runner.siteCount();
            double relaxed = 0;
            if (record) {
                o.suffix = new double[n + 1];
                for (int k = n - 1; k >= 0; k--) {
                    double lp = runner.siteLogP(k);
                    double lq = runner.siteLogQ(k);
                    o.suffix[k] = o.suffix[k + 1] + (lp - lq);
                }
                History h = runner.history();
                List<Tape.Entry> es = new ArrayList<>(tape.entries);
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
            o.level = level == null ? Double.NaN : level.applyAsDouble(runner.history());
            out.add(o);
        }
        return out;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
