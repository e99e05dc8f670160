package dev.ariadne.inference.mcmc;

/**
 * A kernel that picks one choice of the current state uniformly from the choices it may move, D(x), and moves it:
 * the set D and its size |D|, which appears in every such kernel's acceptance ratio.
 */
abstract class SiteKernel extends Kernel {

    private static final long serialVersionUID = 1L;

    /** Whether choice i of s belongs to D(s). */
    abstract boolean eligible(TraceState<?> s, int i);

    /** |D(s)|. */
    final int countEligible(TraceState<?> s) {
        int n = 0;
        for (int i = 0; i < s.size; i++) {
            if (eligible(s, i)) {
                n++;
            }
        }
        return n;
    }

    /** The position of the k-th choice of D(s), k from 0. */
    final int pickEligible(TraceState<?> s, int k) {
        int left = k;
        for (int i = 0; i < s.size; i++) {
            if (eligible(s, i) && left-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no eligible choice " + k + " of " + s.size);
    }
}
