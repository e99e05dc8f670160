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
    /**
     * An sd that some thread has met many times in a row, with its log and reciprocal, read by every thread first:
     * one load and one comparison where the thread's own entry costs a chain of four loads (a model with one noise
     * sd, such as linreg's 100 normals a run, measured 1.5x slower with the entry alone). An immutable holder, so
     * a racy read sees a matching triple or another sd (a miss), never a torn one. It is replaced only at the
     * {@value #STREAK}th construction in a row with one sd on one thread, so a model whose sd changes at every site
     * never allocates, and two threads that each keep an sd of their own replace it once per streak, not per site.
     */
    private static Shared shared = new Shared(1, 0, 1);
    private static final int STREAK = 64;

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
        Shared s = shared;
        if (s.sd == sd) {
            this.logSd = s.log;
            this.invSd = s.inverse;
        } else {
            OfSd m = ofThisThread(sd);
            this.logSd = m.log;
            this.invSd = m.inverse;
        }
    }

    /** This thread's entry, holding {@code sd}'s log and reciprocal; shared when the thread's streak is long enough. */
    private static OfSd ofThisThread(double sd) {
        OfSd m = LAST.get();
        if (m.sd != sd) {
            m.log = Math.log(sd);
            m.inverse = 1 / sd;
            m.sd = sd;
            m.streak = 0;
        } else if (++m.streak == STREAK) {
            shared = new Shared(sd, m.log, m.inverse);
        }
        return m;
    }

    /** An sd with its log and reciprocal, immutable: what {@link #shared} holds. */
    private record Shared(double sd, double log, double inverse) {
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
        /** Constructions with this sd since it was last different. */
        int streak;
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
