package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The log-normal distribution: X such that log X is Normal(mu, sigma). Density on x > 0:
 * {@code exp(-(log x - mu)^2 / (2 sigma^2)) / (x sigma sqrt(2 pi))}.
 *
 * <p>A final class rather than a record so that it holds {@code log(sigma)}, computed once when it is made (the log of
 * its scale not again when the same thread makes the next one with the same scale, as a model does at each observation
 * with one latent scale: {@link ScaleLog}); it compares, hashes and prints like a record of (mu, sigma).
 */
public final class LogNormal implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "LogNormal";

    private final double mu;
    private final double sigma;
    private final transient double logSigma;

    /**
     * Validates the parameters.
     *
     * @param mu    the mean of log X, finite
     * @param sigma the standard deviation of log X, finite and > 0
     */
    public LogNormal(double mu, double sigma) {
        Check.finite(NAME, "mu", mu);
        Check.positive(NAME, "sigma", sigma);
        this.mu = mu;
        this.sigma = sigma;
        this.logSigma = ScaleLog.of(sigma);
    }

    /** The mean of log X. */
    public double mu() {
        return mu;
    }

    /** The standard deviation of log X. */
    public double sigma() {
        return sigma;
    }

    /** The positive half-line (the density is 0 at x = 0). */
    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    /**
     * Within 2^20 doubles of 0, where a wide log-normal's mass underflows, or where the doubles' relative spacing is
     * so wide beside sigma that the density changes within one double's rounding cell ({@link RoundingCells}): a
     * proposal's draw there counts with weight 0 ({@link RealDist#unrepresentableAt}).
     */
    @Override
    public boolean unrepresentableAt(double x) {
        if (Support.withinRoundingOfAnEnd(x, 0, Double.POSITIVE_INFINITY)) {
            return true;
        }
        if (sigma >= RoundingCells.SCALES * 0x1p-52) {
            return false; // a cell is at most 2^-52 of x, under 2^-20 sigmas of log x
        }
        double z = (Math.log(x) - mu) / sigma;
        return RoundingCells.tooWide(Math.ulp(x) / x / sigma, 1 + z * z);
    }

    /** The log density at x; {@code -inf} for x <= 0, x = inf or NaN. */
    @Override
    public double logDensity(double x) {
        if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        // The proposal's and the prior's density at one draw share it, and data observed in every run find theirs.
        double logX = KeptLog.ofData(x);
        double z = (logX - mu) / sigma;
        return -0.5 * z * z - logSigma - Numerics.LN_SQRT_2PI - logX;
    }

    /**
     * {@code exp(mu + sigma Z)}. A draw below the smallest positive double is that double (where the density is
     * finite, unlike at 0); one beyond the largest double is an {@link ArithmeticException}.
     */
    @Override
    public double sample(Rng rng) {
        return Numerics.positiveDraw(Math.exp(mu + sigma * rng.standardNormal()), this);
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

    private Object readResolve() {
        return new LogNormal(mu, sigma);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof LogNormal l && Double.compare(mu, l.mu) == 0
                && Double.compare(sigma, l.sigma) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(mu) + Double.hashCode(sigma);
    }

    @Override
    public String toString() {
        return "LogNormal(mu=" + mu + ", sigma=" + sigma + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private LogNormal(LogNormal original) {
        this.mu = original.mu;
        this.sigma = original.sigma;
        this.logSigma = original.logSigma;
    }

    /**
     * An equal LogNormal, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public LogNormal detached() {
        return new LogNormal(this);
    }
}
