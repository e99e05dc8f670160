package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.util.Arrays;

/**
 * The Dirichlet distribution on the probability simplex of length-k vectors: density
 * {@code prod x_i^(alpha_i - 1) / B(alpha)} with {@code B(alpha) = prod Gamma(alpha_i) / Gamma(sum alpha_i)},
 * with respect to Lebesgue measure on the first k - 1 coordinates. The conjugate prior of a categorical
 * distribution's probabilities; each coordinate is marginally Beta(alpha_i, sum - alpha_i). Its log normaliser is
 * computed when it is made, and not again when the same thread makes another with the concentrations of one of
 * the last four it made (which then share one private copy of them).
 */
public final class Dirichlet implements VecDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Dirichlet";

    /** The smallest accepted concentration, as {@link Beta#MIN_SHAPE} (the log-space sampler needs it). */
    public static final double MIN_CONCENTRATION = Beta.MIN_SHAPE;

    /** The last concentrations this thread made a Dirichlet with, and their constants. */
    private static final PerThreadSlot<Last> LAST = new PerThreadSlot<>(Last::new);

    /**
     * This thread's last concentrations (or null) and three it held before, each with its constants, shared by the
     * Dirichlets made with them. A model with two Dirichlet priors of different concentrations (a topic model's
     * document-topic and topic-word priors, a mixture's weights and its components' categories) makes them in turn,
     * and with the last alone recomputed both sets of constants (a log Gamma per concentration, a copy and a
     * support) twice a run; a miss of the last now searches the earlier ones before computing.
     */
    private static final class Last extends PerThreadSlot.Entry {
        Constants last;
        /**
         * Concentrations longer than this are held as the last ones only, never among the earlier ones: what a
         * thread keeps stays at most a few tens of kilobytes beside the last.
         */
        private static final int RECENT_MAX_LENGTH = 1024;
        /** Earlier concentrations, in no order; null where none. */
        final Constants[] older = new Constants[3];
        /** The slot of {@link #older} the next computed constants put the last ones in: each in turn. */
        int next;

        /** The constants of {@code alpha} (validated): the last, an earlier one swapped with it, or computed. */
        Constants of(double[] alpha) {
            Constants c = last;
            if (c != null && Arrays.equals(c.alpha, alpha)) {
                return c;
            }
            for (int i = 0; i < older.length; i++) {
                Constants o = older[i];
                if (o != null && Arrays.equals(o.alpha, alpha)) {
                    older[i] = c;
                    last = o;
                    return o;
                }
            }
            if (c != null && c.alpha.length <= RECENT_MAX_LENGTH) {
                older[next] = c;
                next = next == older.length - 1 ? 0 : next + 1;
            }
            Constants made = new Constants(alpha);
            last = made;
            return made;
        }
    }

    private final double[] alpha;
    private final double alphaSum;
    private final double logNormaliser;
    /** The simplex, made once (the engine asks for it whenever the prior at a site is a new object). */
    private final Support support;

    /** A private copy of the concentrations, shared by the Dirichlets made with them, with its constants. */
    private static final class Constants {
        final double[] alpha;
        final double alphaSum;
        final double logNormaliser;
        final Support support;

        Constants(double[] alpha) {
            this.alpha = alpha.clone();
            this.support = Support.simplex(alpha.length);
            double sum = 0;
            double logGammas = 0;
            for (double x : this.alpha) {
                sum += x;
                logGammas += LogMath.logGamma(x);
            }
            if (!(sum < Double.POSITIVE_INFINITY)) { // Dirichlet(1e308, 1e308) had a NaN density and variance
                throw new ParameterException(NAME, "alpha", sum, "small enough that its sum is a finite double",
                        Arrays.toString(alpha));
            }
            this.alphaSum = sum;
            this.logNormaliser = LogMath.logGamma(sum) - logGammas;
        }
    }

    /**
     * The Dirichlet distribution with concentrations {@code alpha} (copied): {@code new Dirichlet(1, 1, 1)} is
     * uniform on the simplex of length-3 probability vectors.
     *
     * @param alpha at least two concentrations, each finite and >= {@value #MIN_CONCENTRATION}
     */
    public Dirichlet(double... alpha) {
        Check.length(NAME, "alpha", alpha, 2);
        for (int i = 0; i < alpha.length; i++) {
            double x = alpha[i];
            if (!(x >= MIN_CONCENTRATION && x < Double.POSITIVE_INFINITY)) {
                Check.atLeast(NAME, Check.entry("alpha", i), Check.positive(NAME, Check.entry("alpha", i), x),
                        MIN_CONCENTRATION);
            }
        }
        Constants c = LAST.get().of(alpha);
        this.alpha = c.alpha;
        this.alphaSum = c.alphaSum;
        this.logNormaliser = c.logNormaliser;
        this.support = c.support;
    }

    /**
     * The same as {@code new Dirichlet(alpha)}, the one way every distribution is made.
     *
     * @param alpha at least two concentrations, each finite and > 0
     * @deprecated use {@code new Dirichlet(alpha)}
     */
    @Deprecated
    public static Dirichlet of(double... alpha) {
        return new Dirichlet(alpha);
    }

    /** The concentrations, a fresh copy. */
    public double[] alpha() {
        return alpha.clone();
    }

    /** The length k of the vectors. */
    @Override
    public int dim() {
        return alpha.length;
    }

    /** The simplex of length-k probability vectors. */
    @Override
    public Support support() {
        return support;
    }

    /**
     * The log density at x; {@code -inf} off the simplex (wrong length, a negative or NaN entry, or a sum further
     * than {@link Support#contains(double[])} allows from 1). On the boundary it is the limit: {@code -inf} if any
     * zero entry has alpha_i > 1, otherwise {@code +inf} if any zero entry has alpha_i < 1.
     */
    @Override
    public double logDensity(double[] x) {
        if (x == null || x.length != alpha.length || !onSimplex(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (alphaSum > LargeShapes.THRESHOLD && allPositive(x)) {
            return LargeShapes.dirichletLogDensity(alpha, alphaSum, x);
        }
        double lp = logNormaliser;
        boolean infinite = false;
        for (int i = 0; i < alpha.length; i++) {
            if (alpha[i] == 1) {
                continue;
            }
            if (x[i] == 0) {
                if (alpha[i] > 1) {
                    return Double.NEGATIVE_INFINITY;
                }
                infinite = true;
            } else {
                lp += (alpha[i] - 1) * Math.log(x[i]);
            }
        }
        return infinite ? Double.POSITIVE_INFINITY : lp;
    }

    private static boolean allPositive(double[] x) {
        for (double v : x) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A draw with an entry within 2^20 doubles of 0 (below 2^-1054, among the subnormals, where {@link #sample} also
     * puts an entry that underflows): there a double's rounding cell is as wide as the distance to 0, and a density
     * with a concentration below 1, unbounded at 0, is not the cell's mass over its width
     * ({@link VecDist#unrepresentableAt}); the run counts with weight 0. A Dirichlet(0.001, 1) proposal for
     * a Dirichlet(0.002, 1) prior with no evidence drew such entries in about half its runs and read P(e) = 1 as 1.22,
     * its certified lower bound above 1. Each entry is held on its own, so one near 1 is exact in the entries beside
     * it and needs no zone.
     */
    @Override
    public boolean unrepresentableAt(double[] x) {
        if (x != null) {
            for (double v : x) {
                if (Support.withinRoundingOfAnEnd(v, 0, Double.POSITIVE_INFINITY)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Non-negative entries summing to 1 within the tolerance of {@link Support#contains(double[])}. */
    private static boolean onSimplex(double[] x) {
        double sum = 0;
        for (double v : x) {
            if (!(v >= 0)) {
                return false;
            }
            sum += v;
        }
        return Math.abs(sum - 1) <= Support.simplexTolerance(x.length);
    }

    /**
     * Independent Gamma(alpha_i, 1) draws, normalised to sum to 1. The draws are made and normalised in log space,
     * so small concentrations (whose gamma draws underflow) still give a valid point on the simplex; an entry
     * below the smallest positive double is that double, where the density is finite (at 0 it would be infinite
     * for alpha_i < 1).
     */
    @Override
    public void sample(Rng rng, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < alpha.length; i++) {
            out[i] = Numerics.logStandardGamma(rng, alpha[i]);
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            out[i] = Math.exp(out[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < alpha.length; i++) {
            double x = out[i] / sum;
            out[i] = x == 0 ? Double.MIN_VALUE : x;
        }
    }

    /** {@code alpha_i / sum(alpha)}. */
    @Override
    public double[] mean() {
        double[] m = new double[alpha.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = alpha[i] / alphaSum;
        }
        return m;
    }

    /** {@code alpha_i (sum - alpha_i) / (sum^2 (sum + 1))}. */
    @Override
    public double[] variance() {
        double[] v = new double[alpha.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = alpha[i] / alphaSum * ((alphaSum - alpha[i]) / alphaSum) / (alphaSum + 1);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dirichlet d && Arrays.equals(alpha, d.alpha);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "Dirichlet(alpha=" + Numerics.str(alpha) + ")";
    }
}
