package dev.ariadne.core.dist;

/**
 * The log of the last non-negative real this thread took it of: the {@code log x} of a Gamma's or a LogNormal's
 * density and the {@code log(rate)} of a {@code Poisson(rate)} or an {@code Exponential(rate)}. A guided Gamma site
 * evaluates the proposal's density and the prior's at the same draw, and a {@code Poisson} of that rate follows: one
 * log where there were three. The same call on the same argument ({@link Math#log}), so the results are bit for bit
 * those of computing it afresh. The point is compared by its bits, as {@link UnitLogs} compares its own. Each thread
 * has its own entry ({@link PerThreadSlot}).
 */
final class KeptLog extends PerThreadSlot.Entry {

    private static final PerThreadSlot<KeptLog> LAST = new PerThreadSlot<>(KeptLog::new);

    /** The bits of the point whose log this is; NaN's (with a NaN log, as Math.log gives) until the first. */
    private long bits = Double.doubleToRawLongBits(Double.NaN);
    private double log = Double.NaN;

    /** {@code Math.log(x)}, taken once for consecutive calls at the same x on this thread. */
    static double of(double x) {
        KeptLog last = LAST.get();
        long bits = Double.doubleToRawLongBits(x);
        if (last.bits != bits) {
            last.log = Math.log(x);
            last.bits = bits;
        }
        return last.log;
    }

    /** This thread's entry, for a caller that holds it ({@link #logOr}). */
    static KeptLog mine() {
        return LAST.get();
    }

    /**
     * This entry's kept log if it is x's (a rate a Gamma density just scored), else {@code Math.log(x)} from
     * {@code memo}, a caller's table of points met before; the kept point stays as it was. Small enough for C2 to
     * inline at any call, however rare (see {@link LogMemo#log}).
     */
    double logOr(double x, LogMemo memo) {
        return bits == Double.doubleToRawLongBits(x) ? log : memo.log(x);
    }

    /**
     * {@link #of}, for a point that may have been met in an earlier run (a LogNormal's or a Gamma's observation: the
     * data are the same in every run): where the kept point is another, its log is looked for in this thread's table
     * of points met before ({@link #data}) before it is taken.
     */
    static double ofData(double x) {
        KeptLog last = LAST.get();
        long bits = Double.doubleToRawLongBits(x);
        if (last.bits != bits) {
            last.log = last.data.log(x);
            last.bits = bits;
        }
        return last.log;
    }

    /** The logs of points met before; consulted only by {@link #ofData}'s misses. */
    private final LogMemo data = new LogMemo();
}
