package dev.ariadne.inference.smc;

import dev.ariadne.inference.run.MergeListener;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import dev.ariadne.inference.run.StopSignal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * SMC sweeps as a job for the run backend: shard k is sweep k (it draws only from the streams of (seed, k)), its
 * partial the sweep in a one-element list, and merging concatenates in sweep order. Each worker (a thread, or a
 * partition of a distributed backend) has its own buffers. So the sweeps, and everything computed from them in sweep
 * order, are the same, bit for bit, on one thread, on many, or as tasks on a cluster; running until certified checks
 * the bound after each sweep is merged in order, so it stops at the same sweep everywhere.
 *
 * <p>A distributed backend ships the job once (the builder, with the model or the steps, the guide and every declared
 * function: all serialisable) and each sweep once: its final particles' values and weights (N of each), a few doubles
 * per step, and the whole particle system only for the sweeps whose history was asked for.
 *
 * @param <T> the type of a final particle's value
 */
final class SweepJob<T> implements ShardedJob<List<Sweep<T>>> {

    private static final long serialVersionUID = 1L;

    /** Runs sweeps one at a time on one thread; holds its own buffers. */
    interface Worker<R> {
        /** Runs sweep {@code index} and returns its outcome. */
        R sweep(long index);

        /**
         * Asks the worker to give up the sweeps it makes from now on as soon as {@code stop} is requested (the time
         * budget of {@code untilCertified} ran out), by throwing {@link Cut} from its loops ({@link #check}).
         */
        default void watch(StopSignal stop) {
        }
    }

