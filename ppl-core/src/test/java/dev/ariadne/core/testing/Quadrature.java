package dev.ariadne.core.testing;

import java.util.function.DoubleUnaryOperator;

/**
 * Double-exponential (tanh-sinh family) quadrature for test integrals of densities. The three maps send the
 * integration variable t on [-6.5, 6.5] onto a finite interval (tanh-sinh), a half-line (exp-sinh) or the real line
 * (sinh-sinh); integrands that are analytic inside the range, even with integrable endpoint singularities or
 * algebraic tails, converge like exp(-c / h) in the step h (Takahasi and Mori 1974; Bailey, Jeyabalan and Li 2005).
 * Densities with a kink (Laplace) must be split at it with {@link #integrate(DoubleUnaryOperator, double...)}.
 */
public final class Quadrature {

    /** The result of an integral and an error estimate: the change when the step is halved. */
    public record Result(double value, double errorEstimate) {
    }

    private static final double T_MAX = 6.5;
    private static final double H = 1.0 / 32;

    private Quadrature() {
    }

    /**
     * Integrates f over consecutive pieces [b0, b1], [b1, b2], ...; the first and last breakpoints may be infinite.
     * The error estimate is |I(h) - I(h/2)| summed over the pieces, with h = 1/32. Infinite pieces are mapped
     * with unit spread around 0 (real line) or the finite end (half-lines).
     */
    public static Result integrate(DoubleUnaryOperator f, double... breakpoints) {
        return integrateScaled(f, 0, 1, breakpoints);
    }

    /**
     * Like {@link #integrate(DoubleUnaryOperator, double...)}, with the nodes of infinite pieces spread by
     * {@code scale}, and those of the whole real line centred at {@code center}, so that they sit where the
     * integrand's mass is (choose a median and an interquartile range). Finite ends stay exact, so integrable
     * singularities there are resolved as well as doubles allow.
     */
    public static Result integrateScaled(DoubleUnaryOperator f, double center, double scale,
            double... breakpoints) {
        double value = 0;
        double error = 0;
        for (int i = 0; i + 1 < breakpoints.length; i++) {
            double coarse = piece(f, breakpoints[i], breakpoints[i + 1], 2 * H, center, scale);
            double fine = piece(f, breakpoints[i], breakpoints[i + 1], H, center, scale);
            value += fine;
            error += Math.abs(fine - coarse);
        }
        return new Result(value, error);
    }

    private static double piece(DoubleUnaryOperator f, double a, double b, double h, double center,
            double scale) {
        double sum = 0;
        int n = (int) Math.round(T_MAX / h);
        for (int i = -n; i <= n; i++) {
            double t = i * h;
            double sh = Math.sinh(t);
            double ch = Math.cosh(t);
            double x;
            double w;
            if (a == Double.NEGATIVE_INFINITY && b == Double.POSITIVE_INFINITY) {
                double u = 0.5 * Math.PI * sh;
                x = center + scale * Math.sinh(u);
                w = scale * 0.5 * Math.PI * ch * Math.cosh(u);
            } else if (b == Double.POSITIVE_INFINITY) {
                double e = scale * Math.exp(0.5 * Math.PI * sh);
                x = a + e;
                w = 0.5 * Math.PI * ch * e;
            } else if (a == Double.NEGATIVE_INFINITY) {
                double e = scale * Math.exp(0.5 * Math.PI * sh);
                x = b - e;
                w = 0.5 * Math.PI * ch * e;
            } else {
                // s = (1 + tanh(pi/2 sinh t)) / 2 and 1 - s, each computed without cancellation.
                double s = 1 / (1 + Math.exp(-Math.PI * sh));
                double c = 1 / (1 + Math.exp(Math.PI * sh));
                double width = b - a;
                x = t < 0 ? a + width * s : b - width * c;
                w = width * Math.PI * ch * s * c;
            }
            // Points that round onto an endpoint (where the density may be singular) or beyond the range are
            // dropped; callers bound the mass this leaves out.
            if (!(x > a && x < b) || w == 0) {
                continue;
            }
            sum += f.applyAsDouble(x) * w;
        }
        return sum * h;
    }
}
