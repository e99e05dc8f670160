package dev.ariadne.inference.run;

import java.util.List;
import java.util.stream.Collectors;

/** The threads a test can see (the backend's workers are named {@code ariadne-*}), and a call interrupted. */
public final class Threads {

    private Threads() {
    }

    /** The names of the live threads whose names start with {@code ariadne-}. */
    public static List<String> ariadne() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ariadne-")).sorted().collect(Collectors.toList());
    }

    /**
     * What became of a call interrupted from outside.
     *
     * @param ended          whether the call had ended 10 s after the interrupt
     * @param secondsToEnd   from the interrupt to the end of the call
     * @param thrown         what the call threw, or null
     * @param flagSetAfter   whether the caller's interrupt flag was set when the call ended
     */
    public record Interrupted(boolean ended, double secondsToEnd, Throwable thrown, boolean flagSetAfter) {
    }

    /**
     * Starts {@code call} on a daemon thread, interrupts it after {@code millis} ms and waits up to 10 s for it.
     */
    public static Interrupted interruptAfter(long millis, Runnable call) throws InterruptedException {
        return interruptAfter(millis, 10_000, call);
    }

    /** {@link #interruptAfter(long, Runnable)}, waiting up to {@code joinMillis} for the call to end. */
    public static Interrupted interruptAfter(long millis, long joinMillis, Runnable call) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        boolean[] flag = new boolean[1];
        Thread caller = new Thread(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown[0] = t;
                flag[0] = Thread.currentThread().isInterrupted();
            }
        }, "test-caller");
        caller.setDaemon(true);
        caller.start();
        Thread.sleep(millis);
        long t0 = System.nanoTime();
        caller.interrupt();
        caller.join(joinMillis);
        return new Interrupted(!caller.isAlive(), (System.nanoTime() - t0) * 1e-9, thrown[0], flag[0]);
    }
}
