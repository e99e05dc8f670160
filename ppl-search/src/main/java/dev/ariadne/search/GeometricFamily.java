package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Geometric;

/** Geometric(logistic(logit)) for Geometric sites: mass p (1 - p)^k on the counts. */
final class GeometricFamily extends LogitFamily {

    private static final long serialVersionUID = 1L;
    static final GeometricFamily INSTANCE = new GeometricFamily();

    private GeometricFamily() {
    }

    @Override
    public String name() {
        return "GEOMETRIC";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof Geometric;
    }

    @Override
    public double[] initial(Dist prior) {
        return new double[] {Refits.logit(((Geometric) prior).p())};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return true;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        return new Geometric(Refits.logistic(p[offset]));
    }

    /** d/dlogit [log p + k log(1 - p)] = (1 - p) - k p. */
    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        double q = Refits.logistic(p[offset]);
        out[0] = (1 - q) - x * q;
    }

    /** The maximum-likelihood p = 1 / (1 + weighted mean). */
    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        double m = Refits.weightedMean(data.x(), data.weight(), data.size());
        out[0] = Refits.logit(Math.min(1 - 1e-6, Math.max(1e-9, 1 / (1 + m))));
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
