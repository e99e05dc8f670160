package dev.ariadne.inference.rare;

import dev.ariadne.core.Durations;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.Models;
import dev.ariadne.core.Rng;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunControl;
import java.time.Duration;
import java.util.Objects;

/**
 * Subset simulation (adaptive multilevel splitting with fixed levels): an estimator of the probability of rare
 * evidence that needs no guide. The model states its evidence with a margin, {@code p.condition("tail", sum, 50.0)},
 * and the estimator climbs to it through nested level sets {margin >= L_1} ⊇ ... ⊇ {margin >= 0} of the prior:
 *
 * <pre>{@code
 * SubsetResult r = SubsetSimulation.of(model).seed(1).parallelism(2).run();
 * r.levels();              // the levels the pilot sweep chose, then fixed
 * r.logEvidence();         // log of the mean of the certification sweeps' estimates, with its standard error
 * r.lowerBound(0.01);      // P(e) >= L with probability 0.99, from sweeps that did not choose the levels
 * }</pre>
 *
 * <p><b>How.</b> A pilot sweep draws runs from the prior (with the margin conditions relaxed, so that every run has
 * its margin), takes the (1 - rho) quantile of their margins as the first level, and repeats: seeds drawn from the
 * runs at or above the level, each the start of a chain of 1/rho moves that keep the prior restricted to the level
 * invariant ({@link LevelMove}), until the quantile reaches 0. Margins that take few values (a sum of counts) tie: a
 * level is then a value the margins take, every fraction counts the runs at or above it, in the pilot and the sweeps
 * alike, and a level whose quantile did not move goes to the least margin above it. Counts step through their
 * distribution function; labels (Categorical, booleans) are redrawn from their prior, and stepped in their index
 * order only when a pilot that redraws them cannot climb ({@link SubsetResult#discreteNote}). Its levels and step
 * sizes are then fixed. Each
 * certification sweep repeats the climb with those levels; the product of its level fractions (the last one
 * weighted by the likelihood of any other evidence) is an unbiased, non-negative estimate of P(e) ({@link Sweep}
 * says why, for any model and any mixing of the moves). The sweeps are independent, so they play the part of runs
 * in the betting confidence sequence: {@link SubsetResult#lowerBound} holds with probability 1 - delta however
 * well or badly the pilot chose. The pilot's own product is reported beside, labelled as adaptive (it chose its
 * levels from its own particles, so it is slightly biased and never certified).
 *
 * <p><b>Cost.</b> A sweep makes about {@code particles} runs per level (the prior draws and one move per particle at
 * each level below 0), and there are about log P(e) / log rho levels. The spread of one sweep's estimate grows with
 * the number of levels and shrinks with the particles; the certified bound needs sweeps whose estimates do not
 * scatter by much more than their mean, and enough of them (with K sweeps the bound cannot exceed delta^(1/K)
 * times the mean).
 *
 * <p><b>Reproducibility and threads.</b> The sweeps run on the run backend ({@link SweepJob}: shard k is sweep k):
 * sweep k draws from its own streams (from the seed and k), the pilot from another, and results are merged in sweep
 * order, so the result is the same for any parallelism. The pilot is a one-shard job on the same backend
 * ({@link PilotJob}). Interrupting the caller stops either with a
 * {@link dev.ariadne.inference.run.RunCancelledException}; no worker outlives the call; {@link #timeBudget} bounds
 * the call's time. Immutable: each setter returns a new configuration.
 *
 * @param <T> the model's return type
 */
public final class SubsetSimulation<T> {

    private static final long PILOT_SALT = 0x5355_4253_5049_4C4FL;
    /** The acceptance rate the pilot's step sizes aim at. */
    static final double TARGET_ACCEPTANCE = 0.3;
    /** The pilot's first step (sigma of the autoregressive move). */
    static final double INITIAL_STEP = 0.6;

    private final Model<T> model;
    private final int particles;
    private final double levelFraction;
    private final int sweeps;
    private final long seed;
    private final RunBackend backend;
    private final int maxLevels;
    private final Duration budget;

