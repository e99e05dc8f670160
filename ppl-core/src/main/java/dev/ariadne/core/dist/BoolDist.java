package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/** A distribution over {true, false}. Its support is always finite, so it can always be enumerated. */
public non-sealed interface BoolDist extends Dist {

    /** Draws one value from this distribution using the given random stream. */
    boolean sample(Rng rng);

    /** The natural log of the probability of {@code b}. */
    double logMass(boolean b);

    @Override
    default Support support() {
        return Support.BOOLEAN;
    }

    @Override
    default ValueKind valueKind() {
        return ValueKind.BOOL;
    }
}
