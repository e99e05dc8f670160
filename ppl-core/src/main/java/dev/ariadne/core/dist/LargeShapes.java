package dev.ariadne.core.dist;

/**
 * Gamma and Beta log densities for large shapes, where the usual form cancels. {@code shape log(rate) - rate x +
 * (shape - 1) log x - log Gamma(shape)} subtracts terms of size about {@code shape log shape} to leave one of size
 * log shape, so each ulp of the terms is about 1e-16 shape nats of error: 2e-3 at shape 1e12, and every digit lost
 * by 1e16 (found by a new user against exact values). Here Stirling's series carries the log-gamma's large part
 * analytically, and what is left is computed as {@code t - log1p(t)}, which is small where the density is not.
 * With {@code delta(a) = log Gamma(a) - ((a - 1/2) log a - a + log(2 pi) / 2)}, Stirling's error:
 * <ul>
 *   <li>Gamma(a, rate) at x, with {@code t = rate x / a - 1}: {@code -a (t - log1p t) + log(a) / 2 - log x
 *       - log(2 pi) / 2 - delta(a)};</li>
 *   <li>Beta(a, b) at x, with {@code n = a + b}, {@code t = x n / a - 1} and {@code u = (1 - x) n / b - 1}:
 *       {@code -a (t - log1p t) - b (u - log1p u) + log(a b / n) / 2 - log x - log(1 - x) - log(2 pi) / 2
 *       - delta(a) - delta(b) + delta(n)}.</li>
 * </ul>
 */
final class LargeShapes {

    /** Shapes (a Gamma's, or a Beta's sum) above which the densities take this form: 1e-10 nats off below it. */
    static final double THRESHOLD = 1e6;

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private LargeShapes() {
    }

    /** The Gamma(shape, rate) log density at x > 0, finite, for shape above {@link #THRESHOLD}. */
    static double gammaLogDensity(double shape, double rate, double x) {
        return -scaledDeviance(shape, x, rate) + 0.5 * Math.log(shape) - Math.log(x) - HALF_LOG_TWO_PI
                - stirlingError(shape);
    }

    /** The Beta(a, b) log density at x in (0, 1), for a + b above {@link #THRESHOLD}. */
    static double betaLogDensity(double a, double b, double x) {
        double n = a + b;
        return -scaledDeviance(a, x, n) - scaledDeviance(b, 1 - x, n) + 0.5 * (Math.log(a) + Math.log(b) - Math.log(n))
                - Math.log(x) - Math.log1p(-x) - HALF_LOG_TWO_PI - stirlingError(a) - stirlingError(b)
                + stirlingError(n);
    }

    /** {@code t - log(1 + t)} for t >= -1: {@code +inf} at -1. */
    /**
     * The Dirichlet's log density at x (every entry positive) for concentrations summing to {@code n}: with
     * {@code t_i = x_i n / alpha_i - 1}, {@code -sum alpha_i (t_i - log1p t_i) + n (sum x_i - 1)
     * + (sum log alpha_i - log n) / 2 - sum log x_i - (K - 1) log(2 pi) / 2 + delta(n) - sum delta(alpha_i)}, the
     * Beta's form for K = 2 (an outside tester: alpha = (1e14, 2e14) read 15.67 against 16.50, and 1e16 read 161
     * against 18.8, where Beta stays exact).
     */
    static double dirichletLogDensity(double[] alpha, double n, double[] x) {
        double lp = 0;
        double sumX = 0;
        for (int i = 0; i < alpha.length; i++) {
            double a = alpha[i];
            lp += -scaledDeviance(a, x[i], n) + 0.5 * Math.log(a) - Math.log(x[i]) - stirlingError(a);
            sumX += x[i];
        }
        return lp + n * (sumX - 1) - 0.5 * Math.log(n) - (alpha.length - 1) * HALF_LOG_TWO_PI + stirlingError(n);
    }

    private static double deviance(double t) {
        return t - Math.log1p(t);
    }

    /**
     * {@code a (r - 1 - log r)} for {@code r = x m / a} (x > 0, m > 0, a > 0): near r = 1, where it is small, as
     * {@code a (t - log1p(t))} with {@code t = r - 1}; away from it as {@code x m - a - a log r}, with {@code log r =
     * log x + log(m / a)}. The form in t alone lost x's digits where r is tiny: {@code -1 + 1e-14} keeps two of them,
     * and Gamma(1e9, 1) at 1e-5 read 8e5 nats off, Gamma(1e7, 1) at 1e-10 and Beta(1e6, 2) at 1e-20, where t rounds
     * to -1, read -infinity (an adversarial tester). Where {@code m / a} leaves the doubles (a Beta of shapes 1e-300
     * and 1e10, or 0.5 and 1.7e308), {@code a r} is still {@code x m} and {@code log(m / a)} is {@code log m - log a}:
     * the ratio itself read NaN there.
     */
    private static double scaledDeviance(double a, double x, double m) {
        double c = m / a;
        double r = x * c;
        if (r > 0.5 && r < 2) {
            return a * deviance(r - 1);
        }
        double logC = c > Double.MIN_NORMAL && c < Double.POSITIVE_INFINITY ? Math.log(c) : Math.log(m) - Math.log(a);
        return x * m - a - a * (Math.log(x) + logC);
    }

    /**
     * Stirling's error {@code log Gamma(x) - ((x - 1/2) log x - x + log(2 pi) / 2)} for x > 0: its asymptotic series
     * for x >= 100 (four terms; the next is below 1e-18 of the first), the log-gamma itself below.
     */
    static double stirlingError(double x) {
        if (x < 100) {
            return LogMath.logGamma(x) - ((x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI);
        }
        double r = 1 / x;
        double r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
    }
}
