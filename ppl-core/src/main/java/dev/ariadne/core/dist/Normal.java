package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

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
    /** Slots in {@link #KNOWN}: a power of two. */
    private static final int KNOWN_SLOTS = 256;
    private static final int KNOWN_SHIFT = 64 - 8; // KNOWN_SLOTS = 2^8
    /** References per slot of {@link #KNOWN}: 16 compressed (4-byte) references fill a 64-byte cache line. */
    private static final int KNOWN_SPACING = 16;
    /**
     * Sds some thread has met, with their logs and reciprocals, by a hash of the sd's bits, read by every thread
     * first: a hash, one load and one comparison where the thread's own table costs a chain of five loads (the
     * thread, its id, its entry, the entry's owner and table). A hierarchical model's 80 observations of
     * {@code new Normal(theta[g], sigma)}, sigma drawn in each run, found their constants in the thread's table at
     * about 2.6 ns each against a constant sd's shared one. An sd is put here by a thread that finds it in its own
     * table ({@link OfSd#publishes}): at its 16th find, and then at lengthening intervals, so two sds sharing a slot
     * here (of one thread or of two) take turns in it rarely, and an sd met a few times is never put here (a
     * heteroscedastic regression's, new at every point, allocates nothing). Each slot is on a cache line of its
     * own, so that two threads writing theirs do not share a line, and holds an immutable {@link Shared}, so a racy
     * read sees a matching triple or another sd (a miss), never a torn one; an empty slot holds {@link #NO_SD}, whose
     * NaN sd equals none.
     */
    private static final Shared[] KNOWN = new Shared[KNOWN_SLOTS * KNOWN_SPACING];
    /**
     * The sd last put in {@link #KNOWN} by any thread, read before it: one load and one comparison, no hash, for a
     * model whose normals share one sd (linreg's noise) or one drawn in the run (a hierarchical model's sigma).
     */
    private static Shared last;

    /** What an empty slot of {@link #KNOWN} holds: an sd of NaN, which equals none, so a lookup tests no null. */
    private static final Shared NO_SD = new Shared(Double.NaN, Double.NaN, Double.NaN);

    static {
        java.util.Arrays.fill(KNOWN, NO_SD);
        last = new Shared(1, 0, 1); // before STANDARD, made before the refill's handle is
        KNOWN[knownSlot(1)] = last;
    }

    /** The standard normal, mean 0 and sd 1. */
    public static final Normal STANDARD = new Normal(0, 1);

    private final double mean;
    private final double sd;
    private final double logSd;
    private final double invSd;

    /**
     * Validates the parameters.
     *
     * <p>The constructor is inlined wherever a model makes a normal, so it is kept small: one test of the mean, and
     * the constants of an sd met before read from {@link #KNOWN} or this thread's table, which hold valid sds only;
     * any other sd (NaN equals none) goes to the table's miss, which tests it. (C2 inlines at most 8,000 bytes of
     * bytecode into one compiled method; a model written out site by site, with a normal made at each, spends them
     * on every site's constructor, and the sites past the budget are calls whose distributions are allocated.)
     *
     * @param mean the mean (location), finite
     * @param sd   the standard deviation, finite and > 0, and not subnormal: at least {@link Double#MIN_NORMAL}
     *             (2.2e-308), so that the {@code 1 / sd} the density multiplies by is finite
     */
    public Normal(double mean, double sd) {
        if (!(Math.abs(mean) <= Double.MAX_VALUE)) {
            throw rejected(mean, sd);
        }
        this.mean = mean;
        this.sd = sd;
        Shared s = known(sd);
        if (s.sd == sd) {
            this.logSd = s.log;
            this.invSd = s.inverse;
        } else {
            OfSd m = LAST.get();
            double[] t = m.table;
            int j = OfSd.slot(sd);
            if (t[j] != sd || OfSd.publishes(t, j)) {
                m.missed(sd, j);
            }
            this.logSd = t[j + 1];
            this.invSd = t[j + 2];
        }
    }

    /**
     * {@link OfSd#refill}, in a field that is not final on purpose: C2 does not treat it as a constant, so it calls
     * the refill rather than inlining it. Called once a run (an sd drawn in each run) or every 64 constructions (a
     * countdown to sharing, since replaced by {@link #KNOWN}), the refill was hot enough that C2 inlined its 276
     * bytes of bytecode at every construction, and a model making a normal at eight sites spent its 8,000-byte
     * inlining budget before its last site (an AR(2) state space's observation), which became a call with its normal
     * allocated.
     */
    private static MethodHandle refill = NeverInlined.handle(MethodHandles.lookup(), "refill",
            MethodType.methodType(void.class, OfSd.class, double.class, int.class));

    /** {@code m.refill(sd, j)}, as {@link #refill} calls it. */
    private static void refill(OfSd m, double sd, int j) {
        m.refill(sd, j);
    }

    /**
     * The exception for parameters the constructor's test of the mean, or its refill's test of the sd, rejected,
     * thrown by the first check that fails, so it names the parameter and the value.
     */
    private static RuntimeException rejected(double mean, double sd) {
        Check.finite(NAME, "mean", mean);
        Check.atLeast(NAME, "sd", Check.positive(NAME, "sd", sd), Double.MIN_NORMAL);
        return Check.acceptedByEveryCheck(NAME);
    }

    /**
     * The index in {@link #KNOWN} of the slot for {@code sd}: the top 8 bits of a multiplicative hash of its bits,
     * whose next 8 are the thread's table's ({@link OfSd#slot}), so that two sds that share a slot in one rarely
     * share it in the other, and a construction that looks in both multiplies once.
     */
    private static int knownSlot(double sd) {
        return KNOWN_SPACING * (int) ((Double.doubleToRawLongBits(sd) * OfSd.HASH) >>> KNOWN_SHIFT);
    }

    /** The holder {@code sd} would be in: {@link #last} if it is that one, else its slot of {@link #KNOWN}. */
    private static Shared known(double sd) {
        Shared s = last;
        return s.sd == sd ? s : KNOWN[knownSlot(sd)];
    }

    /** An sd with its log and reciprocal, immutable: what {@link #KNOWN} holds. */
    private record Shared(double sd, double log, double inverse) {
    }

    /**
     * The sds this thread made normals with, each with its log and reciprocal, in a table found by a hash of the sd's
     * bits: models often build many normals with one noise sd (one per observation), or with a few sds taking turns
     * (a mixture's components, picked by each point's assignment; a state space's prior, proposal and observation;
     * a meta-analysis's standard error per study), and this saves a logarithm and a division per construction, as a
     * loop hoists them. A lookup is a hash, one comparison and two loads, whichever sd came before. An sd that finds
     * another in its slot puts that one in a second table, by a second hash, where it is found when it comes back: two
     * sds that share a slot change places there instead of computing their constants again. The constants found are
     * those computed from the same sd, so bit for bit the same. Per thread, so that threads neither share nor
     * contend for it.
     */
    private static final class OfSd extends PerThreadSlot.Entry {
        /** Slots in each table: a power of two. */
        private static final int SLOTS = 256;
        private static final int SHIFT = 64 - 8; // SLOTS = 2^8
        /**
         * Each slot's sd, its log, its reciprocal and how many constructions have found it here since it came (and
         * missed {@link #KNOWN}), in turn; the sd NaN (which equals no sd) where empty.
         */
        final double[] table = unfilled(4 * SLOTS);
        /** Sds put out of their slots in {@link #table}, as that table holds them, by {@link #secondSlot}. */
        private final double[] displaced = unfilled(3 * SLOTS);
        /**
         * Misses in a row that found nothing in {@link #displaced}. Sds new at every construction (a heteroscedastic
         * regression's {@code exp(c + d x_i)}) never match one there, and keeping each displaced sd cost such a model
         * a few percent; past {@value #FRUITLESS} such misses that table is neither searched nor added to, but for one
         * round of {@value #FRUITLESS} misses in every {@value #RETRY_EVERY}, which finds its sds again if they start
         * repeating.
         */
        private int fruitless;
        private static final int FRUITLESS = 64;
        private static final int RETRY_EVERY = 4096;
        /** How many logarithms this entry has computed (the misses that found the sd in neither table). */
        long computed;
        /** The multiplier of the hashes of {@link #slot} and {@link Normal#knownSlot}. */
        static final long HASH = 0x9E3779B97F4A7C15L;

        /**
         * The index in {@link #table} of the slot for {@code sd}: bits 48 to 55 of a multiplicative hash of its bits
         * (the top 8 are {@link Normal#knownSlot}'s).
         */
        static int slot(double sd) {
            return 4 * ((int) ((Double.doubleToRawLongBits(sd) * HASH) >>> (SHIFT - 8)) & (SLOTS - 1));
        }

        /**
         * Counts a construction that found its sd in slot {@code j} of this thread's table {@code t}, and not in
         * {@link #KNOWN}, and says whether it puts the sd in {@link #KNOWN} (and {@link #last}): at the 16th such find
         * since the sd came into its slot and at each power of two after (a double's mantissa bits all 0). Putting an
         * sd there costs an allocation and the collector's barrier on an old array, more than the finds it saves for
         * an sd used about ten times a run (robust groups' tau at its ten group priors ran 5% to 8% slower when the
         * sd was put there at its second find); an sd used 80 times a run (a hierarchical model's sigma at its
         * observations) is found there after its 17th. Two sds that share a slot there and take turns put themselves
         * there at the powers of two only, where putting one there at every turn allocated at every construction.
         */
        static boolean publishes(double[] t, int j) {
            double found = t[j + 3] + 1;
            t[j + 3] = found;
            return found >= 16 && (Double.doubleToRawLongBits(found) & 0x000F_FFFF_FFFF_FFFFL) == 0;
        }

        /** The index in {@link #displaced} of the slot for {@code sd}: another multiplicative hash of its bits. */
        private static int secondSlot(double sd) {
            return 3 * (int) ((Double.doubleToRawLongBits(sd) * 0xC2B2AE3D27D4EB4FL) >>> SHIFT);
        }

        /**
         * An sd not in its slot {@code j}, or one there that {@link #publishes}. Small, and inlined where it is hot:
         * an sd new at every construction (a heteroscedastic regression's {@code exp(c + d x_i)}), once the displaced
         * sds are no longer searched, has its log and reciprocal computed and put in its slot here. Anything else is
         * the refill's, always a call ({@link Normal#refill}).
         */
        void missed(double sd, int j) {
            int f = fruitless;
            double[] t = table;
            if (f >= FRUITLESS && t[j] != sd && sd >= Double.MIN_NORMAL && sd < Double.POSITIVE_INFINITY) {
                fruitless = f == RETRY_EVERY - 1 ? 0 : f + 1;
                computed++;
                t[j] = sd;
                t[j + 1] = Math.log(sd);
                t[j + 2] = 1 / sd;
                t[j + 3] = 0;
            } else {
                try {
                    refill.invokeExact(this, sd, j);
                } catch (Throwable e) {
                    throw NeverInlined.rethrown(e);
                }
            }
        }

        /**
         * Out of line: an sd found in its slot {@code j} when {@link #publishes} says so, put in {@link #KNOWN}; or an
         * sd not in its slot, tested (the tables and {@link #KNOWN} hold valid sds only, so the constructor tests
         * none), whose log and reciprocal are found among the displaced sds or computed, put in the slot, the sd it
         * displaces kept. Once the displaced sds are no longer searched, {@link #missed} computes a valid sd's
         * constants itself.
         */
        void refill(double sd, int j) {
            double[] t = table;
            if (t[j] == sd) {
                Shared s = new Shared(sd, t[j + 1], t[j + 2]);
                KNOWN[knownSlot(sd)] = s;
                last = s;
                return;
            }
            if (!(sd >= Double.MIN_NORMAL && sd < Double.POSITIVE_INFINITY)) {
                throw rejected(0, sd); // the constructor has accepted the mean
            }
            double lg;
            double inv;
            double[] d = displaced;
            int k = secondSlot(sd);
            if (d[k] == sd) {
                fruitless = 0;
                lg = d[k + 1];
                inv = d[k + 2];
            } else {
                fruitless++;
                lg = Math.log(sd);
                inv = 1 / sd;
                computed++;
            }
            double out = t[j];
            if (out == out) {
                int m = secondSlot(out);
                d[m] = out;
                d[m + 1] = t[j + 1];
                d[m + 2] = t[j + 2];
            }
            t[j] = sd;
            t[j + 1] = lg;
            t[j + 2] = inv;
            t[j + 3] = 0;
        }

        private static double[] unfilled(int length) {
            double[] r = new double[length];
            java.util.Arrays.fill(r, Double.NaN);
            return r;
        }
    }

    /** The whole real line. */
    @Override
    public Support support() {
        return Support.REAL;
    }

    /**
     * Where the doubles at {@code x} are spaced so widely beside the sd that the density changes within one double's
     * rounding cell ({@link RoundingCells}): a proposal's draw there counts with weight 0.
     */
    @Override
    public boolean unrepresentableAt(double x) {
        if (RoundingCells.surelyFine(x, sd)) {
            return false;
        }
        double z = (x - mean) * invSd;
        return RoundingCells.tooWide(Math.ulp(x) * invSd, 1 + z * z);
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

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Normal(Normal original) {
        this.mean = original.mean;
        this.sd = original.sd;
        this.logSd = original.logSd;
        this.invSd = original.invSd;
    }

    /**
     * An equal Normal, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Normal detached() {
        return new Normal(this);
    }
}
