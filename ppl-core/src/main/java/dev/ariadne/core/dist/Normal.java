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
     * {@value #STREAK}th construction in a row with one sd on one thread, or when two sds have taken turns in the
     * thread's entry {@value #STREAK} times in a row (and on that thread at twice as long a streak each later
     * time, up to {@value #MAX_THRESHOLD}), so a model whose sd changes at every site never allocates, and two
     * threads that each keep an sd of their own replace it once per streak, not per site.
     */
    private static Shared shared = new Shared(1, 0, 1);
    private static final int STREAK = 64;
    private static final int MAX_THRESHOLD = 1 << 16;

    /** The standard normal, mean 0 and sd 1. */
    public static final Normal STANDARD = new Normal(0, 1);

    private final double mean;
    private final double sd;
    private final double logSd;
    private final double invSd;

    /**
     * Validates the parameters.
     *
     * <p>The constructor is inlined wherever a model makes a normal, so it is kept small: one test accepts exactly
     * what the checks of {@link #rejected} accept, and the constants of an sd met before are read from
     * {@link #shared} or this thread's entry, whose refill is out of line. (C2 inlines at most 8,000 bytes of
     * bytecode into one compiled method; a model written out site by site, with a normal made at each, spends them
     * on every site's constructor, and the sites past the budget are calls whose distributions are allocated.)
     *
     * @param mean the mean (location), finite
     * @param sd   the standard deviation, finite and > 0, and not subnormal: at least {@link Double#MIN_NORMAL}
     *             (2.2e-308), so that the {@code 1 / sd} the density multiplies by is finite
     */
    public Normal(double mean, double sd) {
        if (!(Math.abs(mean) <= Double.MAX_VALUE && sd >= Double.MIN_NORMAL && sd < Double.POSITIVE_INFINITY)) {
            throw rejected(mean, sd);
        }
        this.mean = mean;
        this.sd = sd;
        Shared s = shared;
        if (s.sd == sd) {
            this.logSd = s.log;
            this.invSd = s.inverse;
        } else {
            OfSd m = LAST.get();
            if (m.sd != sd || ++m.streak == m.threshold) {
                m.missed(sd);
            }
            this.logSd = m.log;
            this.invSd = m.inverse;
        }
    }

    /**
     * The exception for parameters the constructor's one test rejected, thrown by the first check that fails, so it
     * names the parameter and the value.
     */
    private static RuntimeException rejected(double mean, double sd) {
        Check.finite(NAME, "mean", mean);
        Check.atLeast(NAME, "sd", Check.positive(NAME, "sd", sd), Double.MIN_NORMAL);
        return Check.acceptedByEveryCheck(NAME);
    }

    /** An sd with its log and reciprocal, immutable: what {@link #shared} holds. */
    private record Shared(double sd, double log, double inverse) {
    }

    /**
     * A thread's last sd, its log and its reciprocal: models often build many normals with one noise sd (one per
     * observation), and this saves a logarithm and a division per construction; one whose sd changes at every
     * site overwrites it in place. Per thread, so that threads neither share nor contend for it.
     *
     * <p>It also keeps {@value #RECENT} sds it held before, with their constants, which a miss searches before
     * computing them: a model with three sds in a loop (a prior's, an observation's and a guide's proposal's, say)
     * has one shared and two taking turns here, and computed a logarithm and a division at two constructions of
     * three. The constants found there are those computed from the same sd, so bit for bit the same.
     */
    private static final class OfSd extends PerThreadSlot.Entry {
        /** How many earlier sds an entry keeps. */
        private static final int RECENT = 4;
        double sd = Double.NaN;
        double log;
        double inverse;
        /** Earlier sds, each with its log and reciprocal, in no order; NaN where none. */
        private final double[] recent = newRecent();
        /** The sd held before this one (NaN at first): two sds taking turns are each the other's. */
        private double before = Double.NaN;
        /** Where in {@link #recent} the next sd computed puts the held one: the earlier sds are replaced in turn. */
        private int evicted;
        /** How many logarithms this entry has computed (the misses that found no earlier sd). */
        long computed;
        /** Constructions with this sd since it was last different. */
        int streak;
        /** Misses in a row, each by the sd held before the one it replaced: two sds taking turns here. */
        int alternations;
        /**
         * The streak (of hits, or of alternations) at which this thread's sd becomes the shared one:
         * {@value #STREAK} at first, doubled at each replacement up to {@value #MAX_THRESHOLD}. A model that
         * alternates two sds (one for its priors, one for its observations) would otherwise either miss here at
         * every construction (neither sd shared), or, once one is shared, see the other's streak here replace it
         * every {@value #STREAK} pairs of sites, the two changing places and each time allocating a holder.
         */
        int threshold = STREAK;

        /**
         * Out of line, so that C2 leaves it a call where it is rare (it is too big to inline at a cold call): a new
         * sd, whose log and reciprocal are found among the earlier sds or computed; or the same sd's streak at its
         * threshold, which shares it.
         *
         * <p>An earlier sd found changes places with the one held, and an sd computed puts the held one in the place
         * of the earlier sds in turn: nothing else moves. A model with three sds in a loop (a state space's prior,
         * proposal and observation, none of them shared) misses the held sd at every construction; before, each miss
         * moved the earlier sds along with {@code System.arraycopy} to keep them in order of use, and the copy, a
         * call to the JVM's copying stub for a few elements, cost more than the search. Moved in a loop instead, the
         * code inlined where misses are hot grew, and a guide making its normal at each site compiled past C2's
         * InlineSmallCode in some JVM starts (its proposal allocated).
         */
        void missed(double sd) {
            if (this.sd == sd) {
                share();
                return;
            }
            alternations = sd == before ? alternations + 1 : 0;
            double[] r = recent;
            int j = 0;
            while (j < 3 * RECENT && r[j] != sd) {
                j += 3;
            }
            double lg;
            double inv;
            if (j < 3 * RECENT) {
                lg = r[j + 1];
                inv = r[j + 2];
            } else {
                lg = Math.log(sd);
                inv = 1 / sd;
                computed++;
                j = evicted;
                evicted = j == 3 * (RECENT - 1) ? 0 : j + 3;
            }
            before = this.sd;
            r[j] = this.sd;
            r[j + 1] = this.log;
            r[j + 2] = this.inverse;
            this.log = lg;
            this.inverse = inv;
            this.sd = sd;
            this.streak = 0;
            if (alternations == threshold) {
                share();
            }
        }

        private static double[] newRecent() {
            double[] r = new double[3 * RECENT];
            java.util.Arrays.fill(r, Double.NaN);
            return r;
        }

        /** Makes this entry's sd the shared one, and the next replacement by this thread twice as hard to reach. */
        private void share() {
            shared = new Shared(sd, log, inverse);
            streak = 0;
            alternations = 0;
            if (threshold < MAX_THRESHOLD) {
                threshold *= 2;
            }
        }
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
