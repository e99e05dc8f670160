package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.NegativeBinomial;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * NegativeBinomial(exp(logR), logistic(logit)) for NegativeBinomial sites. Its refit has no closed form and uses
 * the default weighted maximum likelihood by ascent.
 */
final class NegativeBinomialFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final NegativeBinomialFamily INSTANCE = new NegativeBinomialFamily();

    private NegativeBinomialFamily() {
    }

    @Override
    public String name() {
        return "NEGATIVE_BINOMIAL";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof NegativeBinomial;
    }

    @Override
    public int arity(Dist prior) {
        return 2;
    }

    @Override
    public List<String> parameterNames(int arity) {
        return List.of("logR", "logit");
    }

    @Override
    public double[] initial(Dist prior) {
        NegativeBinomial nb = (NegativeBinomial) prior;
        return new double[] {Math.log(nb.r()), Refits.logit(nb.p())};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return true;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        return new NegativeBinomial(Math.exp(p[offset]), Refits.logistic(p[offset + 1]));
    }

    /** r (digamma(k + r) - digamma(r) + log p) and r (1 - p) - k p. */
    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        double r = Math.exp(p[offset]);
        double q = Refits.logistic(p[offset + 1]);
        out[0] = r * (Gamma.digamma(x + r) - Gamma.digamma(r) + Math.log(q));
        out[1] = r * (1 - q) - x * q;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
