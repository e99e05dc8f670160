package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/** A distribution over real numbers, with a density with respect to Lebesgue measure. */
public non-sealed interface RealDist extends Dist {

    /** Draws one value from this distribution using the given random stream. */
    double sample(Rng rng);

    /** The natural log of the density at {@code x}; {@code -inf} outside the support, never NaN for a non-NaN x. */
    double logDensity(double x);

    /**
     * Whether {@code x}, drawn by this distribution as a proposal, lies where the doubles cannot carry its density's
     * mass: such a draw gives its run weight 0 ({@link dev.ariadne.core.FailureCause#UNREPRESENTABLE_DRAW}).
     *
     * <p>A draw is a double, and stands for all the reals that round to it. Where the density is nearly constant over
     * that rounding cell (anywhere the cell is narrow beside the distance to a singularity), p(x) / q(x) is the ratio
     * of the cells' masses and the weight is right; near a finite end of the support the cells are as wide as the
     * distance to the end (the doubles below 1 are 2^-53 apart, the smallest ones below 2^-1022 are 2^-1074 apart), a
     * density that is unbounded there (a Beta with a shape below 1, a Gamma with a shape below 1) changes by a large
     * factor across a cell, and so does its ratio to another: a proposal that puts mass there gets weights that
     * overstate P(e) (an outside statistician: a Beta(21, 0.08) proposal drew 8% of its values within 1e-15 of 1,
     * its estimate of P(e) was 0.9% high at 155 standard errors, and its certified lower bound above P(e) in 500 of
     * 500 seeds). So too a proposal whose scale is near the doubles' spacing at its draws: its density changes
     * within a cell however smooth it is (a Normal of sd 0.7 times the spacing at 1.7e9 put its certified lower bound
     * above P(e) in 47 calls of 50). Such draws count with weight 0 instead: the estimates leave out that zone's
     * share of P(e), and the lower bounds hold. The default is nowhere; a distribution with such an end, or one of a
     * location and a scale, overrides this.
     *
     * <p>It says only where a run is left out, never what a kept run weighs: the weight of a kept run is always
     * {@link #logDensity} (an adversarial tester's distribution, which declared another proposal density than its
     * logDensity, read log P(e) 162 standard errors high with its lower bound above the truth, when the proposal's
     * density was read from a method of its own).
     */
    default boolean unrepresentableAt(double x) {
        return false;
    }

    /**
     * The log density of {@code q} at {@code x} as a proposal's, for an importance weight p(x) / q(x) at a value
     * {@code q} drew: its {@link #logDensity}, or {@code +inf} where {@link #unrepresentableAt} (the run then counts
     * with weight 0).
     */
    static double proposalLogDensity(RealDist q, double x) {
        return q.unrepresentableAt(x) ? Double.POSITIVE_INFINITY : q.logDensity(x);
    }

    /** The mean; throws {@link ArithmeticException} where it does not exist (Cauchy). */
    double mean();

    /** The variance; {@code +inf} where it is infinite, {@link ArithmeticException} where it is undefined. */
    double variance();

    @Override
    default ValueKind valueKind() {
        return ValueKind.REAL;
    }
}
