package dev.ariadne.core.dist;

/**
 * The log of the last scale this thread made a {@link Laplace}, {@link Cauchy}, {@link LogNormal} or
 * {@link HalfNormal} with, and, in an entry of its own ({@link #ofWidth}), of the last width of a {@link Uniform}. A
 * model makes such a distribution at each observation with one latent scale ({@code new Laplace(a + b * x[i], s)} at
 * 100 points, s drawn once a run, or {@code new Uniform(0, theta)}), and each took {@code log(s)} again, where a
 * hand-written loop takes it once a run. ({@link Exponential} takes its rate's log from {@link KeptLog}, where a rate
 * drawn at a Gamma site has its log already.) The same call on the same argument ({@link Math#log}), so the results
 * are bit for bit those of computing it afresh. Kept apart from {@link KeptLog} (the log of a point), which a
 * LogNormal's density at a new observation replaces at each site. Each thread has its own entry
 * ({@link PerThreadSlot}).
 */
final class ScaleLog extends PerThreadSlot.Entry {

    private static final PerThreadSlot<ScaleLog> LAST = new PerThreadSlot<>(ScaleLog::new);
    /**
     * The widths' entries, apart from the scales': a model with a {@code Uniform(-1, 1)} prior and a
     * {@code HalfNormal(1)} prior, each made once a run, would otherwise take both logs at every run.
     */
    private static final PerThreadSlot<ScaleLog> WIDTH = new PerThreadSlot<>(ScaleLog::new);

    /** The scale whose log this is; NaN, which equals no scale, until the first. */
    private double scale = Double.NaN;
    private double log = Double.NaN;
    /**
     * The logs of scales this thread met before: a scale per group with the groups' data interleaved (a
     * {@code Laplace(u[g], s[g])} at each point) misses the last scale at every site, but finds its log here from the
     * second run on.
     */
    private final LogMemo memo = new LogMemo();

    /** {@code Math.log(scale)}, taken once for consecutive calls at the same (validated, positive) scale. */
    static double of(double scale) {
        return LAST.get().logOf(scale);
    }

    /**
     * {@code Math.log(width)}, taken once for consecutive calls at the same (validated, positive, finite) width of a
     * {@link Uniform} on this thread: a {@code Uniform(0, theta)} made at each observation of one latent theta takes
     * it once a run, as a loop hoists it.
     */
    static double ofWidth(double width) {
        return WIDTH.get().logOf(width);
    }

    private double logOf(double x) {
        if (scale != x) {
            missed(x);
        }
        return log;
    }

    /**
     * Another scale than the last: its log from the scales met in earlier runs ({@link #memo}), or taken. Out of line
     * where it is rare, and inlined by C2 where it is hot.
     */
    private void missed(double x) {
        log = memo.log(x);
        scale = x;
    }
}
