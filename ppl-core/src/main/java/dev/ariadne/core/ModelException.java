package dev.ariadne.core;

/**
 * An error raised while running a model or its guide: an exception from user code, an invalid distribution
 * parameter produced inside the model, a reused address, or a guide whose proposal does not fit the prior. It
 * says which run it came from (seed and run index) and the address of the last site reached, and keeps the
 * original exception as its cause.
 */
public final class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long seed;
    private final long runIndex;
    private final transient Address lastAddress;

    /**
     * An error of run {@code runIndex} of {@code seed}; for code that runs user code around a run (a hypothesis, an
     * expectation) as well as for the engine.
     *
     * @param message     what went wrong; the run, the seed and the site are appended
     * @param seed        the seed of the run
     * @param runIndex    the index of the run
     * @param lastAddress the last site the run reached, or null
     * @param cause       the exception user code threw, or null
     */
    public ModelException(String message, long seed, long runIndex, Address lastAddress, Throwable cause) {
        super(message + " (run " + runIndex + " of seed " + seed
                + (lastAddress == null ? ", before the first site" : ", at or after site " + lastAddress) + ")", cause);
        this.seed = seed;
        this.runIndex = runIndex;
        this.lastAddress = lastAddress;
    }

    /** The seed of the run that failed. */
    public long seed() {
        return seed;
    }

    /** The index of the run that failed, within its seed. */
    public long runIndex() {
        return runIndex;
    }

    /** The last site the run reached, or null if it failed before its first site. */
    public Address lastAddress() {
        return lastAddress;
    }
}
