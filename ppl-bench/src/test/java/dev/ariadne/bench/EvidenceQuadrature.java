package dev.ariadne.bench;

import dev.ariadne.core.dist.Check;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Low-dimensional integrals {@code log of the integral of exp(f(x)) dx} over R^d (d <= 3) for the workloads' exact
 * log evidence, by two independent rules so that each value is cross-checked:
 * <ul>
 *   <li>Gauss-Hermite around the mode: {@code x = mode + L sqrt(2) t}, with L the Cholesky factor of the inverse
 *       Hessian of -f at the mode, integrates {@code exp(f(x) + |t|^2)} against {@code exp(-|t|^2)}. Exact for a
 *       Gaussian f, and converging fast for a nearly Gaussian posterior;</li>
 *   <li>Gauss-Legendre on the box of +-{@code width} of those same scaled axes, in {@code pieces} panels per axis:
 *       a rule that knows nothing of the Gaussian shape, and is accurate wherever f has no mass outside the box.
 *       </li>
 * </ul>
 * Both sum in log space (log-sum-exp over the nodes), so a log evidence of -500 is no problem.
 */
final class EvidenceQuadrature {

    private static final GaussIntegratorFactory RULES = new GaussIntegratorFactory();

    private EvidenceQuadrature() {
    }

    /** The mode of f, its Cholesky scale, and the rules built on them. */
    static final class Laplace {
        final ToDoubleFunction<double[]> f;
        final double[] mode;
        final double[][] scale;

        /** Finds the mode by Newton's method from {@code start}, with finite-difference derivatives. */
        Laplace(ToDoubleFunction<double[]> f, double[] start) {
            this.f = f;
            double[] x = start.clone();
            for (int iter = 0; iter < 200; iter++) {
                double[] g = gradient(f, x);
                double[][] h = hessian(f, x);
                double[] step = solve(negate(h), g);
                double t = 1;
                double f0 = f.applyAsDouble(x);
                double[] next = x.clone();
                while (true) {
                    for (int i = 0; i < x.length; i++) {
                        next[i] = x[i] + t * step[i];
                    }
                    if (f.applyAsDouble(next) >= f0 - 1e-12 || t < 1e-6) {
                        break;
                    }
                    t /= 2;
                }
                double move = 0;
                for (int i = 0; i < x.length; i++) {
                    move = Math.max(move, Math.abs(next[i] - x[i]));
                }
                x = next;
                if (move < 1e-11) {
                    break;
                }
            }
            this.mode = x;
            this.scale = Check.cholesky("quadrature", "inverse Hessian", inverse(negate(hessian(f, x))));
        }

        /** The posterior sd of coordinate i in the Laplace approximation. */
        double sd(int i) {
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += scale[i][j] * scale[i][j];
            }
            return Math.sqrt(s);
        }

