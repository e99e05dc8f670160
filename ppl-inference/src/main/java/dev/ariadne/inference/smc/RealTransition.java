package dev.ariadne.inference.smc;

import java.io.Serializable;

/**
 * A transition step of a state-space model whose state is one real number, kept unboxed in the particle system:
 * resampling copies doubles and nothing is allocated per particle.
 *
 * @param <O> the observation at each step
 */
@FunctionalInterface
public interface RealTransition<O> extends Serializable {

    /** The state at step {@code t >= 1}, given the state at {@code t - 1} and the observation {@code y} of step t. */
    double step(Particle p, double previous, int t, O y);
}
