package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The half-normal distribution: |Z| scale with Z standard normal; density
 * {@code 2 exp(-x^2 / (2 scale^2)) / (scale sqrt(2 pi))} on x >= 0. A common prior for a standard deviation.
 *
 * <p>A final class rather than a record so that it holds its log normaliser, computed once when it is made (the log of
 * its scale not again when the same thread makes the next one with the same scale, as a model does at each observation
 * with one latent scale: {@link ScaleLog}); it compares, hashes and prints like a record of (scale).
 */
public final class HalfNormal implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "HalfNormal";

    private final double scale;
    /** {@code log 2 - log sqrt(2 pi) - log(scale)}. */
    private final transient double logNormaliser;

    /**
     * Validates the parameter.
     *
     * @param scale the sd of the normal that is folded, finite and > 0
     */
    public HalfNormal(double scale) {
        Check.positive(NAME, "scale", scale);
        this.scale = scale;
        this.logNormaliser = Numerics.LN_2 - Numerics.LN_SQRT_2PI - ScaleLog.of(scale);
    }

    /** The sd of the normal that is folded. */
    public double scale() {
        return scale;
    }

    /** The half-line [0, inf). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /** The log density at x; {@code -inf} for negative, infinite or NaN x. */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = x / scale;
        return logNormaliser - 0.5 * z * z;
    }

    /** {@code scale |Z|}; a draw beyond the largest double is an {@link ArithmeticException}. */
    @Override
    public double sample(Rng rng) {
        return Numerics.finiteDraw(scale * Math.abs(rng.standardNormal()), this);
    }

    /** {@code scale sqrt(2 / pi)}. */
    @Override
    public double mean() {
        return scale * Math.sqrt(2 / Math.PI);
    }

    /** {@code scale^2 (1 - 2 / pi)}. */
    @Override
    public double variance() {
        return scale * scale * (1 - 2 / Math.PI);
    }

    private Object readResolve() {
        return new HalfNormal(scale);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof HalfNormal h && Double.compare(scale, h.scale) == 0);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "HalfNormal(scale=" + scale + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private HalfNormal(HalfNormal original) {
        this.scale = original.scale;
        this.logNormaliser = original.logNormaliser;
    }

    /**
     * An equal HalfNormal, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public HalfNormal detached() {
        return new HalfNormal(this);
    }
}
