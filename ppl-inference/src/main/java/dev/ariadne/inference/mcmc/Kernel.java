package dev.ariadne.inference.mcmc;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Guide;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Markov kernel over a model's runs that leaves a {@link Target} invariant: the posterior, a tempered posterior
 * (annealed SMC's moves) or a restricted prior (subset simulation's moves). Kernels are immutable configuration
 * made by {@link Kernels}; each chain makes its own working copy, so one kernel serves any number of chains and
 * threads.
 *
 * <p>Every kernel here satisfies detailed balance with respect to any target of the form prior times
 * something, because each acceptance ratio is the Metropolis-Hastings ratio of its own proposal: its terms are
 * derived in the javadoc of the kernel's factory. A composition stays invariant: a cycle applies invariant
 * kernels in turn, a mixture picks one with fixed probabilities, and a restriction to address patterns only
 * narrows the set a site is chosen from (which appears as |D| in the ratio). Cycles are invariant but not
 * reversible; their time reversal runs the components in the opposite order.
 */
public abstract class Kernel implements Serializable {

    private static final long serialVersionUID = 1L;

    Kernel() {
    }

    /** This kernel's working instance for one chain. */
    abstract <T> Move<T> newMove();

    /**
     * The guides this kernel proposes whole runs from (an independence kernel's, and those of the kernels a cycle,
     * mixture or repeat is made of), in order: the distributions they propose from are checked for the user's own
     * whose draws disagree with their densities, as a model's are.
     */
    public List<Guide> guides() {
        List<Guide> out = new ArrayList<>();
        for (Kernel part : Compositions.parts(this)) {
            if (part instanceof IndependenceKernel ik) {
                out.add(ik.guide());
            }
        }
        return List.copyOf(out);
    }

    /** A short description, such as {@code random walk at theta[*]}. */
    public abstract String describe();

    /** This kernel, then {@code next}: a cycle, invariant when both are. */
    public Kernel andThen(Kernel next) {
        return Kernels.cycle(this, next);
    }

    /** This kernel applied {@code times} times in a row. */
    public Kernel repeat(int times) {
        return new Compositions.Repeat(this, times);
    }

    /**
     * This kernel with its site choices restricted to the sites matching any of the patterns (such as
     * {@code theta[*]}); applied to every site kernel of a composition.
     *
     * @throws IllegalArgumentException for a whole-run kernel (independence), which has no sites to choose
     */
    public Kernel at(String... patterns) {
        if (patterns.length == 0) {
            throw new IllegalArgumentException("at: give at least one address pattern");
        }
        return restrictedTo(Arrays.stream(patterns).map(AddressPattern::parse).toArray(AddressPattern[]::new));
    }

    /** This kernel restricted to the patterns. */
    abstract Kernel restrictedTo(AddressPattern[] patterns);

    /**
     * The time reversal: the kernel whose moves, run backwards, have the same law as this one's forwards. Every
     * base kernel is reversible (its own reversal); a cycle's reversal runs its reversed parts in opposite order.
     */
    Kernel reversed() {
        return this;
    }

    /** The same kernel with a deliberately wrong acceptance ratio (tests of the tests only). */
    Kernel broken(Breakage breakage) {
        throw new UnsupportedOperationException(describe() + " has no " + breakage);
    }

    @Override
    public String toString() {
        return describe();
    }
}
