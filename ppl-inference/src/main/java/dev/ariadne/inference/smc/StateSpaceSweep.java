package dev.ariadne.inference.smc;

import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.core.UserText;
import dev.ariadne.core.VmErrors;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.run.StopSignal;
import java.util.Arrays;
import java.util.List;

/**
 * One worker of the state-space form: runs sweeps one after another on its own buffers. Sweep k draws everything
 * (resampling and the particles' choices, in that order at each step, particles in index order) from the single
 * stream {@code Rng.forRun(seed, k)}.
 *
 * <p>Cost: O(N) per step and O(N T) per sweep; nothing is allocated per particle and step beyond what the user's
 * states need, unless the history is kept (then each step's states and weights are copied).
 */
final class StateSpaceSweep<S, O> implements SweepJob.Worker<Sweep<S>> {

    private final StateSpaceSmc<S, O> config;
    private final SmcSettings<S> settings;
    private final List<O> observations;
    private final Rng rng;
    private final StepView<S, O> view;
    private final StateColumn<S, O> states;
    private final ParticleWeights weights;

    StateSpaceSweep(StateSpaceSmc<S, O> config) {
        this.config = config;
        this.settings = config.settings();
        this.observations = config.observations();
        this.rng = Rng.forRun(settings.seed, 0);
        this.view = new StepView<>(rng);
        this.view.realState = config.realStates();
        this.view.particle.guide(config.stepGuide());
        this.states = config.newColumn(settings.particles);
        this.weights = new ParticleWeights(settings.particles);
    }

    /** The values of the tracked quantity last averaged, while at most two ({@link Sweep#trackedValues}). */
    private final TwoValues seen = new TwoValues();

    /** Asked between steps whether the budget ran out ({@link SweepJob#check}). */
    private StopSignal stop = StopSignal.NEVER;

