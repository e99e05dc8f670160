package dev.ariadne.core.dist;

import dev.ariadne.core.UserText;
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

    /**
     * A short human-readable name with parameters, such as {@code Normal(0.0, 1.0)}: by default its
     * {@code toString()}, or, where that throws, its class's name and what it threw, so that an error naming this
     * distribution says its own cause (a user distribution whose {@code toString()} threw hid the NaN density that
     * the error was about, an adversarial tester).
     */
    default String describe() {
        try {
            return toString();
        } catch (RuntimeException e) {
            return getClass().getName() + " (whose toString() threw " + UserText.of(e) + ")";
        }
    }

    /**
     * A distribution equal to this one (the same law, the same densities, bit for bit) that a trace, a handler or a
     * guide may keep: the engine's general path records this in place of the object the model made at its site, so
     * that this object never leaves the site. Statistically nothing changes; it is a matter of speed. A model compiled
     * after any run in the same JVM took the general path (a trace, {@code Importance.check}, the diagnostics' own
     * runs) would otherwise have every distribution it makes at a site allocated, since the general path's branch,
     * once taken, is compiled into the model, and a distribution that leaves the site on any branch is allocated on
     * every one. Ariadne's distributions return a copy; the default returns this object, which is correct and only
     * slower.
     */
    default Dist detached() {
        return this;
    }
}
