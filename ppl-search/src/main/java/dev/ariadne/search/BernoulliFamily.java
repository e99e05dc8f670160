package dev.ariadne.search;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;

/** Bernoulli(logistic(logit)) for boolean sites. */
final class BernoulliFamily extends LogitFamily {

    private static final long serialVersionUID = 1L;
    static final BernoulliFamily INSTANCE = new BernoulliFamily();

    private BernoulliFamily() {
    }

    @Override
    public String name() {
        return "BERNOULLI";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof BoolDist;
    }

    @Override
    public double[] initial(Dist prior) {
        return new double[] {Refits.logit(Math.exp(((BoolDist) prior).logMass(true)))};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return prior instanceof Bernoulli;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        return new Bernoulli(Refits.logistic(p[offset]));
    }

    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        out[0] = x - Refits.logistic(p[offset]);
    }

    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        double m = Refits.weightedMean(data.x(), data.weight(), data.size());
        out[0] = Refits.logit(Math.min(1 - 1e-6, Math.max(1e-6, m)));
    }

    /** The logit divided by {@code factor}: the probability tempered toward 1/2. */
    @Override
    public void widened(double[] p, int offset, Dist prior, double factor, double[] out) {
        out[0] = p[offset] / factor;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
