package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The multivariate normal distribution on real vectors of length d, with density
 * {@code exp(-(x - mean)' covariance^-1 (x - mean) / 2) / sqrt((2 pi)^d det covariance)}. Build it with
 * independent coordinates ({@link #diagonal}) or a full covariance matrix ({@link #of}), which is factored once by
 * Cholesky: {@code covariance = L L'}.
 */
public final class MultivariateNormal implements VecDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "MultivariateNormal";

    /** Symmetry tolerance: entries may differ by this fraction of their magnitude (rounding in A A'). */
    private static final double SYMMETRY_TOLERANCE = 1e-12;

    private final double[] mean;
    /** The covariance, symmetric. */
    private final double[][] covariance;
    /** Lower-triangular Cholesky factor, covariance = L L'. */
    private final double[][] chol;
    /** Lower-triangular inverse of the Cholesky factor: z = cholInv (x - mean) is standard normal. */
    private final double[][] cholInv;
    /** -d/2 log(2 pi) - sum log L_ii. */
    private final double logNormaliser;
    private final boolean diagonal;

    private MultivariateNormal(double[] mean, double[][] covariance, double[][] chol, boolean diagonal) {
        int d = mean.length;
        this.mean = mean;
        this.covariance = covariance;
        this.chol = chol;
        this.diagonal = diagonal;
        this.cholInv = new double[d][];
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += Math.log(chol[i][i]);
            // Row i of L^-1 by forward substitution on L cholInv = I.
            double[] row = new double[i + 1];
            row[i] = 1 / chol[i][i];
            for (int j = i - 1; j >= 0; j--) {
                double s = 0;
                for (int m = j + 1; m <= i; m++) {
                    s += row[m] * chol[m][j];
                }
                row[j] = -s / chol[j][j];
            }
            cholInv[i] = row;
        }
        // The loop above solves row * L = e_i; row i of L^-1 satisfies exactly that.
        this.logNormaliser = -d * Numerics.LN_SQRT_2PI - logDet;
    }

    /**
     * Independent normal coordinates: coordinate i is Normal(mean[i], sd[i]). Inputs are copied.
     *
     * @param mean at least one finite entry
     * @param sd   the standard deviations, same length, each finite and > 0
     */
    public static MultivariateNormal diagonal(double[] mean, double[] sd) {
        double[] m = checkMean(mean);
        Check.length(NAME, "sd", sd, 1);
        if (sd.length != m.length) {
            throw new ParameterException(NAME, "sd.length", sd.length, "the mean's length (" + m.length + ")");
        }
        int d = m.length;
        double[][] cov = new double[d][d];
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            Check.positive(NAME, "sd[" + i + "]", sd[i]);
            cov[i][i] = sd[i] * sd[i];
            l[i] = new double[i + 1];
            l[i][i] = sd[i];
        }
        return new MultivariateNormal(m, cov, l, true);
    }

    /**
     * The multivariate normal with the given mean and covariance. Inputs are copied.
     *
     * @param mean       at least one finite entry
     * @param covariance a d-by-d symmetric positive definite matrix of finite entries (symmetric to a relative
     *                   1e-12; it is then symmetrised)
     */
    public static MultivariateNormal of(double[] mean, double[][] covariance) {
        double[] m = checkMean(mean);
        int d = m.length;
        if (covariance == null) {
            throw new ParameterException(NAME, "covariance", Double.NaN, "a non-null " + d + "x" + d + " matrix",
                    "null");
        }
        if (covariance.length != d) {
            throw new ParameterException(NAME, "covariance", covariance.length, "a " + d + "x" + d + " matrix",
                    covariance.length + " rows");
        }
        double[][] cov = new double[d][];
        for (int i = 0; i < d; i++) {
            if (covariance[i] == null || covariance[i].length != d) {
                int len = covariance[i] == null ? 0 : covariance[i].length;
                throw new ParameterException(NAME, "covariance", len, "a " + d + "x" + d + " matrix",
                        "row " + i + " of length " + len);
            }
            cov[i] = covariance[i].clone();
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(cov[i][j])) {
                    throw new ParameterException(NAME, "covariance", cov[i][j], "finite",
                            "covariance[" + i + "][" + j + "] = " + cov[i][j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = cov[i][j];
                double b = cov[j][i];
                if (Math.abs(a - b) > SYMMETRY_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))) {
                    throw new ParameterException(NAME, "covariance", a, "symmetric positive definite",
                            "covariance[" + i + "][" + j + "] = " + a + " but covariance[" + j + "][" + i + "] = "
                                    + b);
                }
                cov[i][j] = cov[j][i] = 0.5 * (a + b);
            }
        }
        RealMatrix lower;
        try {
            // Symmetry is already checked; reject only pivots that are not strictly positive.
            lower = new CholeskyDecomposition(new Array2DRowRealMatrix(cov, true), Double.POSITIVE_INFINITY, 0.0)
                    .getL();
        } catch (NonPositiveDefiniteMatrixException e) {
            double pivot = e.getArgument().doubleValue();
            throw new ParameterException(NAME, "covariance", pivot, "symmetric positive definite",
                    "a non-positive Cholesky pivot " + pivot + " at row " + e.getRow());
        }
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            l[i] = Arrays.copyOf(lower.getRow(i), i + 1);
        }
        return new MultivariateNormal(m, cov, l, false);
    }

    private static double[] checkMean(double[] mean) {
        Check.length(NAME, "mean", mean, 1);
        for (int i = 0; i < mean.length; i++) {
            Check.finite(NAME, "mean[" + i + "]", mean[i]);
        }
        return mean.clone();
    }

    /** The length d of the vectors. */
    @Override
    public int dim() {
        return mean.length;
    }

    /** Real vectors of length d. */
    @Override
    public Support support() {
        return Support.realVector(mean.length);
    }

    /** The covariance matrix, a fresh copy. */
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /**
     * The log density at x, computed as {@code logNormaliser - |L^-1 (x - mean)|^2 / 2} without allocating.
     * {@code -inf} for a wrong length, null, or any infinite or NaN entry.
     */
    @Override
    public double logDensity(double[] x) {
        if (x == null || x.length != mean.length) {
            return Double.NEGATIVE_INFINITY;
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        double q = 0;
        for (int i = 0; i < mean.length; i++) {
            double z;
            if (diagonal) {
                z = (x[i] - mean[i]) * cholInv[i][i];
            } else {
                double[] row = cholInv[i];
                z = 0;
                for (int j = 0; j <= i; j++) {
                    z += row[j] * (x[j] - mean[j]);
                }
            }
            q += z * z;
        }
        return logNormaliser - 0.5 * q;
    }

    /** {@code mean + L z} with z a vector of independent standard normal draws, computed in place in out. */
    @Override
    public void sample(Rng rng, double[] out) {
        int d = mean.length;
        for (int i = 0; i < d; i++) {
            out[i] = rng.standardNormal();
        }
        // Bottom-up, so out[j] for j <= i still holds z_j when row i is formed.
        for (int i = d - 1; i >= 0; i--) {
            double[] row = chol[i];
            double s = 0;
            if (diagonal) {
                s = row[i] * out[i];
            } else {
                for (int j = 0; j <= i; j++) {
                    s += row[j] * out[j];
                }
            }
            out[i] = mean[i] + s;
        }
    }

    /** The mean vector, a fresh copy. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The diagonal of the covariance, a fresh copy. */
    @Override
    public double[] variance() {
        double[] v = new double[mean.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = covariance[i][i];
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultivariateNormal m && Arrays.equals(mean, m.mean)
                && Arrays.deepEquals(covariance, m.covariance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(covariance);
    }

    @Override
    public String toString() {
        return "MultivariateNormal(mean=" + Numerics.str(mean) + ", covariance=" + Arrays.deepToString(covariance)
                + ")";
    }
}
