package dev.ariadne.search;

import org.apache.commons.math3.special.Gamma;

/**
 * Weighted maximum-likelihood refits for the cross-entropy method: closed form for the normal (of an
 * unconstrained coordinate), Newton steps for Beta and Gamma shapes, and weighted least squares for structured
 * locations. Weights are normalised (they sum to 1). A refit never returns NaN: where the data cannot determine
 * a parameter (one distinct value, zero variance) the current value is kept or the variance floored.
 */
final class Refits {

    /**
     * The probabilities {@code exp(l_j) / sum exp(l)} of the logits {@code logits[offset .. offset + out.length)},
     * into {@code out}, computed from the logits less their largest.
     */
    static void softmax(double[] logits, int offset, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < out.length; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.exp(logits[offset + j] - max);
            sum += out[j];
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= sum;
        }
    }

    /** A location and log scale ({@code p[offset]}, {@code p[offset + 1]}) with the scale times {@code factor}. */
    static void widenedScale(double[] p, int offset, double factor, double[] out) {
        out[0] = p[offset];
        out[1] = p[offset + 1] + Math.log(factor);
    }

    /** The smallest logit a refit or initialisation uses (a category of probability 0 gets exp(-700)). */
    static final double LOG_FLOOR = -700;
    /**
     * The smallest variance a normal refit returns, relative to the current scale's square: a refit shrinks a scale
     * by at most 10^6. Relative, so that a model in units of 10^-6 refits as one in units of 1 (an absolute floor of
     * 10^-12 held such a model's proposal at its prior's scale, and the search said it had converged).
     */
    static final double VARIANCE_FLOOR = 1e-12;

    /** {@link #VARIANCE_FLOOR} times the square of the scale {@code exp(logScale)}, or the bare floor if that fails. */
    static double varianceFloor(double logScale) {
        double floor = VARIANCE_FLOOR * Math.exp(2 * logScale);
        return floor > 0 && floor < Double.POSITIVE_INFINITY ? floor : VARIANCE_FLOOR;
    }

    private Refits() {
    }

    /** Prior moments matched by a Normal, or the given defaults where they do not exist. */
    static double[] momentInit(dev.ariadne.core.dist.RealDist prior, double loc, double scale) {
        try {
            double m = prior.mean();
            double v = prior.variance();
            if (Double.isFinite(m) && v > 0 && v < Double.POSITIVE_INFINITY) {
                return new double[] {m, 0.5 * Math.log(v)};
            }
        } catch (ArithmeticException e) {
            // no moments
        }
        return new double[] {loc, Math.log(scale)};
    }

    /**
     * Weighted maximum likelihood for any family: gradient ascent on L(theta) = sum_i w_i log q_theta(x_i) from
     * the current parameters, along the family's score, halving the step until L rises (at most 200 iterations,
     * stopping when a step gains less than 1e-12 relative). Keeps the current parameters where L is not finite.
     */
    static void byAscent(SiteFamily f, RefitData data, double[] p, int offset, dev.ariadne.core.dist.Dist prior,
                         double[] out) {
        int k = out.length;
        double[] theta = java.util.Arrays.copyOfRange(p, offset, offset + k);
        double value = weightedLogLikelihood(f, data, theta, prior);
        System.arraycopy(theta, 0, out, 0, k);
        if (!Double.isFinite(value)) {
            return;
        }
        double[] g = new double[k];
        double[] s = new double[k];
        double step = 1;
        for (int it = 0; it < 200; it++) {
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < data.size(); i++) {
                f.score(theta, 0, prior, data.x()[i], data.vec()[i], s);
                for (int j = 0; j < k; j++) {
                    g[j] += data.weight()[i] * s[j];
                }
            }
            double norm = 0;
            for (double v : g) {
                norm += v * v;
            }
            if (!(norm > 0) || !Double.isFinite(norm)) {
                break;
            }
            double[] next = new double[k];
            double nextValue = Double.NEGATIVE_INFINITY;
            step = Math.min(1, 4 * step);
            while (step > 1e-12) {
                for (int j = 0; j < k; j++) {
                    next[j] = theta[j] + step * g[j] / Math.sqrt(norm);
                }
                nextValue = weightedLogLikelihood(f, data, next, prior);
                if (nextValue > value) {
                    break;
                }
                step /= 2;
            }
            if (!(nextValue > value)) {
                break;
            }
            boolean small = nextValue - value < 1e-12 * Math.max(1, Math.abs(value));
            theta = next;
            value = nextValue;
            if (small) {
                break;
            }
        }
        System.arraycopy(theta, 0, out, 0, k);
    }

    private static double weightedLogLikelihood(SiteFamily f, RefitData data, double[] theta,
                                                dev.ariadne.core.dist.Dist prior) {
        dev.ariadne.core.dist.Dist q;
        try {
            q = f.proposal(theta, 0, prior);
        } catch (RuntimeException e) {
            return Double.NEGATIVE_INFINITY;
        }
        double l = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.weight()[i] > 0) {
                l += data.weight()[i] * Values.logDensity(q, data.x()[i], data.vec()[i]);
            }
        }
        return l == l ? l : Double.NEGATIVE_INFINITY;
    }

    /** sum of w[i] xs[i] over the first n runs: the weighted mean when the weights are normalised. */
    static double weightedMean(double[] xs, double[] w, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += w[i] * xs[i];
        }
        return m;
    }

    static double logit(double p) {
        return Math.max(LOG_FLOOR, Math.min(-LOG_FLOOR, Math.log(p) - Math.log1p(-p)));
    }

    static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Weighted mean and log sd of ys into out[0], out[1]; keeps current when the sample cannot say. */
    static void normal(double[] ys, double[] w, int n, double[] current, double[] out) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += w[i] * ys[i];
        }
        double v = 0;
        for (int i = 0; i < n; i++) {
            v += w[i] * (ys[i] - m) * (ys[i] - m);
        }
        if (!Double.isFinite(m)) {
            out[0] = current[0];
            out[1] = current[1];
            return;
        }
        out[0] = m;
        double floor = varianceFloor(current[1]);
        out[1] = v > floor && Double.isFinite(v) ? 0.5 * Math.log(v) : n > 1 ? 0.5 * Math.log(floor) : current[1];
    }

    /**
     * Weighted Beta maximum likelihood by Newton's method on (alpha, beta), started from the current shapes,
     * with step halving to stay positive. Writes log alpha and log beta.
     */
    static void beta(double[] xs, double[] w, int n, double a, double b, double[] out) {
        double l1 = 0;
        double l2 = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.min(1 - 1e-15, Math.max(1e-300, xs[i]));
            l1 += w[i] * Math.log(x);
            l2 += w[i] * Math.log1p(-x);
        }
        for (int it = 0; it < 50; it++) {
            double ps = Gamma.digamma(a + b);
            double ga = l1 - Gamma.digamma(a) + ps;
            double gb = l2 - Gamma.digamma(b) + ps;
            double ts = Gamma.trigamma(a + b);
            double haa = -Gamma.trigamma(a) + ts;
            double hbb = -Gamma.trigamma(b) + ts;
            double det = haa * hbb - ts * ts;
            if (!(Math.abs(det) > 0)) {
                break;
            }
            double da = -(hbb * ga - ts * gb) / det;
            double db = -(-ts * ga + haa * gb) / det;
            double t = 1;
            while (t > 1e-6 && !(a + t * da > 0 && b + t * db > 0)) {
                t /= 2;
            }
            a += t * da;
            b += t * db;
            if (Math.abs(da) < 1e-10 * a && Math.abs(db) < 1e-10 * b) {
                break;
            }
        }
        out[0] = Math.log(a);
        out[1] = Math.log(b);
    }

    /**
     * Weighted Gamma maximum likelihood: the shape solves log k - digamma(k) = log mean - mean log (Newton from
     * Minka's starting point), and the rate is shape / mean. Writes log shape and log rate.
     */
    static void gamma(double[] xs, double[] w, int n, double k0, double[] out) {
        double m = 0;
        double ml = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.max(xs[i], 1e-300);
            m += w[i] * x;
            ml += w[i] * Math.log(x);
        }
        double s = Math.log(m) - ml;
        double k = s > 1e-12 ? (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s) : k0;
        for (int it = 0; it < 50 && s > 1e-12; it++) {
            double f = Math.log(k) - Gamma.digamma(k) - s;
            double d = 1 / k - Gamma.trigamma(k);
            double next = k - f / d;
            if (!(next > 0)) {
                next = k / 2;
            }
            if (Math.abs(next - k) < 1e-12 * k) {
                k = next;
                break;
            }
            k = next;
        }
        out[0] = Math.log(k);
        out[1] = Math.log(k / m);
    }

    /**
     * Weighted least squares of y on [1, r_1, ..., r_m] with a tiny ridge: the structured location's intercept
     * and coefficients into beta (length m + 1), and the log of the residual sd as the return value.
     */
    static double leastSquares(double[] ys, double[][] rs, double[] w, int n, int m, double[] beta,
                               double currentLogScale) {
        int d = m + 1;
        double[][] a = new double[d][d];
        double[] c = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            row[0] = 1;
            for (int j = 0; j < m; j++) {
                row[j + 1] = rs[i][j];
            }
            for (int p = 0; p < d; p++) {
                c[p] += w[i] * row[p] * ys[i];
                for (int q = 0; q < d; q++) {
                    a[p][q] += w[i] * row[p] * row[q];
                }
            }
        }
        for (int p = 0; p < d; p++) {
            a[p][p] += 1e-10 * Math.max(a[p][p], Double.MIN_NORMAL); // a ridge relative to the regressor's scale
        }
        try {
            double[] sol = new org.apache.commons.math3.linear.CholeskyDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(a, false), 1e-14, 1e-300)
                    .getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(c, false)).toArray();
            System.arraycopy(sol, 0, beta, 0, d);
        } catch (RuntimeException e) {
            return currentLogScale;
        }
        double v = 0;
        for (int i = 0; i < n; i++) {
            double fit = beta[0];
            for (int j = 0; j < m; j++) {
                fit += beta[j + 1] * rs[i][j];
            }
            v += w[i] * (ys[i] - fit) * (ys[i] - fit);
        }
        return v > varianceFloor(currentLogScale) && Double.isFinite(v) ? 0.5 * Math.log(v) : currentLogScale;
    }
}
