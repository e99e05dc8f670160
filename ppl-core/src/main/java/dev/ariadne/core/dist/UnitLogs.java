package dev.ariadne.core.dist;

/**
 * The two logs of the last point of the unit interval this thread took them of, {@code log x} and
 * {@code log(1 - x)}: the constants of a {@code Bernoulli(p)} or {@code Binomial(n, p)} and the terms of a Beta's
 * log density. A model that observes ten flips with {@code new Bernoulli(bias)} at each, or a Beta site guided by a
 * Beta (the proposal's density and the prior's at the same draw) followed by a {@code Binomial(n, theta)}
 * observation, takes the two logs once instead of at each. They are the same computation on the same argument
 * ({@link Math#log} and {@link LogMath#log1p}), so the results are bit for bit those of computing them afresh.
 * Each thread has its own entry ({@link PerThreadSlot}).
 */
final class UnitLogs extends PerThreadSlot.Entry {

    private static final PerThreadSlot<UnitLogs> LAST = new PerThreadSlot<>(UnitLogs::new);

    /**
     * The bits of the point whose logs these are, compared as bits: 0.0 and -0.0 are equal as doubles, but
     * {@code log1p(-x)} is -0.0 at one and 0.0 at the other. NaN's bits (with NaN logs, as Math.log gives) until the
     * first; no caller passes NaN.
     */
    private long bits = Double.doubleToRawLongBits(Double.NaN);
    /** {@code log x}. */
    double log = Double.NaN;
    /** {@code log(1 - x)}, as {@link LogMath#log1p}{@code (-x)}. */
    double log1m = Double.NaN;

    /** This thread's entry, holding the logs of x. */
    static UnitLogs of(double x) {
        UnitLogs last = LAST.get();
        long bits = Double.doubleToRawLongBits(x);
        if (last.bits != bits) {
            last.log = Math.log(x);
            last.log1m = LogMath.log1p(-x);
            last.bits = bits;
        }
        return last;
    }
}
