package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/** A distribution over real numbers, with a density with respect to Lebesgue measure. */
public non-sealed interface RealDist extends Dist {

    /** Draws one value from this distribution using the given random stream. */
    double sample(Rng rng);

    /** The natural log of the density at {@code x}; {@code -inf} outside the support, never NaN for a non-NaN x. */
    double logDensity(double x);

    /** The mean; throws {@link ArithmeticException} where it does not exist (Cauchy). */
    double mean();

    /** The variance; {@code +inf} where it is infinite, {@link ArithmeticException} where it is undefined. */
    double variance();

    @Override
    default ValueKind valueKind() {
        return ValueKind.REAL;
    }
}
