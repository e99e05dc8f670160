package dev.ariadne.core.dist;

import java.io.Serializable;

/**
 * A probability distribution: an immutable value that says where a random choice may land ({@link #support()})
 * and how probable each value is. Distributions come in five kinds, one per type of value, so that doubles,
 * ints and booleans never box: {@link RealDist}, {@link IntDist}, {@link BoolDist}, {@link VecDist} and
 * {@link ObjDist}. A user adds a distribution by implementing one kind.
 */
public sealed interface Dist extends Serializable permits RealDist, IntDist, BoolDist, VecDist, ObjDist {

    /** The set of values with positive density (or mass); values outside it have log density {@code -inf}. */
    Support support();

    /** The kind of value this distribution produces. */
    ValueKind valueKind();

    /** A short human-readable name with parameters, such as {@code Normal(0.0, 1.0)}. */
    default String describe() {
        return toString();
    }
}
