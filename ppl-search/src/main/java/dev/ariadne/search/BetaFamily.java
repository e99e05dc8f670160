package dev.ariadne.search;

import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.Uniform;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/** Beta(exp(logAlpha), exp(logBeta)) for sites on [0, 1] (a Uniform(0, 1) prior is Beta(1, 1)). */
final class BetaFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final BetaFamily INSTANCE = new BetaFamily();

    private BetaFamily() {
    }

    @Override
    public String name() {
        return "BETA";
    }

    @Override
    public boolean accepts(Dist prior) {
        if (prior instanceof Beta) {
            return true;
        }
        if (!(prior instanceof RealDist)) {
            return false;
        }
        Support s = prior.support();
        return s.type() == Support.Type.INTERVAL && s.lower() == 0 && s.upper() == 1;
    }

    @Override
    public int arity(Dist prior) {
        return 2;
    }

    @Override
    public List<String> parameterNames(int arity) {
        return List.of("logAlpha", "logBeta");
    }

    /** The prior's own shapes for a Beta, (1, 1) for a Uniform, else the Beta with the prior's moments. */
    @Override
    public double[] initial(Dist prior) {
        if (prior instanceof Beta b) {
            return new double[] {Math.log(b.alpha()), Math.log(b.beta())};
        }
        if (prior instanceof Uniform) {
            return new double[] {0, 0};
        }
        try {
            RealDist r = (RealDist) prior;
            double m = r.mean();
            double v = r.variance();
            double c = m * (1 - m) / v - 1;
            if (c > 0 && m > 0 && m < 1) {
                return new double[] {Math.log(m * c), Math.log((1 - m) * c)};
            }
        } catch (ArithmeticException e) {
            // no moments: the default below
        }
        return new double[] {0, 0};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return prior instanceof Beta;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        return new Beta(Math.exp(p[offset]), Math.exp(p[offset + 1]));
    }

    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        double a = Math.exp(p[offset]);
        double b = Math.exp(p[offset + 1]);
        double psiAB = Gamma.digamma(a + b);
        out[0] = a * (psiAB - Gamma.digamma(a) + Math.log(x));
        out[1] = b * (psiAB - Gamma.digamma(b) + Math.log1p(-x));
    }

    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        Refits.beta(data.x(), data.weight(), data.size(), Math.exp(p[offset]), Math.exp(p[offset + 1]), out);
    }

    /** The value itself: it is bounded. */
    @Override
    public double regressor(double x) {
        return x;
    }

    /** The Beta tempered toward the uniform: each shape a becomes (a - 1) / factor + 1, which stays positive. */
    @Override
    public void widened(double[] p, int offset, Dist prior, double factor, double[] out) {
        for (int j = 0; j < 2; j++) {
            out[j] = Math.log((Math.exp(p[offset + j]) - 1) / factor + 1);
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
