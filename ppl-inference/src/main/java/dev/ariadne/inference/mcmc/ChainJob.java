package dev.ariadne.inference.mcmc;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.core.UserText;
import dev.ariadne.inference.ProgressListener;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.run.StopSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MCMC as a job for the run backend: shard c is chain c (its start, warm-up and draws, all from the streams of chain c
 * of the seed), its partial the chain's output in a one-element list, and merging concatenates in chain order. So the
 * chains' draws are the same, bit for bit, on one thread, on many, or as tasks on a cluster.
 *
 * <p>A distributed backend ships the job (the model, the kernel, the target, the tracked functions: all serialisable)
 * once and each chain's output once: about 8 bytes per draw per recorded quantity, plus the acceptance counts. The
 * progress listener stays on the calling thread's side: it is not shipped, and chains run elsewhere report their
 * progress when they are merged ({@link #merged}).
 *
 * @param <T> the model's return type
 */
final class ChainJob<T> implements ShardedJob<List<McmcResult.ChainOutput<T>>> {

    private static final long serialVersionUID = 1L;

    private final Model<T> model;
    private final Kernel kernel;
    private final Target<? super T> target;
    private final int chains;
    private final int warmup;
    private final int draws;
    private final int stepsPerDraw;
    private final long seed;
    private final Guide init;
    private final AddressPattern[] record;
    private final List<String> trackedNames;
    private final List<SerializableToDoubleFunction<? super T>> tracked;
    /** Told the iterations done over all chains, one call at a time; only where the job was made. */
    private final transient ProgressListener progress;
    private final transient AtomicLong done = new AtomicLong();

    ChainJob(Model<T> model, Kernel kernel, Target<? super T> target, int chains, int warmup, int draws,
             int stepsPerDraw, long seed, Guide init, AddressPattern[] record, List<String> trackedNames,
             List<SerializableToDoubleFunction<? super T>> tracked, ProgressListener progress) {
        this.model = model;
        this.kernel = kernel;
        this.target = target;
        this.chains = chains;
        this.warmup = warmup;
        this.draws = draws;
        this.stepsPerDraw = stepsPerDraw;
        this.seed = seed;
        this.init = init;
        this.record = record;
        this.trackedNames = trackedNames;
        this.tracked = tracked;
        this.progress = progress;
    }

    @Override
    public long shardCount() {
        return chains;
    }

    @Override
    public ShardWorker<List<McmcResult.ChainOutput<T>>> worker() {
        return (chain, stop) -> {
            List<McmcResult.ChainOutput<T>> one = new ArrayList<>(1);
            one.add(runChain((int) chain, stop));
            return one;
        };
    }

    @Override
    public List<McmcResult.ChainOutput<T>> merge(List<McmcResult.ChainOutput<T>> soFar,
                                                 List<McmcResult.ChainOutput<T>> next) {
        soFar.addAll(next);
        return soFar;
    }

    private McmcResult.ChainOutput<T> runChain(int c, StopSignal stop) {
        Chain<T> chain = Chain.of(model, kernel, target).reseed(seed, c);
        long total = (long) chains * (warmup + draws);
        long every = Math.max(1, total / 1000);
        String phase = "start";
        int iteration = 0;
        try {
            TraceState<T> first = init == null ? chain.startFromPrior() : chain.startFromGuide(init);
            int steps = stepsPerDraw > 0 ? stepsPerDraw : Math.max(1, first.size());
            ChainDraws<T> kept = new ChainDraws<>(record, trackedNames, tracked);
            kept.refuseClashes(first);
            kept.requireRoom(first, chains, draws);
            phase = "warm-up";
            for (; iteration < warmup; iteration++) {
                advance(chain, steps, c, stop);
                report(total, every);
            }
            chain.endWarmup();
            phase = "draw";
            for (iteration = 0; iteration < draws; iteration++) {
                advance(chain, steps, c, stop);
                kept.record(chain.state());
                report(total, every);
            }
            kept.trim();
            return new McmcResult.ChainOutput<>(kept, chain.acceptance(), steps);
        } catch (CancellationException | ListenerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new McmcException("chain " + c + " failed " + (phase.equals("start") ? "at its start"
                    : "at " + phase + " iteration " + iteration) + " (seed " + seed
                    + ", " + kernel.describe() + "): " + ModelException.reasonAndSite(e),
                    ModelException.withRun(e, "a run of chain " + c + " of MCMC with seed " + seed));
        }
    }

    /**
     * Applies the kernel {@code steps} times, asking before each step whether to stop (the backend's signal, or the
     * thread's interrupt): a chain cannot return a useful part of itself, so a stop is a {@link CancellationException}.
     */
    private static void advance(Chain<?> chain, int steps, int c, StopSignal stop) {
        for (int s = 0; s < steps; s++) {
            if (stop.requested() || Thread.currentThread().isInterrupted()) {
                throw new CancellationException("MCMC interrupted; chain " + c + " stopped");
            }
            chain.step();
        }
    }

    private void report(long total, long every) {
        if (progress == null) {
            return;
        }
        long d = done.incrementAndGet();
        if (d % every == 0 || d == total) {
            tellInOrder(d, total);
        }
    }

    /**
     * Tells the listener, on the calling thread, of the iterations of chains 0 .. {@code chain} once they are merged,
     * where it has been told fewer: the listener is not shipped, so chains run elsewhere report nothing while they
     * run (a distributed backend's listener was told nothing, where the local backend's was told 1,000 times; an
     * adversarial tester).
     */
    void merged(long chain) {
        if (progress == null) {
            return;
        }
        long perChain = (long) warmup + draws;
        tellInOrder((chain + 1) * perChain, chains * perChain);
    }

    /**
     * The listener told of {@code d} iterations of {@code total}, unless it has been told as many; its exception
     * carried as a ListenerFailure. Told in order: a worker that counted 100 could be told after one that counted
     * 200, and the listener saw its figures go backwards (an adversarial tester).
     */
    private void tellInOrder(long d, long total) {
        synchronized (progress) {
            if (d <= reported) {
                return;
            }
            reported = d;
            tell(d, total);
        }
    }

    private void tell(long d, long total) {
        try {
            progress.onProgress(d, total);
        } catch (RuntimeException e) {
            // as importance sampling's: it came out bare, with nothing to say when (an adversarial tester)
            throw new ListenerFailure(new IllegalStateException("the progress listener threw " + UserText.of(e)
                    + " when told of " + d + " iterations done of " + total + " (seed " + seed + ")", e));
        }
    }

    /** The most iterations the listener has been told of; guarded by the listener. */
    private transient long reported;

    /**
     * The progress listener's own exception, carried past the chain's handler, which would call it a failure of the
     * chain ("chain 0 failed at warm-up iteration 0", an adversarial tester), to the caller, as the cause of one that
     * says when the listener threw it.
     */
    static final class ListenerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerFailure(RuntimeException cause) {
            super(cause);
        }
    }
}
