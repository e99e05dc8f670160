package dev.ariadne.inference;

import dev.ariadne.core.Runner;
import dev.ariadne.inference.stats.ParetoKHat;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a range of run indices as fixed shards on k threads and merges the shards in index order as they
 * complete, so the result is independent of k and memory stays bounded by the shards in flight.
 */
final class ShardRunner<T> {

    private final Plan<T> plan;
    private final int threads;
    private final ProgressListener progress;
    private final AtomicLong runsDone = new AtomicLong();

    ShardRunner(Plan<T> plan, int threads, ProgressListener progress) {
        this.plan = plan;
        this.threads = threads;
        this.progress = progress;
    }

    /** Runs indices [from, to) and returns their merged accumulator. {@code from} starts a shard. */
    Accumulator<T> run(long from, long to) {
        long shards = (to - from + plan.shardRuns - 1) / plan.shardRuns;
        if (threads == 1 || shards == 1) {
            Runner<T> runner = Importance.runnerFor(plan);
            ParetoKHat tail = new ParetoKHat(plan.expectedRuns);
            Accumulator<T> total = null;
            for (long s = 0; s < shards; s++) {
                Accumulator<T> part = runShard(runner, from, to, s, tail);
                if (total == null) {
                    total = part;
                } else {
                    total.merge(part);
                }
            }
            return withTail(total, tail);
        }
        // Each worker makes its own tail and runners, so that what one thread writes at every run does not share a
        // cache line with what the other writes.
        ParetoKHat[] tails = new ParetoKHat[threads];
        AtomicLong next = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Object lock = new Object();
        TreeMap<Long, Accumulator<T>> pending = new TreeMap<>();
        long[] merged = {0};
        @SuppressWarnings("unchecked")
        Accumulator<T>[] total = new Accumulator[1];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ariadne-importance");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?>[] futures = new Future<?>[threads];
            for (int w = 0; w < threads; w++) {
                int worker = w;
                futures[w] = pool.submit(() -> {
                    ParetoKHat tail = new ParetoKHat(plan.expectedRuns);
                    tails[worker] = tail;
                    long s;
                    while (failure.get() == null && (s = next.getAndIncrement()) < shards) {
                        Accumulator<T> part;
                        try {
                            // A fresh runner per shard (a few microseconds against milliseconds of runs): a
                            // collection copies the survivors of both workers side by side, and an engine written
                            // at every site that came to share cache lines with the other worker's made two
                            // threads slower than one for seconds at a time (rare, 10^7 runs: 1.0x-1.7x -> 1.8x).
                            part = runShard(Importance.runnerFor(plan), from, to, s, tail);
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                        synchronized (lock) {
                            pending.put(s, part);
                            while (!pending.isEmpty() && pending.firstKey() == merged[0]) {
                                Accumulator<T> a = pending.pollFirstEntry().getValue();
                                if (total[0] == null) {
                                    total[0] = a;
                                } else {
                                    total[0].merge(a);
                                }
                                merged[0]++;
                            }
                        }
                    }
                });
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling", e);
        } catch (java.util.concurrent.ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
        for (int w = 1; w < threads; w++) {
            tails[0].merge(tails[w]);
        }
        return withTail(total[0], tails[0]);
    }

    /** Gives the merged shards the Pareto tail of all their runs, kept per worker while they ran. */
    private static <T> Accumulator<T> withTail(Accumulator<T> total, ParetoKHat tail) {
        total.pareto = tail;
        total.paretoShared = false;
        return total;
    }

    private Accumulator<T> runShard(Runner<T> runner, long from, long to, long s, ParetoKHat tail) {
        long start = from + s * plan.shardRuns;
        long end = Math.min(to, start + plan.shardRuns);
        Accumulator<T> acc = new Accumulator<>(plan, start, tail);
        for (long i = start; i < end; i++) {
            runner.run(plan.seed, i);
            acc.add(runner, i);
        }
        if (progress != null) {
            long done = runsDone.addAndGet(end - start);
            synchronized (progress) {
                progress.onProgress(done, plan.expectedRuns);
            }
        }
        return acc;
    }
}