    @Override
    public void watch(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public Sweep<S> sweep(long index) {
        int n = settings.particles;
        int steps = observations.size();
        rng.reset(settings.seed, index);
        weights.start();
        view.particle.leftOut = 0;
        view.particle.firstLeftOut = null;
        view.particle.unproposed.clear();
        view.particle.firstFailure = null;
        view.particle.evidenceMet = false;
        int trackedCount = config.tracked().size();
        double[][] tracked = new double[trackedCount][steps];
        double[][][] trackedValues = new double[trackedCount][steps][];
        double[] logZByStep = new double[steps];
        FilterHistory<S> history = index < config.historySweeps() ? new FilterHistory<>() : null;
        boolean alive = true;
        states.sharedStateStep = -1;
        int t = 0;
        try {
            for (; t < steps; t++) {
                SweepJob.check(stop);
                view.particle.stepFailure = null;
                int[] a = weights.ancestors(t == 0, settings.resampling, settings.essThreshold, rng);
                boolean resampled = weights.resampledLast();
                states.propagate(t, a, weights.logW, view, observations.get(t));
                states.swap();
                alive = weights.weigh();
                logZByStep[t] = weights.logZ;
                for (int k = 0; k < trackedCount; k++) {
                    tracked[k][t] = alive ? trackedMean(index, t, config.tracked().get(k)) : Double.NaN;
                    trackedValues[k][t] = alive ? seen.record() : null;
                }
                if (history != null) {
                    history.add(states.snapshot(), weights.normalisedLogWeights(), resampled ? a.clone() : null,
                            weights.ess);
                }
                if (!alive) {
                    break;
                }
            }
        } catch (SweepJob.Cut | RunCancelledException | SmcException stopped) {
            throw stopped;
        } catch (RuntimeException | Error e) {
            VmErrors.rethrowVms(e);
            String run = "sweep " + index + ", step " + t + ", particle " + view.particle.index + " (seed "
                    + settings.seed + ")";
            // a null in the observations reached the user's step as its y, whose unboxing threw "<parameter4> is
            // null" (an adversarial tester): null may mean a step without an observation, so it is said, not refused
            String nullObservation = e instanceof NullPointerException && t < steps && observations.get(t) == null
                    ? " (the observation at step " + t + " is null)" : "";
            throw new SmcException(run + ": " + reason(e, t) + nullObservation, ModelException.withRun(e, run));
        }
        if (!alive) {
            Arrays.fill(logZByStep, t, steps, Double.NEGATIVE_INFINITY);
            for (double[] row : tracked) {
                Arrays.fill(row, t, steps, Double.NaN);
            }
        }
        try {
            Sweep<S> sweep = finish(index, alive, logZByStep, tracked, history);
            sweep.sharedStateStep = states.sharedStateStep;
            sweep.trackedValues = trackedValues;
            sweep.leftOut = view.particle.leftOut;
            sweep.firstFailure = view.particle.firstFailure;
            sweep.failureWhereDied = alive ? null : view.particle.stepFailure;
            sweep.diedAtStep = alive ? -1 : t;
            sweep.firstLeftOut = view.particle.firstLeftOut;
            sweep.unproposed = List.copyOf(view.particle.unproposed);
            sweep.evidenceMet = view.particle.evidenceMet;
            return sweep;
        } catch (RuntimeException | Error e) {
            VmErrors.rethrowVms(e);
            throw new SmcException("sweep " + index + " (seed " + settings.seed + "), evaluating a declared hypothesis "
                    + "or expectation on the final particles: " + ModelException.reasonAndSite(e), e);
        }
    }

    /**
     * What a step's error says: Ariadne's own message (an observation's NaN, a distribution's bad parameter, a guide's
     * error), and for one the user's step function threw, its class too, as a model's error says (a new user's "table
     * overflow at x=1.68" did not say it was the step function's). Step 0 runs the initial function, not the step
     * function, and is named so. Where in the step is not tracked: it would cost every draw.
     */
    static String reason(Throwable e, int step) {
        if (e instanceof ModelException) {
            return ModelException.reasonAndSite(e);
        }
        StackTraceElement[] at = e.getStackTrace();
        // thrown by a distribution (its parameters), by the particle itself (its evidence, its guide's proposal), or
        // by the states' check of what a step returned
        boolean ours = at.length > 0 && (at[0].getClassName().startsWith("dev.ariadne.core.")
                || at[0].getClassName().equals(Particle.class.getName())
                || at[0].getClassName().equals(StateColumn.class.getName()));
        if (e instanceof dev.ariadne.core.dist.ParameterException p) {
            // "Normal: sd must be finite and > 0, got -1.0" said nothing of where (a new user): the line is known
            String made = p.madeAt();
            return e.getMessage() + (made.isEmpty() ? "" : " (making a distribution" + made + ")");
        }
        return ours ? e.getMessage() : (step == 0 ? "the initial function threw " : "the step function threw ")
                + UserText.of(e);
    }

    /**
     * The weighted mean of a tracked quantity over the step's particles. A failure there is the tracked function's on
     * the particle it names, not the model's at the particle the step last ran: the run's prefix said "particle 99"
     * beside "gave NaN for particle 0".
     */
    private double trackedMean(long index, int t,
                               SmcSettings.Declared<SerializableToDoubleFunction<? super S>> quantity) {
        try {
            return states.weightedMean(quantity.function(), weights.w, weights.weightSum(), seen);
        } catch (RuntimeException | Error e) {
            VmErrors.rethrowVms(e);
            String where = "sweep " + index + ", step " + t + " (seed " + settings.seed + ")";
            throw new SmcException(where + ": tracked quantity '" + quantity.name() + "': "
                    + ModelException.reasonAndSite(e), ModelException.withRun(e, where));
        }
    }

    private Sweep<S> finish(long index, boolean alive, double[] logZByStep, double[][] tracked,
                            FilterHistory<S> history) {
        int h = settings.hypotheses.size();
        int e = settings.expectations.size();
        double[] logShare = new double[h];
        double[] means = new double[e];
        for (int k = 0; k < h; k++) {
            logShare[k] = alive ? states.logShare(settings.hypotheses.get(k).function(), weights.w,
                    weights.weightSum()) : Double.NEGATIVE_INFINITY;
        }
        for (int k = 0; k < e; k++) {
            means[k] = alive ? states.weightedMean(settings.expectations.get(k).function(), weights.w,
                    weights.weightSum()) : Double.NaN;
        }
        WeightedParticles<S> particles = WeightedParticles.of(states.snapshot(), weights.normalisedLogWeights());
        return new Sweep<>(index, weights.logZ, particles, weights.essPerStep(), weights.resampledPerStep(),
                weights.resamplings(), alive ? weights.uniqueRoots() : 0, logShare, means, logZByStep, tracked,
                history);
    }
}
