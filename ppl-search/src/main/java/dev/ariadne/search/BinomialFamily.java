package dev.ariadne.search;

import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Dist;

/** Binomial(n, logistic(logit)) for Binomial sites; n is the prior's at each run. */
final class BinomialFamily extends LogitFamily {

    private static final long serialVersionUID = 1L;
    static final BinomialFamily INSTANCE = new BinomialFamily();

    private BinomialFamily() {
    }

    @Override
    public String name() {
        return "BINOMIAL";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof Binomial;
    }

    @Override
    public double[] initial(Dist prior) {
        return new double[] {Refits.logit(((Binomial) prior).p())};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return true;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        return new Binomial(((Binomial) prior).n(), Refits.logistic(p[offset]));
    }

    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        out[0] = x - ((Binomial) prior).n() * Refits.logistic(p[offset]);
    }

    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        double m = Refits.weightedMean(data.x(), data.weight(), data.size()) / ((Binomial) prior).n();
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
