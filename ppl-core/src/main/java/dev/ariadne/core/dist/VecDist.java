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
     * The log density at {@code x} as a proposal's, for an importance weight p(x) / q(x) at a vector this distribution
     * drew: {@link #logDensity}, except {@code +inf} where the doubles around x cannot carry the density's mass, which
     * gives the run weight 0 ({@link dev.ariadne.core.FailureCause#UNREPRESENTABLE_DRAW}), as
     * {@link RealDist#proposalLogDensity} does for a scalar. The default is {@link #logDensity}; a distribution whose
     * density is unbounded at an edge of its support where the doubles are coarse overrides this.
     */
    default double proposalLogDensity(double[] x) {
        return logDensity(x);
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
