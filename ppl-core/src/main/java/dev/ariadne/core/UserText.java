package dev.ariadne.core;

/**
 * How what user code made (an exception a model, guide or function threw; a value a model returned) is written into
 * Ariadne's messages, safely: an object whose {@code toString()} or {@code getMessage()} throws must not replace the
 * report of the run or value at fault with an exception of its own, naming no run and losing the cause.
 */
public final class UserText {

    private UserText() {
    }

    /**
     * {@code o} as its {@code toString()} writes it ("null" for null), or, where that throws, its class and what
     * reading it threw.
     */
    public static String of(Object o) {
        try {
            return String.valueOf(o);
        } catch (RuntimeException | StackOverflowError unreadable) {
            return o.getClass().getName() + " (whose " + (o instanceof Throwable ? "message" : "toString()")
                    + " could not be read: reading it threw " + unreadable.getClass().getName() + ")";
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
