package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the step's evidence rules out a value that a step guide gives probability 0 where the prior does not
 * ({@link Particle.Unproposed}): a guide that looks at the observation rightly gives 0 to a state the observation
 * cannot come from, and was told that its particles "never take it" (a step guide of Categorical(0, 1, 1) where an
 * observation of true has probability 0 in state 0, exact in every other respect). The value is forced into the step,
 * from previous states at which the guide gives it 0, with the step's other latents drawn from their priors: where
 * some forced step has weight above 0, the evidence allows the value and the verdict stands, with that said; where
 * every forced step has weight 0, the evidence ruled it out there, and the value is passed over. A value that could
 * not be forced (no previous state at hand at which the guide gives it 0, a step beyond the probing sweep's) keeps its
 * verdict, hedged as before.
 *
 * <p>The previous states come from one sweep of the call's own configuration with at most {@value
 * StepGuideTails#SWEEP_PARTICLES} particles over its first steps, kept with its history (sweep 0 of the seed), the
 * heaviest first. A value possible only with a rare draw of the step's other latents can be passed over: {@value
 * #DRAWS} forced calls at each of up to {@value #STATES} previous states look for it. Cost: one sweep, and at most
 * {@value StepGuideTails#SWEEP_PARTICLES} + {@value #STATES} x {@value #DRAWS} step calls for each of up to {@value
 * #NOTES} values, once per result.
 */
final class StepGuideZeros<S, O> {

    /** At most this many distinct values (latent, value and step) are forced; any later keep their verdict. */
    static final int NOTES = 200;
    /** The previous states at which the guide gives the value 0 that one value is forced from, at most. */
    static final int STATES = 10;
    /** The forced calls of the step at each such previous state. */
    static final int DRAWS = 8;

    private final StateSpaceSmc<S, O> config;
    private FilterHistory<S> history;
    private boolean historyTried;

    StepGuideZeros(StateSpaceSmc<S, O> config) {
        this.config = config;
    }

    /** What forcing a value found. */
    enum Finding {
        /** Some forced step had weight above 0: the evidence allows the value, which the particles never take. */
        ALLOWED,
        /** Every forced step had weight 0: the step's evidence rules the value out where the guide gives it 0. */
        RULED_OUT,
        /** The value could not be forced: no previous state at hand at which the guide gives it 0. */
        NOT_FORCED
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
                Finding f = i < NOTES ? force(u) : Finding.NOT_FORCED;
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
            return Finding.NOT_FORCED;
        }
        StateColumn<S, O> column = config.newColumn(1);
        StepView<S, O> view = new StepView<>(Rng.forRun(config.settings().seed, 1));
        view.realState = config.realStates();
        O y = config.observations().get(t);
        int forcedStates = 0;
        for (Object prev : previous) {
            boolean zeroedHere = false;
            for (int d = 0; d < DRAWS; d++) {
                boolean[] forced = {false};
                view.particle.guide(forcing(u, forced));
                double logW;
                try {
                    logW = column.stepOnce(t, prev, view, y);
                } catch (RuntimeException e) {
                    logW = Double.NaN; // a step that refuses the forced value says nothing of the evidence
                }
                if (!forced[0]) {
                    break; // the guide gives the value some probability from this state, or the step never drew it
                }
                zeroedHere = true;
                if (logW > Double.NEGATIVE_INFINITY) {
                    return Finding.ALLOWED;
                }
            }
            if (zeroedHere && ++forcedStates == STATES) {
                break;
            }
        }
        return forcedStates == 0 ? Finding.NOT_FORCED : Finding.RULED_OUT;
    }

    /**
     * A guide that draws every latent from its prior but the first draw of {@code u}'s latent at which the call's step
     * guide gives u's value probability 0 and the prior does not: there the value is drawn, with a finite
     * correction, so that the step's weight is above 0 exactly where its evidence allows the value.
     */
    private StepGuide<S, O> forcing(Particle.Unproposed u, boolean[] forced) {
        StepGuide<S, O> guide = config.stepGuide();
        return (site, prior) -> {
            if (forced[0] || !site.name().equals(u.latent())) {
                return prior;
            }
            Dist q = guide.propose(site, prior);
            if (u.value() instanceof Integer v && prior instanceof IntDist p && q instanceof IntDist g
                    && g.logMass(v) == Double.NEGATIVE_INFINITY && p.logMass(v) > Double.NEGATIVE_INFINITY) {
                forced[0] = true;
                return new ForcedInt(v, p);
            }
            if (u.value() instanceof Boolean v && prior instanceof BoolDist p && q instanceof BoolDist g
                    && g.logMass(v) == Double.NEGATIVE_INFINITY && p.logMass(v) > Double.NEGATIVE_INFINITY) {
                forced[0] = true;
                return new Bernoulli(v ? 1.0 : 0.0); // its weight, log p(v) - 0, is finite as the prior's is

            }
            return prior;
        };
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

    /** The value k with probability 1 as a draw, scored as the prior scores it. */
    private record ForcedInt(int k, IntDist prior) implements IntDist {
        @Override
        public int sample(Rng rng) {
            return k;
        }

        @Override
        public double logMass(int j) {
            return prior.logMass(j);
        }

        @Override
        public double mean() {
            return k;
        }

        @Override
        public double variance() {
            return 0;
        }

        @Override
        public Support support() {
            return prior.support();
        }
    }

}
