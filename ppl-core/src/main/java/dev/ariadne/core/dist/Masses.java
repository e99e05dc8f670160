package dev.ariadne.core.dist;

/**
 * What a boolean or integer distribution's masses add up to over its support, which a distribution's must make 1:
 * exact enumeration refuses one whose masses do not, and the diagnostics name one of the user's own.
 */
public final class Masses {

    /** How far from 1 a total may be and count as 1: the rounding of masses that sum to 1 in exact terms. */
    public static final double TOLERANCE = 1e-9;

    private Masses() {
    }

    /**
     * The sum of {@code d}'s masses over the first {@code size} values of its support (false then true for a boolean;
     * {@code lower, lower + 1, ...} for an integer one), summed in log space.
     *
     * @param d    a {@link BoolDist} or an {@link IntDist} whose support is finite
     * @param size how many values, at most the support's
     * @throws IllegalArgumentException where {@code d} is of another kind
     */
    public static double total(Dist d, int size) {
        // summed without an array of the log masses, which ran out of heap for a billion values (an adversarial tester)
        int lower = (int) d.support().lower();
        return Math.exp(LogMath.logSumExp(o -> logMass(d, lower, o), 0, size));
    }

    private static double logMass(Dist d, int lower, int o) {
        return d instanceof BoolDist b ? b.logMass(o == 1)
                : d instanceof IntDist n ? n.logMass(lower + o) : unsupported(d);
    }

    /** Whether a total of masses is 1 within {@link #TOLERANCE} (NaN is not). */
    public static boolean isOne(double total) {
        return Math.abs(total - 1) <= TOLERANCE;
    }

    private static double unsupported(Dist d) {
        throw new IllegalArgumentException("masses are summed for a boolean or integer distribution, not " + d);
    }
}
