package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;

/** Normal(loc, exp(logScale)) for real sites: the prior's own family for a Normal prior, moments otherwise. */
final class NormalFamily implements LocationFamily {

    private static final long serialVersionUID = 1L;
    static final NormalFamily INSTANCE = new NormalFamily();

    private NormalFamily() {
    }

    @Override
    public String name() {
        return "NORMAL";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof Normal || prior instanceof RealDist && prior.support().type() == Support.Type.REAL;
    }

    @Override
    public double[] initial(Dist prior) {
        if (prior instanceof Normal n) {
            return new double[] {n.mean(), Math.log(n.sd())};
        }
        return Refits.momentInit((RealDist) prior, 0, 1);
    }

    /**
     * A location so far from 0 beside the scale that the doubles within a scale of it, on both sides, are too coarse
     * for the scale: nearly every draw would be unrepresentable ({@link Normal#unrepresentableAt}) and fail its run.
     * A file with a location of 1e300 and a scale of 0.7 loaded, and every run of the call failed (an adversarial
     * tester). Not asked of a structured site with coefficients, whose location is not its intercept alone.
     */
    @Override
    public String parametersProblem(double[] values) {
        double loc = values[0];
        double scale = Math.exp(values[1]);
        Normal q = new Normal(loc, scale);
        // within a scale of the location on both sides: below a power of 2 the doubles are twice as fine (a hunt)
        if (!q.unrepresentableAt(loc) || !q.unrepresentableAt(loc - scale) || !q.unrepresentableAt(loc + scale)) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "a location of %s with a scale of %s: the doubles near that "
                + "location are %s apart, too coarse for the scale within a scale of it, so nearly every run would "
                + "fail at an unrepresentable draw: the scale must be at least about 52 times that spacing", loc, scale,
                Math.ulp(loc));
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return prior instanceof Normal;
    }

    @Override
    public double unconstrained(Dist prior, double x) {
        return x;
    }

    @Override
    public Dist proposal(double loc, double scale, Dist prior) {
        return new Normal(loc, scale);
    }

    @Override
    public double regressor(double x) {
        return x;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
