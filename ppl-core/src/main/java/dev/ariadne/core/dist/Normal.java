package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The normal (Gaussian) distribution on the real line, with density
 * {@code exp(-(x - mean)^2 / (2 sd^2)) / (sd sqrt(2 pi))}.
 *
 * <p>A final class rather than a record so that it can hold the derived {@code log sd}, computed once at
 * construction instead of at every density evaluation; it compares, hashes and prints like a record of
 * (mean, sd).
 */
public final class Normal implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Normal";

    /** This thread's last sd, with its log and reciprocal; declared before any constant normal is built. */
    private static final PerThreadSlot<OfSd> LAST = new PerThreadSlot<>(OfSd::new);

    /** The standard normal, mean 0 and sd 1. */
    public static final Normal STANDARD = new Normal(0, 1);

    private final double mean;
    private final double sd;
    private final double logSd;
    private final double invSd;

    /**
     * Validates the parameters.
     *
     * @param mean the mean (location), finite
     * @param sd   the standard deviation, finite and > 0, and not subnormal: at least {@link Double#MIN_NORMAL}
     *             (2.2e-308), so that the {@code 1 / sd} the density multiplies by is finite
     */
    public Normal(double mean, double sd) {
        Check.finite(NAME, "mean", mean);
        Check.atLeast(NAME, "sd", Check.positive(NAME, "sd", sd), Double.MIN_NORMAL);
        this.mean = mean;
        this.sd = sd;
        OfSd m = LAST.get();
        if (m.sd != sd) {
            m.log = Math.log(sd);
            m.inverse = 1 / sd;
            m.sd = sd;
        }
        this.logSd = m.log;
        this.invSd = m.inverse;
    }

    /**
     * A thread's last sd, its log and its reciprocal: models often build many normals with one noise sd (one per
     * observation), and this saves a logarithm and a division per construction; one whose sd changes at every
     * site overwrites it in place. Per thread, so that threads neither share nor contend for it.
     */
    private static final class OfSd extends PerThreadSlot.Entry {
        double sd = Double.NaN;
        double log;
        double inverse;
    }

    /** The whole real line. */
    @Override
    public Support support() {
        return Support.REAL;
    }

    /**
     * The log density at x; {@code -inf} for infinite or NaN x. The standardised value is {@code (x - mean)}
     * times the stored {@code 1 / sd} (within an ulp of the quotient, and a multiplication costs a third of a
     * division).
     */
    @Override
    public double logDensity(double x) {
        double z = (x - mean) * invSd;
        double lp = -0.5 * z * z - logSd - Numerics.LN_SQRT_2PI;
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /**
     * {@code mean + sd Z} with Z a standard normal draw; a draw beyond the largest double (an sd near it) is an
     * {@link ArithmeticException} naming the distribution.
     */
    @Override
    public double sample(Rng rng) {
        return Numerics.finiteDraw(mean + sd * rng.standardNormal(), this);
    }

    /** The mean parameter. */
    @Override
    public double mean() {
        return mean;
    }

    /** The standard deviation. */
    public double sd() {
        return sd;
    }

    /** {@code sd^2}. */
    @Override
    public double variance() {
        return sd * sd;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Normal)) {
            return false;
        }
        Normal n = (Normal) o;
        return Double.compare(mean, n.mean) == 0 && Double.compare(sd, n.sd) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(mean) + Double.hashCode(sd);
    }

    @Override
    public String toString() {
        return "Normal(mean=" + mean + ", sd=" + sd + ")";
    }
}