    private SubsetSimulation(Model<T> model, int particles, double levelFraction, int sweeps, long seed,
                             RunBackend backend, int maxLevels, Duration budget) {
        this.model = model;
        this.particles = particles;
        this.levelFraction = levelFraction;
        this.sweeps = sweeps;
        this.seed = seed;
        this.backend = backend;
        this.maxLevels = maxLevels;
        this.budget = budget;
    }

    /**
     * Subset simulation of {@code model}, whose evidence must carry its margin: 1,000 particles, rho = 0.1 (so
     * chains of 10 moves from 100 seeds per level), 200 certification sweeps, seed 1, one thread, at most 200
     * levels.
     */
    public static <T> SubsetSimulation<T> of(Model<T> model) {
        return new SubsetSimulation<>(Objects.requireNonNull(model, "model"), 1000, 0.1, 200, 1, RunBackend.local(1), 200,
                null);
    }

    /** The same with n particles per level (at least 10; rounded up to a multiple of the chain length 1/rho). */
    public SubsetSimulation<T> particles(int n) {
        if (n < 10) {
            throw new IllegalArgumentException("subset simulation: particles must be >= 10, got " + n);
        }
        return new SubsetSimulation<>(model, n, levelFraction, sweeps, seed, backend, maxLevels, budget);
    }

    /**
     * The same with the fraction rho of the population the pilot keeps at each level (default 0.1); each seed's
     * chain then makes round(1 / rho) moves.
     */
    public SubsetSimulation<T> levelFraction(double rho) {
        if (!(rho >= 0.01 && rho <= 0.5)) {
            throw new IllegalArgumentException("subset simulation: levelFraction must be in [0.01, 0.5], got " + rho);
        }
        return new SubsetSimulation<>(model, particles, rho, sweeps, seed, backend, maxLevels, budget);
    }

