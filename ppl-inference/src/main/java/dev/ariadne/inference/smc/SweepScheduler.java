package dev.ariadne.inference.smc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs sweeps [from, to) on up to {@code parallelism} threads and returns their results in sweep order. Sweep k
 * draws only from the streams of (seed, k), and each thread has its own worker (its own buffers), so the results,
 * and everything computed from them in sweep order, are bit-identical at any parallelism. This is the one place that
 * schedules sweeps; a run backend can take its place ("run task k of seed s, return a mergeable partial").
 */
final class SweepScheduler {

    /** Runs sweeps one at a time on one thread; holds its own buffers. */
    interface Worker<R> {
        /** Runs sweep {@code index} and returns its outcome. */
        R sweep(long index);
    }

    private SweepScheduler() {
    }

    /**
     * The sweeps the settings ask for: {@code sweeps} of them, or with {@code untilCertified} as many as it takes for
     * the betting bound to reach the asked tightness, within the budget.
     */
    static <T> List<Sweep<T>> sweeps(SmcSettings<T> s, Supplier<? extends Worker<Sweep<T>>> workers) {
        if (s.certifyBudget == null) {
            return run(0, s.sweeps, s.parallelism, workers);
        }
        long deadline = System.nanoTime() + s.certifyBudget.toNanos();
        return runUntil(s.sweeps, s.parallelism, workers,
                done -> SmcResult.certified(done, s.certifyDelta, s.certifyTightness), deadline);
    }

    /**
     * Sweeps {@code 0 .. max - 1} in rounds of {@code parallelism}, stopping after the first round at whose end
     * {@code enough} holds for all the sweeps so far (in order) or the deadline has passed. Sound for a bound that is
     * valid at any stopping time (the betting confidence sequence), since the rule looks only at finished sweeps.
     */
    static <R> List<R> runUntil(int max, int parallelism, Supplier<? extends Worker<R>> workers,
                                java.util.function.Predicate<List<R>> enough, long deadlineNanos) {
        List<R> all = new ArrayList<>();
        long done = 0;
        while (done < max) {
            long end = Math.min(max, done + parallelism);
            all.addAll(run(done, end, parallelism, workers));
            done = end;
            if (enough.test(all) || System.nanoTime() - deadlineNanos >= 0) {
                break;
            }
        }
        return all;
    }

    /**
     * The outcomes of sweeps {@code from .. to - 1}, in order.
     *
     * @throws RuntimeException the failure of the lowest-numbered sweep that failed, as thrown
     */
    static <R> List<R> run(long from, long to, int parallelism, Supplier<? extends Worker<R>> workers) {
        int count = Math.toIntExact(to - from);
        List<R> out = new ArrayList<>(count);
        int threads = Math.min(parallelism, count);
        if (threads <= 1) {
            Worker<R> w = workers.get();
            for (long k = from; k < to; k++) {
                out.add(w.sweep(k));
            }
            return out;
        }
        Object[] results = new Object[count];
        RuntimeException[] errors = new RuntimeException[count];
        AtomicInteger nextTask = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "smc-sweeps");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                futures.add(pool.submit(() -> {
                    Worker<R> w = workers.get();
                    for (int j = nextTask.getAndIncrement(); j < count; j = nextTask.getAndIncrement()) {
                        try {
                            results[j] = w.sweep(from + j);
                        } catch (RuntimeException e) {
                            errors[j] = e;
                            nextTask.set(count);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running SMC sweeps", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an SMC worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        for (int j = 0; j < count; j++) {
            if (errors[j] != null) {
                throw errors[j];
            }
            @SuppressWarnings("unchecked")
            R r = (R) results[j];
            out.add(r);
        }
        return out;
    }
}
