package dev.ariadne.inference.smc;

import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.QuestionName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Sequential Monte Carlo (a particle filter) for a state-space model written with its state explicit: an initial
 * step, a transition step and the observations. Immutable: each setter returns a new configuration. Made by
 * {@link Smc#stateSpace} or {@link Smc#realStateSpace}.
 *
 * <pre>{@code
 * SmcResult<Boolean> r = Smc.stateSpace(
 *         (p, y) -> { boolean s = p.sample("s", new Bernoulli(0.5)); p.observe(new Normal(s ? 1 : -1, 1), y); return s; },
 *         (p, prev, t, y) -> { boolean s = p.sample("s", new Bernoulli(prev ? 0.9 : 0.1)); p.observe(new Normal(s ? 1 : -1, 1), y); return s; },
 *         observations)
 *     .particles(10_000).sweeps(100).seed(2).track("s=1", s -> s ? 1 : 0).run();
 * r.lowerBound(0.01);      // sweeps play the role of runs: certified P(e) >= L at 99%
 * r.filtered("s=1");       // P(s_t = 1 | y_0..y_t) at every step
 * }</pre>
 *
 * <p><b>What a sweep does.</b> At step 0 every particle runs the initial step; at step t >= 1, if the ESS after step
 * t - 1 is below the threshold, the particles are resampled, and each particle runs the transition from its
 * ancestor's state. Its weight is multiplied by the step's evidence (and by p/q for latents drawn from a guide's
 * proposal). The sweep's Z-hat is the product over steps of the weighted mean incremental weight, an unbiased,
 * non-negative estimate of P(e) for any proposal, resampling scheme and ESS threshold (Del Moral 2004; Whiteley,
 * Lee and Heine for ESS-triggered resampling). Nothing here is tuned from the particles, so there is nothing to
 * freeze: every sweep is an independent unbiased estimate, which is what the bounds of {@link SmcResult} need.
 *
 * <p><b>Cost.</b> O(N) per step, O(N T) per sweep. States are copied on resampling by reference (immutable
 * states, or {@link #copyStates} for mutable ones) or as unboxed doubles ({@link Smc#realStateSpace}).
 *
 * @param <S> the state
 * @param <O> the observation at each step
 */
public final class StateSpaceSmc<S, O> extends SmcBuilder<S, StateSpaceSmc<S, O>> {

    private final List<O> observations;
    private final Init<S, O> init;
    private final Transition<S, O> step;
    private final RealInit<O> realInit;
    private final RealTransition<O> realStep;
    private final UnaryOperator<S> copy;
    private final StepGuide<S, O> guide;
    private final List<SmcSettings.Declared<SerializableToDoubleFunction<? super S>>> tracked;
    private final int historySweeps;

    private StateSpaceSmc(SmcSettings<S> settings, List<O> observations, Init<S, O> init, Transition<S, O> step,
                          RealInit<O> realInit, RealTransition<O> realStep, UnaryOperator<S> copy,
                          StepGuide<S, O> guide, List<SmcSettings.Declared<SerializableToDoubleFunction<? super S>>> tracked,
                          int historySweeps) {
        super(settings);
        this.observations = observations;
        this.init = init;
        this.step = step;
        this.realInit = realInit;
        this.realStep = realStep;
        this.copy = copy;
        this.guide = guide;
        this.tracked = tracked;
        this.historySweeps = historySweeps;
    }

    static <S, O> StateSpaceSmc<S, O> objects(Init<S, O> init, Transition<S, O> step, List<O> observations) {
        return new StateSpaceSmc<>(SmcSettings.defaults(), copyOf(observations), Objects.requireNonNull(init, "init"),
                Objects.requireNonNull(step, "step"), null, null, null, null, List.of(), 0);
    }

    static <O> StateSpaceSmc<Double, O> reals(RealInit<O> init, RealTransition<O> step, List<O> observations) {
        return new StateSpaceSmc<>(SmcSettings.defaults(), copyOf(observations), null, null,
                Objects.requireNonNull(init, "init"), Objects.requireNonNull(step, "step"), null, null, List.of(), 0);
    }

    private static <O> List<O> copyOf(List<O> observations) {
        Objects.requireNonNull(observations, "observations");
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("a state-space model needs at least one observation (one step)");
        }
        return Collections.unmodifiableList(new ArrayList<>(observations));
    }

    @Override
    StateSpaceSmc<S, O> with(SmcSettings<S> s) {
        return new StateSpaceSmc<>(s, observations, init, step, realInit, realStep, copy, guide, tracked,
                historySweeps);
    }

    /**
     * Declares a filtered quantity: E[f(x_t) | y_0..y_t] at every step t, read with {@link SmcResult#filtered}.
     * Costs one call of f per particle and step. Tracked names are their own namespace: a hypothesis may have the
     * same name.
     */
    public StateSpaceSmc<S, O> track(String name, SerializableToDoubleFunction<? super S> f) {
        Objects.requireNonNull(f, "tracked function");
        requireNewName(name);
        return new StateSpaceSmc<>(settings, observations, init, step, realInit, realStep, copy, guide,
                SmcSettings.append(tracked, new SmcSettings.Declared<>(name, f)), historySweeps);
    }

    /**
     * Keeps the whole particle system of the first {@code sweeps} sweeps (states, weights and ancestors at every
     * step), for filtering plots and smoothing by the genealogy ({@link Sweep#history()}). Memory: N T states per
     * sweep kept. Default 0.
     */
    public StateSpaceSmc<S, O> keepHistory(int sweeps) {
        if (sweeps < 0) {
            throw new IllegalArgumentException("keepHistory must be >= 0, got " + sweeps);
        }
        return new StateSpaceSmc<>(settings, observations, init, step, realInit, realStep, copy, guide, tracked,
                sweeps);
    }

    /**
     * A proposal for the latents (guided SMC): see {@link StepGuide}. The locally optimal proposal
     * p(x_t | x_(t-1), y_t) makes each incremental weight p(y_t | x_(t-1)).
     */
    public StateSpaceSmc<S, O> guide(StepGuide<S, O> g) {
        return new StateSpaceSmc<>(settings, observations, init, step, realInit, realStep, copy,
                Objects.requireNonNull(g, "guide"), tracked, historySweeps);
    }

    /**
     * For mutable states: each step then receives {@code copy.apply(ancestor's state)} and may change it in place
     * (after a resampling several particles descend from one state). Immutable states need no copy function. Not
     * for real states, which are copied as doubles. A lambda or method reference written in place serialises, so the
     * filter runs on a distributed backend too (it took a plain {@code UnaryOperator}, and a filter with a copy
     * function could not be shipped; an adversarial tester).
     */
    public StateSpaceSmc<S, O> copyStates(StateCopy<S> copy) {
        return withCopy(copy);
    }

    /**
     * {@link #copyStates(StateCopy)} for a copy function held as a plain {@code UnaryOperator} (a variable, or
     * {@code UnaryOperator.identity()}): it runs here as before, and ships to a distributed backend only if it is
     * serialisable itself (a lambda or method reference written in place takes the {@code StateCopy} form).
     */
    public StateSpaceSmc<S, O> copyStates(UnaryOperator<S> copy) {
        Objects.requireNonNull(copy, "copy");
        return withCopy(copy instanceof StateCopy<S> c ? c : (StateCopy<S>) copy::apply);
    }

    private StateSpaceSmc<S, O> withCopy(StateCopy<S> copy) {
        if (realInit != null) {
            throw new IllegalStateException("real states are copied as doubles; copyStates is for object states");
        }
        return new StateSpaceSmc<>(settings, observations, init, step, realInit, realStep,
                Objects.requireNonNull(copy, "copy"), guide, tracked, historySweeps);
    }

    private String requireNewName(String name) {
        QuestionName.check("tracked quantity", name);
        if (tracked.stream().anyMatch(d -> d.name().equals(name))) {
            throw new IllegalArgumentException("the tracked quantity '" + name + "' is already declared");
        }
        return name;
    }

    /**
     * Runs the sweeps and returns the result.
     *
     * @throws SmcException if user code throws or a density is NaN; it names the sweep, step and particle
     */
    public SmcResult<S> run() {
        dev.ariadne.core.Models.refuseCapturedRandomStreams(init, step, realInit, realStep, settings);
        List<Sweep<S>> sweeps = SweepJob.sweeps(settings, () -> new StateSpaceSweep<>(this));
        List<String> trackedNames = new ArrayList<>();
        tracked.forEach(d -> trackedNames.add(d.name()));
        return new SmcResult<>(sweeps, settings, trackedNames, describe())
                .probingStepGuide(new StepGuideTails<>(this), new StepGuideZeros<>(this), new StepRareValues<>(this))
                .markFilteringStates();
    }

    private String describe() {
        return "state-space SMC, " + observations.size() + " steps, " + settings.particles + " particles, "
                + (guide == null ? "the prior as proposal (bootstrap filter)" : "a step guide as proposal") + ", "
                + settings.resamplingDescription();
    }

    // ------------------------------------------------------------------ for the sweeps

    /**
     * This configuration over the first {@code steps} observations only, keeping the history of its first sweep, with
     * at most {@code particles} particles: the sweep whose states a step guide's probes start from
     * ({@link StepGuideTails}), whose history holds every state of every step it makes.
     */
    StateSpaceSmc<S, O> probingSweep(int steps, int particles) {
        List<O> first = observations.subList(0, Math.min(steps, observations.size()));
        return new StateSpaceSmc<>(settings.particles(Math.min(settings.particles, particles)), first, init, step,
                realInit, realStep, copy, guide, tracked, 1);
    }

    List<O> observations() {
        return observations;
    }

    boolean realStates() {
        return realInit != null;
    }

    StepGuide<S, O> stepGuide() {
        return guide;
    }

    List<SmcSettings.Declared<SerializableToDoubleFunction<? super S>>> tracked() {
        return tracked;
    }

    int historySweeps() {
        return historySweeps;
    }

    @SuppressWarnings("unchecked")
    StateColumn<S, O> newColumn(int n) {
        if (realInit != null) {
            return (StateColumn<S, O>) (StateColumn<?, O>) new RealStates<>(n, realInit, realStep, guide != null);
        }
        return new ObjectStates<>(n, init, step, copy, guide != null);
    }
}
