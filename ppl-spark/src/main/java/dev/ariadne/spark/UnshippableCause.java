package dev.ariadne.spark;

/**
 * What travels from an executor in place of a run's cause that cannot be serialised (a user's exception holding a
 * thread or a connection): the cause's class name and message as its own message, and its stack. The run's
 * {@link dev.ariadne.core.ModelException} around it arrives as one thread throws it.
 */
public final class UnshippableCause extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String causeClass;

    /** Stands in for {@code cause}, which cannot be serialised. */
    UnshippableCause(Throwable cause) {
        super(cause.getClass().getName() + ": " + cause.getMessage() + " (the cause itself could not be serialised "
                + "on the executor, so its class, message and stack travel in its place)");
        this.causeClass = cause.getClass().getName();
        setStackTrace(cause.getStackTrace());
    }

    /** The name of the class of the cause this stands in for. */
    public String causeClass() {
        return causeClass;
    }
}
