package dev.ariadne.inference.smc;

import java.io.Serializable;

/**
 * A transition step of a state-space model: from the previous state draws the next one with
 * {@link Particle#sample} and scores the step's observation with {@link Particle#observe}. It must not change
 * {@code previous} unless the states have a copy function ({@link StateSpaceSmc#copyStates}): after a resampling
 * several particles share one previous state.
 *
 * @param <S> the state
 * @param <O> the observation at each step
 */
@FunctionalInterface
public interface Transition<S, O> extends Serializable {

    /** The state at step {@code t >= 1}, given the state at {@code t - 1} and the observation {@code y} of step t. */
    S step(Particle p, S previous, int t, O y);
}
