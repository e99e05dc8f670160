package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import org.apache.commons.numbers.gamma.GammaRatio;

/**
 * The location-scale Student t distribution: X = location + scale T where T has Student's t distribution with df
 * degrees of freedom, density {@code Gamma((df+1)/2) / (Gamma(df/2) sqrt(df pi)) (1 + t^2/df)^(-(df+1)/2)}.
 * A heavy-tailed alternative to the normal; df = 1 is the Cauchy distribution, df -> inf the normal.
 *
 * <p>A final class rather than a record so that it holds its log normaliser (a gamma-function ratio and three
 * logarithms), computed once when it is made (the gamma ratio not again when the same thread makes the next one
 * with the same df, and the scale's logarithm not again when it makes the next one with the same scale, as a model
 * does at each observation with one noise scale); it compares, hashes and prints like a record of (df, location,
 * scale).
 */
public final class StudentT implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "StudentT";

    /** The last df and scale this thread made a StudentT with, and the constants that depend on each alone. */
    private static final PerThreadSlot<Constants> LAST = new PerThreadSlot<>(Constants::new);

    private final double df;
    private final double location;
    private final double scale;
    private final transient double logDf;
    private final transient double logScale;
    /** {@code log(Gamma((df+1)/2) / (Gamma(df/2) sqrt(df pi))) - log(scale)}. */
    private final transient double logNormaliser;
    /** {@code (df + 1) / 2}, the power of {@code 1 + z^2/df}. */
    private final transient double halfDfPlusHalf;

    /**
     * Validates the parameters.
     *
     * @param df       the degrees of freedom, finite and at least {@link Double#MIN_NORMAL} (a subnormal df has no
     *                 normaliser the doubles can carry)
     * @param location the centre (the median; the mean when df > 1), finite
     * @param scale    the scale, finite and > 0
     */
    public StudentT(double df, double location, double scale) {
        if (!(df >= Double.MIN_NORMAL && df < Double.POSITIVE_INFINITY && Math.abs(location) <= Double.MAX_VALUE
                && scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            throw rejected(df, location, scale);
        }
        this.df = df;
        this.location = location;
        this.scale = scale;
        Constants c = LAST.get();
        if (c.df != df || c.scale != scale) {
            c.set(df, scale);
        }
        this.logDf = c.logDf;
        this.logScale = c.logScale;
        this.logNormaliser = c.logNorm - logScale;
        this.halfDfPlusHalf = c.halfDfPlusHalf;
    }

    /** The exception for parameters the constructor's one test rejected, thrown by the first check that fails. */
    private static RuntimeException rejected(double df, double location, double scale) {
        Check.positive(NAME, "df", df);
        Check.atLeast(NAME, "df", df, Double.MIN_NORMAL); // a subnormal df scored every value NaN or -inf
        Check.finite(NAME, "location", location);
        Check.positive(NAME, "scale", scale);
        return Check.acceptedByEveryCheck(NAME);
    }

    private static final class Constants extends PerThreadSlot.Entry {
        double df = Double.NaN;
        double logDf;
        /** {@code log(Gamma((df+1)/2) / (Gamma(df/2) sqrt(df pi)))}. */
        double logNorm;
        double halfDfPlusHalf;
        double scale = Double.NaN;
        double logScale;

        /**
         * Out of line (the constructor is inlined at every site that makes a StudentT; this is too big to inline
         * where it is rare): a new df's constants, a new scale's log.
         */
        void set(double df, double scale) {
            if (this.df != df) {
                this.logDf = Math.log(df);
                // log(Gamma((df+1)/2) / Gamma(df/2)) = -log(GammaRatio.delta(df/2, 1/2)), accurate for large df too.
                this.logNorm = -Math.log(GammaRatio.delta(0.5 * df, 0.5)) - 0.5 * (logDf + Numerics.LN_PI);
                this.halfDfPlusHalf = 0.5 * (df + 1);
                this.df = df;
            }
            if (this.scale != scale) {
                this.logScale = Math.log(scale);
                this.scale = scale;
            }
        }
    }

    /** The degrees of freedom. */
    public double df() {
        return df;
    }

    /** The centre (the median; the mean when df > 1). */
    public double location() {
        return location;
    }

    /** The scale. */
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
        return RoundingCells.studentTooNarrow(x, location, scale, df);
    }

    /**
     * The log density at x; {@code -inf} for infinite or NaN x. Far out in the tails (or with a subnormal scale),
     * where {@code z^2} would overflow, {@code log(1 + z^2/df)} is {@code 2 log|z| - log df}, with {@code log|z|}
     * a difference of logs where z itself overflows.
     */
    @Override
    public double logDensity(double x) {
        if (!Double.isFinite(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = (x - location) / scale;
        double az = Math.abs(z);
        // log(1 + z^2/df), computed without overflowing z^2 far in the tails, nor z^2/df where df is tiny (df 1e-300
        // scored x = 1e10 at -inf, a value of finite density; an adversarial tester).
        double ratio = az < 1e150 ? z * z / df : Double.POSITIVE_INFINITY;
        double log1pZ2 = ratio < Double.POSITIVE_INFINITY ? LogMath.log1p(ratio)
                : 2 * Numerics.logAbsZ(az, x, location, logScale) - logDf;
        return logNormaliser - halfDfPlusHalf * log1pZ2;
    }

    /**
     * {@code location + scale Z / sqrt(V / df)} with Z standard normal and V chi-square(df) = 2 Gamma(df/2, 1); a
     * draw beyond the largest double (a tiny df) is an {@link ArithmeticException} naming the distribution.
     */
    @Override
    public double sample(Rng rng) {
        double z = rng.standardNormal();
        double logV = Numerics.LN_2 + GammaSampler.call(rng, 0.5 * df, 1, 0, true);
        return Numerics.finiteDraw(location + scale * z * Math.exp(0.5 * (logDf - logV)), this);
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

    private Object readResolve() {
        return new StudentT(df, location, scale);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof StudentT t && Double.compare(df, t.df) == 0
                && Double.compare(location, t.location) == 0 && Double.compare(scale, t.scale) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(df) + Double.hashCode(location)) + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "StudentT(df=" + df + ", location=" + location + ", scale=" + scale + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private StudentT(StudentT original) {
        this.df = original.df;
        this.location = original.location;
        this.scale = original.scale;
        this.logDf = original.logDf;
        this.logScale = original.logScale;
        this.logNormaliser = original.logNormaliser;
        this.halfDfPlusHalf = original.halfDfPlusHalf;
    }

    /**
     * An equal StudentT, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public StudentT detached() {
        return new StudentT(this);
    }
}
