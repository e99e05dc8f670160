package dev.ariadne.search;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Support;

/**
 * A categorical distribution over the integers lower .. lower + k - 1: value lower + i has the probability of
 * index i under {@code categorical}. The mean-field family proposes it at sites whose prior has a finite integer
 * support that does not start at 0 (a DiscreteUniform(1, 29) change point, say).
 *
 * @param lower       the smallest value
 * @param categorical the probabilities of lower, lower + 1, ...
 */
public record ShiftedCategorical(int lower, Categorical categorical) implements IntDist {

    /** Validates that the largest value fits in an int. */
    public ShiftedCategorical {
        if (categorical == null) {
            throw new dev.ariadne.core.dist.ParameterException("ShiftedCategorical", "categorical", Double.NaN,
                    "non-null", "null");
        }
        if ((long) lower + categorical.size() - 1 > Integer.MAX_VALUE) {
            throw new dev.ariadne.core.dist.ParameterException("ShiftedCategorical", "lower", lower,
                    "<= " + (Integer.MAX_VALUE - categorical.size() + 1) + " for " + categorical.size() + " values");
        }
    }

    /** The integers lower .. lower + k - 1. */
    @Override
    public Support support() {
        return Support.integers(lower, lower + categorical.size() - 1);
    }

    /** The categorical's draw, shifted by lower. */
    @Override
    public int sample(Rng rng) {
        return lower + categorical.sample(rng);
    }

    /** The categorical's log mass at k - lower; {@code -inf} outside the support. */
    @Override
    public double logMass(int k) {
        long i = (long) k - lower;
        return i < 0 || i >= categorical.size() ? Double.NEGATIVE_INFINITY : categorical.logMass((int) i);
    }

    /** lower + the categorical's mean. */
    @Override
    public double mean() {
        return lower + categorical.mean();
    }

    /** The categorical's variance. */
    @Override
    public double variance() {
        return categorical.variance();
    }
}
