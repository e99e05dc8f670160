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
 */
public record LogitNormal(double loc, double scale, double lower, double upper) implements RealDist {

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
     * {@link #logDensity}, or {@code +inf} for a draw strictly inside the interval within 2^20 doubles of an end,
     * where the doubles' rounding cells are as wide as the distance to the end and cannot carry the density's mass
     * ({@link RealDist#proposalLogDensity}): the run counts with weight 0.
     */
    @Override
    public double proposalLogDensity(double x) {
        return Support.withinRoundingOfAnEnd(x, lower, upper) ? Double.POSITIVE_INFINITY : logDensity(x);
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
