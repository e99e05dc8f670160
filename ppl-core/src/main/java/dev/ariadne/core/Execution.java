package dev.ariadne.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How to execute a model: under which guide (or guide program), which effect handlers, and how far one run may go
 * (sites and time; see {@link #maxSitesPerRun}). Immutable; each method returns a new configuration.
 *
 * <pre>{@code
 * RunRecord<Double> r = Execution.of(model).guide(g).run(42, 0);
 * System.out.println(r.trace().table());
 * }</pre>
 *
 * @param <T> the model's return type
 */
public final class Execution<T> {

    private final Model<T> model;
    private final Guide guide;
    private final GuideProgram guideProgram;
    private final Handler[] handlers;
    private final RunLimits limits;
    private final boolean relaxedMargins;

    private Execution(Model<T> model, Guide guide, GuideProgram guideProgram, Handler[] handlers, RunLimits limits,
                      boolean relaxedMargins) {
        this.model = model;
        this.guide = guide;
        this.guideProgram = guideProgram;
        this.handlers = handlers;
        this.limits = limits;
        this.relaxedMargins = relaxedMargins;
    }

    /** Runs of {@code model} under the prior (no guide, no handlers), with the default limits. */
    public static <T> Execution<T> of(Model<T> model) {
        return new Execution<>(Objects.requireNonNull(model, "model"), null, null, new Handler[0], RunLimits.DEFAULT,
                false);
    }

    /** The same, guided by {@code guide} (the outermost effect: it proposes where no handler set a value). */
    public Execution<T> guide(Guide guide) {
        if (guideProgram != null) {
            throw new IllegalStateException("a run has either a guide or a guide program, not both");
        }
        return new Execution<>(model, Objects.requireNonNull(guide, "guide"), null, handlers, limits, relaxedMargins);
    }

    /** The same, guided by a guide program that runs first; the model is replayed on its values. */
    public Execution<T> guideProgram(GuideProgram program) {
        if (guide != null) {
            throw new IllegalStateException("a run has either a guide or a guide program, not both");
        }
        return new Execution<>(model, null, Objects.requireNonNull(program, "guide program"), handlers, limits,
                relaxedMargins);
    }

    /** The same, with {@code handler} wrapped around the handlers so far (the first one given is innermost). */
    public Execution<T> with(Handler handler) {
        Handler[] hs = Arrays.copyOf(handlers, handlers.length + 1);
        hs[handlers.length] = Objects.requireNonNull(handler, "handler");
        return new Execution<>(model, guide, guideProgram, hs, limits, relaxedMargins);
    }

    /**
     * The same, with at most {@code sites} sites per run (default 1,000,000, or one per KB of the maximum heap if
     * that is fewer: the cap must come before memory runs out). A run that reaches more is a
     * {@link ModelException} that names the run and its last site, not an OutOfMemoryError: a model that makes
     * sites without end stops there. The check costs nothing on sites that repeat the previous run's.
     *
     * @param sites at least 1
     */
    public Execution<T> maxSitesPerRun(int sites) {
        return new Execution<>(model, guide, guideProgram, handlers, limits.withMaxSites(sites), relaxedMargins);
    }

    /**
     * The same, with at most {@code time} per run (default: no limit). A run over it is a {@link ModelException}
     * that names the run and its last site. The clock is read when the run starts, every 1,024 sites and when it
     * ends (two reads per run), so a run over its time is stopped at its next 1,024th site or at its end; the
     * thread's interruption is looked for at the same points ({@link RunInterruptedException}). Code of the model
     * that never reaches a site cannot be stopped from outside.
     *
     * @param time a positive duration
     */
    public Execution<T> maxTimePerRun(Duration time) {
        return new Execution<>(model, guide, guideProgram, handlers, limits.withMaxTime(time), relaxedMargins);
    }

    /**
     * The same, with the model's margin conditions relaxed: a margin condition
     * ({@link Prob#condition(String, double, double)}) that does not hold no longer gives the run weight 0. Its
     * log p is 0 whether it holds or not, the run goes on to its end, and {@link Runner#margin()} is the least
     * margin of all the margin conditions the run met, negative when one of them did not hold. Nothing else
     * changes: plain conditions, observations, factors and supports fail runs as before.
     *
     * <p>This is for rare-event algorithms, which need the margin of every run, also below the threshold, and the
     * whole run (every site after a margin condition that failed): cross-entropy levels, subset simulation's level
     * sets. A relaxed run x stands for the model's run with the same choices as follows: its weight under the
     * model is the relaxed weight when {@code margin() >= 0}, and 0 otherwise. Every figure computed from relaxed
     * runs must apply that rule; the relaxed log weight alone is not an importance weight of the model.
     *
     * @param relaxed whether margin conditions are relaxed (default false)
     */
    public Execution<T> relaxMargins(boolean relaxed) {
        return new Execution<>(model, guide, guideProgram, handlers, limits, relaxed);
    }

    /** Whether margin conditions are relaxed ({@link #relaxMargins}). */
    public boolean marginsRelaxed() {
        return relaxedMargins;
    }

    /** The model. */
    public Model<T> model() {
        return model;
    }

    /** The guide, or null. */
    public Guide guide() {
        return guide;
    }

    /** The guide program, or null. */
    public GuideProgram guideProgram() {
        return guideProgram;
    }

    Handler[] handlers() {
        return handlers;
    }

    RunLimits limits() {
        return limits;
    }

    /** A reusable runner for one thread; it keeps each site's prior and proposal for {@link Runner#trace()}. */
    public Runner<T> runner() {
        return new Runner<>(new Engine(this, true));
    }

    /**
     * A reusable runner for one thread that does not keep each site's distributions: the fastest way to make many
     * runs whose log weights, values and per-site log densities are read but whose traces rarely are.
     * {@link Runner#trace()} still works: it makes the same run again on a runner that keeps them.
     */
    public Runner<T> leanRunner() {
        return new Runner<>(new Engine(this, false));
    }

    /**
     * Runs once, as run {@code index} of {@code seed}, and returns the full record.
     *
     * @param index the run's index, >= 0, as every algorithm numbers its runs
     * @throws IllegalArgumentException for a negative index
     */
    public RunRecord<T> run(long seed, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("a run's index must be >= 0 (runs are numbered from 0 within their "
                    + "seed), got " + index);
        }
        return runner().run(seed, index).record();
    }
}
