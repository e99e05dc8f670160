package dev.ariadne.core.dist;

/**
 * The two logs of the last point of the unit interval this thread took them of, {@code log x} and
 * {@code log(1 - x)}: the constants of a {@code Bernoulli(p)}, {@code Binomial(n, p)} or {@code Geometric(p)} and the
 * terms of a Beta's log density. A model that observes ten flips with {@code new Bernoulli(bias)} at each, or a Beta
 * site guided by a Beta (the proposal's density and the prior's at the same draw) followed by a
 * {@code Binomial(n, theta)} observation, takes the two logs once instead of at each. They are the same computation
 * on the same argument ({@link Math#log} and {@link LogMath#log1p}), so the results are bit for bit those of
 * computing them afresh.
 * Each thread has its own entry ({@link PerThreadSlot}).
 *
 * <p>The entry also keeps the logs of the two points it held before, which a miss searches before taking
 * them: a bool site whose prior and proposal are both made there ({@code Bernoulli(w)} in the model,
 * {@code Bernoulli(p_z)} from the guide) takes turns between two points, and took four logs at each site.
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
    /** The point held before this one, with its logs (NaN's bits and NaN logs where none). */
    private long bits1 = bits;
    private double log1 = Double.NaN;
    private double log1m1 = Double.NaN;
    /** The point held before that one, with its logs. */
    private long bits2 = bits;
    private double log2 = Double.NaN;
    private double log1m2 = Double.NaN;
    /** How many points' logs this entry has taken outside its {@link #memo}. */
    private long taken;
    /**
     * The logs of points met before the three held: Bernoulli probabilities per arm with the arms' events in the
     * order they came (an A/B test of 20 arms, 1,000 events) missed the held points at every observation, and took two
     * logs there, 80% of such a model's time.
     */
    private final LogMemo memo = LogMemo.ofUnitPoints();

    /** How many points' logs this entry has taken: the misses that found no earlier point, nor its memo. */
    long logsTaken() {
        return taken + memo.taken;
    }

    /**
     * This thread's entry, holding the logs of x, for a point that is most often new (a Beta's density at a draw): taken
     * in line where the held point is another, without searching the earlier points. Their search, inlined with it
     * where misses are hot, made the code of a real site whose Beta prior is made there (betabin's) too big for C2 to
     * inline into the model: the site was called and its prior allocated, and betabin ran about 10% slower.
     */
    static UnitLogs at(double x) {
        UnitLogs last = LAST.get();
        long bits = Double.doubleToRawLongBits(x);
        if (last.bits != bits) {
            last.log = Math.log(x);
            last.log1m = LogMath.log1p(-x);
            last.bits = bits;
        }
        return last;
    }

    /**
     * This thread's entry, holding the logs of x, for a point that may have been held before (a Bernoulli's or a
     * Binomial's probability): the earlier points are searched before the logs are taken.
     */
    static UnitLogs of(double x) {
        UnitLogs last = LAST.get();
        long bits = Double.doubleToRawLongBits(x);
        if (last.bits != bits) {
            last.missed(bits, x);
        }
        return last;
    }

    /**
     * Out of line where it is rare (too big to inline at a cold call): the logs of a new point, found among the two
     * earlier points or taken; the earlier points are kept in order of use, and the oldest goes.
     */
    private void missed(long bits, double x) {
        double lg;
        double lg1m;
        if (bits == bits1) {
            lg = log1;
            lg1m = log1m1;
        } else {
            if (bits == bits2) {
                lg = log2;
                lg1m = log1m2;
            } else {
                int i = memo.unitSlot(x);
                if (i >= 0) {
                    lg = memo.logAt(i);
                    lg1m = memo.log1mAt(i);
                } else {
                    lg = Math.log(x);
                    lg1m = LogMath.log1p(-x);
                    taken++;
                }
            }
            bits2 = bits1;
            log2 = log1;
            log1m2 = log1m1;
        }
        bits1 = this.bits;
        log1 = this.log;
        log1m1 = this.log1m;
        this.bits = bits;
        this.log = lg;
        this.log1m = lg1m;
    }
}
