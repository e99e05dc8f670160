package dev.ariadne.inference.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs chain tasks 0..n-1 on up to k threads and returns their results in chain order. Each chain draws only
 * from its own streams, so the results are the same, bit for bit, for any k. The caller's interrupt stops every
 * chain at its next step ({@link CancellationException}), and no thread outlives the call: the pool is shut down
 * and awaited before it returns or throws. The one place that knows about threads, so the chains can move onto a
 * shared run backend later.
 */
final class ChainScheduler {

    private ChainScheduler() {
    }

    /**
     * The results of {@code task.apply(c)} for c = 0..n-1, in that order.
     *
     * @throws CancellationException when the calling thread is interrupted (its interrupt status is kept)
     */
    static <R> List<R> run(int n, int parallelism, IntFunction<R> task) {
        int threads = Math.min(n, parallelism);
        List<R> results = new ArrayList<>(n);
        if (threads <= 1) {
            for (int c = 0; c < n; c++) {
                results.add(task.apply(c));
            }
            return results;
        }
        List<Thread> started = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ariadne-mcmc");
            t.setDaemon(true);
            started.add(t);
            return t;
        });
        CompletionService<Indexed<R>> done = new ExecutorCompletionService<>(pool);
        List<R> byChain = new ArrayList<>(java.util.Collections.nCopies(n, (R) null));
        try {
            for (int c = 0; c < n; c++) {
                int chain = c;
                done.submit(() -> new Indexed<>(chain, task.apply(chain)));
            }
            // Results are taken as chains finish, so the first failure stops the others at once; they are put
            // back in chain order.
            for (int k = 0; k < n; k++) {
                Indexed<R> r = done.take().get();
                byChain.set(r.chain(), r.result());
            }
            results.addAll(byChain);
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("MCMC interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
            awaitUninterruptibly(pool, started);
        }
    }

    /** A chain's result with its index. */
    private record Indexed<R>(int chain, R result) {
    }

    /** Throws {@link CancellationException} if the current thread was interrupted: a chain's check per step. */
    static void checkInterrupted(int chain) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("MCMC interrupted; chain " + chain + " stopped");
        }
    }

    /**
     * Waits for the pool to terminate and then for its threads to end: a terminated pool's last worker is still
     * alive while it unwinds, so without the join a caller could see an {@code ariadne-mcmc} thread outlive the call.
     */
    private static void awaitUninterruptibly(ExecutorService pool, List<Thread> started) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        synchronized (started) {
            for (Thread t : started) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