    /** The same with k certification sweeps (at least 1; default 200), each an independent estimate of P(e). */
    public SubsetSimulation<T> sweeps(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("subset simulation: sweeps must be >= 1, got " + k);
        }
        return new SubsetSimulation<>(model, particles, levelFraction, k, seed, backend, maxLevels, budget);
    }

    /** The same with seed s (default 1). */
    public SubsetSimulation<T> seed(long s) {
        return new SubsetSimulation<>(model, particles, levelFraction, sweeps, s, backend, maxLevels, budget);
    }

    /** The same on k threads of the local run backend (the sweeps are shared out; the result does not depend on k). */
    public SubsetSimulation<T> parallelism(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("subset simulation: parallelism must be >= 1, got " + k);
        }
        return new SubsetSimulation<>(model, particles, levelFraction, sweeps, seed,
                RunBackend.localInPlaceOf(backend, k), maxLevels, budget);
    }

    /**
     * The same on another run backend (a Spark cluster's, with {@code ppl-spark}): the pilot is one shard, and each
     * certification sweep is one; the result is the same, bit for bit, as on one thread. A time budget is read
     * against the clock of the machine that runs each sweep.
     */
    public SubsetSimulation<T> backend(RunBackend b) {
        Objects.requireNonNull(b, "backend");
        return new SubsetSimulation<>(model, particles, levelFraction, sweeps, seed, b, maxLevels, budget);
    }

    /**
     * The same with at most {@code n} levels (default 200): a pilot that has not reached the evidence by then
     * jumps to it, and says so.
     */
    public SubsetSimulation<T> maxLevels(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("subset simulation: maxLevels must be >= 1, got " + n);
        }
        return new SubsetSimulation<>(model, particles, levelFraction, sweeps, seed, backend, n, budget);
    }

    /**
     * The same with a time budget for the whole call, pilot and sweeps together (default none). A pilot that has
     * not reached the evidence when it runs out stops and says so (no sweeps, no bound). Otherwise no sweep starts
     * once it has run out, and the sweeps before the first one not started are kept: whether a sweep is kept
     * depends only on when it would start, never on its own outcome, so the bound over the kept sweeps still holds
     * with probability 1 - delta ({@link SweepJob} says why). A sweep under way runs to its end, so the call can
     * overrun the budget by about one sweep's time.
     *
     * @param budget a positive duration
     */
    public SubsetSimulation<T> timeBudget(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("subset simulation: the time budget must be positive, got " + budget);
        }
        return new SubsetSimulation<>(model, particles, levelFraction, sweeps, seed, backend, maxLevels, budget);
    }

    /**
     * What a call that ran out of heap says: 3,000,000 particles in a 128 MB heap ended in a bare OutOfMemoryError (an
     * adversarial tester). The particles are garbage by the time it is made.
     */
    private IllegalStateException outOfHeap(OutOfMemoryError full) {
        return new IllegalStateException(String.format(java.util.Locale.ROOT, "subset simulation ran out of heap "
                + "with %,d particles a level (this JVM's heap holds at most %,d bytes): each particle holds its "
                + "run's choices and margin; use fewer particles, and more sweeps, which certify the same bound, or "
                + "give the JVM a larger heap (-Xmx)", particles, Runtime.getRuntime().maxMemory()), full);
    }

    /**
     * Runs the pilot sweep, fixes its levels and steps, and runs the certification sweeps.
     *
     * @throws IllegalArgumentException when the model states no margin condition
     * @throws dev.ariadne.core.ModelException when a run of the model fails with an error; it names the sweep (the
     *                                         pilot or a certification sweep, with the seed set here) and the site
     */
    public SubsetResult run() {
        Models.refuseCapturedRandomStreams(model);
        long t0 = System.nanoTime();
        long deadlineMillis = budget == null ? Long.MAX_VALUE
                : System.currentTimeMillis() + Math.min(Durations.millis(budget), Long.MAX_VALUE / 4);
        RunControl<Sweep.Pilot> pilotControl = budget == null ? RunControl.none()
                : RunControl.<Sweep.Pilot>none().budget(budget);
        Sweep.Pilot pilot;
        try {
            pilot = backend.run(new PilotJob(model, particles, levelFraction,
                    Rng.forRun(seed ^ PILOT_SALT, 0).nextLong(), maxLevels, seed), pilotControl).merged();
        } catch (OutOfMemoryError full) {
            throw outOfHeap(full);
        }
        int population = new Sweep(model, particles, levelFraction).particles();
        Duration pilotTime = Duration.ofNanos(System.nanoTime() - t0);
        if (pilot.stuck != null) {
            if (pilot.cannotClimb) {
                Sweep.Pilot stuck = pilot;
                pilot = LostUpperTail.of(Execution.of(model), seed).map(lost -> stuck.stuckBecause(lost + "; "
                        + stuck.stuck)).orElse(pilot);
            }
            // the budget's note says it ran out, as after a sweep (it was empty here: an adversarial tester)
            String cut = pilot.stopped && budget != null ? "the time budget of " + Durations.text(budget)
                    + " ran out during the pilot sweep, before any of the " + sweeps + " sweeps" : null;
            return new SubsetResult(pilot, new double[0], population, pilot.runs, 0, pilotTime, Duration.ZERO, 0,
                    cut);
        }
        long t1 = System.nanoTime();
        RunControl<SweepJob.Partial> sweepControl = RunControl.<SweepJob.Partial>none()
                .onMerge((k, merged) -> merged.cut());
        SweepJob.Partial done;
        try {
            done = backend.run(new SweepJob(model, particles, levelFraction, pilot.levels,
                    pilot.steps, seed, sweeps, deadlineMillis, pilot.stepLabels), sweepControl).merged();
        } catch (OutOfMemoryError full) {
            throw outOfHeap(full);
        }
        Duration sweepTime = Duration.ofNanos(System.nanoTime() - t1);
        double acceptance = done.accepts() / (double) Math.max(1, done.attempts());
        String cut = done.cut() ? "the time budget of " + Durations.text(budget) + " ran out after "
                + done.logZ().length + " of " + sweeps + " sweeps" : null;
        return new SubsetResult(pilot, done.logZ(), population, pilot.runs, done.attempts()
                + (long) done.logZ().length * population, pilotTime, sweepTime, acceptance, cut)
                .startingFrom(dev.ariadne.core.Execution.of(model), seed);
    }

}
