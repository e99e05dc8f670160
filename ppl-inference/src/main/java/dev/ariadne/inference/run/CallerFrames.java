package dev.ariadne.inference.run;

import java.util.Arrays;

/**
 * Gives an exception thrown on a worker thread the calling thread's frames too, before the caller throws it on. Its
 * stack trace then reads from the worker's frames, through one boundary frame
 * ({@code ariadne.rethrownInCallerThread(<caller's name>)}), down to the user's own call, as an exception thrown on
 * the caller's thread would; tools that trim a trace by the caller's depth (Java's single-file source launcher, for
 * one) otherwise fail on the worker's shorter trace and hide the message. The exception keeps its type, message and
 * cause.
 */
final class CallerFrames {

    private static final String BOUNDARY_CLASS = "ariadne";
    private static final String BOUNDARY_METHOD = "rethrownInCallerThread";

    private CallerFrames() {
    }

    /** {@code t}, its stack trace followed by the boundary frame and the current thread's frames (once only). */
    static <T extends Throwable> T added(T t) {
        StackTraceElement[] own = t.getStackTrace();
        for (StackTraceElement e : own) {
            if (BOUNDARY_CLASS.equals(e.getClassName()) && BOUNDARY_METHOD.equals(e.getMethodName())) {
                return t;
            }
        }
        StackTraceElement[] caller = new Throwable().getStackTrace();
        StackTraceElement[] all = Arrays.copyOf(own, own.length + caller.length);
        all[own.length] = new StackTraceElement(BOUNDARY_CLASS, BOUNDARY_METHOD, Thread.currentThread().getName(), -1);
        System.arraycopy(caller, 1, all, own.length + 1, caller.length - 1);
        t.setStackTrace(all);
        return t;
    }
}
