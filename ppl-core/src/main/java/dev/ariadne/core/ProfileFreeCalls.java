package dev.ariadne.core;

import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.RealDist;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A prior's draw and log density or mass, as a sample site calls them: through constant method handles, which C2
 * binds from the receiver's exact type and never from a type profile.
 *
 * <p>Why. A sample site's body ({@code ProbOverloads.sampleInt}, {@code sampleBool}) is shared by every site of
 * every model, and C2 also compiles it on its own once it is hot (while the model itself still runs in C1's code).
 * Called directly, {@code d.sample(rng)} there carries one type profile for all sites: with priors of two classes
 * (a Poisson and a Binomial, say) C2 inlined both classes' draws and log masses into that compiled body (3,840 bytes
 * of machine code for Poisson and Binomial), over InlineSmallCode (2,500), after which C2 refused to inline the
 * body into any model ("already compiled into a big method"): every site became a call and every prior made at a
 * site escaped into it and was allocated (1,627 bytes a run of 40 such sites), or not, in another JVM start, as
 * the order of compilation fell. Three classes made the profile megamorphic, and the body small again.
 *
 * <p>Through a handle held in a static final field, the call has no receiver profile: where the model makes its
 * prior at the site, C2 knows the exact class there, binds the call to it and inlines it, so the prior never
 * escapes; the body compiled on its own takes a virtual call (or, when all the draws it has seen came from one
 * class, C2's argument profile of the handle's call speculates on that class, as a monomorphic profile would).
 * The handle's own frames ({@code invokeExact}, {@code invokeInterface}) are inlined by annotation and count one
 * byte each against C2's inlining budget. Results are those of the direct calls, bit for bit; what the
 * distribution throws reaches the caller unchanged.
 */
final class ProfileFreeCalls {

    private static final MethodHandle REAL_DRAW =
            virtual(RealDist.class, "sample", MethodType.methodType(double.class, Rng.class));
    private static final MethodHandle REAL_DENSITY =
            virtual(RealDist.class, "logDensity", MethodType.methodType(double.class, double.class));
    private static final MethodHandle INT_DRAW =
            virtual(IntDist.class, "sample", MethodType.methodType(int.class, Rng.class));
    private static final MethodHandle INT_MASS =
            virtual(IntDist.class, "logMass", MethodType.methodType(double.class, int.class));
    private static final MethodHandle BOOL_DRAW =
            virtual(BoolDist.class, "sample", MethodType.methodType(boolean.class, Rng.class));
    private static final MethodHandle BOOL_MASS =
            virtual(BoolDist.class, "logMass", MethodType.methodType(double.class, boolean.class));

    private ProfileFreeCalls() {
    }

    private static MethodHandle virtual(Class<?> type, String name, MethodType signature) {
        try {
            return MethodHandles.publicLookup().findVirtual(type, name, signature);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * What a distribution's method threw through a handle, to throw on: an unchecked exception or error as it is (so
     * a ParameterException reaches the model unchanged), a checked one, which these methods never throw, wrapped (as
     * the distributions' own never-inlined calls do).
     */
    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(e);
    }

    /** {@code d.sample(rng)}: a draw from the real distribution d. */
    static double draw(RealDist d, Rng rng) {
        try {
            return (double) REAL_DRAW.invokeExact(d, rng);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** {@code d.logDensity(x)}: the log density of x under d. */
    static double logDensity(RealDist d, double x) {
        try {
            return (double) REAL_DENSITY.invokeExact(d, x);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** {@code d.sample(rng)}: a draw from the int distribution d. */
    static int draw(IntDist d, Rng rng) {
        try {
            return (int) INT_DRAW.invokeExact(d, rng);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** {@code d.logMass(k)}: the log probability of k under d. */
    static double logMass(IntDist d, int k) {
        try {
            return (double) INT_MASS.invokeExact(d, k);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** {@code d.sample(rng)}: a draw from the boolean distribution d. */
    static boolean draw(BoolDist d, Rng rng) {
        try {
            return (boolean) BOOL_DRAW.invokeExact(d, rng);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** {@code d.logMass(b)}: the log probability of b under d. */
    static double logMass(BoolDist d, boolean b) {
        try {
            return (double) BOOL_MASS.invokeExact(d, b);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }
}
