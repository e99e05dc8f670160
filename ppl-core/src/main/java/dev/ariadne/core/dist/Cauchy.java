package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Cauchy distribution: density {@code 1 / (pi scale (1 + ((x - location)/scale)^2))}. So heavy-tailed that it
 * has no mean and no variance.
 *
 * <p>A final class rather than a record so that it holds {@code -log(pi scale)}, computed once when it is made (the
 * log of its scale not again when the same thread makes the next one with the same scale, as a model does at each
 * observation with one latent scale: {@link ScaleLog}); it compares, hashes and prints like a record of (location,
 * scale).
 */
public final class Cauchy implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Cauchy";

    private final double location;
    private final double scale;
    private final transient double logScale;
    /** {@code -log pi - log(scale)}. */
    private final transient double logNormaliser;

    /**
     * Validates the parameters.
     *
     * @param location the median, finite
     * @param scale    the half-width at half-maximum, finite and > 0
     */
    public Cauchy(double location, double scale) {
        Check.finite(NAME, "location", location);
        Check.positive(NAME, "scale", scale);
        this.location = location;
        this.scale = scale;
        this.logScale = ScaleLog.of(scale);
        this.logNormaliser = -Numerics.LN_PI - logScale;
    }

    /** The median. */
    public double location() {
        return location;
    }

    /** The half-width at half-maximum. */
    public double scale() {
        return scale;
    }

    /** The whole real line. */
    @Override
    public Support support() {
        return Support.REAL;
    }

    /**
     * Where the doubles at {@code x} are spaced so widely beside the scale that the density changes within one
     * double's rounding cell ({@link RoundingCells}): a proposal's draw there counts with weight 0.
     */
    @Override
    public boolean unrepresentableAt(double x) {
        return RoundingCells.studentTooNarrow(x, location, scale, 1);
    }

    /**
     * The log density at x; {@code -inf} for infinite or NaN x. Far out in the tails (or with a subnormal scale),
     * where {@code z^2} would overflow, {@code log(1 + z^2)} is {@code 2 log|z|} computed as a difference of logs,
     * so the density stays finite wherever its log is.
     */
    @Override
    public double logDensity(double x) {
        if (!Double.isFinite(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double az = Math.abs((x - location) / scale);
        double log1pZ2 = az < 1e150 ? LogMath.log1p(az * az) : 2 * Numerics.logAbsZ(az, x, location, logScale);
        return logNormaliser - log1pZ2;
    }

    /**
     * {@code location + scale tan(pi (U - 1/2))} with U uniform on the open interval (0, 1); a draw beyond the
     * largest double is an {@link ArithmeticException}.
     */
    @Override
    public double sample(Rng rng) {
        return Numerics.finiteDraw(location + scale * Math.tan(Math.PI * (rng.openUniform() - 0.5)), this);
    }

    /** Always throws {@link ArithmeticException}: the Cauchy distribution has no mean. */
    @Override
    public double mean() {
        throw new ArithmeticException(this + ": the mean is undefined");
    }

    /** Always throws {@link ArithmeticException}: the Cauchy distribution has no variance. */
    @Override
    public double variance() {
        throw new ArithmeticException(this + ": the variance is undefined");
    }

    private Object readResolve() {
        return new Cauchy(location, scale);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Cauchy c && Double.compare(location, c.location) == 0
                && Double.compare(scale, c.scale) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(location) + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Cauchy(location=" + location + ", scale=" + scale + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Cauchy(Cauchy original) {
        this.location = original.location;
        this.scale = original.scale;
        this.logScale = original.logScale;
        this.logNormaliser = original.logNormaliser;
    }

    /**
     * An equal Cauchy, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Cauchy detached() {
        return new Cauchy(this);
    }
}
