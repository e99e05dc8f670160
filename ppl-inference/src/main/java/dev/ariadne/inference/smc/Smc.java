package dev.ariadne.inference.smc;

import dev.ariadne.core.Model;
import java.util.List;

/**
 * Sequential Monte Carlo: the entry points. Every form returns an immutable builder whose {@code run()} makes
 * independent sweeps and an {@link SmcResult}, whose certified bounds treat the sweeps' unbiased evidence
 * estimates as runs.
 *
 * <ul>
 *   <li>{@link #stateSpace}: a particle filter over a state-space model written with its state explicit, O(T) per
 *       particle and sweep;</li>
 *   <li>{@link #realStateSpace}: the same for a state that is one real number, kept unboxed;</li>
 *   <li>{@link #of}: any {@link Model}, resampling at its evidence sites and moving a particle forward by replaying its
 *       recorded choices, O(T^2) in the number of evidence sites;</li>
 *   <li>{@link #annealed}: any {@link Model}, through tempered posteriors with MCMC rejuvenation, the schedule frozen
 *       from a pilot sweep.</li>
 * </ul>
 */
public final class Smc {

    private Smc() {
    }

    /**
     * A particle filter for the state-space model with initial step {@code init}, transition {@code step} and one
     * observation per step.
     *
     * @param <S> the state: immutable, or mutable with {@link StateSpaceSmc#copyStates}
     * @param <O> the observation at each step
     */
    public static <S, O> StateSpaceSmc<S, O> stateSpace(Init<S, O> init, Transition<S, O> step, List<O> observations) {
        return StateSpaceSmc.objects(init, step, observations);
    }

    /** A particle filter for a state-space model whose state is one real number, held unboxed. */
    public static <O> StateSpaceSmc<Double, O> realStateSpace(RealInit<O> init, RealTransition<O> step,
                                                              List<O> observations) {
        return StateSpaceSmc.reals(init, step, observations);
    }

    /**
     * SMC for any model: particles advance from one evidence site (observe, factor, condition) to the next and are
     * resampled there. See {@link ModelSmc} for the cost (O(T^2) site visits for T evidence sites).
     */
    public static <T> ModelSmc<T> of(Model<T> model) {
        return ModelSmc.of(model);
    }

    /**
     * Annealed SMC for any model: from the prior (or a guide) through p(x) p(e | x)^beta to the posterior, with
     * MCMC moves at each temperature; see {@link AnnealedSmc} for why its schedule is frozen from a pilot sweep.
     */
    public static <T> AnnealedSmc<T> annealed(Model<T> model) {
        return AnnealedSmc.of(model);
    }
}
