package dev.ariadne.core.dist;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Keeping a method out of line. C2 offers no way to keep a method from being inlined but its size (above
 * FreqInlineSize, 325 bytes of bytecode); a smaller method that must stay a call (because, inlined, it would make
 * the code of a site too big for C2 to inline into the model, and the distribution made at the site would escape)
 * is called through a method handle held in a static field that is not final. C2 does not treat such a handle as a
 * constant, so it calls the method rather than inlining it (a few nanoseconds a call). The field is written once,
 * when its class is initialised, with {@link #handle}; the caller invokes it with {@code invokeExact} and passes
 * whatever it throws through {@link #rethrown}.
 */
final class NeverInlined {

    private NeverInlined() {
    }

    /** The handle of the static method {@code name} of {@code type} in the class of {@code lookup}. */
    static MethodHandle handle(MethodHandles.Lookup lookup, String name, MethodType type) {
        try {
            return lookup.findStatic(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * What a call through such a handle threw, to throw on: an unchecked exception or error as it is (so a
     * ParameterException reaches the user unchanged), a checked one, which the methods called so never throw,
     * wrapped.
     */
    static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new IllegalStateException(e);
    }
}
