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
        // two passes, the largest log mass and then the compensated sum below it, so that a support of a billion
        // values is summed in constant memory (an array of its log masses ran out of heap; an adversarial tester)
        int lower = (int) d.support().lower();
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < size; o++) {
            double l = logMass(d, lower, o);
            if (l != l) {
                return Double.NaN;
            }
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return Math.exp(max);
        }
        double sum = 0;
        double lost = 0;
        for (int o = 0; o < size; o++) {
            double t = Math.exp(logMass(d, lower, o) - max);
            double next = sum + t;
            lost += Math.abs(sum) >= Math.abs(t) ? (sum - next) + t : (t - next) + sum;
            sum = next;
        }
        return Math.exp(max + Math.log(sum + lost));
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
