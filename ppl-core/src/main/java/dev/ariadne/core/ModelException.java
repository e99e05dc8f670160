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
    private final Address lastAddress;
    private final String reasonAndSite;
    private final String reason;
    private final String run;

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
        this(message, "run " + runIndex + " of seed " + seed, seed, runIndex, lastAddress, cause);
    }

    /**
     * An error of a run that its algorithm names in its own terms ({@code run}, for example "path 5 of the
     * enumeration"), in place of "run k of seed s": for runs whose seed and index mean nothing to the user.
     *
     * @param message     what went wrong; the run as named and the site are appended
     * @param run         the run, as the user knows it
     * @param seed        the seed of the run
     * @param runIndex    the index of the run
     * @param lastAddress the last site the run reached, or null
     * @param cause       the exception user code threw, or null
     */
    public ModelException(String message, String run, long seed, long runIndex, Address lastAddress,
            Throwable cause) {
        super(message + " (" + run + ", " + where(lastAddress) + ")", cause);
        this.reason = message;
        this.run = run;
        this.reasonAndSite = message + " (" + where(lastAddress) + ")";
        this.seed = seed;
        this.runIndex = runIndex;
        this.lastAddress = lastAddress;
    }

    private static String where(Address lastAddress) {
        return lastAddress == null ? "before the first site" : "at or after site " + lastAddress.toShortString();
    }

    /**
     * What went wrong and the last site reached, without the run's seed and index: for the algorithms whose runs
     * come from streams of their own (an MCMC chain, an SMC sweep), which name the failing run in the user's terms
     * (chain and iteration, sweep, step and particle) instead.
     */
    public String reasonAndSite() {
        return reasonAndSite;
    }

    /**
     * The message of {@code e} for an algorithm that names the failing run itself: a {@code ModelException}'s
     * {@link #reasonAndSite()}, any other exception's own message.
     */
    public static String reasonAndSite(Throwable e) {
        return e instanceof ModelException m ? m.reasonAndSite() : e.getMessage();
    }

    /**
     * {@code e} with its run named {@code run}, if it is a {@code ModelException} (its reason, site and user's cause
     * kept), else {@code e} itself: for an algorithm that wraps a run's error in its own and whose runs' seeds come
     * from streams the user never gave ("run 242 of seed -7995527694508729151" said nothing).
     */
    public static Throwable withRun(Throwable e, String run) {
        if (!(e instanceof ModelException m)) {
            return e;
        }
        if (m.getCause() != null) {
            return new ModelException(m.reason, run, m.seed, m.runIndex, m.lastAddress, m.getCause());
        }
        // An error the engine found (an address used twice) has no cause to keep: the renamed one takes the
        // original's stack, which points into the model, rather than the original as a cause naming the inner seed.
        ModelException renamed = new ModelException(m.reason, run, m.seed, m.runIndex, m.lastAddress, null);
        renamed.setStackTrace(m.getStackTrace());
        return renamed;
    }

    /**
     * This error (its message, run, seed and last site, and its stack) with {@code cause} in place of its own: for an
     * error that must travel as bytes where its cause cannot (a user's exception holding a thread or a connection,
     * from a Spark executor), so that it arrives as a {@code ModelException} still, not as another type with no cause.
     */
    public ModelException withCause(Throwable cause) {
        ModelException other = new ModelException(reason, run, seed, runIndex, lastAddress, cause);
        other.setStackTrace(getStackTrace());
        return other;
    }

    /** How the engine begins the reason of an exception that the model's own code threw. */
    static final String MODEL_THREW = "the model threw ";

    /**
     * Whether the model's own code threw this run's exception (its {@link #getCause() cause}), rather than a guide,
     * a handler or the engine's checks: a bug of the model at a value its prior allows, which an algorithm that
     * tries guides must report rather than read as a bad guide.
     */
    public boolean thrownByModel() {
        return getCause() != null && reason.startsWith(MODEL_THREW);
    }

    /** What went wrong, without the run or the site. */
    public String reason() {
        return reason;
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
