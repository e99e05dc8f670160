package dev.ariadne.inference.stats;

import dev.ariadne.core.dist.LogMath;

/**
 * A lower bound on the wealth of betting run by run against "the mean weight is at most m", for weights in
 * {@code [0, c]}, from two sums alone: the betting upper bound's second half ({@link BettingBound}).
 *
 * <p>With {@code x_i = w_i / c} and {@code t = m / c}, betting g in [0, 1) on each run multiplies wealth by
 * {@code 1 + g y_i}, where {@code y_i = (t - x_i) / (1 - t) >= -1}; at {@code t <= mu / c} the product is a
 * nonnegative supermartingale. Fan, Grama and Liu (2015) give {@code log(1 + g y) >= g y + (log(1 - g) + g) y^2}
 * for {@code y >= -1}, so the log wealth is at least {@code g sum y + (log(1 - g) + g) sum y^2}, where
 * {@code sum y = (n t - S1) / (1 - t)} and {@code sum y^2 = (n t^2 - 2 t S1 + S2) / (1 - t)^2} need only
 * {@code S1 = sum x} and {@code S2 = sum x^2}: an empirical-Bernstein bound, which tightens as the runs grow where
 * bets on batch means cannot. The wealth is mixed uniformly over the same bets as the batches'.
 *
 * <p>The sums come from plain sums within each batch of B runs and a compensated sum over the batches, each
 * {@code x} one rounding of {@code exp}; S1 and S2 are read with that rounding's worst case, (B + 4) units of 2^-52,
 * on the side that lowers the wealth, and the few operations here with a relative allowance of 1e-12 of their
 * terms, so that the rounding of the doubles can only make the bound looser.
 */
final class EmpiricalBernstein {
    /** The relative allowance for the rounding of the handful of operations on the sums. */
    private static final double OPERATIONS = 1e-12;

    private final double runs;
    private final double sumLow;
    private final double sumHigh;
    private final double squaresHigh;
    private final boolean informative;

    /**
     * @param runs    the runs the sums cover
     * @param batch   the runs of each batch, whose plain sums make the sums
     * @param batches the batches, summed with compensation
     * @param sum     the sum of the scaled weights {@code w / c}, each in [0, 1]
     * @param squares the sum of their squares
     */
    EmpiricalBernstein(long runs, int batch, int batches, double sum, double squares) {
        double relative = 2 * (batch + 4.0) * Math.ulp(1.0);
        this.runs = runs;
        this.sumLow = sum * (1 - relative);
        this.sumHigh = sum * (1 + relative);
        this.squaresHigh = squares * (1 + relative);
        this.informative = runs > 0 && batches > 0 && relative < 0.25;
    }

    /**
     * A lower bound on the log of the per-run wealth against a mean of {@code t c}, {@code t} in (0, 1), mixed over
     * the bets; {@code -inf} where the sums' rounding could be too large to say anything.
     */
    double logWealthAtLeast(double t) {
        if (!informative) {
            return Double.NEGATIVE_INFINITY;
        }
        double nt = runs * t;
        double drift = (nt - sumHigh - OPERATIONS * (nt + sumHigh)) / (1 - t);
        double spread = runs * t * t - 2 * t * sumLow + squaresHigh;
        spread += OPERATIONS * (runs * t * t + 2 * t * sumHigh + squaresHigh);
        double oneMinusT = 1 - t;
        double squares = Math.max(0, spread) / (oneMinusT * oneMinusT);
        double[] bets = BettingBound.betsShared();
        double[] log1m = BettingBound.log1mBetsShared();
        double[] logs = new double[bets.length];
        for (int b = 0; b < bets.length; b++) {
            logs[b] = bets[b] * drift + (log1m[b] + bets[b]) * squares;
        }
        return LogMath.logSumExp(logs) - Math.log(bets.length);
    }
}
