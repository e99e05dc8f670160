package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * A distribution over integers, with a probability mass function. When its {@link #support()} is finite it can
 * be enumerated: every k from the support's lower to upper end, with {@code exp(logMass(k))}.
 */
public non-sealed interface IntDist extends Dist {

    /** Draws one value from this distribution using the given random stream. */
    int sample(Rng rng);

    /** The natural log of the probability of {@code k}; {@code -inf} outside the support. */
    double logMass(int k);

    /** The mean. */
    double mean();

    /** The variance. */
    double variance();

    @Override
    default ValueKind valueKind() {
        return ValueKind.INT;
    }
}
