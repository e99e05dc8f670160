package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The half-Cauchy distribution: |C| for C ~ Cauchy(0, scale); density {@code 2 / (pi scale (1 + (x / scale)^2))} on
 * x >= 0, median {@code scale}. A common weakly informative prior for a standard deviation, such as the spread of a
 * random-effects model's groups (Gelman 2006); its mean and variance are infinite.
 *
 * <p>A final class rather than a record so that it holds its log normaliser, computed once when it is made; it
 * compares, hashes and prints like a record of (scale).
 */
public final class HalfCauchy implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "HalfCauchy";

    private final double scale;
    private final transient double logScale;
    /** {@code log 2 - log pi - log(scale)}. */
    private final transient double logNormaliser;

    /**
     * Validates the parameter.
     *
     * @param scale the median, finite and > 0
     */
    public HalfCauchy(double scale) {
        Check.positive(NAME, "scale", scale);
        this.scale = scale;
        this.logScale = ScaleLog.of(scale);
        this.logNormaliser = Numerics.LN_2 - Numerics.LN_PI - logScale;
    }

    /** The scale: the median. */
    public double scale() {
        return scale;
    }

    /** The half-line [0, inf). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /**
     * The log density at x; {@code -inf} for negative, infinite or NaN x. Far out, where {@code z^2} would overflow,
     * {@code log(1 + z^2)} is {@code 2 log z} computed as a difference of logs.
     */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = x / scale;
        double log1pZ2 = z < 1e150 ? LogMath.log1p(z * z) : 2 * Numerics.logAbsZ(z, x, 0, logScale);
        return logNormaliser - log1pZ2;
    }

    /** {@code scale tan(pi U / 2)}, U uniform on (0, 1); a draw beyond the largest double is an ArithmeticException. */
    @Override
    public double sample(Rng rng) {
        return Numerics.finiteDraw(scale * Math.tan(0.5 * Math.PI * rng.openUniform()), this);
    }

    /** {@code +inf}: the half-Cauchy's mean is infinite. */
    @Override
    public double mean() {
        return Double.POSITIVE_INFINITY;
    }

    /** {@code +inf}. */
    @Override
    public double variance() {
        return Double.POSITIVE_INFINITY;
    }

    private Object readResolve() {
        return new HalfCauchy(scale);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof HalfCauchy h && Double.compare(scale, h.scale) == 0);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "HalfCauchy(scale=" + scale + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private HalfCauchy(HalfCauchy original) {
        this.scale = original.scale;
        this.logScale = original.logScale;
        this.logNormaliser = original.logNormaliser;
    }

    /** An equal HalfCauchy, a distinct object: what a trace keeps in place of the one a model made at a site. */
    @Override
    public HalfCauchy detached() {
        return new HalfCauchy(this);
    }
}
