package dev.ariadne.inference.smc;

import java.io.Serializable;

/**
 * The first step of a state-space model whose state is one real number, kept unboxed in the particle system.
 *
 * @param <O> the observation at each step
 */
@FunctionalInterface
public interface RealInit<O> extends Serializable {

    /** The state at step 0, given the observation {@code y} of step 0. */
    double init(Particle p, O y);
}
