package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/** A distribution over fixed-length real vectors, with a density. */
public non-sealed interface VecDist extends Dist {

    /** The length of the vectors this distribution draws. */
    int dim();

    /** Draws one vector into {@code out}, which must have length {@link #dim()}. */
    void sample(Rng rng, double[] out);

    /** Draws one vector into a new array. */
    default double[] sample(Rng rng) {
        double[] out = new double[dim()];
        sample(rng, out);
        return out;
    }

    /** The natural log of the density at {@code x}; {@code -inf} outside the support or for a wrong length. */
    double logDensity(double[] x);

    /**
     * Whether the vector {@code x}, drawn by this distribution as a proposal, lies where the doubles cannot carry its
     * density's mass, as {@link RealDist#unrepresentableAt} says for a scalar: the run then counts with weight 0
     * ({@link dev.ariadne.core.FailureCause#UNREPRESENTABLE_DRAW}). The default is nowhere; a distribution whose
     * density is unbounded at an edge of its support where the doubles are coarse overrides this. It never changes
     * what a kept run weighs: that is always {@link #logDensity}.
     */
    default boolean unrepresentableAt(double[] x) {
        return false;
    }

    /**
     * The log density of {@code q} at {@code x} as a proposal's: its {@link #logDensity}, or {@code +inf} where
     * {@link #unrepresentableAt} (the run then counts with weight 0).
     */
    static double proposalLogDensity(VecDist q, double[] x) {
        return q.unrepresentableAt(x) ? Double.POSITIVE_INFINITY : q.logDensity(x);
    }

    /** The mean vector (a fresh copy). */
    double[] mean();

    /** The per-coordinate variances (a fresh copy). */
    double[] variance();

    @Override
    default ValueKind valueKind() {
        return ValueKind.VECTOR;
    }
}
