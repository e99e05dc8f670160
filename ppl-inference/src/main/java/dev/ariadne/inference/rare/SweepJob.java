package dev.ariadne.inference.rare;

import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The certification sweeps of subset simulation as a job for the run backend: shard k is sweep k, with the levels
 * and steps the pilot fixed, drawing from its own streams (from the seed and k), so its estimate depends only on
 * the job and k. A partial is the sweeps' log estimates in sweep order with the move counts; merging appends.
 *
 * <p><b>The deadline.</b> A sweep asks the clock once, before it starts: past the deadline it does not start and
 * its partial is marked cut; merging keeps the sweeps before the first cut one and nothing after. So whether sweep
 * k is kept depends only on when it would have started, which depends on the durations of the sweeps before it
 * (and the threads' scheduling), never on its own outcome: the number of sweeps kept is a stopping time of the
 * sequence of sweeps, and the betting bound, valid at any stopping time, holds over them. (Cutting a sweep midway
 * would not do: a sweep that dies out early finishes early, so keeping the sweeps that finished in time favours
 * some outcomes over others.) A sweep started before the deadline runs to its end.
 */
final class SweepJob implements ShardedJob<SweepJob.Partial> {

    private static final long serialVersionUID = 1L;
    private static final long SWEEP_SALT = 0x5355_4253_5357_4550L;

    private final Model<?> model;
    private final int particles;
    private final double levelFraction;
    private final double[] levels;
    private final double[] steps;
    private final long seed;
    private final int sweeps;
    private final long deadlineMillis;
    private final boolean stepLabels;

    /**
     * @param deadlineMillis the time (milliseconds since the epoch) after which no sweep starts; Long.MAX_VALUE for
     *                       none
     */
    SweepJob(Model<?> model, int particles, double levelFraction, double[] levels, double[] steps, long seed,
             int sweeps, long deadlineMillis) {
        this(model, particles, levelFraction, levels, steps, seed, sweeps, deadlineMillis, false);
    }

    /** The same whose moves step discrete labels too when {@code stepLabels} (as the pilot chose). */
    SweepJob(Model<?> model, int particles, double levelFraction, double[] levels, double[] steps, long seed,
             int sweeps, long deadlineMillis, boolean stepLabels) {
        this.stepLabels = stepLabels;
        this.model = model;
        this.particles = particles;
        this.levelFraction = levelFraction;
        this.levels = levels.clone();
        this.steps = steps.clone();
        this.seed = seed;
        this.sweeps = sweeps;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public long shardCount() {
        return sweeps;
    }

    @Override
    public ShardWorker<Partial> worker() {
        Sweep sweep = new Sweep(model, particles, levelFraction, stepLabels);
        return (k, stop) -> {
            if (deadlineMillis != Long.MAX_VALUE && System.currentTimeMillis() >= deadlineMillis) {
                return Partial.CUT;
            }
            sweep.stopWhen(stop);
            long a = sweep.attempts();
            long c = sweep.accepts();
            try {
                double logZ = sweep.fixed(Rng.forRun(seed ^ SWEEP_SALT, k).nextLong(), levels, steps);
                return new Partial(new double[] {logZ}, sweep.attempts() - a, sweep.accepts() - c, false);
            } catch (ModelException e) {
                throw named(e, "certification sweep " + k + " of subset simulation with seed " + seed);
            } catch (Sweep.Stopped e) {
                // A sweep stopped midway (the caller was interrupted, another shard failed) says nothing.
                return Partial.CUT;
            }
        };
    }

    /**
     * A failing run's error named by its sweep ({@code sweep}) in place of its internal stream: a sweep's runs start
     * from the particles its earlier levels moved, so no single run of the model replays one.
     */
    static ModelException named(ModelException e, String sweep) {
        return new ModelException(e.reason(), sweep + ", in a run started from the sweep's earlier particles",
                e.seed(), e.runIndex(), e.lastAddress(), e.getCause() != null ? e.getCause() : e);
    }

    @Override
    public Partial merge(Partial soFar, Partial next) {
        if (soFar.cut) {
            return soFar;
        }
        if (next.cut) {
            return new Partial(soFar.logZ, soFar.attempts, soFar.accepts, true);
        }
        double[] all = Arrays.copyOf(soFar.logZ, soFar.logZ.length + next.logZ.length);
        System.arraycopy(next.logZ, 0, all, soFar.logZ.length, next.logZ.length);
        return new Partial(all, soFar.attempts + next.attempts, soFar.accepts + next.accepts, false);
    }

    /**
     * The sweeps run so far: their log estimates in sweep order (8 bytes each), the moves they attempted and
     * accepted, and whether a sweep after them was cut (then nothing after it is merged).
     */
    record Partial(double[] logZ, long attempts, long accepts, boolean cut) implements Serializable {
        /** A sweep that did not run. */
        static final Partial CUT = new Partial(new double[0], 0, 0, true);
    }
}
