package dev.ariadne.core.dist;

/**
 * Parameter validation for distributions, the library's own and those users write. A scalar check returns its
 * argument when it is allowed; an array or matrix check returns a validated <em>copy</em>, so the distribution
 * keeps exactly what was checked whatever the caller later does to its array. Otherwise each throws a
 * {@link ParameterException} naming the distribution, the parameter (an entry as {@code alpha[2]}) and the value,
 * so a distribution validates in its constructor in one line per parameter:
 *
 * <pre>{@code
 * record Gumbel(double location, double scale) implements RealDist {
 *     public Gumbel {
 *         Check.finite("Gumbel", "location", location);
 *         Check.positive("Gumbel", "scale", scale);
 *     }
 *     ...
 * }
 *
 * final class Mixture implements RealDist {
 *     private final double[] weights;
 *     public Mixture(double... weights) {
 *         this.weights = Check.probabilities("Mixture", "weights", weights);   // a copy
 *     }
 *     ...
 * }
 * }</pre>
 *
 * NaN fails every check. Inside a model, the engine adds the site's address and the run to the message.
 * {@link LogMath} has the special functions (log-gamma, log-beta, log-sum-exp) that the densities then need.
 */
public final class Check {

    private Check() {
    }

    /**
     * For a distribution whose constructor tests all its parameters at once and, when the test fails, runs their
     * checks out of line to throw the exception that names the parameter: what it throws if every check passes,
     * which means that the test and the checks disagree (a bug in the distribution).
     */
    public static IllegalStateException acceptedByEveryCheck(String dist) {
        return new IllegalStateException(dist + ": parameters rejected by its constructor's test pass every check");
    }

    /** A finite real number. */
    public static double finite(String dist, String param, double value) {
        if (!(Math.abs(value) <= Double.MAX_VALUE)) { // Double.isFinite's test, without its call to inline
            throw rejected(dist, param, value, "finite");
        }
        return value;
    }

