package dev.ariadne.core;

/** Runs a piece of a test on a thread of its own, as a model that leaks its Prob to another thread would. */
final class OnAnotherThread {

    private OnAnotherThread() {
    }

    /** Runs {@code work} on a new thread named {@code name}, waits for it, and returns what it threw, or null. */
    static Throwable thrown(String name, Runnable work) {
        Throwable[] seen = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                seen[0] = e;
            }
        }, name);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return seen[0];
    }
}