        private double[] at(double[] t, double factor) {
            int d = mode.length;
            double[] x = mode.clone();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    x[i] += scale[i][j] * factor * t[j];
                }
            }
            return x;
        }

        private double logDetScale() {
            double s = 0;
            for (int i = 0; i < mode.length; i++) {
                s += Math.log(scale[i][i]);
            }
            return s;
        }

        /** Gauss-Hermite with n nodes per axis. */
        double hermite(int n) {
            GaussIntegrator rule = RULES.hermite(n);
            int d = mode.length;
            double sqrt2 = Math.sqrt(2);
            LogMeanExp sum = new LogMeanExp();
            int[] idx = new int[d];
            double[] t = new double[d];
            do {
                double logW = 0;
                double t2 = 0;
                for (int i = 0; i < d; i++) {
                    t[i] = rule.getPoint(idx[i]);
                    logW += Math.log(rule.getWeight(idx[i]));
                    t2 += t[i] * t[i];
                }
                sum.add(logW + f.applyAsDouble(at(t, sqrt2)) + t2);
            } while (next(idx, n));
            return sum.logSum() + logDetScale() + 0.5 * d * Math.log(2);
        }

        /** Gauss-Legendre with n nodes in each of {@code pieces} panels per axis, over +-width scaled units. */
        double legendre(int n, int pieces, double width) {
            GaussIntegrator rule = RULES.legendre(n, -1, 1);
            int d = mode.length;
            int m = n * pieces;
            double[] nodes = new double[m];
            double[] logWeights = new double[m];
            double panel = 2 * width / pieces;
            for (int p = 0; p < pieces; p++) {
                double centre = -width + (p + 0.5) * panel;
                for (int k = 0; k < n; k++) {
                    nodes[p * n + k] = centre + 0.5 * panel * rule.getPoint(k);
                    logWeights[p * n + k] = Math.log(0.5 * panel * rule.getWeight(k));
                }
            }
            LogMeanExp sum = new LogMeanExp();
            int[] idx = new int[d];
            double[] t = new double[d];
            do {
                double logW = 0;
                for (int i = 0; i < d; i++) {
                    t[i] = nodes[idx[i]];
                    logW += logWeights[idx[i]];
                }
                sum.add(logW + f.applyAsDouble(at(t, 1)));
            } while (next(idx, m));
            return sum.logSum() + logDetScale();
        }
    }

    /** Odometer over d indices in 0..n-1; false after the last. */
    private static boolean next(int[] idx, int n) {
        for (int i = 0; i < idx.length; i++) {
            if (++idx[i] < n) {
                return true;
            }
            idx[i] = 0;
        }
        return false;
    }

    /** log of the integral of exp(f) over the real line, by Gauss-Legendre in panels on [lo, hi]. */
    static double legendre1d(java.util.function.DoubleUnaryOperator f, double lo, double hi, int n, int pieces) {
        GaussIntegrator rule = RULES.legendre(n, -1, 1);
        double panel = (hi - lo) / pieces;
        LogMeanExp sum = new LogMeanExp();
        for (int p = 0; p < pieces; p++) {
            double centre = lo + (p + 0.5) * panel;
            for (int k = 0; k < n; k++) {
                double x = centre + 0.5 * panel * rule.getPoint(k);
                sum.add(Math.log(0.5 * panel * rule.getWeight(k)) + f.applyAsDouble(x));
            }
        }
        return sum.logSum();
    }

    static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        int d = x.length;
        double[] g = new double[d];
        for (int i = 0; i < d; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            double[] a = x.clone();
            double[] b = x.clone();
            a[i] += h;
            b[i] -= h;
            g[i] = (f.applyAsDouble(a) - f.applyAsDouble(b)) / (2 * h);
        }
        return g;
    }

    static double[][] hessian(ToDoubleFunction<double[]> f, double[] x) {
        int d = x.length;
        double[][] h = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double hi = 1e-4 * Math.max(1, Math.abs(x[i]));
                double hj = 1e-4 * Math.max(1, Math.abs(x[j]));
                double[] pp = x.clone();
                double[] pm = x.clone();
                double[] mp = x.clone();
                double[] mm = x.clone();
                pp[i] += hi;
                pp[j] += hj;
                pm[i] += hi;
                pm[j] -= hj;
                mp[i] -= hi;
                mp[j] += hj;
                mm[i] -= hi;
                mm[j] -= hj;
                h[i][j] = h[j][i] = (f.applyAsDouble(pp) - f.applyAsDouble(pm) - f.applyAsDouble(mp)
                        + f.applyAsDouble(mm)) / (4 * hi * hj);
            }
        }
        return h;
    }

    private static double[][] negate(double[][] a) {
        double[][] b = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                b[i][j] = -a[i][j];
            }
        }
        return b;
    }

    /** Solves a x = b by Gaussian elimination with partial pivoting (d <= 3). */
    private static double[] solve(double[][] a, double[] b) {
        int d = b.length;
        double[][] m = new double[d][d + 1];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], 0, m[i], 0, d);
            m[i][d] = b[i];
        }
        for (int c = 0; c < d; c++) {
            int p = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[p];
            m[p] = tmp;
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double k = m[r][c] / m[c][c];
                    for (int j = c; j <= d; j++) {
                        m[r][j] -= k * m[c][j];
                    }
                }
            }
        }
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = m[i][d] / m[i][i];
        }
        return x;
    }

    private static double[][] inverse(double[][] a) {
        int d = a.length;
        double[][] inv = new double[d][d];
        for (int j = 0; j < d; j++) {
            double[] e = new double[d];
            e[j] = 1;
            double[] col = solve(a, e);
            for (int i = 0; i < d; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }
}
