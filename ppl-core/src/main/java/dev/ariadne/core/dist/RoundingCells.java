package dev.ariadne.core.dist;

/**
 * Whether a proposal is too narrow for the doubles at its draw. A draw is a double and stands for the reals that round
 * to it, its rounding cell; the weight reads the proposal's mass over that cell as its density there times the cell's
 * width. Over a cell c wide (in units of the proposal's scale) the mass differs from that by about c^2 q''/(24 q),
 * which is nothing where the cell is narrow beside the scale, and everything where it is not: a Normal guide of sd 0.7
 * times the spacing of the doubles at its mean (a time stamp of 1.7e9 seconds read to 240 ns, where the doubles are
 * 2.4e-7 apart) put its draws on a few doubles far more often than its density says, and the certified lower bound
 * on P(e) lay above P(e) in 47 calls of 50 with nothing said; a guide search drove its Normal there by itself (an
 * outside statistician). Such a draw counts with weight 0 ({@link RealDist#unrepresentableAt}), so the estimates leave
 * out its share and the lower bounds hold.
 */
final class RoundingCells {

    /**
     * The largest relative error in a kept draw's cell mass, read as its density times the cell's width: a bias of at
     * most 1.5e-5 in P(e)-hat. Not 2^-20, as it was: a Normal guide 400 spacings wide left draws beyond 2 sds out, a
     * Laplace guide 8,000 wide its peak's, and a CMA-ES search whose posterior was 4,200 spacings wide met a trial
     * guide whose runs were all left out and returned its start (a false-alarm hunt); at 2^-16 a Normal is touched
     * only within about 200 spacings, where its draws beyond 4 sds go first.
     */
    static final double TOLERANCE = 0x1p-16;
    /**
     * A draw within this many scales of 0, of a proposal whose scale is at least {@link #LEAST_SCALE}, has a cell
     * under 2^-20 scales wide (a double's spacing is at most 2^-52 of it), whose error is below {@link #TOLERANCE}
     * within 5,000 scales of the proposal's centre: no test is needed.
     */
    static final double SCALES = 0x1p32;
    /** Below this scale the subnormals' fixed spacing of 2^-1074 may be a large part of it. */
    static final double LEAST_SCALE = 0x1p-1000;

    private RoundingCells() {
    }

    /** Whether {@code x} is within {@link #SCALES} scales of 0 for a scale of at least {@link #LEAST_SCALE}. */
    static boolean surelyFine(double x, double scale) {
        return Math.abs(x) < scale * SCALES && scale >= LEAST_SCALE;
    }

    /**
     * Whether a Student t of {@code df} degrees of freedom (a Cauchy at 1) is too narrow for the doubles at its draw
     * {@code x}: its q''/q, in units of the scale, is at most r (r z^2 + 1) with r = (df + 1) / (df + z^2).
     */
    static boolean studentTooNarrow(double x, double location, double scale, double df) {
        if (surelyFine(x, scale)) {
            return false;
        }
        double z = (x - location) / scale;
        if (!(Math.abs(z) < 1e150)) {
            return false; // q''/q falls as 1/z^2 in the tails, the cell's width in scales grows as z 2^-52
        }
        double r = (df + 1) / (df + z * z);
        return tooWide(Math.ulp(x) / scale, r * (r * z * z + 1));
    }

    /**
     * Whether a cell {@code cell} wide, in units of the proposal's scale, is too wide where the proposal's q''/q, in
     * those units, is at most {@code curvature} in magnitude.
     */
    static boolean tooWide(double cell, double curvature) {
        return !(cell * cell * curvature <= 24 * TOLERANCE);
    }
}
