package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The multivariate normal distribution on real vectors of length d, with density
 * {@code exp(-(x - mean)' covariance^-1 (x - mean) / 2) / sqrt((2 pi)^d det covariance)}. Made with
 * {@code new MultivariateNormal(mean, covariance)}, whose covariance is factored once by Cholesky
 * ({@code covariance = L L'}), or with independent coordinates by {@link #diagonal}.
 */
public final class MultivariateNormal implements VecDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "MultivariateNormal";

    private final double[] mean;
    /** The covariance, symmetric; null for a diagonal one, which keeps only {@link #sd}. */
    private final double[][] covariance;
    /** Lower-triangular Cholesky factor, covariance = L L'; null for a diagonal one. */
    private final double[][] chol;
    /** Lower-triangular inverse of the Cholesky factor: z = cholInv (x - mean) is standard normal; null if diagonal. */
    private final double[][] cholInv;
    /** A diagonal one's standard deviations (its Cholesky factor's diagonal), else null. */
    private final double[] sd;
    /** A diagonal one's reciprocal standard deviations (its inverse factor's diagonal), else null. */
    private final double[] inverseSd;
    /** -d/2 log(2 pi) - sum log L_ii. */
    private final double logNormaliser;

    /**
     * The multivariate normal with the given mean and covariance. Inputs are copied. A thread that makes the next
     * one with a covariance equal, entry for entry and bit for bit, to one of the last two it made (as a model does
     * whose observations share a covariance and differ in their means, beside its prior's) reuses its validated copy,
     * Cholesky factor and inverse factor: the same numbers, without factoring again.
     *
     * @param mean       at least one finite entry
     * @param covariance a d-by-d symmetric positive definite matrix of finite entries (symmetric to a relative
     *                   1e-12, then symmetrised; every Cholesky pivot positive), as
     *                   {@link Check#covariance} checks it
     */
    public MultivariateNormal(double[] mean, double[][] covariance) {
        double[] m = Check.finite(NAME, "mean", mean, 1);
        Factors factors = factorsOf(covariance, m.length);
        this.mean = m;
        this.covariance = factors.covariance();
        this.chol = factors.chol();
        this.cholInv = factors.cholInv();
        this.sd = null;
        this.inverseSd = null;
        this.logNormaliser = factors.logNormaliser();
    }

    /**
     * A validated covariance (symmetrised), its Cholesky factor, the factor's inverse and the log normaliser
     * {@code -d/2 log(2 pi) - sum log L_ii}: what depends on the covariance only. Immutable once made, and shared
     * by the distributions made with an equal covariance.
     */
    private record Factors(double[][] covariance, double[][] chol, double[][] cholInv, double logNormaliser) {

        static Factors of(double[][] cov, double[][] chol) {
            int d = chol.length;
            double[][] cholInv = new double[d][];
            double logDet = 0;
            for (int i = 0; i < d; i++) {
                logDet += Math.log(chol[i][i]);
                // Row i of L^-1 by forward substitution on L cholInv = I.
                double[] row = new double[i + 1];
                row[i] = 1 / chol[i][i];
                for (int j = i - 1; j >= 0; j--) {
                    double s = 0;
                    for (int k = j + 1; k <= i; k++) {
                        s += row[k] * chol[k][j];
                    }
                    row[j] = -s / chol[j][j];
                }
                cholInv[i] = row;
            }
            // The loop above solves row * L = e_i; row i of L^-1 satisfies exactly that.
            return new Factors(cov, chol, cholInv, -d * Numerics.LN_SQRT_2PI - logDet);
        }
    }

    /** The last two covariances this thread made a MultivariateNormal with, as given, and their factors. */
    private static final PerThreadSlot<LastCovariance> LAST = new PerThreadSlot<>(LastCovariance::new);

    /**
     * This thread's last two covariances: their entries as given (none at first) and their factors, the latest
     * first. Two, because a model commonly takes two in turn, its prior's and its observations': with one, each run
     * factored both again.
     */
    private static final class LastCovariance extends PerThreadSlot.Entry {
        double[][] given = new double[0][];
        Factors factors;
        double[][] earlierGiven = new double[0][];
        Factors earlierFactors;

        /** The factors of {@code m} if it is one of the last two covariances given (then the latest), else null. */
        Factors find(double[][] m) {
            if (sameEntries(given, m)) {
                return factors;
            }
            if (!sameEntries(earlierGiven, m)) {
                return null;
            }
            double[][] g = earlierGiven;
            Factors f = earlierFactors;
            earlierGiven = given;
            earlierFactors = factors;
            given = g;
            factors = f;
            return f;
        }

        /** Makes a new covariance, as given, and its factors the latest; the latest becomes the earlier one. */
        void push(double[][] m, Factors f) {
            earlierGiven = given;
            earlierFactors = factors;
            given = m;
            factors = f;
        }
    }

    /**
     * Whether {@code m} holds the entries of the validated matrix {@code known} (which has no NaN to match one), bit
     * for bit: what {@code Arrays.equals} on each row compares, in plain loops, which for a small matrix cost less
     * than the library's vectorised comparison.
     */
    private static boolean sameEntries(double[][] known, double[][] m) {
        if (m == null || m.length != known.length || known.length == 0) {
            return false;
        }
        for (int i = 0; i < known.length; i++) {
            if (!sameBits(known[i], m[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b} holds the entries of the validated {@code a} bit for bit (a NaN in b matches nothing). */
    private static boolean sameBits(double[] a, double[] b) {
        if (b == null || b.length != a.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** A deep copy of a validated matrix. */
    private static double[][] copyOf(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /**
     * The factors of a d-by-d covariance: this thread's if it is one of its last two covariances, else new ones.
     * Always a call ({@link #factorsFinder}), so that the constructor stays small enough to be inlined where a model
     * makes it: the distribution made at each observation is then not allocated.
     */
    private static Factors factorsOf(double[][] covariance, int d) {
        try {
            return (Factors) factorsFinder.invokeExact(covariance, d);
        } catch (Throwable e) {
            throw NeverInlined.rethrown(e);
        }
    }

    /**
     * {@link #findFactors}, in a field that is not final on purpose: C2 calls it and never inlines it. Inlined, the
     * comparison with the last covariance and the validation and factorisation of a new one made the constructor's
     * compiled code 9 KB (3 KB with the factorisation alone out of line), past C2's InlineSmallCode (2,500 bytes),
     * so C2 would not inline it where a model makes a MultivariateNormal at each observation, and the distribution
     * was allocated at every site. Written once, when the class is initialised.
     */
    private static MethodHandle factorsFinder = NeverInlined.handle(MethodHandles.lookup(), "findFactors",
            MethodType.methodType(Factors.class, double[][].class, int.class));

    /** {@link #factorsOf}'s work: this thread's factors if it has them, else a new covariance's, made the latest. */
    private static Factors findFactors(double[][] covariance, int d) {
        if (covariance != null && covariance.length != d) {
            throw new ParameterException(NAME, "covariance", covariance.length, "a " + d + "x" + d + " matrix",
                    covariance.length + " rows");
        }
        LastCovariance last = LAST.get();
        Factors known = last.find(covariance);
        if (known != null) {
            return known;
        }
        // Symmetrised, then factored once: the factor's pivots are Check.covariance's test of definiteness (it used
        // to be taken there, thrown away and taken again here: a third of the work of a new covariance).
        double[][] cov = Check.symmetric(NAME, "covariance", covariance);
        Factors factors = Factors.of(cov, Check.cholesky(NAME, "covariance", cov));
        // The next covariance is compared with the caller's matrix as given: the validated copy itself where
        // symmetrising changed nothing (never written: covariance() copies it), else a copy of its own (a product
        // such as A A' is symmetric only to a rounding, and made again it must still match).
        last.push(sameEntries(cov, covariance) ? cov : copyOf(covariance), factors);
        return factors;
    }

    /**
     * Independent normal coordinates: coordinate i is Normal(mean[i], sd[i]), the second way to make one. Inputs
     * are copied.
     *
     * @param mean at least one finite entry
     * @param sd   the standard deviations, same length, each finite and > 0 and, as Normal's, at least
     *             {@link Double#MIN_NORMAL}
     */
    public static MultivariateNormal diagonal(double[] mean, double[] sd) {
        double[] m = Check.finite(NAME, "mean", mean, 1);
        LastSd last = LAST_SD.get();
        double[] known = last.sd;
        if (known.length != m.length || !sameBits(known, sd)) {
            takeNewSds(sd, m.length, last);
        }
        return new MultivariateNormal(m, last.sd, last.inverseSd, last.logNormaliser);
    }

    /** The last sds this thread made a diagonal MultivariateNormal with, and what follows from them alone. */
    private static final PerThreadSlot<LastSd> LAST_SD = new PerThreadSlot<>(LastSd::new);

    /**
     * This thread's last sds (a validated copy; none at first), their reciprocals and the log normaliser: a diagonal
     * one made at each observation with the same sds (a model's noise) shares them, where each construction copied
     * the sds, took a log and a reciprocal of each and allocated two arrays. The arrays are never written once made;
     * new sds replace them.
     */
    private static final class LastSd extends PerThreadSlot.Entry {
        double[] sd = new double[0];
        double[] inverseSd;
        double logNormaliser;
    }

    /**
     * Validates sds of dimension d that are not this thread's last ones and makes them its last, with what follows
     * from them. A plain call, which C2 inlines into {@link #diagonal} or not as it finds new sds common or rare; the
     * distribution is made by {@code diagonal} either way, so that it is not allocated for the call.
     */
    private static void takeNewSds(double[] sd, int d, LastSd last) {
        double[] s = Check.positive(NAME, "sd", Check.sameLength(NAME, "sd", sd, "mean", d), 1);
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] >= Double.MIN_NORMAL)) {
                Check.atLeast(NAME, Check.entry("sd", i), s[i], Double.MIN_NORMAL);
            }
        }
        double[] inverse = new double[d];
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += Math.log(s[i]);
            inverse[i] = 1 / s[i];
        }
        double logNormaliser = -d * Numerics.LN_SQRT_2PI - logDet;
        last.sd = s;
        last.inverseSd = inverse;
        last.logNormaliser = logNormaliser;
    }

    /**
     * A diagonal one from a validated copy of the means and this thread's validated sds: only the means, the sds and
     * their reciprocals are kept (the covariance and the factors are made when asked for), so that one made at a
     * site in a loop costs the copy of its means, not a matrix and two triangular factors. The same figures as the
     * general constructor's for that covariance.
     */
    private MultivariateNormal(double[] mean, double[] sd, double[] inverseSd, double logNormaliser) {
        this.mean = mean;
        this.sd = sd;
        this.covariance = null;
        this.chol = null;
        this.cholInv = null;
        this.inverseSd = inverseSd;
        this.logNormaliser = logNormaliser;
    }

    /**
     * The same as {@code new MultivariateNormal(mean, covariance)}, the one way every distribution is made.
     *
     * @param mean       at least one finite entry
     * @param covariance a d-by-d symmetric positive definite matrix of finite entries
     * @deprecated use {@code new MultivariateNormal(mean, covariance)}
     */
    @Deprecated
    public static MultivariateNormal of(double[] mean, double[][] covariance) {
        return new MultivariateNormal(mean, covariance);
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
        if (sd != null) {
            double[][] c = new double[sd.length][sd.length];
            for (int i = 0; i < c.length; i++) {
                c[i][i] = sd[i] * sd[i];
            }
            return c;
        }
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
            if (inverseSd != null) {
                z = (x[i] - mean[i]) * inverseSd[i];
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
        // An entry past the largest double is an error, as a Normal's draw is: counted as a draw outside the support,
        // it made a model with no evidence read P(e) 0.87 (an adversarial tester).
        if (sd != null) {
            for (int i = d - 1; i >= 0; i--) {
                out[i] = Numerics.finiteDraw(mean[i] + sd[i] * out[i], this);
            }
            return;
        }
        for (int i = d - 1; i >= 0; i--) {
            double[] row = chol[i];
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += row[j] * out[j];
            }
            out[i] = Numerics.finiteDraw(mean[i] + s, this);
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
            v[i] = sd != null ? sd[i] * sd[i] : covariance[i][i];
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultivariateNormal m && Arrays.equals(mean, m.mean)
                && Arrays.deepEquals(covariance(), m.covariance());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(covariance());
    }

    @Override
    public String toString() {
        return "MultivariateNormal(mean=" + Numerics.str(mean) + ", covariance=" + (mean.length <= ShownArrays.MOST
                ? Arrays.deepToString(covariance()) : "(" + mean.length + " x " + mean.length + ")") + ")";
    }
}