    /** A finite, strictly positive real number (scales, rates, shapes). */
    public static double positive(String dist, String param, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw rejected(dist, param, value, "finite and > 0");
        }
        return value;
    }

    /** A finite, non-negative real number. */
    public static double nonNegative(String dist, String param, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw rejected(dist, param, value, "finite and >= 0");
        }
        return value;
    }

    /** A probability: a number in [0, 1]. */
    public static double probability(String dist, String param, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw rejected(dist, param, value, "in [0, 1]");
        }
        return value;
    }

    /** A probability that may not be zero: a number in (0, 1]. */
    public static double positiveProbability(String dist, String param, double value) {
        if (!(value > 0 && value <= 1)) {
            throw rejected(dist, param, value, "in (0, 1]");
        }
        return value;
    }

    /** A strictly positive integer. */
    public static int positiveInt(String dist, String param, int value) {
        if (value <= 0) {
            throw rejected(dist, param, value, "> 0");
        }
        return value;
    }

    /** A non-negative integer. */
    public static int nonNegativeInt(String dist, String param, int value) {
        if (value < 0) {
            throw rejected(dist, param, value, ">= 0");
        }
        return value;
    }

    /**
     * A finite number of at least {@code min}: a floor beyond positivity, where a parameter's arithmetic needs one
     * (Normal's sd must be at least {@link Double#MIN_NORMAL}, so that its reciprocal is finite). Check positivity
     * first, so that a zero or negative value gets the plainer message.
     */
    public static double atLeast(String dist, String param, double value, double min) {
        if (!(value >= min && value < Double.POSITIVE_INFINITY)) {
            throw belowMinimum(dist, param, value, min);
        }
        return value;
    }

    /** A number in the closed interval [lo, hi]. */
    public static double inRange(String dist, String param, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw outOfRange(dist, param, value, lo, hi);
        }
        return value;
    }

    /** An integer in lo..hi inclusive. */
    public static int inRange(String dist, String param, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw outOfRange(dist, param, value, lo, hi);
        }
        return value;
    }

    // The exceptions, made out of line: the scalar checks are inlined wherever a distribution is made (at every
    // site of a model), and C2 counts the bytecode of each inlined method, whole, against the 8,000 bytes it inlines
    // into one compiled method; a check whose message is built in line costs a site more of them.

    private static ParameterException rejected(String dist, String param, double value, String requirement) {
        return new ParameterException(dist, param, value, requirement);
    }

    private static ParameterException rejected(String dist, String param, long value, String requirement) {
        return new ParameterException(dist, param, value, requirement);
    }

    private static ParameterException belowMinimum(String dist, String param, double value, double min) {
        return ParameterException.belowTheFloor(dist, param, value, min);
    }

    private static ParameterException outOfRange(String dist, String param, double value, double lo, double hi) {
        return new ParameterException(dist, param, value, "in [" + lo + ", " + hi + "]");
    }

    private static ParameterException outOfRange(String dist, String param, int value, int lo, int hi) {
        return new ParameterException(dist, param, value, "in " + lo + ".." + hi);
    }

    /** A non-null array of at least {@code min} entries; the value reported is its length. */
    public static double[] length(String dist, String param, double[] values, int min) {
        if (values == null) {
            throw new ParameterException(dist, param, Double.NaN, "a non-null array", "null");
        }
        if (values.length < min) {
            throw new ParameterException(dist, param + ".length", values.length, ">= " + min);
        }
        return values;
    }

    /**
     * A non-null array as long as another parameter {@code other} of length {@code length} (a second parameter
     * that must match the first): {@code MultivariateNormal: sd.length must be mean.length (2), got 1}.
     */
    public static double[] sameLength(String dist, String param, double[] values, String other, int length) {
        if (values == null) {
            throw new ParameterException(dist, param, Double.NaN, "a non-null array", "null");
        }
        if (values.length != length) {
            throw new ParameterException(dist, param + ".length", values.length, other + ".length (" + length + ")");
        }
        return values;
    }

    /**
     * An array of at least {@code minLength} finite entries. Returns a <em>copy</em>, so that the distribution
     * keeps exactly what was checked whatever the caller later does to its array. An entry is named
     * {@code param[i]} in the message.
     */
    public static double[] finite(String dist, String param, double[] values, int minLength) {
        double[] copy = new double[length(dist, param, values, minLength).length];
        for (int i = 0; i < copy.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new ParameterException(dist, entry(param, i), v, "finite");
            }
            copy[i] = v;
        }
        return copy;
    }

    /** An array of at least {@code minLength} finite entries that are all > 0 (concentrations, scales); a copy. */
    public static double[] positive(String dist, String param, double[] values, int minLength) {
        double[] copy = length(dist, param, values, minLength).clone();
        for (int i = 0; i < copy.length; i++) {
            if (!(copy[i] > 0 && copy[i] < Double.POSITIVE_INFINITY)) {
                positive(dist, entry(param, i), copy[i]);
            }
        }
        return copy;
    }

    /** An array of at least {@code minLength} finite entries that are all >= 0 (unnormalised weights); a copy. */
    public static double[] nonNegative(String dist, String param, double[] values, int minLength) {
        double[] copy = length(dist, param, values, minLength).clone();
        for (int i = 0; i < copy.length; i++) {
            if (!(copy[i] >= 0 && copy[i] < Double.POSITIVE_INFINITY)) {
                nonNegative(dist, entry(param, i), copy[i]);
            }
        }
        return copy;
    }

    /**
     * A probability vector: at least one entry, each in [0, 1], summing to 1 within {@code 1e-9} times the length
     * (the tolerance {@link Support#contains(double[])} allows on the simplex). Returns a copy, not renormalised.
     */
    public static double[] probabilities(String dist, String param, double[] values) {
        double[] copy = length(dist, param, values, 1).clone();
        double sum = 0;
        for (int i = 0; i < copy.length; i++) {
            if (!(copy[i] >= 0 && copy[i] <= 1)) {
                probability(dist, entry(param, i), copy[i]);
            }
            sum += copy[i];
        }
        if (!(Math.abs(sum - 1) <= Support.simplexTolerance(copy.length))) {
            throw new ParameterException(dist, param, sum, "a probability vector (sum 1)", "sum " + sum);
        }
        return copy;
    }

    /**
     * The name of entry i of an array parameter, {@code param[i]}: built only for a message, never while checking
     * (a distribution made at a model's site is checked at every run).
     */
    static String entry(String param, int i) {
        return param + "[" + i + "]";
    }

    /** Relative tolerance of {@link #covariance}'s symmetry check: the rounding of a product such as A A'. */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    /**
     * A covariance matrix: d-by-d (d >= 1), finite entries, symmetric to a relative {@value #SYMMETRY_TOLERANCE}
     * (the rounding of a product such as A A'), and positive definite: its Cholesky factorisation
     * {@code L L'} exists with every pivot {@code L_ii^2} positive (so at least 2.2e-162, and the densities that
     * divide by the pivots stay finite). Returns a symmetrised copy ({@code (m_ij + m_ji) / 2}); the message
     * names the offending entry, row or pivot.
     */
    public static double[][] covariance(String dist, String param, double[][] matrix) {
        double[][] m = symmetric(dist, param, matrix);
        cholesky(dist, param, m);
        return m;
    }

    /**
     * A symmetric matrix: d-by-d (d >= 1), finite entries, symmetric to a relative {@value #SYMMETRY_TOLERANCE}.
     * Returns a symmetrised copy ({@code (m_ij + m_ji) / 2}), as {@link #covariance} does before it checks that the
     * matrix is positive definite; a caller that needs the Cholesky factor anyway checks that by taking it with
     * {@link #cholesky}, whose pivots are the same test, so the matrix is factored once.
     */
    public static double[][] symmetric(String dist, String param, double[][] matrix) {
        double[][] m = squareMatrix(dist, param, matrix);
        int d = m.length;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = m[i][j];
                double b = m[j][i];
                if (Math.abs(a - b) > SYMMETRY_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))) {
                    throw new ParameterException(dist, param, a, "symmetric positive definite",
                            param + "[" + i + "][" + j + "] = " + a + " but " + param + "[" + j + "][" + i + "] = "
                                    + b);
                }
                m[i][j] = m[j][i] = 0.5 * (a + b);
            }
        }
        return m;
    }

    /**
     * The lower-triangular Cholesky factor L of a symmetric matrix m = L L', row i of length i + 1, as
     * {@link #covariance} checks it: a pivot {@code L_ii^2} that is not positive (or NaN) is rejected as "not
     * positive definite", naming the row. The factor is what a multivariate density needs next: its log determinant is
     * {@code 2 sum log L_ii}, and {@code L^-1 (x - mean)} is standard normal.
     */
    public static double[][] cholesky(String dist, String param, double[][] m) {
        int d = m.length;
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (j < i) {
                    l[i][j] = s / l[j][j];
                    continue;
                }
                if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
                    throw new ParameterException(dist, param, s, "symmetric positive definite",
                            "a non-positive Cholesky pivot " + s + " at row " + i + shown(m));
                }
                l[i][i] = Math.sqrt(s); // at least sqrt(4.9e-324) = 2.2e-162, so 1 / L_ii is finite

            }
        }
        return l;
    }

    /** A matrix for a message: its rows, if it has at most 6; else nothing. */
    private static String shown(double[][] m) {
        return m.length > 6 ? "" : " of " + java.util.Arrays.deepToString(m);
    }

    /** A non-null d-by-d matrix (d >= 1) of finite entries; a deep copy. */
    public static double[][] squareMatrix(String dist, String param, double[][] matrix) {
        if (matrix == null) {
            throw new ParameterException(dist, param, Double.NaN, "a non-null square matrix", "null");
        }
        int d = matrix.length;
        if (d == 0) {
            throw new ParameterException(dist, param, 0, "a square matrix of at least one row", "0 rows");
        }
        double[][] m = new double[d][];
        for (int i = 0; i < d; i++) {
            if (matrix[i] == null || matrix[i].length != d) {
                int len = matrix[i] == null ? 0 : matrix[i].length;
                throw new ParameterException(dist, param, len, "a " + d + "x" + d + " matrix",
                        "row " + i + " of length " + len);
            }
            m[i] = matrix[i].clone();
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new ParameterException(dist, param, m[i][j], "finite",
                            param + "[" + i + "][" + j + "] = " + m[i][j]);
                }
            }
        }
        return m;
    }
}
