package dev.ariadne.core.dist;

/**
 * The log of the last scale this thread made a {@link Laplace}, {@link Cauchy}, {@link LogNormal} or
 * {@link HalfNormal} with. A model makes such a distribution at each observation with one latent scale
 * ({@code new Laplace(a + b * x[i], s)} at 100 points, s drawn once a run), and each took {@code log(s)} again,
 * where a hand-written loop takes it once a run. ({@link Exponential} takes its rate's log from {@link KeptLog}, where
 * a rate drawn at a Gamma site has its log already.) The same call on
 * the same argument ({@link Math#log}), so the results are bit for bit those of computing it afresh. Kept apart from
 * {@link KeptLog}
 * (the log of a point), which a LogNormal's density at a new observation replaces at each site. Each thread has its
 * own entry ({@link PerThreadSlot}).
 */
final class ScaleLog extends PerThreadSlot.Entry {

    private static final PerThreadSlot<ScaleLog> LAST = new PerThreadSlot<>(ScaleLog::new);

    /** The scale whose log this is; NaN, which equals no scale, until the first. */
    private double scale = Double.NaN;
    private double log = Double.NaN;

    /** {@code Math.log(scale)}, taken once for consecutive calls at the same (validated, positive) scale. */
    static double of(double scale) {
        ScaleLog last = LAST.get();
        if (last.scale != scale) {
            last.log = Math.log(scale);
            last.scale = scale;
        }
        return last.log;
    }
}
