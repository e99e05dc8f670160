package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.Support;
import dev.ariadne.inference.UnproposedValues;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a value of a step's discrete latent that the proposal all but never draws carries much of that step's
 * evidence: the particles then estimate the step by whether one of them happens to draw it, and the sweeps that miss it
 * agree with one another, so neither their spread nor any weight shows the loss. A filter whose flare state (entered
 * with probability 1e-4 a step) explained an observation of 5 among readings near -1 and 1 drew it about twice in the
 * call's 20,000 particles at that step: in 1 call of 5 no particle did, and log Z-hat read 2 nats low at +- 0.03 (25
 * to 62 standard errors) with no verdict (an outside statistician).
 *
 * <p>At each step (up to {@link StepGuideTails#SWEEP_STEPS}), from the {@value #PARTICLES} heaviest states of one
 * probing sweep before it (at most {@link StepGuideTails#SWEEP_PARTICLES} particles, the call's configuration, sweep
 * 0), the step's first discrete latent (a boolean, or an integer of at most {@value #MOST_VALUES} values) is forced to
 * each value its prior allows, with the step's other latents drawn from their priors: the step's weight then is that
 * value's share of the step's evidence from that state, exactly where it draws nothing else. Shares are averaged over
 * the states by their filtering weights, and so is the proposal's probability of the value: a value holding at least
 * {@value #SHARE} of a step's evidence that the call's particles and sweeps draw fewer than {@value #FEW_DRAWS} times in
 * expectation is named. Cost: one probing sweep, and at each step up to {@value #PARTICLES} x (values + 1) step calls,
 * {@value #MOST_CALLS} in all at most.
 */
final class StepRareValues<S, O> {

    /** The heaviest states of the probing sweep that each step is forced from. */
    static final int PARTICLES = 20;
    /** The most values of an integer latent that are forced in turn; a latent of more is not probed. */
    static final int MOST_VALUES = 16;
    /** The least share of a step's evidence, given the states before it, that a rarely drawn value is named for. */
    static final double SHARE = 0.1;
    /** The expected draws of a value over the call's particles and sweeps below which it is rarely drawn. */
    static final double FEW_DRAWS = 5;
    /** The most step calls the probe makes. */
    static final long MOST_CALLS = 400_000;

    private final StateSpaceSmc<S, O> config;
    private Optional<String> verdict;

    StepRareValues(StateSpaceSmc<S, O> config) {
        this.config = config;
    }

    /** The verdict on the first step where a rarely drawn value carries much of the evidence; found once. */
    synchronized Optional<String> verdict() {
        if (verdict == null) {
            verdict = find();
        }
        return verdict;
    }

    private Optional<String> find() {
        FilterHistory<S> history;
        try {
            history = new StateSpaceSweep<>(config.probingSweep(StepGuideTails.SWEEP_STEPS,
                    StepGuideTails.SWEEP_PARTICLES)).sweep(0).history().orElse(null);
        } catch (RuntimeException e) {
            return Optional.empty(); // the call's own sweeps report it
        }
        if (history == null) {
            return Optional.empty();
        }
        StateColumn<S, O> column = config.newColumn(1);
        StepView<S, O> view = new StepView<>(Rng.forRun(config.settings().seed, 2));
        view.realState = config.realStates();
        double draws = (double) config.settings().particles * config.settings().sweeps;
        long[] calls = {0};
        for (int t = 0; t < history.steps() && calls[0] < MOST_CALLS; t++) {
            Optional<String> found = probe(history, column, view, t, draws, calls);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The verdict on step t, if one of its first discrete latent's values is rarely drawn and carries much. */
    private Optional<String> probe(FilterHistory<S> history, StateColumn<S, O> column, StepView<S, O> view, int t,
                                   double draws, long[] calls) {
        O y = config.observations().get(t);
        Object[] previous;
        double[] weights;
        if (t == 0) {
            previous = new Object[] {null};
            weights = new double[] {1};
        } else {
            WeightedParticles<S> particles = history.filtering(t - 1);
            Integer[] order = new Integer[particles.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(particles.logWeight(b), particles.logWeight(a)));
            int m = Math.min(PARTICLES, order.length);
            previous = new Object[m];
            weights = new double[m];
            double top = particles.logWeight(order[0]);
            double sum = 0;
            for (int k = 0; k < m; k++) {
                previous[k] = particles.value(order[k]);
                weights[k] = Math.exp(particles.logWeight(order[k]) - top);
                sum += weights[k];
            }
            for (int k = 0; k < m; k++) {
                weights[k] /= sum;
            }
        }
        String latent = null;
        int[] values = null;
        boolean bool = false;
        double[] logShare = null;
        double[] proposed = null;
        for (int k = 0; k < previous.length; k++) {
            if (!(weights[k] > 0)) {
                continue;
            }
            Recording recording = new Recording();
            view.particle.guide(recording);
            if (!(step(column, view, t, previous[k], y, calls) > Double.NEGATIVE_INFINITY) || recording.name == null) {
                continue;
            }
            if (latent == null) {
                values = valuesOf(recording.prior);
                if (values == null) {
                    return Optional.empty();
                }
                latent = recording.name;
                bool = recording.prior instanceof BoolDist;
                logShare = new double[values.length];
                Arrays.fill(logShare, Double.NEGATIVE_INFINITY);
                proposed = new double[values.length];
            } else if (!latent.equals(recording.name)) {
                continue;
            }
            for (int j = 0; j < values.length; j++) {
                if (mass(recording.prior, values[j]) == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                proposed[j] += weights[k] * Math.exp(mass(recording.proposal, values[j]));
                Forcing forcing = new Forcing(latent, bool, values[j]);
                view.particle.guide(forcing);
                double logW = step(column, view, t, previous[k], y, calls);
                if (forcing.forced && logW > Double.NEGATIVE_INFINITY) {
                    logShare[j] = LogMath.logAddExp(logShare[j], Math.log(weights[k]) + logW);
                }
            }
        }
        if (latent == null) {
            return Optional.empty();
        }
        double total = LogMath.logSumExp(logShare);
        if (!(total > Double.NEGATIVE_INFINITY)) {
            return Optional.empty();
        }
        for (int j = 0; j < values.length; j++) {
            double share = Math.exp(logShare[j] - total);
            double expected = proposed[j] * draws;
            if (share >= SHARE && expected < FEW_DRAWS) {
                return Optional.of(String.format(Locale.ROOT, "at step %d the value %s of '%s' carries about %.0f%% "
                        + "of that step's evidence given the states before it (forced there from the %d likeliest "
                        + "states of a probing sweep), but the proposal gives it probability %.3g there, about %.2g "
                        + "draws in the call's %,d particles and sweeps: whether a particle draws it decides log Z-hat "
                        + "and every figure after that step, and sweeps that miss it agree, so their standard errors "
                        + "read small with nothing else to show it (the bounds stay valid); use a step guide that "
                        + "proposes that value where the observation favours it, or many more particles", t,
                        bool ? String.valueOf(values[j] == 1) : String.valueOf(values[j]), latent, 100 * share,
                        previous.length, proposed[j], expected, (long) draws));
            }
        }
        return Optional.empty();
    }

    /** One call of step t from {@code previous}: its log weight, or -inf where it failed or threw. */
    private static <S, O> double step(StateColumn<S, O> column, StepView<S, O> view, int t, Object previous, O y,
                                      long[] calls) {
        calls[0]++;
        try {
            return column.stepOnce(t, previous, view, y);
        } catch (RuntimeException e) {
            return Double.NEGATIVE_INFINITY; // a step that throws says nothing of the evidence here
        }
    }

    /** The values of a boolean (0, 1) or of an integer prior of at most {@link #MOST_VALUES} values; else null. */
    private static int[] valuesOf(Dist prior) {
        if (prior instanceof BoolDist) {
            return new int[] {0, 1};
        }
        Support s = prior.support();
        if (!(prior instanceof IntDist) || s == null || !s.isFinite() || s.type() != Support.Type.INTEGERS
                || s.upper() - s.lower() + 1 > MOST_VALUES) {
            return null;
        }
        int[] out = new int[(int) (s.upper() - s.lower() + 1)];
        for (int j = 0; j < out.length; j++) {
            out[j] = (int) s.lower() + j;
        }
        return out;
    }

    /** The log mass of value v (a boolean's as 0 or 1) under a boolean or integer distribution. */
    private static double mass(Dist d, int v) {
        return d instanceof BoolDist b ? b.logMass(v == 1) : ((IntDist) d).logMass(v);
    }

    /**
     * The call's own proposal at every latent, recording the first discrete one: its name, prior and proposal (the
     * prior where the call has no step guide or its guide keeps the prior there).
     */
    private final class Recording implements StepGuide<S, O> {
        private static final long serialVersionUID = 1L;
        transient String name;
        transient Dist prior;
        transient Dist proposal;

        @Override
        public Dist propose(StepSite<S, O> site, Dist prior) {
            StepGuide<S, O> guide = config.stepGuide();
            Dist q = guide == null ? prior : guide.propose(site, prior);
            q = q == null ? prior : q;
            if (name == null && (prior instanceof BoolDist || prior instanceof IntDist)
                    && (q instanceof BoolDist || q instanceof IntDist)) {
                name = site.name();
                this.prior = prior;
                proposal = q;
            }
            return q;
        }
    }

    /** Every latent from its prior but the first draw of {@code latent}, given {@code value} with probability 1. */
    private final class Forcing implements StepGuide<S, O> {
        private static final long serialVersionUID = 1L;
        private final String latent;
        private final boolean bool;
        private final int value;
        transient boolean forced;

        Forcing(String latent, boolean bool, int value) {
            this.latent = latent;
            this.bool = bool;
            this.value = value;
        }

        @Override
        public Dist propose(StepSite<S, O> site, Dist prior) {
            if (!forced && site.name().equals(latent) && (prior instanceof BoolDist || prior instanceof IntDist)) {
                forced = true;
                return UnproposedValues.point(bool, value);
            }
            return prior;
        }
    }
}
