package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The gamma distribution in the shape-rate parameterisation: density on x > 0
 * {@code rate^shape x^(shape-1) exp(-rate x) / Gamma(shape)}, mean {@code shape / rate}. (The scale is
 * {@code 1 / rate}.) For integer shape it is the waiting time for the shape-th event of a Poisson process with the
 * given rate.
 *
 * <p>A final class rather than a record so that it holds {@code shape log(rate)} and {@code log Gamma(shape)},
 * computed once when it is made (and not again when the same thread makes the next Gamma with the same
 * parameters, as a prior made at its sample site is); it compares, hashes and prints like a record of
 * (shape, rate).
 */
public final class Gamma implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Gamma";

    /** The constants of the last (shape, rate) this thread made a Gamma with. */
    private static final PerThreadSlot<Constants> LAST = new PerThreadSlot<>(Constants::new);

    private final double shape;
    private final double rate;
    private final transient double shapeLogRate;
    private final transient double logGammaShape;
    private final transient double logRate;

    /**
     * A thread's last shape with its log Gamma, and its last rate with its log and shape log(rate): a shape that
     * stays while the rate changes (a prior on rates) does not take the log-gamma again.
     */
    private static final class Constants extends PerThreadSlot.Entry {
        double shape = Double.NaN;
        double logGammaShape;
        double rate = Double.NaN;
        double logRate;
        double shapeLogRate;

        /**
         * Out of line (the constructor is inlined at every site that makes a Gamma; this is too big to inline where
         * it is rare): a new shape's log Gamma, and a new rate's log and shape log(rate).
         */
        void set(double shape, double rate) {
            if (this.shape != shape) {
                this.logGammaShape = LogMath.logGamma(shape);
                this.shape = shape;
                this.rate = Double.NaN;
            }
            if (this.rate != rate) {
                this.logRate = Math.log(rate);
                this.shapeLogRate = shape * this.logRate;
                this.rate = rate;
            }
        }
    }

    /**
     * Validates the parameters.
     *
     * @param shape the shape, finite and > 0
     * @param rate  the rate (inverse scale), finite and > 0
     */
    public Gamma(double shape, double rate) {
        if (!(shape > 0 && shape < Double.POSITIVE_INFINITY && rate > 0 && rate < Double.POSITIVE_INFINITY)) {
            throw rejected(shape, rate);
        }
        this.shape = shape;
        this.rate = rate;
        Constants c = LAST.get();
        if (c.shape != shape || c.rate != rate) {
            c.set(shape, rate);
        }
        this.logRate = c.logRate;
        this.shapeLogRate = c.shapeLogRate;
        this.logGammaShape = c.logGammaShape;
    }

    /** The exception for parameters the constructor's one test rejected, thrown by the first check that fails. */
    private static RuntimeException rejected(double shape, double rate) {
        Check.positive(NAME, "shape", shape);
        Check.positive(NAME, "rate", rate);
        return Check.acceptedByEveryCheck(NAME);
    }

    /** The shape. */
    public double shape() {
        return shape;
    }

    /** The rate (inverse scale). */
    public double rate() {
        return rate;
    }

    /** The half-line [0, inf). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /**
     * Within 2^20 doubles of 0, where the doubles cannot carry a density with a shape below 1
     * ({@link RealDist#unrepresentableAt}): the run counts with weight 0.
     */
    @Override
    public boolean unrepresentableAt(double x) {
        return Support.withinRoundingOfAnEnd(x, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * The log density at x. At x = 0 it is the limit: {@code +inf} for shape < 1, {@code log(rate)} for shape 1,
     * {@code -inf} for shape > 1 (draws are never exactly 0). {@code -inf} for negative, infinite or NaN x. Above
     * a shape of 1e6 it is computed in a form that does not cancel ({@code LargeShapes}).
     */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = shapeLogRate - rate * x - logGammaShape;
        if (shape != 1) {
            if (shape > LargeShapes.THRESHOLD && x > 0) {
                return LargeShapes.gammaLogDensity(shape, rate, x);
            }
            // the proposal's and the prior's density at one draw share it; an observed datum finds it taken in an
            // earlier run
            lp += (shape - 1) * KeptLog.ofData(x);
        }
        return lp;
    }

    /**
     * A Marsaglia-Tsang draw of Gamma(shape, 1) divided by the rate; for shape < 1, computed in log space. A draw
     * below the smallest positive double (a shape of 1e-3 puts 47% of its mass there) is that smallest double, where
     * the density is finite; one beyond the largest double is an {@link ArithmeticException}.
     */
    @Override
    public double sample(Rng rng) {
        return Numerics.positiveDraw(GammaSampler.call(rng, shape, rate, logRate, false), this);
    }

    /** {@code shape / rate}. */
    @Override
    public double mean() {
        return shape / rate;
    }

    /** {@code shape / rate^2}. */
    @Override
    public double variance() {
        return shape / rate / rate;
    }

    private Object readResolve() {
        return new Gamma(shape, rate);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Gamma g && Double.compare(shape, g.shape) == 0
                && Double.compare(rate, g.rate) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(shape) + Double.hashCode(rate);
    }

    @Override
    public String toString() {
        return "Gamma(shape=" + shape + ", rate=" + rate + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Gamma(Gamma original) {
        this.shape = original.shape;
        this.rate = original.rate;
        this.shapeLogRate = original.shapeLogRate;
        this.logGammaShape = original.logGammaShape;
        this.logRate = original.logRate;
    }

    /**
     * An equal Gamma, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Gamma detached() {
        return new Gamma(this);
    }
}
