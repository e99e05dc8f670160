package dev.ariadne.core;

/**
 * How an exception that user code threw (a model, a guide, a distribution of the user's own) is written into
 * Ariadne's messages, safely: a user's exception whose {@code toString()} or {@code getMessage()} throws must not
 * replace the report of the run that failed with an exception of its own, naming no run and losing the cause.
 */
public final class ThrowableText {

    private ThrowableText() {
    }

    /**
     * {@code e} as its {@code toString()} writes it, or, where that throws, its class and what reading its message
     * threw.
     */
    public static String of(Throwable e) {
        try {
            return String.valueOf(e);
        } catch (RuntimeException | StackOverflowError unreadable) {
            return e.getClass().getName() + " (whose message could not be read: reading it threw "
                    + unreadable.getClass().getName() + ")";
        }
    }

    /** {@code e}'s message, or its class where it has none or reading it throws. */
    public static String messageOf(Throwable e) {
        try {
            String m = e.getMessage();
            return m != null ? m : e.getClass().getName();
        } catch (RuntimeException | StackOverflowError unreadable) {
            return e.getClass().getName();
        }
    }
}
