package dev.ariadne.inference.smc;

import java.io.Serializable;
import java.util.function.UnaryOperator;

/**
 * A copy of a mutable state ({@link StateSpaceSmc#copyStates}): each step then receives a copy of its ancestor's
 * state and may change it in place. Serializable, as {@link Init} and {@link Transition} are, so that a lambda
 * written in place ships to a distributed backend with the rest of the filter.
 *
 * @param <S> the state
 */
@FunctionalInterface
public interface StateCopy<S> extends UnaryOperator<S>, Serializable {
}
