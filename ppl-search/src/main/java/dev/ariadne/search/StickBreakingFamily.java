package dev.ariadne.search;

import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.VecDist;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/** A {@link StickBreakingNormal} for simplex sites: K-1 locations, then K-1 log scales. */
final class StickBreakingFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final StickBreakingFamily INSTANCE = new StickBreakingFamily();

    private StickBreakingFamily() {
    }

    @Override
    public String name() {
        return "STICK_BREAKING";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof VecDist && prior.support().type() == Support.Type.SIMPLEX && prior.support().dim() >= 2;
    }

    @Override
    public int arity(Dist prior) {
        return 2 * (((VecDist) prior).dim() - 1);
    }

    @Override
    public List<String> parameterNames(int arity) {
        if (arity < 2 || arity % 2 != 0) {
            throw new IllegalArgumentException("a stick-breaking site needs an even, positive number of parameters, "
                    + "got " + arity);
        }
        String[] names = new String[arity];
        for (int j = 0; j < arity / 2; j++) {
            names[j] = "loc[" + j + "]";
            names[arity / 2 + j] = "logScale[" + j + "]";
        }
        return List.of(names);
    }

    /** For a Dirichlet, each stick's logit-normal matched to its Beta's log-odds mean and variance; else 0, 0. */
    @Override
    public double[] initial(Dist prior) {
        int k = ((VecDist) prior).dim();
        double[] p = new double[2 * (k - 1)];
        if (prior instanceof Dirichlet d) {
            double[] a = d.alpha();
            double rest = 0;
            for (double v : a) {
                rest += v;
            }
            for (int j = 0; j < k - 1; j++) {
                rest -= a[j];
                p[j] = Gamma.digamma(a[j]) - Gamma.digamma(rest) + Math.log(k - 1 - j);
                p[k - 1 + j] = 0.5 * Math.log(Gamma.trigamma(a[j]) + Gamma.trigamma(rest));
            }
        }
        return p;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        int m = arity(prior) / 2;
        double[] loc = Arrays.copyOfRange(p, offset, offset + m);
        double[] scale = new double[m];
        for (int j = 0; j < m; j++) {
            scale[j] = Math.exp(p[offset + m + j]);
        }
        return StickBreakingNormal.of(loc, scale);
    }

    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        StickBreakingNormal s = (StickBreakingNormal) proposal(p, offset, prior);
        double[] y = s.unconstrained(vec);
        double[] loc = s.loc();
        double[] scale = s.scale();
        int m = y.length;
        for (int j = 0; j < m; j++) {
            double z = (y[j] - loc[j]) / scale[j];
            out[j] = z / scale[j];
            out[m + j] = z * z - 1;
        }
    }

    /** Each unconstrained coordinate's weighted normal fit. */
    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        StickBreakingNormal s = (StickBreakingNormal) proposal(p, offset, prior);
        int n = data.size();
        int m = out.length / 2;
        double[][] ys = new double[n][];
        for (int i = 0; i < n; i++) {
            ys[i] = s.unconstrained(data.vec()[i]);
        }
        double[] col = new double[n];
        double[] two = new double[2];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                col[i] = ys[i][j];
            }
            Refits.normal(col, data.weight(), n, new double[] {p[offset + j], p[offset + m + j]}, two);
            out[j] = two[0];
            out[m + j] = two[1];
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
