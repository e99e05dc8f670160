package dev.ariadne.inference.run;

/**
 * The calling thread was interrupted while a job ran: every worker was stopped before this was thrown, and the
 * thread's interrupt flag is set again, as the caller of a blocking method expects. Unchecked, and deliberately not
 * an {@link IllegalStateException}, so that code catching "a run failed" does not mistake it for one.
 */
public final class RunCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was cancelled and how far it had got
     * @param cause   the interruption, or the exception a run threw because of it
     */
    public RunCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