    /**
     * A sweep given up part-way because the budget ran out: it has no estimate, and the job keeps the sweeps before it
     * in sweep order. A sweep of a slow model could outlast the budget many times over (5,000 particles of a model of
     * 2 ms a run: 10 s, against a budget of 3 s).
     */
    static final class Cut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cut() {
            super("the time budget ran out during the sweep", null, false, false);
        }
    }

    /**
     * Throws {@link Cut} if {@code stop} is requested, and {@link RunCancelledException} if the thread is interrupted
     * (a cancelled call, which the first sweep, never cut, and the pilot, on the caller's thread, answer too): called
     * between particles and steps of a sweep. A model's run checks the interrupt only every 1,024 sites, so a sweep of
     * runs shorter than that answered it only at its end (an annealed sweep of 40,000 particles: 10 s).
     */
    static void check(StopSignal stop) {
        if (stop.requested()) {
            throw new Cut();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new RunCancelledException("interrupted: a sweep was stopped between its particles", null);
        }
    }

    /** Makes a worker for one thread or partition; serialisable, with the builder it captures. */
    @FunctionalInterface
    interface Workers<T> extends Serializable {
        Worker<Sweep<T>> make();
    }

    private final Workers<T> workers;
    private final int sweeps;
    /**
     * How many of the first sweeps keep their final particles: as many as fit in {@link SmcSettings#keptParticles},
     * and at least one.
     */
    private final long keptSweeps;

    private SweepJob(Workers<T> workers, int sweeps, long keptSweeps) {
        this.workers = workers;
        this.sweeps = sweeps;
        this.keptSweeps = keptSweeps;
    }

    /**
     * The sweeps the settings ask for, on their backend: {@code sweeps} of them, or with {@code untilCertified} as many
     * as it takes for the betting bound to reach the asked tightness, within the budget.
     *
     * @throws RunCancelledException if the calling thread is interrupted
     */
    static <T> List<Sweep<T>> sweeps(SmcSettings<T> s, Workers<T> workers) {
        // a weight, an ancestor and a state per particle at the least
        dev.ariadne.inference.run.Heap.requireRoom("particles", s.particles, 24, "use fewer particles, and more "
                + "sweeps, which certify the same bounds");
        RunControl<List<Sweep<T>>> control = RunControl.none();
        if (s.certifyBudget != null) {
            // at the delta the bound on P(e) is reported at, split where the bounds hold simultaneously: stopped at
            // the whole delta, a call said it had reached its target with the bound a third short of it (a second
            // outside statistician)
            control = control.onMerge(new CertifiedCheck<T>(s.boundDelta(s.certifyDelta), s.certifyTightness))
                    .budget(s.certifyBudget);
        }
        try {
            return s.backend.run(new SweepJob<>(workers, s.sweeps, Math.max(1, s.keptParticles / s.particles)),
                    control).merged();
        } catch (OutOfMemoryError full) {
            throw outOfHeap(s.particles, full);
        }
    }

    /**
     * What a call that ran out of heap with {@code particles} particles a sweep says: the floor checked before it
     * counts 24 bytes a particle, a particle's run or state can hold far more, and 3,000,000 particles in a 128 MB
     * heap ended in a bare OutOfMemoryError (an adversarial tester). The sweeps' arrays are garbage by the time it is
     * made.
     */
    static SmcException outOfHeap(int particles, OutOfMemoryError full) {
        return new SmcException(String.format(java.util.Locale.ROOT, "SMC ran out of heap with %,d particles a "
                + "sweep (this JVM's heap holds at most %,d bytes): each particle holds its state or its run's "
                + "choices, often far more than the 24 bytes checked before the call; use fewer particles, and "
                + "more sweeps, which certify the same bounds, or give the JVM a larger heap (-Xmx)", particles,
                Runtime.getRuntime().maxMemory()), full);
    }

    /**
     * Whether the sweeps merged so far are certified ({@link SmcResult#certified}), asked at each of the first
     * {@value #EVERY_MERGE} merges and then whenever the sweeps have grown by a 64th since it last asked: the betting
     * bound takes time proportional to the sweeps at each ask, and asked at every merge it took time quadratic in them,
     * so that cheap sweeps against an unreachable tightness ran 113 s, and once more than 10 minutes, on a 5 s budget
     * (the coordinator, inside the bound, merged nothing and so never reached the budget's check). The merges are in
     * shard order, so where the job stops does not depend on timing beyond the budget's; it may run up to a 64th more
     * sweeps than the first certified count.
     */
    static final class CertifiedCheck<T> implements MergeListener<List<Sweep<T>>> {
        static final int EVERY_MERGE = 64;
        private final double delta;
        private final double tightness;
        private int nextAsk = 1;

        CertifiedCheck(double delta, double tightness) {
            this.delta = delta;
            this.tightness = tightness;
        }

        @Override
        public boolean merged(long shard, List<Sweep<T>> done) {
            return due(done.size()) && SmcResult.certified(done, delta, tightness);
        }

        /** Whether to ask at {@code n} sweeps merged, and if so, when to ask next. */
        boolean due(int n) {
            if (n < nextAsk) {
                return false;
            }
            nextAsk = n + Math.max(1, n / EVERY_MERGE);
            return true;
        }
    }

    @Override
    public long shardCount() {
        return sweeps;
    }

    @Override
    public ShardWorker<List<Sweep<T>>> worker() {
        Worker<Sweep<T>> w = workers.make();
        return (sweep, stop) -> {
            List<Sweep<T>> one = new ArrayList<>(1);
            // Sweep 0 always runs to its end, so that a result is never empty.
            w.watch(sweep == 0 ? StopSignal.NEVER : stop);
            try {
                Sweep<T> done = w.sweep(sweep);
                if (sweep >= keptSweeps) {
                    done.dropParticles();
                }
                one.add(done);
            } catch (Cut cut) {
                // no estimate from a sweep the budget cut: the backend, halted, merges the sweeps before it and stops
            }
            return one;
        };
    }

    @Override
    public List<Sweep<T>> merge(List<Sweep<T>> soFar, List<Sweep<T>> next) {
        soFar.addAll(next);
        return soFar;
    }
}
