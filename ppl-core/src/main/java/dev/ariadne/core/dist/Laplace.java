package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Laplace (double exponential) distribution: density {@code exp(-|x - location| / scale) / (2 scale)}.
 *
 * <p>A final class rather than a record so that it holds {@code -log(2 scale)}, computed once when it is made (the log
 * of its scale not again when the same thread makes the next one with the same scale, as a model does at each
 * observation with one latent scale: {@link ScaleLog}); it compares, hashes and prints like a record of (location,
 * scale).
 */
public final class Laplace implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Laplace";

    private final double location;
    private final double scale;
    /** {@code -log 2 - log(scale)}. */
    private final transient double logNormaliser;

    /**
     * Validates the parameters.
     *
     * @param location the mean and median, finite
     * @param scale    the scale (mean absolute deviation), finite and > 0
     */
    public Laplace(double location, double scale) {
        Check.finite(NAME, "location", location);
        Check.positive(NAME, "scale", scale);
        this.location = location;
        this.scale = scale;
        this.logNormaliser = -Numerics.LN_2 - ScaleLog.of(scale);
    }

    /** The mean and median. */
    public double location() {
        return location;
    }

    /** The scale (mean absolute deviation). */
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
     * double's rounding cell ({@link RoundingCells}): a proposal's draw there counts with weight 0. The cell over the
     * peak, where the density has a kink, reads its mass wrong by about a quarter of its width c in scales, but is
     * drawn in a share c / 2 of the runs: a bias of c^2 / 8, which it is judged by (as a curvature of 3); a rule of
     * c / 4 per run left out a peak 8,000 spacings wide (a false-alarm hunt).
     */
    @Override
    public boolean unrepresentableAt(double x) {
        if (RoundingCells.surelyFine(x, scale)) {
            return false;
        }
        double spacing = Math.ulp(x);
        return RoundingCells.tooWide(spacing / scale, Math.abs(x - location) <= spacing ? 3 : 1);
    }

    /** {@code -log(2 scale) - |x - location| / scale}; {@code -inf} for infinite or NaN x. */
    @Override
    public double logDensity(double x) {
        double lp = logNormaliser - Math.abs(x - location) / scale;
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /**
     * {@code location +/- scale E}, with E standard exponential and a fair random sign; a draw beyond the largest
     * double is an {@link ArithmeticException}.
     */
    @Override
    public double sample(Rng rng) {
        double e = scale * rng.standardExponential();
        return Numerics.finiteDraw(rng.nextBoolean() ? location + e : location - e, this);
    }

    /** The location. */
    @Override
    public double mean() {
        return location;
    }

    /** {@code 2 scale^2}. */
    @Override
    public double variance() {
        return 2 * scale * scale;
    }

    private Object readResolve() {
        return new Laplace(location, scale);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Laplace l && Double.compare(location, l.location) == 0
                && Double.compare(scale, l.scale) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(location) + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Laplace(location=" + location + ", scale=" + scale + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Laplace(Laplace original) {
        this.location = original.location;
        this.scale = original.scale;
        this.logNormaliser = original.logNormaliser;
    }

    /**
     * An equal Laplace, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Laplace detached() {
        return new Laplace(this);
    }
}
