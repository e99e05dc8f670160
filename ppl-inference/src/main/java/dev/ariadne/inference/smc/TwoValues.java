package dev.ariadne.inference.smc;

/**
 * The values a tracked quantity takes over a sweep's weighted particles at one step, while they are at most two: each
 * with the effective number of particles (Kish's, over their weights) that hold it. A filtered mean whose values are
 * two (an indicator of a state) and one of them rests on a few particles in all the sweeps has no standard error in
 * the sweeps' spread: most sweeps read 0, one reads a little, and the spread says 0 +- 0 or an error far too small.
 */
final class TwoValues {

    private int count;
    private double first;
    private double second;
    private double w1;
    private double w1Squared;
    private double w2;
    private double w2Squared;

    /** Starts a new step's count. */
    void reset() {
        count = 0;
        w1 = 0;
        w1Squared = 0;
        w2 = 0;
        w2Squared = 0;
    }

    /** Adds particle value {@code v} of weight {@code w} (above 0). */
    void add(double w, double v) {
        if (count == 0) {
            first = v;
            count = 1;
        }
        if (v == first) {
            w1 += w;
            w1Squared += w * w;
        } else if (count == 1 || (count == 2 && v == second)) {
            second = v;
            count = 2;
            w2 += w;
            w2Squared += w * w;
        } else {
            count = 3;
        }
    }

    /**
     * The step's record: {value, effective particles at it} for one value, {first, its effective particles, second,
     * its effective particles} for two; null for more than two (or none).
     */
    double[] record() {
        if (count == 1) {
            return new double[] {first, w1 * w1 / w1Squared};
        }
        return count == 2 ? new double[] {first, w1 * w1 / w1Squared, second, w2 * w2 / w2Squared} : null;
    }
}
