package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The continuous uniform distribution on the interval [lower, upper]: density {@code 1 / (upper - lower)} there.
 *
 * <p>A final class rather than a record so that it holds {@code -log(upper - lower)}, computed once when it is
 * made; it compares, hashes and prints like a record of (lower, upper).
 */
public final class Uniform implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Uniform";

    private final double lower;
    private final double upper;
    private final transient double logDensityInside;

    /**
     * Validates the parameters.
     *
     * @param lower the lower end, finite
     * @param upper the upper end, finite and > lower, with {@code upper - lower} finite
     */
    public Uniform(double lower, double upper) {
        Check.finite(NAME, "lower", lower);
        Check.finite(NAME, "upper", upper);
        if (!(upper > lower)) {
            throw new ParameterException(NAME, "upper", upper, "> lower (" + lower + ")");
        }
        if (!Double.isFinite(upper - lower)) {
            throw new ParameterException(NAME, "upper", upper, "within a finite distance of lower (" + lower + ")");
        }
        this.lower = lower;
        this.upper = upper;
        // the thread's last width's log (ScaleLog.ofWidth): a Uniform(0, theta) made at each observation of one
        // latent theta takes log(theta) once a run, as a loop hoists it; the same call on the same width, bit for bit
        this.logDensityInside = -ScaleLog.ofWidth(upper - lower);
    }

    /** The lower end. */
    public double lower() {
        return lower;
    }

    /** The upper end. */
    public double upper() {
        return upper;
    }

    /** The interval [lower, upper]. */
    @Override
    public Support support() {
        return Support.interval(lower, upper);
    }

    /** {@code -log(upper - lower)} inside [lower, upper], {@code -inf} outside or for NaN. */
    @Override
    public double logDensity(double x) {
        return x >= lower && x <= upper ? logDensityInside : Double.NEGATIVE_INFINITY;
    }

    /** {@code lower + (upper - lower) U} with U uniform on [0, 1). */
    @Override
    public double sample(Rng rng) {
        double x = lower + (upper - lower) * rng.nextDouble();
        return x > upper ? upper : x;
    }

    /** The midpoint. */
    @Override
    public double mean() {
        return 0.5 * lower + 0.5 * upper;
    }

    /** {@code (upper - lower)^2 / 12}. */
    @Override
    public double variance() {
        double w = upper - lower;
        return w * w / 12.0;
    }

    private Object readResolve() {
        return new Uniform(lower, upper);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Uniform u && Double.compare(lower, u.lower) == 0
                && Double.compare(upper, u.upper) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(lower) + Double.hashCode(upper);
    }

    @Override
    public String toString() {
        return "Uniform(lower=" + lower + ", upper=" + upper + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Uniform(Uniform original) {
        this.lower = original.lower;
        this.upper = original.upper;
        this.logDensityInside = original.logDensityInside;
    }

    /**
     * An equal Uniform, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Uniform detached() {
        return new Uniform(this);
    }
}
