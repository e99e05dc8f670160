package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.Support;
import dev.ariadne.inference.UnproposedValues;
import dev.ariadne.inference.mcmc.Convergence;
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
 * <p>The steps whose evidence the call's sweeps found far less likely than the others' (their mean log increment of
 * Z-hat, where a value the particles miss and the evidence favours shows as a surprise; at most {@value #STEPS} of
 * them, see {@link #leastLikely}) are probed, from {@value #PARTICLES} states drawn by systematic resampling from one
 * probing sweep's filtering particles before each (at most {@value #SWEEP_PARTICLES} particles, the call's
 * configuration, sweep 0), so that the states stand for the population, not its heaviest few: the step's first
 * discrete latent (a boolean, or an integer of at most {@value #MOST_VALUES} values) is forced to each value its prior
 * allows. Only a step that draws nothing else is judged: its weight from a state, given the value, is then exactly
 * that value's share of the step's evidence from that state (with another latent drawn once from its prior, a value of
 * probability 0.001 that bore on nothing was named from the draw's noise; a hunt). Shares and the proposal's
 * probability of each value are averaged over the states; a value holding at least {@value #SHARE} of the step's
 * evidence that the call's particles and sweeps draw fewer than {@value #FEW_DRAWS} times in expectation, whose loss
 * would take log Z-hat beyond {@value #STANDARD_ERRORS} of its standard errors, is named. Cost: one probing sweep to
 * the last step probed, and at each probed step up to {@value #PARTICLES} x (values + 1) step calls.
 */
final class StepRareValues<S, O> {

    /** The states, drawn from the probing sweep's filtering particles, that each probed step is forced from. */
    static final int PARTICLES = 20;
    /** At most this many steps are probed: those of least mean log increment of Z-hat over the call's sweeps. */
    static final int STEPS = 20;
    /** How many robust sds below the median increment a step's must lie for the step to be probed. */
    static final double SURPRISE = 6;
    /** At most this many particles in the probing sweep. */
    static final int SWEEP_PARTICLES = 100;
    /** The most values of an integer latent that are forced in turn; a latent of more is not probed. */
    static final int MOST_VALUES = 16;
    /** The least share of a step's evidence, given the states before it, that a rarely drawn value is named for. */
    static final double SHARE = 0.1;
    /**
     * How many of the call's standard errors of log Z-hat the error of missing a value, -log(1 - share), must pass for
     * it to be named: a value of Binomial(15, 0.05) holding 12% of a step's evidence, 2.4 draws expected, was named in
     * 20 calls of 20 whose log Z-hat held its standard error (a hunt).
     */
    static final double STANDARD_ERRORS = 2;
    /** The expected draws of a value over the call's particles and sweeps below which it is rarely drawn. */
    static final double FEW_DRAWS = 5;
    private final StateSpaceSmc<S, O> config;
    private Optional<String> verdict;

    StepRareValues(StateSpaceSmc<S, O> config) {
        this.config = config;
    }

    /**
     * The verdict on the first probed step where a rarely drawn value carries much of the evidence, found once; {@code
     * increments} holds each step's mean log increment of Z-hat over the call's sweeps (NaN where unknown).
     */
    synchronized Optional<String> verdict(double[] increments, double standardError) {
        if (verdict == null) {
            verdict = find(increments, standardError);
        }
        return verdict;
    }

    private Optional<String> find(double[] increments, double standardError) {
        if (!(standardError < Double.POSITIVE_INFINITY)) {
            return Optional.empty(); // a call without a standard error says so already
        }
        int[] steps = leastLikely(increments);
        if (steps.length == 0) {
            return Optional.empty();
        }
        FilterHistory<S> history;
        try {
            history = new StateSpaceSweep<>(config.probingSweep(steps[steps.length - 1] + 1, SWEEP_PARTICLES)).sweep(0)
                    .history().orElse(null);
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
        for (int t : steps) {
            if (t >= history.steps()) {
                break;
            }
            Optional<String> found = probe(history, column, view, t, draws, standardError);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The steps whose mean log increment lies more than {@value #SURPRISE} robust sds (the increments' interquartile
     * range over 1.349) below their median, at most the {@link #STEPS} lowest, in order of step; NaN increments are
     * passed over. A value that the particles miss and the evidence favours shows as such a surprise (the flare's
     * reading of 5: an increment of -8.9 against a median of -1.4). Only those are probed, as the probe's step calls
     * go through the particles' guide (see the caller).
     */
    private static int[] leastLikely(double[] increments) {
        double[] known = Arrays.stream(increments).filter(x -> !Double.isNaN(x)).toArray();
        if (known.length < 4) {
            return new int[0];
        }
        double median = Convergence.quantile(known, 0.5);
        double spread = (Convergence.quantile(known, 0.75) - Convergence.quantile(known, 0.25)) / 1.349;
        double cut = median - SURPRISE * spread;
        Integer[] order = new Integer[increments.length];
        int n = 0;
        for (int t = 0; t < increments.length; t++) {
            if (increments[t] < cut) {
                order[n++] = t;
            }
        }
        Integer[] low = Arrays.copyOf(order, n);
        Arrays.sort(low, (a, b) -> Double.compare(increments[a], increments[b]));
        int[] out = new int[Math.min(STEPS, n)];
        for (int k = 0; k < out.length; k++) {
            out[k] = low[k];
        }
        Arrays.sort(out);
        return out;
    }


    /** The verdict on step t, if one of its first discrete latent's values is rarely drawn and carries much. */
    private Optional<String> probe(FilterHistory<S> history, StateColumn<S, O> column, StepView<S, O> view, int t,
                                   double draws, double standardError) {
        O y = config.observations().get(t);
        Object[] previous;
        double[] weights;
        if (t == 0) {
            previous = new Object[] {null};
            weights = new double[] {1};
        } else {
            WeightedParticles<S> particles = history.filtering(t - 1);
            double top = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < particles.size(); i++) {
                top = Math.max(top, particles.logWeight(i));
            }
            if (!(top > Double.NEGATIVE_INFINITY)) {
                return Optional.empty();
            }
            double[] cumulative = new double[particles.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += Math.exp(particles.logWeight(i) - top);
                cumulative[i] = sum;
            }
            // systematic resampling at the midpoints: the states stand for the population by their weights
            previous = new Object[PARTICLES];
            weights = new double[PARTICLES];
            int m = 0;
            int i = 0;
            for (int k = 0; k < PARTICLES; k++) {
                double u = (k + 0.5) / PARTICLES * sum;
                while (i < cumulative.length - 1 && cumulative[i] < u) {
                    i++;
                }
                Object state = particles.value(i);
                if (m > 0 && java.util.Objects.equals(previous[m - 1], state)) {
                    weights[m - 1] += 1.0 / PARTICLES;
                } else {
                    previous[m] = state;
                    weights[m++] = 1.0 / PARTICLES;
                }
            }
            previous = Arrays.copyOf(previous, m);
            weights = Arrays.copyOf(weights, m);
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
            if (!(step(column, view, t, previous[k], y) > Double.NEGATIVE_INFINITY) || recording.name == null) {
                continue;
            }
            if (recording.others > 0) {
                return Optional.empty(); // the step draws another latent: a forced weight is not the value's share
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
                double logW = step(column, view, t, previous[k], y);
                if (forcing.others > 0) {
                    return Optional.empty();
                }
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
            // missed, the value leaves log Z-hat low by -log(1 - share): named where that passes the call's error
            if (share >= SHARE && expected < FEW_DRAWS && -Math.log1p(-share) > STANDARD_ERRORS * standardError) {
                return Optional.of(String.format(Locale.ROOT, "at step %d the value %s of '%s' carries about %.0f%% "
                        + "of that step's evidence given the states before it (forced there from states "
                        + "drawn from a probing sweep's particles), but the proposal gives it probability %.3g there, "
                        + "about %.2g "
                        + "draws in the call's %,d particles and sweeps: whether a particle draws it decides log Z-hat "
                        + "and every figure after that step, and sweeps that miss it agree, so their standard errors "
                        + "read small with nothing else to show it (the bounds stay valid); use a step guide that "
                        + "proposes that value where the observation favours it, or many more particles", t,
                        bool ? String.valueOf(values[j] == 1) : String.valueOf(values[j]), latent, 100 * share,
                        proposed[j], expected, (long) draws));
            }
        }
        return Optional.empty();
    }

    /** One call of step t from {@code previous}: its log weight, or -inf where it failed or threw. */
    private static <S, O> double step(StateColumn<S, O> column, StepView<S, O> view, int t, Object previous, O y) {
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
        /** The latents drawn besides the first discrete one. */
        transient int others;

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
            } else {
                others++;
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
        /** The latents drawn besides the forced one. */
        transient int others;

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
            others++;
            return prior;
        }
    }
}
