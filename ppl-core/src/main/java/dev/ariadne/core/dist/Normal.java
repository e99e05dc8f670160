package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The normal (Gaussian) distribution on the real line, with density
 * {@code exp(-(x - mean)^2 / (2 sd^2)) / (sd sqrt(2 pi))}.
 *
 * @param mean the mean (location), finite
 * @param sd   the standard deviation, finite and > 0
 */
public record Normal(double mean, double sd) implements RealDist {

    private static final String NAME = "Normal";

    /** The standard normal, mean 0 and sd 1. */
    public static final Normal STANDARD = new Normal(0, 1);

    /** Validates the parameters. */
    public Normal {
        Check.finite(NAME, "mean", mean);
        Check.positive(NAME, "sd", sd);
    }

    /** The whole real line. */
    @Override
    public Support support() {
        return Support.REAL;
    }

    /** The log density at x; {@code -inf} for infinite or NaN x. */
    @Override
    public double logDensity(double x) {
        double z = (x - mean) / sd;
        double lp = -0.5 * z * z - Math.log(sd) - Numerics.LN_SQRT_2PI;
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /** {@code mean + sd Z} with Z a standard normal draw. */
    @Override
    public double sample(Rng rng) {
        return mean + sd * rng.standardNormal();
    }

    /** The mean parameter. */
    @Override
    public double mean() {
        return mean;
    }

    /** {@code sd^2}. */
    @Override
    public double variance() {
        return sd * sd;
    }

    @Override
    public String toString() {
        return "Normal(mean=" + mean + ", sd=" + sd + ")";
    }
}
