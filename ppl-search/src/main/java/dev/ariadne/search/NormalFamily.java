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
