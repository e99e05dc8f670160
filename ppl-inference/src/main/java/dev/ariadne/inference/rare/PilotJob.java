package dev.ariadne.inference.rare;

import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.inference.run.ShardWorker;
import dev.ariadne.inference.run.ShardedJob;
import java.util.List;

/**
 * The pilot sweep of subset simulation as a one-shard job for the run backend, so that it stops like every other
 * job when its caller is interrupted or its time budget runs out. Its partial is the pilot (its levels, steps and
 * what it saw); when it was asked to stop before it finished, a pilot that is stuck and says so (after an interrupt
 * the backend throws instead).
 */
final class PilotJob implements ShardedJob<Sweep.Pilot> {

    private static final long serialVersionUID = 1L;

    private final Model<?> model;
    private final int particles;
    private final double levelFraction;
    private final long runSeed;
    private final int maxLevels;
    private final long userSeed;

    /** {@code userSeed} is the seed the user set, which a failing run's error names; runSeed is derived from it. */
    PilotJob(Model<?> model, int particles, double levelFraction, long runSeed, int maxLevels, long userSeed) {
        this.userSeed = userSeed;
        this.model = model;
        this.particles = particles;
        this.levelFraction = levelFraction;
        this.runSeed = runSeed;
        this.maxLevels = maxLevels;
    }

    @Override
    public long shardCount() {
        return 1;
    }

    /**
     * The pilot's sweep; when its moves cannot climb and it kept or redrew a discrete choice over three or more
     * values (a label), a second pilot from the same seed whose moves step labels in their index order too, whose
     * outcome is kept if it reaches the evidence. Either way the kernel is fixed before any certification sweep.
     */
    @Override
    public ShardWorker<Sweep.Pilot> worker() {
        return (shard, stop) -> {
            long runs = 0;
            Sweep sweep = new Sweep(model, particles, levelFraction);
            try {
                sweep.stopWhen(stop);
                Sweep.Pilot p = climb(sweep);
                runs = p.runs;
                if (!p.cannotClimb || p.redrawn == null) {
                    return p;
                }
                sweep = new Sweep(model, particles, levelFraction, true);
                sweep.stopWhen(stop);
                Sweep.Pilot q = climb(sweep);
                q.runs += runs;
                q.stepLabels = true;
                if (q.stuck == null) {
                    q.discreteNote = "a pilot that kept or redrew the discrete choice " + p.redrawn + " from its "
                            + "prior could not climb (" + p.stuck + "), so the moves step discrete labels in their "
                            + "index order too";
                    return q;
                }
                Sweep.Pilot both = p.stuckBecause(p.stuck + "; its "
                        + "moves keep or redraw the discrete choice " + p.redrawn + " from its prior, which seldom "
                        + "lands back in a level far in its tail, and a second pilot that stepped discrete labels in "
                        + "their index order could not climb either ("
                        + (q.stuck.equals(p.stuck) ? "stuck the same way" : q.stuck) + ")");
                both.runs = q.runs;
                return both;
            } catch (ModelException e) {
                throw SweepJob.named(e, "the pilot sweep of subset simulation with seed " + userSeed);
            } catch (Sweep.Stopped e) {
                Sweep.Pilot p = Sweep.Pilot.stuck(List.of(), List.of(), List.of(), List.of(), "the pilot sweep was "
                        + "stopped (its time budget ran out) before it reached the evidence: no levels, so no sweeps; "
                        + "allow more time or fewer particles");
                p.runs = runs + sweep.attempts() + (long) sweep.particles();
                p.stopped = true;
                return p;
            }
        };
    }

    private Sweep.Pilot climb(Sweep sweep) {
        Sweep.Pilot p = sweep.pilot(runSeed, levelFraction, maxLevels, SubsetSimulation.TARGET_ACCEPTANCE,
                SubsetSimulation.INITIAL_STEP);
        p.runs = sweep.attempts() + (long) sweep.particles();
        return p;
    }

    @Override
    public Sweep.Pilot merge(Sweep.Pilot soFar, Sweep.Pilot next) {
        return next;
    }
}
