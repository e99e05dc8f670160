package dev.ariadne.search;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.ParameterException;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.VecDist;
import java.util.Arrays;

/**
 * Independent normals on R^(K-1) pushed onto the K-simplex by stick breaking (Stan's transform): for
 * j = 0..K-2, z_j = logistic(y_j - log(K - 1 - j)) is the share of the remaining stick given to coordinate j, and
 * the last coordinate takes what is left. The density, with respect to Lebesgue measure on the first K-1
 * coordinates (as the Dirichlet's), counts the Jacobian: q(x) = prod_j Normal(y_j; loc_j, scale_j) /
 * prod_j [z_j (1 - z_j) rest_j], with rest_j = 1 - x_0 - ... - x_(j-1). The mean-field family uses it for simplex
 * sites.
 */
public final class StickBreakingNormal implements VecDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "StickBreakingNormal";
    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final double[] loc;
    private final double[] scale;

    private StickBreakingNormal(double[] loc, double[] scale) {
        this.loc = loc;
        this.scale = scale;
    }

    /**
     * The distribution with the given normal locations and scales in the unconstrained coordinates (copied).
     *
     * @param loc   K-1 finite locations
     * @param scale K-1 finite positive scales
     */
    public static StickBreakingNormal of(double[] loc, double[] scale) {
        if (loc.length < 1 || loc.length != scale.length) {
            throw new ParameterException(NAME, "loc", loc.length, "of length >= 1 and equal to scale's ("
                    + scale.length + ")");
        }
        for (int j = 0; j < loc.length; j++) {
            Checks.finite(NAME, "loc[" + j + "]", loc[j]);
            Checks.positive(NAME, "scale[" + j + "]", scale[j]);
        }
        return new StickBreakingNormal(loc.clone(), scale.clone());
    }

    /** The unconstrained coordinates y of a point x of the simplex (length K-1); NaN-free only inside. */
    public double[] unconstrained(double[] x) {
        int k = dim();
        double[] y = new double[k - 1];
        double rest = 1;
        for (int j = 0; j < k - 1; j++) {
            double z = x[j] / rest;
            y[j] = Math.log(z) - Math.log1p(-z) + Math.log(k - 1 - j);
            rest -= x[j];
        }
        return y;
    }

    @Override
    public int dim() {
        return loc.length + 1;
    }

    @Override
    public Support support() {
        return Support.simplex(dim());
    }

    @Override
    public void sample(Rng rng, double[] out) {
        int k = dim();
        double rest = 1;
        for (int j = 0; j < k - 1; j++) {
            double y = loc[j] + scale[j] * rng.standardNormal() - Math.log(k - 1 - j);
            double z = 1 / (1 + Math.exp(-y));
            out[j] = rest * z;
            rest -= out[j];
        }
        out[k - 1] = Math.max(0, rest);
    }

    /** The log density with the stick-breaking Jacobian; {@code -inf} off the simplex or on its boundary. */
    @Override
    public double logDensity(double[] x) {
        int k = dim();
        if (x == null || x.length != k || !support().contains(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = 0;
        double rest = 1;
        for (int j = 0; j < k - 1; j++) {
            double z = x[j] / rest;
            if (!(z > 0 && z < 1)) {
                return Double.NEGATIVE_INFINITY;
            }
            double y = Math.log(z) - Math.log1p(-z) + Math.log(k - 1 - j);
            double u = (y - loc[j]) / scale[j];
            lp += -0.5 * u * u - Math.log(scale[j]) - LN_SQRT_2PI - Math.log(z) - Math.log1p(-z) - Math.log(rest);
            rest -= x[j];
        }
        return lp == lp ? lp : Double.NEGATIVE_INFINITY;
    }

    /**
     * A draw the doubles cannot carry ({@link VecDist#unrepresentableAt}): an entry within 2^20 doubles of 0, or a
     * stick's fraction within 2^20 doubles of 0 or 1, where a rounding cell is as wide as the distance to the end and
     * the density, unbounded there, is not the cell's mass over its width (as {@link LogitNormal#unrepresentableAt} for
     * one fraction). The run counts with weight 0.
     */
    @Override
    public boolean unrepresentableAt(double[] x) {
        int k = dim();
        if (x != null && x.length == k) {
            double rest = 1;
            for (int j = 0; j < k; j++) {
                if (Support.withinRoundingOfAnEnd(x[j], 0, Double.POSITIVE_INFINITY)
                        || j < k - 1 && Support.withinRoundingOfAnEnd(x[j] / rest, 0, 1)) {
                    return true;
                }
                rest -= x[j];
            }
        }
        return false;
    }

    /**
     * The mean: with the sticks' fractions v_j = logistic(y_j - log(K - 1 - j)) independent,
     * E[x_j] = E[v_j] prod_{i < j} E[1 - v_i], each fraction's moments those of its {@link LogitNormal} (by
     * quadrature over its normal). (It was the point the locations map to, which is not the mean: 0.881 for a mean of
     * 0.845 at loc 2, scale 1, an outside tester.)
     */
    @Override
    public double[] mean() {
        return moments(false);
    }

    /**
     * The variances, E[x_j^2] - E[x_j]^2 with E[x_j^2] = E[v_j^2] prod_{i < j} E[(1 - v_i)^2], each fraction's second
     * moment its LogitNormal's variance plus its squared mean.
     */
    @Override
    public double[] variance() {
        double[] mean = moments(false);
        double[] square = moments(true);
        for (int j = 0; j < square.length; j++) {
            square[j] = Math.max(0, square[j] - mean[j] * mean[j]);
        }
        return square;
    }

    /** E[x_j] for each j, or E[x_j^2] if {@code squared}. */
    private double[] moments(boolean squared) {
        int k = dim();
        double[] out = new double[k];
        double rest = 1; // E[prod_{i < j} (1 - v_i)], or of its square
        for (int j = 0; j < k - 1; j++) {
            // the stick's fraction is a LogitNormal on [0, 1], whose mean and variance are its two moments
            LogitNormal fraction = new LogitNormal(loc[j] - Math.log(k - 1 - j), scale[j], 0, 1);
            double v = fraction.mean();
            double v2 = squared ? fraction.variance() + v * v : 0;
            out[j] = rest * (squared ? v2 : v);
            rest *= squared ? 1 - 2 * v + v2 : 1 - v;
        }
        out[k - 1] = rest;
        return out;
    }

    /** The locations (a copy). */
    public double[] loc() {
        return loc.clone();
    }

    /** The scales (a copy). */
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StickBreakingNormal s && Arrays.equals(loc, s.loc) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(loc) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return NAME + "(loc=" + Arrays.toString(loc) + ", scale=" + Arrays.toString(scale) + ")";
    }
}
