package dev.ariadne.inference.smc;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hash of a state's contents, where its type gives one: arrays (deeply), and objects whose class declares its own
 * {@code hashCode} (records, collections, value classes). Used to see whether a transition changed the state it was
 * given; a class that keeps Object's identity hash says nothing of its contents.
 */
final class StateFingerprint {

    private static final Map<Class<?>, Boolean> OWN_HASH = new ConcurrentHashMap<>();

    private StateFingerprint() {
    }

    /** Whether {@link #of} follows the contents of {@code state}. */
    static boolean follows(Object state) {
        if (state == null) {
            return false;
        }
        Class<?> c = state.getClass();
        return c.isArray() || OWN_HASH.computeIfAbsent(c, StateFingerprint::declaresHashCode);
    }

    /** The hash of the state's contents, where {@link #follows} says it has one. */
    static int of(Object state) {
        return Arrays.deepHashCode(new Object[] {state});
    }

    private static boolean declaresHashCode(Class<?> c) {
        try {
            return c.getMethod("hashCode").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
