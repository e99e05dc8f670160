package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.LogNormal;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;

/** A LogNormal (a normal of log x) for positive sites other than Gamma and Exponential ones. */
final class LogNormalFamily implements LocationFamily {

    private static final long serialVersionUID = 1L;
    static final LogNormalFamily INSTANCE = new LogNormalFamily();

    private LogNormalFamily() {
    }

    @Override
    public String name() {
        return "LOG_NORMAL";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof RealDist && prior.support().type() == Support.Type.POSITIVE;
    }

    /** The prior's own parameters for a LogNormal; otherwise the LogNormal with the prior's mean and variance. */
    @Override
    public double[] initial(Dist prior) {
        if (prior instanceof LogNormal l) {
            return new double[] {l.mu(), Math.log(l.sigma())};
        }
        RealDist r = (RealDist) prior;
        try {
            double m = r.mean();
            double v = r.variance();
            if (m > 0 && v > 0 && v < Double.POSITIVE_INFINITY) {
                double s2 = Math.log1p(v / (m * m));
                return new double[] {Math.log(m) - 0.5 * s2, 0.5 * Math.log(s2)};
            }
        } catch (ArithmeticException e) {
            // no moments: the defaults below
        }
        return new double[] {0, 0};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return prior instanceof LogNormal;
    }

    @Override
    public double unconstrained(Dist prior, double x) {
        return Math.log(x);
    }

    @Override
    public Dist proposal(double loc, double scale, Dist prior) {
        return new LogNormal(loc, scale);
    }

    @Override
    public double regressor(double x) {
        return Math.log(x);
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
