package dev.ariadne.search;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;

/**
 * A normal distribution pushed through the logistic map onto the interval [lower, upper]: if
 * Y ~ Normal(loc, scale) then X = lower + (upper - lower) / (1 + exp(-Y)). The density counts the Jacobian,
 * q(x) = Normal(y; loc, scale) (upper - lower) / ((x - lower)(upper - x)) with y = logit((x - lower) / (upper -
 * lower)). The mean-field family uses it for interval sites whose prior is not a Beta.
 *
 * @param loc   the mean of Y, finite
 * @param scale the standard deviation of Y, finite and > 0
 * @param lower the left end, finite
 * @param upper the right end, finite and > lower
 * @param flatPrior whether it proposes for a prior whose density is flat on the interval (a Uniform's): then a draw
 *                  near an end is weighed wherever this density is carried by the doubles ({@link
 *                  #unrepresentableAt})
 */
public record LogitNormal(double loc, double scale, double lower, double upper, boolean flatPrior)
        implements RealDist {

    /** A logit-normal for any prior on the interval: see {@link #unrepresentableAt}. */
    public LogitNormal(double loc, double scale, double lower, double upper) {
        this(loc, scale, lower, upper, false);
    }

    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    /** Validates the parameters, naming the distribution, the parameter and the value. */
    public LogitNormal {
        Checks.finite("LogitNormal", "loc", loc);
        Checks.positive("LogitNormal", "scale", scale);
        Checks.finite("LogitNormal", "lower", lower);
        Checks.finite("LogitNormal", "upper", upper);
        if (!(upper > lower)) {
            throw new dev.ariadne.core.dist.ParameterException("LogitNormal", "upper", upper, "> lower (" + lower + ")");
        }
    }

    /**
     * The unconstrained coordinate y = logit((x - lower) / (upper - lower)) of a point inside the interval: -inf and
     * +inf at its ends.
     *
     * @throws IllegalArgumentException for a point outside the interval, or NaN (it returned NaN)
     */
    public double unconstrained(double x) {
        if (!(x >= lower && x <= upper)) {
            throw new IllegalArgumentException("LogitNormal.unconstrained: " + x + " is outside the interval ["
                    + lower + ", " + upper + "]");
        }
        double u = (x - lower) / (upper - lower);
        return Math.log(u) - Math.log1p(-u);
    }

    /** The interval [lower, upper]. */
    @Override
    public Support support() {
        return Support.interval(lower, upper);
    }

    /** The log density with the Jacobian of the logistic map; {@code -inf} at or outside the ends and for NaN. */
    @Override
    public double logDensity(double x) {
        if (!(x > lower && x < upper)) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = (unconstrained(x) - loc) / scale;
        double lp = -0.5 * z * z - Math.log(scale) - LN_SQRT_2PI + Math.log(upper - lower) - Math.log(x - lower)
                - Math.log(upper - x);
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /**
     * Doubles from an end within which a draw is not weighed for a prior that may not be flat: there a rounding cell
     * is more than a thousandth of the distance to the end, across which a prior's density that is a power of that
     * distance changes by that share times the power.
     */
    private static final double END_CELLS = 0x1p10;
    /**
     * The most this density's log may change across a draw's rounding cell for the draw to be weighed. A draw is the
     * double nearest the exact transform of its normal draw (the roundings before the last are far finer than the
     * cells wherever this bound binds: an interval far from 0, or subnormals near 0), so it stands at its cell's
     * centre, where a density whose log changes by c across the cell gives the cell's mass to within a share of about
     * c^2 / 24: 1/1,500 at most.
     */
    private static final double MAX_CELL_CHANGE = 0x1p-3;

    /**
     * A draw strictly inside the interval where the doubles cannot carry the density's mass
     * ({@link RealDist#unrepresentableAt}), and the run counts with weight 0: where the log density
     * changes by more than {@value #MAX_CELL_CHANGE} across the draw's rounding cell (its slope times the cell's
     * width), as it does in the cells next to an end, and, unless the prior is flat, within {@value
     * #END_CELLS} doubles of an end. Not, as before, wherever the draw is within 2^20 doubles of an end: a prior
     * Uniform(1.7e9, 1.7e9 + 0.1), a time stamp known to a tenth of a second, holds 400,000 doubles, every draw was
     * refused, and a search certified no run at all (an adversarial tester), though the proposal's density varies by
     * less than 10^-5 across a cell; on Uniform(1e12, 1e12 + 1), whose doubles are 1.2e-4 apart, 2^10 of them are an
     * eighth of the interval.
     */
    @Override
    public boolean unrepresentableAt(double x) {
        if (!(x > lower && x < upper)) {
            return false;
        }
        double toLower = x - lower;
        double toUpper = upper - x;
        if (!flatPrior
                && (toLower < END_CELLS * Math.ulp(lower) || toUpper < END_CELLS * Math.ulp(Math.nextDown(upper)))) {
            return true;
        }
        // the slope of the log density, -(z / scale) (1 / toLower + 1 / toUpper) - 1 / toLower + 1 / toUpper, times
        // the cell, each distance's part taken as a share of it first: 1 / toLower overflows among the subnormals
        double z = (unconstrained(x) - loc) / scale;
        double cell = Math.ulp(x);
        double change = cell / toLower * (-z / scale - 1) + cell / toUpper * (1 - z / scale);
        return !(Math.abs(change) <= MAX_CELL_CHANGE);
    }

    /** {@code lower + (upper - lower) logistic(loc + scale Z)}. */
    @Override
    public double sample(Rng rng) {
        double y = loc + scale * rng.standardNormal();
        return lower + (upper - lower) / (1 + Math.exp(-y));
    }

    /** The mean, by midpoint quadrature over the normal on [-8, 8] sd (no closed form exists). */
    @Override
    public double mean() {
        double s = 0;
        double w = 0;
        for (int i = -200; i <= 200; i++) {
            double z = i * 0.04;
            double d = Math.exp(-0.5 * z * z);
            s += d / (1 + Math.exp(-(loc + scale * z)));
            w += d;
        }
        return lower + (upper - lower) * s / w;
    }

    /** The variance, by the same quadrature. */
    @Override
    public double variance() {
        double m = (mean() - lower) / (upper - lower);
        double s = 0;
        double w = 0;
        for (int i = -200; i <= 200; i++) {
            double z = i * 0.04;
            double d = Math.exp(-0.5 * z * z);
            double u = 1 / (1 + Math.exp(-(loc + scale * z)));
            s += d * (u - m) * (u - m);
            w += d;
        }
        return (upper - lower) * (upper - lower) * s / w;
    }

    @Override
    public String toString() {
        return "LogitNormal(loc=" + loc + ", scale=" + scale + ", on [" + lower + ", " + upper + "])";
    }
}
