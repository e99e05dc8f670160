package org.example.extension;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.search.SiteFamily;
import java.util.List;

/**
 * The guide family a {@link Kumaraswamy} prior brings: Kumaraswamy(exp(logA), exp(logB)), starting at the prior.
 * It gives the score in closed form and leaves the cross-entropy refit to the interface's default (weighted
 * maximum likelihood by ascent). Registered with ServiceLoader too (test resources), so guide files that name it
 * load.
 */
public final class KumaraswamyFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final KumaraswamyFamily INSTANCE = new KumaraswamyFamily();

    /** For ServiceLoader; the instance above serves the distribution. */
    public KumaraswamyFamily() {
    }

    @Override
    public String name() {
        return "org.example.KUMARASWAMY";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof Kumaraswamy;
    }

    @Override
    public int arity(Dist prior) {
        return 2;
    }

    @Override
    public List<String> parameterNames(int arity) {
        return List.of("logA", "logB");
    }

    @Override
    public double[] initial(Dist prior) {
        Kumaraswamy k = (Kumaraswamy) prior;
        return new double[] {Math.log(k.a()), Math.log(k.b())};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return true;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        return new Kumaraswamy(Math.exp(p[offset]), Math.exp(p[offset + 1]));
    }

    /** a (1/a + log x - (b - 1) x^a log x / (1 - x^a)) and b (1/b + log(1 - x^a)). */
    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        double a = Math.exp(p[offset]);
        double b = Math.exp(p[offset + 1]);
        double lx = Math.log(x);
        double xa = Math.pow(x, a);
        out[0] = 1 + a * lx - a * (b - 1) * xa * lx / (1 - xa);
        out[1] = 1 + b * Math.log1p(-xa);
    }
}
