package dev.ariadne.core.dist;

/**
 * {@code exp(-mean)}, a Poisson's mass at 0, for the last mean this thread drew a Poisson at: where inversion starts.
 * A model that draws its hourly counts from {@code new Poisson(rate)} with one rate for the run took an exp at each
 * draw. The same computation on the same argument, compared by its bits, so the draws are bit for bit those of
 * computing it afresh. Each thread has its own entry ({@link PerThreadSlot}).
 */
final class ZeroMass extends PerThreadSlot.Entry {

    private static final PerThreadSlot<ZeroMass> LAST = new PerThreadSlot<>(ZeroMass::new);

    /** The bits of the mean whose mass at 0 this holds: NaN's, which no draw passes, until the first. */
    private long bits = Double.doubleToRawLongBits(Double.NaN);
    private double mass = Double.NaN;

    /** {@code exp(-mean)}. */
    static double of(double mean) {
        ZeroMass last = LAST.get();
        long b = Double.doubleToRawLongBits(mean);
        if (last.bits != b) {
            last.mass = Math.exp(-mean);
            last.bits = b;
        }
        return last.mass;
    }
}
