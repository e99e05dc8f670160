package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The log-normal distribution: X such that log X is Normal(mu, sigma). Density on x > 0:
 * {@code exp(-(log x - mu)^2 / (2 sigma^2)) / (x sigma sqrt(2 pi))}.
 *
 * @param mu    the mean of log X, finite
 * @param sigma the standard deviation of log X, finite and > 0
 */
public record LogNormal(double mu, double sigma) implements RealDist {

    private static final String NAME = "LogNormal";

    /** Validates the parameters. */
    public LogNormal {
        Check.finite(NAME, "mu", mu);
        Check.positive(NAME, "sigma", sigma);
    }

    /** The positive half-line (the density is 0 at x = 0). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /** The log density at x; {@code -inf} for x <= 0, x = inf or NaN. */
    @Override
    public double logDensity(double x) {
        if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        double logX = Math.log(x);
        double z = (logX - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - Numerics.LN_SQRT_2PI - logX;
    }

    /** {@code exp(mu + sigma Z)}. */
    @Override
    public double sample(Rng rng) {
        return Math.exp(mu + sigma * rng.standardNormal());
    }

    /** {@code exp(mu + sigma^2 / 2)} (may overflow to +inf). */
    @Override
    public double mean() {
        return Math.exp(mu + 0.5 * sigma * sigma);
    }

    /** {@code (exp(sigma^2) - 1) exp(2 mu + sigma^2)} (may overflow to +inf). */
    @Override
    public double variance() {
        double s2 = sigma * sigma;
        return Math.expm1(s2) * Math.exp(2 * mu + s2);
    }

    @Override
    public String toString() {
        return "LogNormal(mu=" + mu + ", sigma=" + sigma + ")";
    }
}
