package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.Uniform;

/** A {@link LogitNormal} on the prior's interval, for bounded real sites other than those on [0, 1]. */
final class LogitNormalFamily implements LocationFamily {

    private static final long serialVersionUID = 1L;
    static final LogitNormalFamily INSTANCE = new LogitNormalFamily();

    private LogitNormalFamily() {
    }

    @Override
    public String name() {
        return "LOGIT_NORMAL";
    }

    @Override
    public boolean accepts(Dist prior) {
        if (!(prior instanceof RealDist)) {
            return false;
        }
        Support s = prior.support();
        return s.type() == Support.Type.INTERVAL && Double.isFinite(s.lower()) && Double.isFinite(s.upper());
    }

    /** A Uniform prior's logistic match (sd pi / sqrt 3); otherwise the prior's mean at scale 1. */
    @Override
    public double[] initial(Dist prior) {
        Support s = prior.support();
        if (prior instanceof Uniform) {
            return new double[] {0, Math.log(Math.PI / Math.sqrt(3))};
        }
        try {
            double u = (((RealDist) prior).mean() - s.lower()) / (s.upper() - s.lower());
            if (u > 0 && u < 1) {
                return new double[] {Math.log(u) - Math.log1p(-u), 0};
            }
        } catch (ArithmeticException e) {
            // no mean: the default below
        }
        return new double[] {0, 0};
    }

    @Override
    public double unconstrained(Dist prior, double x) {
        Support s = prior.support();
        double u = (x - s.lower()) / (s.upper() - s.lower());
        return Math.log(u) - Math.log1p(-u);
    }

    @Override
    public Dist proposal(double loc, double scale, Dist prior) {
        Support s = prior.support();
        return new LogitNormal(loc, scale, s.lower(), s.upper(), prior instanceof Uniform);
    }

    /** The value itself: it is bounded, so an affine function of it needs no transform. */
    @Override
    public double regressor(double x) {
        return x;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
