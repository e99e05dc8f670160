package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.util.List;

/**
 * A distribution over values of any type T, for choices that are not numbers (a rule, a tree, a string).
 *
 * @param <T> the type of value drawn
 */
public non-sealed interface ObjDist<T> extends Dist {

    /** Draws one value from this distribution using the given random stream. */
    T sample(Rng rng);

    /** The natural log of the density (or mass) at {@code x}; {@code -inf} outside the support. */
    double logDensity(T x);

    /**
     * Every value with positive mass, for exact enumeration. Distributions whose support is not finite throw
     * {@link UnsupportedOperationException}; the default does.
     */
    default List<T> enumerate() {
        throw new UnsupportedOperationException(describe() + " cannot enumerate its support");
    }

    @Override
    default Support support() {
        return Support.OBJECTS;
    }

    @Override
    default ValueKind valueKind() {
        return ValueKind.OBJECT;
    }
}
