package dev.ariadne.inference.mcmc;

import java.util.List;

/**
 * A kernel's working instance in one chain: the per-chain state a kernel needs (step sizes being adapted,
 * acceptance counts, buffers) behind one {@link #step}. A kernel is immutable configuration; each chain makes its
 * own moves from it, so chains share nothing.
 *
 * @param <T> the model's return type
 */
abstract class Move<T> {

    /** Applies the kernel once to the sampler's current state, leaving the target invariant. */
    abstract void step(Sampler<T> sampler);

    /** Ends warm-up: adaptation stops and the acceptance counts restart. */
    void endWarmup() {
    }

    /** Adds the acceptance counts of this move's leaf kernels, in the kernel's order. */
    abstract void collect(List<KernelStats> out);
}
