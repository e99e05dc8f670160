package dev.ariadne.inference.enumerate;

import dev.ariadne.core.Address;

/**
 * Exact enumeration cannot answer: the model makes a choice that cannot be enumerated, has more execution paths
 * than the budget allows, has evidence of probability zero so that no conditional probability exists, or does
 * not behave as a function of its random choices. The message says which, and names the site where there is one.
 */
public final class EnumerationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Why enumeration could not answer. */
    public enum Reason {
        /**
         * A latent choice is continuous (real or vector valued), or discrete with an infinite support (a Poisson
         * count; not a point mass at its support's lower end, such as a Poisson of rate 0, which is one path), or an object distribution that cannot list its support: its paths cannot be enumerated.
         */
        NOT_ENUMERABLE,
        /**
         * The model has more execution paths than {@link Enumerate#maxPaths(long)} allows, or a path makes more latent
         * choices than {@link Enumerate#maxChoicesPerPath(int)} allows.
         */
        PATH_BUDGET,
        /**
         * Every path has probability zero given the evidence (P(e) = 0), so the posterior and every conditional
         * probability P(h | e) = P(h, e) / P(e) are undefined.
         */
        ZERO_EVIDENCE,
        /**
         * Replaying the same choices did not reproduce the same run (the model draws randomness outside its
         * {@code Prob}, or depends on mutable state), or a handler hid a latent choice from enumeration.
         */
        INCONSISTENT_MODEL
    }

    /**
     * What a path that does not end is asked, however it was stopped (the choices' budget, or the stack's end): the
     * question and why it matters, before the remedies each message lists.
     */
    static final String ENDLESS = "does the model recurse without end? Enumeration walks every path to its end, so "
            + "each must be finite; cap the recursion";

    private final Reason reason;
    private final transient Address address;

    EnumerationException(Reason reason, String message, Address address) {
        super(message);
        this.reason = reason;
        this.address = address;
    }

    /** Why enumeration could not answer. */
    public Reason reason() {
        return reason;
    }

    /** The address of the site responsible, or null when the problem is not at one site (a budget, P(e) = 0). */
    public Address address() {
        return address;
    }
}
