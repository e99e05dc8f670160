package dev.ariadne.inference.run;

import dev.ariadne.core.Durations;
import dev.ariadne.core.UserText;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A session of the {@link LocalBackend}: see there for what it guarantees. */
final class LocalSession implements RunSession {

    private static final AtomicLong THREAD_NUMBERS = new AtomicLong();

    private final int threads;
    private final List<Thread> started = new ArrayList<>();
    private ThreadPoolExecutor pool;
    /** Set while {@link #shutdown} stops the pool: an interrupt a worker then sees is the session's own. */
    private volatile boolean stopping;

    LocalSession(int threads) {
        this.threads = threads;
    }

    @Override
    public <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
        long shards = job.shardCount();
        if (shards < 0) {
            throw new IllegalArgumentException("a job cannot have " + shards + " shards");
        }
        int workers = (int) Math.min(threads, shards);
        if (shards == 0) {
            return new Outcome<>(null, 0, Outcome.Stop.COMPLETE);
        }
        boolean flagAtStart = Thread.currentThread().isInterrupted();
        try {
            if (workers <= 1 && control.budget() == null) {
                return inline(job, control, shards);
            }
            return new Coordinator<>(job, control, shards, workers).run();
        } catch (RunCancelledException e) {
            throw flagAtStart ? interruptedBeforeTheCall(e) : e;
        }
    }

    /**
     * A call stopped by an interrupt flag that was set before it began: a call made after another whose run threw an
     * InterruptedException (whose flag Ariadne sets again, as Java asks of code that catches one) failed at once, told
     * only "interrupted" (an adversarial tester).
     */
    private static RunCancelledException interruptedBeforeTheCall(RunCancelledException e) {
        RunCancelledException said = new RunCancelledException(e.getMessage() + "; the calling thread's interrupt flag "
                + "was already set when the call began: an interrupt not yet handled, or an InterruptedException that "
                + "a run of an earlier call threw, for which the flag is set again as Java asks; clear it "
                + "(Thread.interrupted()) if nothing should stop this call", e.getCause());
        said.setStackTrace(e.getStackTrace());
        return said;
    }

    /** Runs every shard on the calling thread, which checks its own interrupt flag between runs. */
    private static <P> Outcome<P> inline(ShardedJob<P> job, RunControl<P> control, long shards) {
        ShardWorker<P> worker = job.worker();
        Thread self = Thread.currentThread();
        boolean[] asked = {false};
        StopSignal stop = () -> {
            if (self.isInterrupted()) {
                asked[0] = true;
                return true;
            }
            return false;
        };
        P merged = null;
        for (long s = 0; s < shards; s++) {
            P part;
            try {
                part = worker.run(s, stop);
            } catch (Throwable e) {
                if (self.isInterrupted() || causedByInterrupt(e)) {
                    throw onCaller(cancelled(s, shards, e));
                }
                throw shardFailed(s, e);
            }
            if (asked[0] || self.isInterrupted()) {
                throw onCaller(cancelled(s, shards, null));
            }
            merged = merged == null ? part : job.merge(merged, part);
            if (control.tell(s, merged)) {
                return new Outcome<>(merged, s + 1, Outcome.Stop.LISTENER);
            }
        }
        return new Outcome<>(merged, shards, Outcome.Stop.COMPLETE);
    }

    /**
     * A cancel of a call run on the caller's thread, which cannot tell whose interrupt it saw: the caller's, or one the
     * model's own code made on that thread, which the message names (a model that interrupts its thread was told only
     * "the job was stopped", though nobody stopped it; an adversarial tester).
     */
    private static RunCancelledException onCaller(RunCancelledException e) {
        Throwable cause = e.getCause();
        boolean bare = cause instanceof InterruptedException && cause.getMessage() == null; // cancelled's own
        RunCancelledException said = new RunCancelledException(e.getMessage() + " (the calling thread, which ran "
                + "the runs, was interrupted: by whoever stops the call, or by the user's code, which must not "
                + "interrupt its own thread)" + (cause == null || bare ? "" : "; the shard ended with: "
                + UserText.messageOf(cause)), cause);
        said.setStackTrace(e.getStackTrace());
        return said;
    }

    /**
     * Whether an interrupt is among {@code e}'s causes. The chain is walked once per exception: a user's exceptions
     * whose causes loop (A caused by B caused by A) kept a call on one thread here for ever (an adversarial tester),
     * and a getCause() that throws ends the walk.
     */
    static boolean causedByInterrupt(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
                if (t instanceof InterruptedException || t instanceof InterruptedIOException
                        || t instanceof ClosedByInterruptException || t instanceof RunCancelledException) {
                    return true;
                }
            }
        } catch (RuntimeException unreadable) {
            // a user's getCause() that throws: escaped bare from a call on one thread, naming no run (a hunt)
        }
        return false;
    }

    static RunCancelledException cancelled(long merged, long shards, Throwable cause) {
        Thread.currentThread().interrupt();
        return new RunCancelledException("interrupted: the job was stopped with " + merged + " of " + shards
                + " shards merged", cause != null ? cause : new InterruptedException());
    }

    static RuntimeException shardFailed(long shard, Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("shard " + shard + " failed: " + UserText.of(t), t);
    }

    /** The session's pool, with enough core threads for {@code workers} (never more than any job asked for). */
    private synchronized ExecutorService pool(int workers) {
        if (pool == null) {
            pool = new ThreadPoolExecutor(1, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, LocalBackend.THREAD_PREFIX + THREAD_NUMBERS.incrementAndGet());
                t.setDaemon(true);
                synchronized (started) {
                    started.add(t);
                }
                return t;
            });
        }
        if (pool.getCorePoolSize() < workers) {
            pool.setCorePoolSize(workers);
        }
        return pool;
    }

    /** Stops and joins the workers; returns the names of those still alive after the grace period. */
    private synchronized List<String> shutdown(boolean interrupt) {
        List<String> alive = new ArrayList<>();
        if (pool == null) {
            return alive;
        }
        stopping = true;
        if (interrupt) {
            pool.shutdownNow();
        } else {
            pool.shutdown();
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LocalBackend.STOP_GRACE_SECONDS);
        synchronized (started) {
            for (Thread t : started) {
                while (t.isAlive()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (t.isAlive()) {
                    alive.add(t.getName());
                }
            }
            started.clear();
        }
        pool = null;
        stopping = false;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return alive;
    }

    @Override
    public void close() {
        shutdown(true);
    }

    /** One shard's report: its partial, or its failure, or that it was skipped. */
    private record Done<P>(long shard, P partial, Throwable failure, boolean stopped, boolean skipped) {
    }

    /** One job on worker threads, merged on the calling thread. */
    private final class Coordinator<P> {
        private final ShardedJob<P> job;
        private final RunControl<P> control;
        private final long shards;
        private final int workers;
        private final Semaphore window;
        private final BlockingQueue<Done<P>> done = new LinkedBlockingQueue<>();
        private final AtomicLong next = new AtomicLong();
        private final CountDownLatch exited;
        /** Shards with an index at least this stop at their next check, and are not started. */
        private volatile long stopFrom;
        /** The time budget ran out: running shards return prefixes; shard 0 still makes its first run. */
        private volatile boolean halted;

        Coordinator(ShardedJob<P> job, RunControl<P> control, long shards, int workers) {
            this.job = job;
            this.control = control;
            this.shards = shards;
            this.workers = workers;
            this.window = new Semaphore(2 * workers + 2);
            this.exited = new CountDownLatch(workers);
            this.stopFrom = shards;
        }

        Outcome<P> run() {
            long start = System.nanoTime();
            long deadline = control.budget() == null ? Long.MAX_VALUE
                    : start + Math.min(Durations.nanos(control.budget()), Long.MAX_VALUE / 4);
            ExecutorService p = pool(workers);
            for (int w = 0; w < workers; w++) {
                p.execute(this::work);
            }
            TreeMap<Long, Done<P>> pending = new TreeMap<>();
            Done<P> failure = null;
            long merged = 0;
            long claimedAtHalt = Long.MAX_VALUE;
            P result = null;
            Outcome.Stop why;
            try {
                while (true) {
                    if (failure != null && merged >= failure.shard()) {
                        why = null; // every shard before the failing one has been merged: throw its error
                        break;
                    }
                    if (merged >= shards) {
                        why = Outcome.Stop.COMPLETE;
                        break;
                    }
                    if (halted && merged >= claimedAtHalt) {
                        why = Outcome.Stop.BUDGET;
                        break;
                    }
                    Done<P> d = pending.remove(merged);
                    if (d == null) {
                        Done<P> got = halted || deadline == Long.MAX_VALUE ? done.take()
                                : done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (got == null) {
                            halted = true;
                            stopFrom = 0;
                            // Shard 0 is always run (its first run is free of the budget), so a result is never empty.
                            claimedAtHalt = Math.max(1, next.get());
                        } else if (got.failure() != null) {
                            window.release();
                            if (failure == null || got.shard() < failure.shard()) {
                                failure = got;
                                stopFrom = Math.min(stopFrom, got.shard() + 1);
                            }
                        } else if (got.shard() == merged) {
                            pending.put(got.shard(), got);
                        } else if (got.shard() < stopFrom || halted) {
                            pending.put(got.shard(), got);
                        } else {
                            window.release();
                        }
                        continue;
                    }
                    window.release();
                    if (d.skipped()) {
                        why = Outcome.Stop.BUDGET;
                        break;
                    }
                    result = result == null ? d.partial() : job.merge(result, d.partial());
                    merged++;
                    if (d.stopped() && halted) {
                        why = Outcome.Stop.BUDGET;
                        break;
                    }
                    if (control.tell(merged - 1, result)) {
                        why = Outcome.Stop.LISTENER;
                        break;
                    }
                }
            } catch (InterruptedException e) {
                stopFrom = 0;
                List<String> alive = shutdown(true);
                RunCancelledException c = cancelled(merged, shards, e);
                if (!alive.isEmpty()) {
                    // Said in the message, not only in a suppressed exception: the call returned while those threads
                    // ran on, which a user who read "stopped" took for a promise broken (an adversarial tester).
                    String still = "still running after " + LocalBackend.STOP_GRACE_SECONDS + " s, in code that "
                            + "neither reaches a site nor answers interrupts, which Java cannot stop: " + alive
                            + " (they end when that code returns, or the JVM exits: they are daemon threads)";
                    RunCancelledException said = new RunCancelledException(c.getMessage() + "; " + still,
                            c.getCause());
                    said.addSuppressed(new IllegalStateException(still));
                    throw said;
                }
                throw c;
            } catch (RuntimeException | Error e) {
                // The listener or a merge threw: stop the workers (and the session's pool), then let it propagate.
                stopFrom = 0;
                shutdown(true);
                throw e;
            }
            finish();
            if (why == null) {
                throw shardFailed(failure.shard(), CallerFrames.added(failure.failure()));
            }
            return new Outcome<>(result, merged, why);
        }

        /** Stops the shards still running and waits until every worker of this job has left. */
        private void finish() {
            stopFrom = 0;
            window.release(workers);
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        if (!exited.await(LocalBackend.STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                            shutdown(true);
                        }
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        shutdown(true);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void work() {
            try {
                ShardWorker<P> worker = null;
                while (true) {
                    try {
                        window.acquire();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long s = next.getAndIncrement();
                    if (s >= shards) {
                        window.release();
                        return;
                    }
                    boolean firstOfBudget = s == 0 && halted;
                    if (s >= stopFrom && !firstOfBudget) {
                        done.add(new Done<>(s, null, null, true, true));
                        window.release();
                        return;
                    }
                    ShardStop stop = new ShardStop(s, firstOfBudget || s == 0);
                    try {
                        if (worker == null) {
                            worker = job.worker();
                        }
                        P part = worker.run(s, stop);
                        done.add(interruptedByUserCode() ? new Done<>(s, null, userInterrupt(s, null), stop.asked,
                                false) : new Done<>(s, part, null, stop.asked, false));
                    } catch (Throwable t) {
                        done.add(new Done<>(s, null, interruptedByUserCode() ? userInterrupt(s, t) : t, stop.asked,
                                false));
                    }
                }
            } finally {
                exited.countDown();
            }
        }

        /**
         * Whether this worker's thread was interrupted though the session is not stopping it: the session interrupts
         * its workers only to stop them ({@link #shutdown}), so such an interrupt came from the user's code (a model
         * that interrupts its own thread). The flag is cleared, so that the worker does not leave at its next wait: two
         * workers that did left the caller waiting for shards no one would run (an adversarial tester).
         */
        private boolean interruptedByUserCode() {
            if (stopping || !Thread.interrupted()) {
                return false;
            }
            if (stopping) {
                Thread.currentThread().interrupt(); // the session's, made between the two reads: kept for the wait
                return false;
            }
            return true;
        }

        /** The error of shard {@code s}, whose user code interrupted the worker thread running it. */
        private IllegalStateException userInterrupt(long s, Throwable cause) {
            return new IllegalStateException("the user's code (the model, its guide, a hypothesis or an expectation) "
                    + "interrupted the worker thread running shard " + s + " of " + shards + ": Ariadne interrupts its "
                    + "worker threads only to stop a call, so code run inside a call must not interrupt its own thread"
                    + (cause == null ? "" : " (the shard ended with: " + UserText.messageOf(cause) + ")"), cause);
        }

        /** The stop signal of one shard on a worker. */
        private final class ShardStop implements StopSignal {
            private final long shard;
            private boolean firstRunFree;
            boolean asked;

            ShardStop(long shard, boolean firstRunFree) {
                this.shard = shard;
                this.firstRunFree = firstRunFree;
            }

            @Override
            public boolean requested() {
                if (shard >= stopFrom) {
                    if (firstRunFree && halted) {
                        firstRunFree = false;
                        return false;
                    }
                    asked = true;
                    return true;
                }
                firstRunFree = false;
                return false;
            }
        }
    }
}
