package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import java.util.List;

/** Gamma(exp(logShape), exp(logRate)) for Gamma and Exponential (= Gamma(1, rate)) sites. */
final class GammaFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final GammaFamily INSTANCE = new GammaFamily();

    private GammaFamily() {
    }

    @Override
    public String name() {
        return "GAMMA";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof Gamma || prior instanceof Exponential;
    }

    @Override
    public int arity(Dist prior) {
        return 2;
    }

    @Override
    public List<String> parameterNames(int arity) {
        return List.of("logShape", "logRate");
    }

    @Override
    public double[] initial(Dist prior) {
        if (prior instanceof Gamma g) {
            return new double[] {Math.log(g.shape()), Math.log(g.rate())};
        }
        return new double[] {0, Math.log(((Exponential) prior).rate())};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return prior instanceof Gamma;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        return new Gamma(Math.exp(p[offset]), Math.exp(p[offset + 1]));
    }

    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        double k = Math.exp(p[offset]);
        double r = Math.exp(p[offset + 1]);
        out[0] = k * (p[offset + 1] - org.apache.commons.math3.special.Gamma.digamma(k) + Math.log(x));
        out[1] = k - r * x;
    }

    /** The same shape with the rate divided by {@code factor}: mean and sd times factor (Exp(r) to Exp(r / f)). */
    @Override
    public void widened(double[] p, int offset, Dist prior, double factor, double[] out) {
        out[0] = p[offset];
        out[1] = p[offset + 1] - Math.log(factor);
    }

    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        Refits.gamma(data.x(), data.weight(), data.size(), Math.exp(p[offset]), out);
    }

    /** log x: the unconstrained coordinate of a positive value. */
    @Override
    public double regressor(double x) {
        return Math.log(x);
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
