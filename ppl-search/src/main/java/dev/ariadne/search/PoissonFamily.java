package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Poisson;
import java.util.List;

/** Poisson(exp(logRate)) for Poisson sites. */
final class PoissonFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final PoissonFamily INSTANCE = new PoissonFamily();

    private PoissonFamily() {
    }

    @Override
    public String name() {
        return "POISSON";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof Poisson q && q.rate() > 0; // Poisson(0), a point mass at 0, has no log rate to fit
    }

    @Override
    public int arity(Dist prior) {
        return 1;
    }

    @Override
    public List<String> parameterNames(int arity) {
        return List.of("logRate");
    }

    /**
     * A log rate above log {@link Poisson#MAX_RATE}: its Poisson would score counts but refuse every draw, as a
     * proposal must make them. A file with a log rate of 30 loaded, and its first run failed (an adversarial tester).
     */
    @Override
    public String parameterProblem(String name, double v) {
        return v <= LOG_MAX_RATE ? null : String.format(java.util.Locale.ROOT, "a log rate, whose rate exp(%s) = %s "
                + "is above %s, the largest rate a Poisson draws at (a log rate must be at most %.4f)", v, Math.exp(v),
                Poisson.MAX_RATE, Math.floor(LOG_MAX_RATE * 1e4) / 1e4); // rounded down: 20.7233 itself is refused
    }

    private static final double LOG_MAX_RATE = Math.log(Poisson.MAX_RATE);

    @Override
    public double[] initial(Dist prior) {
        return new double[] {Math.log(((Poisson) prior).rate())};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return true;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        return new Poisson(Math.exp(p[offset]));
    }

    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        out[0] = x - Math.exp(p[offset]);
    }

    /** The rate times {@code factor}. */
    @Override
    public void widened(double[] p, int offset, Dist prior, double factor, double[] out) {
        out[0] = Math.min(LOG_MAX_RATE, p[offset] + Math.log(factor));
    }

    /** The log of the weighted mean, kept inside (1e-6, {@link Poisson#MAX_RATE}). */
    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        double m = Refits.weightedMean(data.x(), data.weight(), data.size());
        out[0] = Math.log(Math.min(Poisson.MAX_RATE, Math.max(m, 1e-6)));
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
