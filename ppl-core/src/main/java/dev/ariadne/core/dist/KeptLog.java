package dev.ariadne.core.dist;

/**
 * The log of the last two non-negative reals this thread took it of: the {@code log x} of a Gamma's or a LogNormal's
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

    /**
     * The point held before this one, with its log: two rates taking turns (a change point's, each drawn at a Gamma
     * site whose density takes its log, then each rate's first {@code Poisson}) find each other's here, where one
     * point held took both logs twice a run.
     */
    private long bitsBefore = Double.doubleToRawLongBits(Double.NaN);
    private double logBefore = Double.NaN;

    /** {@code Math.log(x)}, taken once for calls at the same x on this thread while it is one of the last two. */
    static double of(double x) {
        KeptLog last = LAST.get();
        long bits = Double.doubleToRawLongBits(x);
        if (last.bits != bits) {
            last.missed(bits, x);
        }
        return last.log;
    }

    /**
     * Another point than the last: the one before (the two change places) or a new one, whose log is taken (the last
     * becomes the one before). Out of line where it is rare, inlined by C2 where it is hot.
     */
    private void missed(long bits, double x) {
        long b = this.bits;
        double lg = this.log;
        if (bitsBefore == bits) {
            this.log = logBefore;
        } else {
            this.log = Math.log(x);
        }
        this.bits = bits;
        this.bitsBefore = b;
        this.logBefore = lg;
    }
}
