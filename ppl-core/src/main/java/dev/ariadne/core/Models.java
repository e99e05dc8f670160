package dev.ariadne.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;

/** Checks on model and guide programs. */
public final class Models {

    private Models() {
    }

    /**
     * Serialises {@code program} (a model, guide, guide program, hypothesis or anything shipped with them) and fails
     * at once if it cannot be shipped to another machine and give the same answer there: a lambda that captures
     * {@code this} or another non-serialisable object, or one that captures a random stream ({@code java.util.Random},
     * any {@code RandomGenerator}, a Commons RNG provider or an Ariadne {@link Rng}). A captured random stream
     * serialises happily, but every copy then draws its own numbers, so run i of seed s no longer draws the same
     * values wherever it runs: models must draw from their {@link Prob}. Call it in a test so the failure shows
     * there, not later when shards are shipped to other machines.
     *
     * @throws IllegalArgumentException naming the offending object's class and, where it is a lambda's captured
     *                                  argument, the lambda
     */
    public static void requireSerializable(Serializable program) {
        Inspector out;
        try {
            out = new Inspector(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (out) {
            out.writeObject(program);
        } catch (CapturedRandomStream e) {
            throw new IllegalArgumentException("not reproducible when shipped: it captures a random stream, "
                    + e.getMessage() + "; draw random values from the Prob (p.sample) instead, so that run i of "
                    + "seed s draws the same values on every machine", e);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("not serialisable: it captures a " + e.getMessage()
                    + out.where(null) + " (a captured 'this', random stream or other non-serialisable object)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not serialisable: " + e, e);
        }
    }

    /**
     * Fails at once if {@code program}, a lambda, captures a random stream ({@code java.util.Random}, any {@code
     * RandomGenerator}, a Commons RNG provider or an Ariadne {@link Rng}), directly or through a lambda it captures:
     * its draws are no random choice of the run, so run i of seed s draws other values at another parallelism (the
     * threads share the stream), an MCMC step that replays a run draws others again, and the answer changes from call
     * to call. The check a Spark job makes ({@link #requireSerializable}), made on one machine too, where a captured
     * {@code Random} was taken silently (a new user); it reads only the lambdas' captured arguments, so it costs
     * nothing beside a call. Objects that are not lambdas are not looked into.
     *
     * @throws IllegalArgumentException naming the stream's class and the lambda that captured it
     */
    public static void refuseCapturedRandomStream(Object program) {
        refuseCapturedRandomStream(program, 0);
    }

    /**
     * {@link #refuseCapturedRandomStream(Object)} for each of {@code parts}, looking also into the lambdas that
     * Ariadne's own objects and lists hold: a guide made by {@code Guide.bySite(lambda)}, a hypothesis or an
     * expectation. A {@code Random} captured by such a lambda was taken silently, the model's refused, and one seed
     * read three answers in three calls (an adversarial tester).
     *
     * @throws IllegalArgumentException naming the stream's class and the lambda that captured it
     */
    public static void refuseCapturedRandomStreams(Object... parts) {
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Object part : parts) {
            refuseCapturedRandomStreamWithin(part, 0, seen);
        }
    }

    /** The most elements of a collection looked into for lambdas. */
    private static final int MAX_WALKED_ITEMS = 10_000;

    /** Looks for lambdas in {@code o}: o itself, the elements of a collection, the fields of Ariadne's own objects. */
    private static void refuseCapturedRandomStreamWithin(Object o, int depth, java.util.Set<Object> seen) {
        if (o == null || depth > 8 || !seen.add(o)) {
            return;
        }
        if (lambdaOf(o) != null) {
            refuseCapturedRandomStream(o, 0);
            return;
        }
        if (o instanceof Iterable<?> items) {
            // lists of hypotheses, expectations, tracked quantities, patterns: a few; a long list is data, not code
            if (!(o instanceof java.util.Collection<?> c) || c.size() <= MAX_WALKED_ITEMS) {
                for (Object item : items) {
                    refuseCapturedRandomStreamWithin(item, depth + 1, seen);
                }
            }
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("dev.ariadne."); c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                Object value;
                try {
                    f.setAccessible(true);
                    value = f.get(o);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue; // a field this module may not read: nothing to look into there
                }
                refuseCapturedRandomStreamWithin(value, depth + 1, seen);
            }
        }
    }

    private static void refuseCapturedRandomStream(Object program, int depth) {
        SerializedLambda lambda = depth > 8 ? null : lambdaOf(program);
        if (lambda == null) {
            return;
        }
        for (int a = 0; a < lambda.getCapturedArgCount(); a++) {
            Object captured = lambda.getCapturedArg(a);
            if (isRandomStream(captured)) {
                throw new IllegalArgumentException("not reproducible: it captures a random stream, a "
                        + captured.getClass().getName() + " (captured argument " + (a + 1) + " of the lambda "
                        + Inspector.name(lambda) + "), whose draws are no choice of the run, so the answer changes "
                        + "with the parallelism and from call to call, and an MCMC step that replays a run draws "
                        + "other values; draw random values from the Prob (p.sample) instead");
            }
            refuseCapturedRandomStream(captured, depth + 1);
        }
    }

    /** The serialised form of a serialisable lambda, or null for anything else. */
    private static SerializedLambda lambdaOf(Object o) {
        if (!(o instanceof Serializable) || !o.getClass().isSynthetic()) {
            return null;
        }
        try {
            java.lang.reflect.Method replace = o.getClass().getDeclaredMethod("writeReplace");
            replace.setAccessible(true);
            return replace.invoke(o) instanceof SerializedLambda s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code o} is a stream of random numbers that would be copied, not shared, by serialisation. */
    private static boolean isRandomStream(Object o) {
        return o instanceof RandomGenerator || o instanceof UniformRandomProvider || o instanceof Rng;
    }

    /** Thrown inside serialisation when a random stream is met; its message names it. */
    private static final class CapturedRandomStream extends IOException {
        private static final long serialVersionUID = 1L;

        CapturedRandomStream(String message) {
            super(message);
        }
    }

    /** Serialises to nowhere, looking at every object of the graph on the way. */
    private static final class Inspector extends ObjectOutputStream {
        private final List<SerializedLambda> lambdas = new ArrayList<>();

        Inspector(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) throws IOException {
            if (obj instanceof SerializedLambda) {
                lambdas.add((SerializedLambda) obj);
            } else if (isRandomStream(obj)) {
                throw new CapturedRandomStream("a " + obj.getClass().getName() + where(obj));
            }
            return obj;
        }

        /** Where {@code captured} sits: the lambda that captured it, or the last lambda met on the way. */
        String where(Object captured) {
            for (int l = lambdas.size() - 1; l >= 0; l--) {
                SerializedLambda s = lambdas.get(l);
                for (int a = 0; a < s.getCapturedArgCount(); a++) {
                    if (captured != null && s.getCapturedArg(a) == captured) {
                        return " (captured argument " + (a + 1) + " of the lambda " + name(s) + ")";
                    }
                }
            }
            return lambdas.isEmpty() ? "" : " (met while serialising the lambda " + name(lambdas.get(lambdas.size() - 1))
                    + ")";
        }

        private static String name(SerializedLambda s) {
            return s.getCapturingClass().replace('/', '.') + "." + s.getImplMethodName();
        }
    }
}
