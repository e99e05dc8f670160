package dev.ariadne.inference.mcmc;

import dev.ariadne.core.dist.Support;

/**
 * The map from the real line onto a real site's support that a random walk walks through: the identity on the
 * real line, x = exp(u) on the half-line, x = a + (b - a) / (1 + exp(-u)) on an interval [a, b], and x = a + exp(u)
 * or b - exp(u) on an interval open at one end. A walk that proposes u' = u + step z in that space has, in the
 * original space, the proposal density N(u'; u, step) |du'/dx'|, so its Metropolis-Hastings ratio gains
 * log |dx'/du'| - log |dx/du|: {@link #logJacobian} at the new value minus at the old.
 */
final class Unconstrained {

    /** The kinds of map, by which ends of the support are finite. */
    private enum Shape {
        IDENTITY, ABOVE, BELOW, BETWEEN, NONE
    }

    private Unconstrained() {
    }

    private static Shape shape(Support s) {
        switch (s.type()) {
            case REAL:
                return Shape.IDENTITY;
            case POSITIVE:
                return Shape.ABOVE;
            case INTERVAL:
                boolean low = s.lower() > Double.NEGATIVE_INFINITY;
                boolean high = s.upper() < Double.POSITIVE_INFINITY;
                return low && high ? Shape.BETWEEN : low ? Shape.ABOVE : high ? Shape.BELOW : Shape.IDENTITY;
            default:
                return Shape.NONE;
        }
    }

    /** Whether the support is one the walk can move on. */
    static boolean walkable(Support s) {
        return shape(s) != Shape.NONE;
    }

    /** u for a value x inside the support; infinite at (or beyond) a finite end. */
    static double toFree(Support s, double x) {
        switch (shape(s)) {
            case ABOVE:
                return Math.log(x - s.lower());
            case BELOW:
                return Math.log(s.upper() - x);
            case BETWEEN:
                return Math.log(x - s.lower()) - Math.log(s.upper() - x);
            default:
                return x;
        }
    }

    /** x for a point u of the unconstrained space. */
    static double fromFree(Support s, double u) {
        switch (shape(s)) {
            case ABOVE:
                return s.lower() + Math.exp(u);
            case BELOW:
                return s.upper() - Math.exp(u);
            case BETWEEN:
                double width = s.upper() - s.lower();
                return u >= 0 ? s.lower() + width / (1 + Math.exp(-u)) : s.upper() - width / (1 + Math.exp(u));
            default:
                return u;
        }
    }

    /**
     * Whether x lies strictly inside the support's finite ends, where the map is a bijection; a value mapped onto
     * an end by rounding is refused by the walk (a set of probability zero in exact arithmetic).
     */
    static boolean inside(Support s, double x) {
        return x > s.lower() && x < s.upper();
    }

    /** log |dx/du| at the value x. */
    static double logJacobian(Support s, double x) {
        switch (shape(s)) {
            case ABOVE:
                return Math.log(x - s.lower());
            case BELOW:
                return Math.log(s.upper() - x);
            case BETWEEN:
                return Math.log(x - s.lower()) + Math.log(s.upper() - x) - Math.log(s.upper() - s.lower());
            default:
                return 0;
        }
    }
}
