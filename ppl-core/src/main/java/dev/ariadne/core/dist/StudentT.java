package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import org.apache.commons.numbers.gamma.GammaRatio;

/**
 * The location-scale Student t distribution: X = location + scale T where T has Student's t distribution with df
 * degrees of freedom, density {@code Gamma((df+1)/2) / (Gamma(df/2) sqrt(df pi)) (1 + t^2/df)^(-(df+1)/2)}.
 * A heavy-tailed alternative to the normal; df = 1 is the Cauchy distribution, df -> inf the normal.
 *
 * @param df       the degrees of freedom, finite and > 0
 * @param location the centre (the median; the mean when df > 1), finite
 * @param scale    the scale, finite and > 0
 */
public record StudentT(double df, double location, double scale) implements RealDist {

    private static final String NAME = "StudentT";

    /** Validates the parameters. */
    public StudentT {
        Check.positive(NAME, "df", df);
        Check.finite(NAME, "location", location);
        Check.positive(NAME, "scale", scale);
    }

    /** The whole real line. */
    @Override
    public Support support() {
        return Support.REAL;
    }

    /** The log density at x; {@code -inf} for infinite or NaN x. */
    @Override
    public double logDensity(double x) {
        if (!Double.isFinite(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = (x - location) / scale;
        double az = Math.abs(z);
        // log(1 + z^2/df), computed without overflowing z^2 far in the tails.
        double log1pZ2 = az < 1e150 ? Math.log1p(z * z / df) : 2 * Math.log(az) - Math.log(df);
        // log(Gamma((df+1)/2) / Gamma(df/2)) = -log(GammaRatio.delta(df/2, 1/2)), accurate for large df too.
        double logNorm = -Math.log(GammaRatio.delta(0.5 * df, 0.5)) - 0.5 * (Math.log(df) + Numerics.LN_PI);
        return logNorm - Math.log(scale) - 0.5 * (df + 1) * log1pZ2;
    }

    /** {@code location + scale Z / sqrt(V / df)} with Z standard normal and V chi-square(df) = 2 Gamma(df/2, 1). */
    @Override
    public double sample(Rng rng) {
        double z = rng.standardNormal();
        double logV = Numerics.LN_2 + Numerics.logStandardGamma(rng, 0.5 * df);
        return location + scale * z * Math.exp(0.5 * (Math.log(df) - logV));
    }

    /** The location; throws {@link ArithmeticException} for df <= 1, where the mean does not exist. */
    @Override
    public double mean() {
        if (df <= 1) {
            throw new ArithmeticException(this + ": the mean is undefined for df <= 1");
        }
        return location;
    }

    /**
     * {@code scale^2 df / (df - 2)} for df > 2; {@code +inf} for 1 < df <= 2; {@link ArithmeticException} for
     * df <= 1, where the mean itself does not exist.
     */
    @Override
    public double variance() {
        if (df > 2) {
            return scale * scale * df / (df - 2);
        }
        if (df > 1) {
            return Double.POSITIVE_INFINITY;
        }
        throw new ArithmeticException(this + ": the variance is undefined for df <= 1");
    }

    @Override
    public String toString() {
        return "StudentT(df=" + df + ", location=" + location + ", scale=" + scale + ")";
    }
}
