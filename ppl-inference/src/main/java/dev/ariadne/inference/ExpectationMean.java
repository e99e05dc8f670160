package dev.ariadne.inference;

import dev.ariadne.inference.stats.LogSumExp;
import dev.ariadne.inference.stats.ParetoKHat;

/**
 * A declared expectation's {@link WeightedMean}, with the upper tail of log(w |f|), each run's weight times the size of
 * its value (0 for a failed run or a value of 0): Pareto k-hat there judges whether the weighted mean converges, as
 * the weights' own k-hat judges P(e)'s (PSIS's check of a function of the draws, Vehtari et al.). A quantity with no
 * posterior mean (1/x with x near 0, a Cauchy's value) read E[1/x] 19 +- 21 from healthy weights, with nothing said.
 * The tail merges as the weights' does, so the result is the same on any number of threads.
 */
final class ExpectationMean extends WeightedMean {

    private static final long serialVersionUID = 1L;

    private final ParetoKHat tail;
    /** The sum of the runs' w |f|, in logs: the largest one's share of it ({@link #largestShare}). */
    private final LogSumExp magnitude = new LogSumExp();

    /** An empty mean, with a tail for about {@code expectedRuns} runs. */
    ExpectationMean(long expectedRuns) {
        tail = new ParetoKHat(expectedRuns);
    }

    @Override
    void add(double l, double f) {
        double lf = l == Double.NEGATIVE_INFINITY || f == 0 ? Double.NEGATIVE_INFINITY : l + Math.log(Math.abs(f));
        tail.add(lf);
        magnitude.add(lf);
        super.add(l, f);
    }

    /** Counts a failed run, whose value is not asked for: a zero in the tail's count. */
    void addFailed() {
        tail.countOnly(Double.NEGATIVE_INFINITY);
    }

    @Override
    void merge(WeightedMean o) {
        tail.merge(((ExpectationMean) o).tail);
        magnitude.merge(((ExpectationMean) o).magnitude);
        super.merge(o);
    }

    /** The tail of log(w |f|) over every run added. */
    ParetoKHat tail() {
        return tail;
    }

    /**
     * The largest size of a value over the runs, over the weighted mean size {@code sum w |f| / sum w}: 1 where every
     * value has one size, far above 1 where a rare run's value is far larger than most (1/x near x = 0); +inf where
     * every value is 0, NaN for no run.
     */
    double sizeSpread() {
        return Math.exp(Math.log(largestSize()) - (magnitude.logSum() - logWeightSum()));
    }

    /** The largest run's share of the sum of w |f| over the runs: 1 for a single run, 0 for none. */
    double largestShare() {
        double sum = magnitude.logSum();
        return sum == Double.NEGATIVE_INFINITY ? 0 : Math.exp(magnitude.max() - sum);
    }
}
