package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Gamma draws (Marsaglia and Tsang 2000, "A simple method for generating gamma variables", ACM TOMS 26(3); for
 * shape < 1, {@code Gamma(a) = Gamma(a + 1) U^(1/a)} in log space), for every distribution drawn from gammas.
 *
 * <p>Two ways in, with the same draws. {@link #draw} is a plain method, for code that holds no distribution
 * ({@link Draws}, a Dirichlet's loop). {@link #call} is for a distribution's own {@code sample}, and is always a
 * call, never inlined: inlined (two draws from the stream, a loop and three logarithms), the draw made the entry
 * of a sample site drawing from a {@code Gamma} made at the site too big a compiled method for C2 to inline into
 * the model, and the Gamma escaped into the call and was allocated (56 bytes per site, in every JVM start
 * measured). The draw is about 210 bytes of bytecode, too small to stay out of line by its size, so {@link #call}
 * goes through a handle C2 calls and never inlines ({@link NeverInlined}; a few nanoseconds a draw). The call takes
 * numbers only, so no distribution escapes into it.
 */
final class GammaSampler {

    /** {@link #draw}; not final on purpose (see the class comment). Written once, when the class is initialised. */
    private static MethodHandle kernel = NeverInlined.handle(MethodHandles.lookup(), "draw",
            MethodType.methodType(double.class, Rng.class, double.class, double.class, double.class, boolean.class));

    private GammaSampler() {
    }

    /**
     * {@link #draw}, always called and never inlined (see the class comment): for a distribution's {@code sample}.
     */
    static double call(Rng rng, double shape, double rate, double logRate, boolean log) {
        try {
            return (double) kernel.invokeExact(rng, shape, rate, logRate, log);
        } catch (Throwable e) {
            throw NeverInlined.rethrown(e);
        }
    }

    /**
     * A Gamma(shape, rate) draw, or its log when {@code log}: {@code G / rate} or {@code log G - logRate} for
     * shape >= 1, {@code exp(L - logRate)} or {@code L - logRate} for shape < 1, with G a Marsaglia-Tsang draw and
     * L the log of the boosted draw. A plain draw may underflow to 0 or overflow to infinity; the caller applies
     * the rules at the edges of the doubles.
     *
     * @param shape   finite and > 0
     * @param rate    finite and > 0 (1 for a standard gamma)
     * @param logRate {@code log(rate)}
     */
    static double draw(Rng rng, double shape, double rate, double logRate, boolean log) {
        double a = shape >= 1 ? shape : shape + 1.0;
        double d = a - 1.0 / 3.0;
        double g = marsagliaTsang(rng, d, scale(a));
        if (shape >= 1) {
            return log ? Math.log(g) - logRate : g / rate;
        }
        double logG = Math.log(g) + Math.log(rng.openUniform()) / shape;
        return log ? logG - logRate : Math.exp(logG - logRate);
    }

    /**
     * Marsaglia and Tsang's {@code c = 1 / sqrt(9 d)} for {@code d = shape - 1/3}: it depends on the shape only, so a
     * distribution drawn from again and again with one shape can take it once.
     *
     * @param shape >= 1
     */
    static double scale(double shape) {
        return 1.0 / Math.sqrt(9.0 * (shape - 1.0 / 3.0));
    }

    /**
     * Marsaglia and Tsang's draw of Gamma(shape, 1) for shape >= 1, given {@code d = shape - 1/3} and
     * {@code c = }{@link #scale}{@code (shape)}: a normal and a uniform, and a logarithm only where the squeeze fails.
     */
    static double marsagliaTsang(Rng rng, double d, double c) {
        double g;
        while (true) {
            double x = rng.standardNormal();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.openUniform();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                g = d * v;
                break;
            }
        }
        return g;
    }
}
