package dev.ariadne.inference;

import java.util.Locale;

/**
 * The error probability delta of a certified bound: the bound fails with probability at most delta, so a bound at
 * delta 0.05 holds with confidence 0.95. Every method that takes a delta checks it here.
 */
public final class Delta {

    /**
     * The largest delta accepted. A larger one is almost always a confidence passed where the error probability
     * belongs (a new user's {@code lowerBound(0.95)} was accepted as a bound that fails 95% of the time).
     */
    public static final double MAX = 0.5;

    private Delta() {
    }

    /**
     * Returns delta when it lies in (0, {@link #MAX}].
     *
     * @throws IllegalArgumentException otherwise, saying that delta is the error probability, 1 - confidence
     */
    public static double check(double delta) {
        if (!(delta > 0 && delta <= MAX)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "delta must be in (0, %s], got %s: it is "
                    + "the probability that the bound fails (0.05 for a bound that holds with confidence 0.95)%s",
                    MAX, delta, delta > MAX && delta < 1 ? String.format(Locale.ROOT, "; for confidence %s pass delta "
                            + "= %s", delta, (float) (1 - delta)) : ""));
        }
        return delta;
    }
}
