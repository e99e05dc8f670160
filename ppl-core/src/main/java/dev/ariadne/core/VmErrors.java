package dev.ariadne.core;

/**
 * Which throwables from user code (a model, a guide, a hypothesis, an expectation) are the user's own failure, to be
 * wrapped naming the run, and which are the virtual machine's, to pass unchanged: every Exception and Error but the
 * VM's errors ({@link VirtualMachineError}: out of memory, an internal error) and {@link ThreadDeath}; a stack
 * overflow counts as the user's, as a recursion without end is. An ExceptionInInitializerError from a model's helper
 * class came back bare, naming no run (an adversarial tester).
 */
public final class VmErrors {

    private VmErrors() {
    }

    /** Throws {@code e} unchanged if it is the virtual machine's own error; else returns. */
    public static void rethrowVms(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError) || e instanceof ThreadDeath) {
            throw (Error) e;
        }
    }
}
