package dev.ariadne.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * How to execute a model: under which guide (or guide program) and which effect handlers. Immutable; each
 * method returns a new configuration.
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

    private Execution(Model<T> model, Guide guide, GuideProgram guideProgram, Handler[] handlers) {
        this.model = model;
        this.guide = guide;
        this.guideProgram = guideProgram;
        this.handlers = handlers;
    }

    /** Runs of {@code model} under the prior (no guide, no handlers). */
    public static <T> Execution<T> of(Model<T> model) {
        return new Execution<>(Objects.requireNonNull(model, "model"), null, null, new Handler[0]);
    }

    /** The same, guided by {@code guide} (the outermost effect: it proposes where no handler set a value). */
    public Execution<T> guide(Guide guide) {
        if (guideProgram != null) {
            throw new IllegalStateException("a run has either a guide or a guide program, not both");
        }
        return new Execution<>(model, Objects.requireNonNull(guide, "guide"), null, handlers);
    }

    /** The same, guided by a guide program that runs first; the model is replayed on its values. */
    public Execution<T> guideProgram(GuideProgram program) {
        if (guide != null) {
            throw new IllegalStateException("a run has either a guide or a guide program, not both");
        }
        return new Execution<>(model, null, Objects.requireNonNull(program, "guide program"), handlers);
    }

    /** The same, with {@code handler} wrapped around the handlers so far (the first one given is innermost). */
    public Execution<T> with(Handler handler) {
        Handler[] hs = Arrays.copyOf(handlers, handlers.length + 1);
        hs[handlers.length] = Objects.requireNonNull(handler, "handler");
        return new Execution<>(model, guide, guideProgram, hs);
    }

    /** The model. */
    public Model<T> model() {
        return model;
    }

    /** The guide, or null. */
    public Guide guide() {
        return guide;
    }

    /** A reusable runner for one thread; it keeps each site's prior and proposal for {@link Runner#trace()}. */
    public Runner<T> runner() {
        return new Runner<>(new Engine(model, guide, guideProgram, handlers, true));
    }

    /**
     * A reusable runner for one thread that does not keep each site's distributions: the fastest way to make many
     * runs whose log weights, values and per-site log densities are read but whose traces rarely are.
     * {@link Runner#trace()} still works: it makes the same run again on a runner that keeps them.
     */
    public Runner<T> leanRunner() {
        return new Runner<>(new Engine(model, guide, guideProgram, handlers, false));
    }

    /** Runs once, as run {@code index} of {@code seed}, and returns the full record. */
    public RunRecord<T> run(long seed, long index) {
        return runner().run(seed, index).record();
    }
}
