package dev.ariadne.inference.mcmc;

import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.ValueKind;
import dev.ariadne.core.dist.VecDist;

/** A distribution's log density (or mass) at a value held as a state holds it: a scalar or an object. */
final class Densities {

    private Densities() {
    }

    /**
     * log d(value) for a value of the given kind; {@code -inf} when the distribution is of another kind (a
     * proposal that cannot produce the value).
     */
    @SuppressWarnings("unchecked")
    static double logDensity(Dist d, ValueKind kind, double scalar, Object object) {
        if (d.valueKind() != kind) {
            return Double.NEGATIVE_INFINITY;
        }
        switch (kind) {
            case REAL:
                return ((RealDist) d).logDensity(scalar);
            case INT:
                return ((IntDist) d).logMass((int) scalar);
            case BOOL:
                return ((BoolDist) d).logMass(scalar != 0);
            case VECTOR:
                return ((VecDist) d).logDensity((double[]) object);
            default:
                return ((ObjDist<Object>) d).logDensity(object);
        }
    }
}
