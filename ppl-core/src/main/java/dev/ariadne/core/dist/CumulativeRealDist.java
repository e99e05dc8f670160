package dev.ariadne.core.dist;

/**
 * A real distribution of your own that also gives its distribution function and its inverse. Subset simulation then
 * steps a choice with this prior through its standard coordinate xi = Phi^-1(F(x)) exactly, as it steps Ariadne's own
 * continuous priors, whose choices climb a level set's tail at any depth. Without it a prior of your own goes through
 * a Gaussian reference (its support's unconstrained coordinate, scaled by the draws' spread) with a correction in the
 * moves' ratio, which climbs a heavier tail slowly: a Logistic prior's P(x >= 15) = e^-15 read 1.2 to 6 nats low in
 * half of all calls (a new user).
 *
 * <p>The four functions must be those of {@link #logDensity} (F' = p): the moves take the map to be exact, and put no
 * term for the choice in their ratio. Each is read on the side of the median where it is accurate: F and its inverse
 * below, the survival function and its inverse above, so that a level far in the upper tail keeps its precision;
 * override the two survival functions where 1 - F loses it (every heavy or light upper tail does beyond a few sds).
 */
public interface CumulativeRealDist extends RealDist {

    /** F(x) = P(X <= x). */
    double cumulativeProbability(double x);

    /** P(X > x); the default, 1 - F(x), is exact only where F(x) is not near 1. */
    default double survivalProbability(double x) {
        return 1 - cumulativeProbability(x);
    }

    /** The x with F(x) = p, for p in (0, 1/2] (and up to 1). */
    double inverseCumulativeProbability(double p);

    /** The x with P(X > x) = p, for p in (0, 1/2]; the default, F^-1(1 - p), is exact only where p is not tiny. */
    default double inverseSurvivalProbability(double p) {
        return inverseCumulativeProbability(1 - p);
    }
}
