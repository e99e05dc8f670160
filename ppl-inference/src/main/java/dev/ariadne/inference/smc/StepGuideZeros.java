package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.inference.UnproposedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the step's evidence rules out a value that a step guide gives probability 0 where the prior does not
 * ({@link Particle.Unproposed}): a guide that looks at the observation rightly gives 0 to a state the observation
 * cannot come from, and was told that its particles "never take it" (a step guide of Categorical(0, 1, 1) where an
 * observation of true has probability 0 in state 0, exact in every other respect). The value is forced into the step,
 * from previous states at which the guide gives it 0, with the step's other latents drawn from their priors: where
 * some forced step has weight above 0, that step's evidence allows the value and the verdict stands, with that said;
 * the value is passed over only where the evidence rules it out for certain: every forced step had weight 0, drew no
 * other latent (so that its weight, given the previous state and the value, is the same at every call) and threw
 * nothing. Else the verdict stands, hedged as before: where the step draws other latents, a value possible only with a
 * rare draw of theirs was passed over by forced calls that never drew it (a hunt: z 18 to 53 low, named in 7 calls of
 * 30), and a step that throws at the value says nothing of its evidence.
 *
 * <p>Each draw of the latent at which the guide gives the value 0 is forced in turn (the first, then the second, up to
 * {@value #ORDINALS}): two draws of one name in a step, the first ruled out and the second not, hid the second. The
 * previous states come from one sweep of the call's own configuration with at most {@value
 * StepGuideTails#SWEEP_PARTICLES} particles over its first {@value StepGuideTails#SWEEP_STEPS} steps, kept with its
 * history (sweep 0 of the seed), the heaviest first. Cost: one sweep, and for each value noted, one step call per
 * previous state until {@value #STATES} at which the guide gives it 0 are found, and there one call per draw forced
 * ({@value #DRAWS} where the step draws other latents), once per result.
 */
final class StepGuideZeros<S, O> {

    /** The previous states at which the guide gives the value 0 that one value is forced from, at most. */
    static final int STATES = 10;
    /** The forced calls of the step at each such previous state and draw, where the step draws other latents. */
    static final int DRAWS = 8;
    /** The draws of one latent in a step that are forced in turn, at most. */
    static final int ORDINALS = 4;

    private final StateSpaceSmc<S, O> config;
    private FilterHistory<S> history;
    private boolean historyTried;

    StepGuideZeros(StateSpaceSmc<S, O> config) {
        this.config = config;
    }

    /** What forcing a value found. */
    enum Finding {
        /** Some forced step had weight above 0: its evidence allows the value, which the particles never take. */
        ALLOWED,
        /** Every forced step had weight 0, drew no other latent and threw nothing: the evidence rules the value out. */
        RULED_OUT,
        /**
         * Neither: the value could not be forced (no previous state at hand at which the guide gives it 0), or the
         * forced steps drew other latents or threw.
         */
        UNDECIDED
    }

    /**
     * The first of the values that the evidence does not rule out, with what forcing it found (never {@link
     * Finding#RULED_OUT}); empty where the evidence rules out every one. Asked of one result's values, always the same,
     * and answered once.
     */
    synchronized Optional<Found> firstNotRuledOut(List<Particle.Unproposed> distinct) {
        if (found == null) {
            found = Optional.empty();
            for (int i = 0; i < distinct.size(); i++) {
                Particle.Unproposed u = distinct.get(i);
                Finding f = force(u);
                if (f != Finding.RULED_OUT) {
                    found = Optional.of(new Found(u, f));
                    break;
                }
            }
        }
        return found;
    }

    /** What {@link #firstNotRuledOut} found, once per result (its values are the result's sweeps'); null before. */
    private Optional<Found> found;

    /** A value and what forcing it found. */
    record Found(Particle.Unproposed value, Finding finding) {
    }

    private Finding force(Particle.Unproposed u) {
        int t = u.step();
        List<Object> previous = previousStates(t);
        if (previous == null) {
            return Finding.UNDECIDED;
        }
        StateColumn<S, O> column = config.newColumn(1);
        StepView<S, O> view = new StepView<>(Rng.forRun(config.settings().seed, 1));
        view.realState = config.realStates();
        O y = config.observations().get(t);
        int forcedStates = 0;
        boolean certain = true;
        for (Object prev : previous) {
            boolean zeroedHere = false;
            for (int k = 0; k < ORDINALS; k++) {
                Forcing forcing = new Forcing(u, k);
                for (int d = 0; d < DRAWS; d++) {
                    forcing.start();
                    view.particle.guide(forcing);
                    double logW;
                    try {
                        logW = column.stepOnce(t, prev, view, y);
                    } catch (RuntimeException e) {
                        logW = Double.NaN; // a step that refuses the forced value says nothing of the evidence
                    }
                    if (!forcing.forced) {
                        break; // no k-th draw of the latent at which the guide gives the value 0, from this state
                    }
                    zeroedHere = true;
                    if (logW > Double.NEGATIVE_INFINITY) {
                        return Finding.ALLOWED;
                    }
                    if (logW != logW || forcing.others > 0) {
                        certain = false; // a throw, or a weight of 0 that another draw of the other latents may lift
                    }
                    if (logW != logW || forcing.others == 0) {
                        break; // the same at every call
                    }
                }
                if (!forcing.forced) {
                    break;
                }
            }
            if (zeroedHere && ++forcedStates == STATES) {
                break;
            }
        }
        return forcedStates > 0 && certain ? Finding.RULED_OUT : Finding.UNDECIDED;
    }

    /**
     * A guide that draws every latent from its prior but the k-th draw of {@code u}'s latent at which the call's step
     * guide gives u's value probability 0 and the prior does not: there the value is drawn, with a finite correction,
     * so that the step's weight is above 0 exactly where its evidence allows the value. It counts the other draws.
     */
    private final class Forcing implements StepGuide<S, O> {
        private static final long serialVersionUID = 1L;
        private final Particle.Unproposed u;
        private final int k;
        private transient int zeroed;
        transient boolean forced;
        transient int others;

        Forcing(Particle.Unproposed u, int k) {
            this.u = u;
            this.k = k;
        }

        void start() {
            zeroed = 0;
            forced = false;
            others = 0;
        }

        @Override
        public Dist propose(StepSite<S, O> site, Dist prior) {
            if (!site.name().equals(u.latent())) {
                others++;
                return prior;
            }
            Dist q = config.stepGuide().propose(site, prior);
            boolean zeroHere = u.value() instanceof Integer v && prior instanceof IntDist p && q instanceof IntDist g
                    && g.logMass(v) == Double.NEGATIVE_INFINITY && p.logMass(v) > Double.NEGATIVE_INFINITY
                    || u.value() instanceof Boolean b && prior instanceof BoolDist bp && q instanceof BoolDist bg
                    && bg.logMass(b) == Double.NEGATIVE_INFINITY && bp.logMass(b) > Double.NEGATIVE_INFINITY;
            if (zeroHere && !forced && zeroed++ == k) {
                forced = true;
                // the value with probability 1, as importance sampling's check forces it: its weight, log p(v) - 0, is
                // finite as the prior's mass there is
                boolean bool = u.value() instanceof Boolean;
                return UnproposedValues.point(bool, bool ? ((Boolean) u.value() ? 1 : 0) : (Integer) u.value());
            }
            others++;
            return prior;
        }
    }

    /**
     * The states after step t - 1 of the probing sweep's particles of weight above 0, the heaviest first; one null at
     * step 0; null where the probing sweep failed or did not reach step t.
     */
    private List<Object> previousStates(int t) {
        if (t == 0) {
            List<Object> none = new ArrayList<>();
            none.add(null);
            return none;
        }
        FilterHistory<S> h = history();
        if (h == null || t - 1 >= h.steps()) {
            return null;
        }
        WeightedParticles<S> particles = h.filtering(t - 1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < particles.size(); i++) {
            if (particles.logWeight(i) > Double.NEGATIVE_INFINITY) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Double.compare(particles.logWeight(b), particles.logWeight(a)));
        List<Object> out = new ArrayList<>();
        for (int i : order) {
            out.add(particles.value(i));
        }
        return out;
    }

    private FilterHistory<S> history() {
        if (!historyTried) {
            historyTried = true;
            try {
                history = new StateSpaceSweep<>(config.probingSweep(StepGuideTails.SWEEP_STEPS,
                        StepGuideTails.SWEEP_PARTICLES)).sweep(0).history().orElse(null);
            } catch (RuntimeException e) {
                history = null; // the call's own sweeps report it
            }
        }
        return history;
    }
}
