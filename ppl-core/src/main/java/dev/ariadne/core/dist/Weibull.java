package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Weibull distribution of shape k and scale lambda: density {@code (k / lambda) (x / lambda)^(k - 1)
 * exp(-(x / lambda)^k)} on x >= 0, survival {@code exp(-(x / lambda)^k)}. A lifetime whose hazard rises (k > 1),
 * stays constant (k = 1, the exponential of rate 1 / lambda) or falls (k < 1) with age; a right-censored time t
 * contributes its log survival, {@code -(t / lambda)^k}, as a factor.
 *
 * <p>A final class rather than a record so that it holds the logs of its parameters, computed once when it is made;
 * it compares, hashes and prints like a record of (shape, scale).
 */
public final class Weibull implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Weibull";

    private final double shape;
    private final double scale;
    private final transient double logScale;
    /** {@code log k - log lambda}. */
    private final transient double logNormaliser;

    /**
     * Validates the parameters.
     *
     * @param shape k, finite and > 0
     * @param scale lambda, finite and > 0: the 1 - 1/e quantile
     */
    public Weibull(double shape, double scale) {
        Check.positive(NAME, "shape", shape);
        Check.positive(NAME, "scale", scale);
        this.shape = shape;
        this.scale = scale;
        this.logScale = ScaleLog.of(scale);
        this.logNormaliser = Math.log(shape) - logScale;
    }

    /** The shape k. */
    public double shape() {
        return shape;
    }

    /** The scale lambda. */
    public double scale() {
        return scale;
    }

    /** The half-line [0, inf). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /**
     * The log density at x. At x = 0 it is the limit: {@code +inf} for shape < 1, {@code -log(scale)} for shape 1,
     * {@code -inf} for shape > 1. {@code -inf} for negative, infinite or NaN x, and where a huge shape puts x's density
     * below the doubles.
     */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x == 0) {
            return shape < 1 ? Double.POSITIVE_INFINITY : shape == 1 ? -logScale : Double.NEGATIVE_INFINITY;
        }
        double t = Math.log(x) - logScale;
        double lp = logNormaliser + (shape - 1) * t - Math.exp(shape * t);
        // inf - inf where a huge shape overflows both terms above the scale (shape 1.8e308 at x = 3 read NaN, an
        // adversarial tester): there exp(k t) outgrows (k - 1) t, and the density is 0
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /**
     * Within 2^20 doubles of 0 when the shape is below 1, where the doubles cannot carry the unbounded density
     * ({@link RealDist#unrepresentableAt}): the run counts with weight 0.
     */
    @Override
    public boolean unrepresentableAt(double x) {
        return shape < 1 && Support.withinRoundingOfAnEnd(x, 0, Double.POSITIVE_INFINITY);
    }

    /** {@code scale E^(1/shape)}, E standard exponential; a draw beyond the largest double is an ArithmeticException. */
    @Override
    public double sample(Rng rng) {
        return Numerics.positiveDraw(scale * Math.pow(rng.standardExponential(), 1 / shape), this);
    }

    /** {@code scale Gamma(1 + 1/shape)}; {@code +inf} where that overflows (a shape near 0). */
    @Override
    public double mean() {
        return Math.exp(logScale + LogMath.logGamma(1 + 1 / shape));
    }

    /**
     * {@code scale^2 (Gamma(1 + 2/shape) - Gamma(1 + 1/shape)^2)}; {@code +inf} where that overflows (a shape near 0,
     * where it read NaN), and never below 0 (a huge shape, whose variance underflows, read -0.0).
     */
    @Override
    public double variance() {
        double g1 = LogMath.logGamma(1 + 1 / shape);
        double g2 = LogMath.logGamma(1 + 2 / shape);
        if (g2 == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        // Gamma(1 + 2/k) - Gamma(1 + 1/k)^2 = Gamma(1 + 2/k) (1 - exp(2 g1 - g2)), without cancelling to 0 in doubles
        return Math.max(0.0, Math.exp(2 * logScale + g2) * -Math.expm1(2 * g1 - g2));
    }

    private Object readResolve() {
        return new Weibull(shape, scale);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Weibull w && Double.compare(shape, w.shape) == 0
                && Double.compare(scale, w.scale) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(shape) + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Weibull(shape=" + shape + ", scale=" + scale + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Weibull(Weibull original) {
        this.shape = original.shape;
        this.scale = original.scale;
        this.logScale = original.logScale;
        this.logNormaliser = original.logNormaliser;
    }

    /** An equal Weibull, a distinct object: what a trace keeps in place of the one a model made at a site. */
    @Override
    public Weibull detached() {
        return new Weibull(this);
    }
}
