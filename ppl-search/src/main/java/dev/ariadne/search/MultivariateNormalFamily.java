package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.MultivariateNormal;
import java.util.ArrayList;
import java.util.List;

/**
 * A full-covariance multivariate normal for MultivariateNormal sites of dimension d: the mean ({@code mean[i]}),
 * then the lower-triangular Cholesky factor L of the covariance row by row, its diagonal as logs
 * ({@code logL[i][i]}) and the rest as themselves ({@code L[i][j]}, j < i): d (d + 3) / 2 parameters.
 */
final class MultivariateNormalFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final MultivariateNormalFamily INSTANCE = new MultivariateNormalFamily();

    private MultivariateNormalFamily() {
    }

    @Override
    public String name() {
        return "MULTIVARIATE_NORMAL";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof MultivariateNormal;
    }

    @Override
    public int arity(Dist prior) {
        int d = ((MultivariateNormal) prior).dim();
        return d * (d + 3) / 2;
    }

    /** The dimension d with d (d + 3) / 2 = arity, or -1. */
    private static int dimension(int arity) {
        int d = (int) Math.round((-3 + Math.sqrt(9 + 8.0 * arity)) / 2);
        return d >= 1 && d * (d + 3) / 2 == arity ? d : -1;
    }

    @Override
    public List<String> parameterNames(int arity) {
        int d = dimension(arity);
        if (d < 0) {
            throw new IllegalArgumentException("a multivariate normal site of dimension d has d (d + 3) / 2 "
                    + "parameters (2, 5, 9, 14, ...), got " + arity);
        }
        List<String> names = new ArrayList<>(arity);
        for (int i = 0; i < d; i++) {
            names.add("mean[" + i + "]");
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                names.add(i == j ? "logL[" + i + "][" + i + "]" : "L[" + i + "][" + j + "]");
            }
        }
        return List.copyOf(names);
    }

    @Override
    public double[] initial(Dist prior) {
        MultivariateNormal m = (MultivariateNormal) prior;
        int d = m.dim();
        double[] p = new double[arity(prior)];
        System.arraycopy(m.mean(), 0, p, 0, d);
        double[][] l = cholesky(m.covariance());
        writeFactor(l, p, 0, d);
        return p;
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return true;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        int d = ((MultivariateNormal) prior).dim();
        double[][] l = factor(p, offset, d);
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k <= j; k++) {
                    s += l[i][k] * l[j][k];
                }
                cov[i][j] = s;
                cov[j][i] = s;
            }
        }
        return new MultivariateNormal(java.util.Arrays.copyOfRange(p, offset, offset + d), cov);
    }

    /**
     * With r = x - mean, z = L^-1 r and w = L^-T z: the mean's gradient is w, an off-diagonal L[i][j]'s is
     * w_i z_j, and a log-diagonal entry's is L_ii w_i z_i - 1.
     */
    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        int d = ((MultivariateNormal) prior).dim();
        double[][] l = factor(p, offset, d);
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = vec[i] - p[offset + i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] w = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k][i] * w[k];
            }
            w[i] = s / l[i][i];
        }
        System.arraycopy(w, 0, out, 0, d);
        int t = d;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                out[t++] = i == j ? l[i][i] * w[i] * z[i] - 1 : w[i] * z[j];
            }
        }
    }

    /** The weighted mean and covariance (factored); the current parameters where the covariance is singular. */
    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        int d = ((MultivariateNormal) prior).dim();
        int n = data.size();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mean[a] += data.weight()[i] * data.vec()[i][a];
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < n; i++) {
            double w = data.weight()[i];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += w * (data.vec()[i][a] - mean[a]) * (data.vec()[i][b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[b][a] = cov[a][b];
            }
        }
        double[][] l = cholesky(cov);
        if (l == null) {
            System.arraycopy(p, offset, out, 0, out.length);
            return;
        }
        System.arraycopy(mean, 0, out, 0, d);
        writeFactor(l, out, 0, d);
    }

    private static double[][] factor(double[] p, int offset, int d) {
        double[][] l = new double[d][];
        int t = offset + d;
        for (int i = 0; i < d; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                l[i][j] = i == j ? Math.exp(p[t++]) : p[t++];
            }
        }
        return l;
    }

    private static void writeFactor(double[][] l, double[] out, int offset, int d) {
        int t = offset + d;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                out[t++] = i == j ? Math.log(l[i][i]) : l[i][j];
            }
        }
    }

    /** The lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
