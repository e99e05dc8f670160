package dev.ariadne.inference.smc;

import java.io.Serializable;

/**
 * The first step of a state-space model: draws the initial state with {@link Particle#sample} and scores the first
 * observation with {@link Particle#observe}.
 *
 * @param <S> the state: an immutable value, or a mutable one with a copy function
 *            ({@link StateSpaceSmc#copyStates})
 * @param <O> the observation at each step
 */
@FunctionalInterface
public interface Init<S, O> extends Serializable {

    /** The state at step 0, given the observation {@code y} of step 0. */
    S init(Particle p, O y);
}
