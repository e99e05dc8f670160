package dev.ariadne.inference.stats;

import dev.ariadne.core.Address;

/**
 * A run disproved the user's statement about the likelihood ({@code maxLogLikelihood(C)}): its log p(e | x) is
 * above C. The upper bound on P(e) and the rigorous P(h | e) interval rest on that statement holding for every
 * run, so the call stops instead of reporting them on a false premise. The message names the run, the site that
 * pushed the likelihood over C and the values.
 */
public final class LikelihoodBoundException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final long seed;
    private final long runIndex;
    private final transient Address site;
    private final double logLikelihood;
    private final double maxLogLikelihood;

    LikelihoodBoundException(String message, long seed, long runIndex, Address site, double logLikelihood,
                             double maxLogLikelihood) {
        super(message);
        this.seed = seed;
        this.runIndex = runIndex;
        this.site = site;
        this.logLikelihood = logLikelihood;
        this.maxLogLikelihood = maxLogLikelihood;
    }

    /** The seed of the run that exceeded the statement. */
    public long seed() {
        return seed;
    }

    /** The index of the run that exceeded the statement. */
    public long runIndex() {
        return runIndex;
    }

    /** The evidence site whose log p pushed the run's log likelihood over the stated bound, or null if none did. */
    public Address site() {
        return site;
    }

    /** The run's log p(e | x). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** The stated bound C. */
    public double maxLogLikelihood() {
        return maxLogLikelihood;
    }
}
