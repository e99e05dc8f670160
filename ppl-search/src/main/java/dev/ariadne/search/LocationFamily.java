package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import java.util.List;

/**
 * A site family that is a Normal(loc, exp(logScale)) in an unconstrained coordinate u = unconstrained(x) of the
 * value, with the Jacobian of the map counted in the proposal's density. Its two parameters are {@code loc} and
 * {@code logScale}. A structured guide makes the location of such a site affine in earlier choices, so only these
 * families take part as regressed sites; scores and refits follow from the normal in u, in closed form.
 */
public interface LocationFamily extends SiteFamily {

    /** The unconstrained coordinate of the value x at a site with this prior (x, log x, a logit, ...). */
    double unconstrained(Dist prior, double x);

    /** The proposal whose unconstrained coordinate is Normal(loc, scale). */
    Dist proposal(double loc, double scale, Dist prior);

    /** Two: {@code loc} and {@code logScale}. */
    @Override
    default int arity(Dist prior) {
        return 2;
    }

    /** {@code [loc, logScale]}. */
    @Override
    default List<String> parameterNames(int arity) {
        return SiteSpec.LOCATION_PARAMETERS;
    }

    /** {@code proposal(p[offset], exp(p[offset + 1]), prior)}. */
    @Override
    default Dist proposal(double[] p, int offset, Dist prior) {
        return proposal(p[offset], Math.exp(p[offset + 1]), prior);
    }

    /** With z = (u - loc) / scale: d/dloc = z / scale and d/dlogScale = z^2 - 1 (the Jacobian does not move). */
    @Override
    default void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        double s = Math.exp(p[offset + 1]);
        double z = (unconstrained(prior, x) - p[offset]) / s;
        out[0] = z / s;
        out[1] = z * z - 1;
    }

    /** The same location with the scale times {@code factor}. */
    @Override
    default void widened(double[] p, int offset, Dist prior, double factor, double[] out) {
        Refits.widenedScale(p, offset, factor, out);
    }

    /** The weighted mean and log sd of the unconstrained coordinates. */
    @Override
    default void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        int n = data.size();
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = unconstrained(prior, data.x()[i]);
        }
        Refits.normal(u, data.weight(), n, new double[] {p[offset], p[offset + 1]}, out);
    }
}
