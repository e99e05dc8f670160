package dev.ariadne.search;

import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.VecDist;

/** Reading a site's value in the tape's form (scalars as doubles, booleans as 0/1) and scoring it under a Dist. */
final class Values {

    private Values() {
    }

    /** log q(value) for any scalar or vector kind; {@code -inf} for kinds it cannot score. */
    static double logDensity(Dist d, double x, double[] vec) {
        if (d instanceof RealDist r) {
            return r.logDensity(x);
        }
        if (d instanceof IntDist i) {
            return i.logMass((int) x);
        }
        if (d instanceof BoolDist b) {
            return b.logMass(x != 0);
        }
        if (d instanceof VecDist v) {
            return v.logDensity(vec);
        }
        return Double.NEGATIVE_INFINITY;
    }

    /** Fills the entry's value from the boxed history value. */
    static void fill(Tape.Entry e, Object value) {
        if (value instanceof Double dv) {
            e.x = dv;
        } else if (value instanceof Integer iv) {
            e.x = iv;
        } else if (value instanceof Boolean bv) {
            e.x = bv ? 1 : 0;
        } else if (value instanceof double[] a) {
            e.vec = a.clone();
        }
    }
}
