package dev.ariadne.inference.stats;

/**
 * A compensated (Kahan-Babuska-Neumaier) running sum: the rounding error of each addition is carried in a
 * second double, so the sum of n terms is accurate to about one rounding instead of n. Public for the checks that
 * sum a run's scores again to see what its plain sum lost.
 */
public final class Neumaier implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The log of the smallest term worth adding to a sum that holds at least 1 (a sum of weights on the scale of
     * their largest): {@code 2^63} terms below {@code exp(-690)} add up to less than {@code 1e-280}, which no such
     * sum can show. The sums of weights made once a run ({@link WeightStats}, {@link LogSumExp}) leave those terms out
     * rather than compute them: {@code exp} of a number below about -708 is subnormal or 0 and took 2 to 15 times as
     * long as an ordinary one, as did a square or product that came out subnormal, and a model's weights from its prior
     * lie that far apart. Not a weighted mean's sums, whose values (up to 1e300) can make such a term count.
     */
    public static final double NEGLIGIBLE_LOG_TERM = -690;

    private double sum;
    private double comp;

    /** An empty sum, 0. */
    public Neumaier() {
    }

    /** The compensated sum of the first {@code n} values, added in order. */
    public static double sum(double[] values, int n) {
        Neumaier s = new Neumaier();
        for (int i = 0; i < n; i++) {
            s.add(values[i]);
        }
        return s.value();
    }

    /** Adds {@code x}, carrying the addition's rounding error. */
    public void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            comp += (sum - t) + x;
        } else {
            comp += (x - t) + sum;
        }
        sum = t;
    }

    /** Multiplies the sum (and its compensation) by a factor, used when the log-space scale changes. */
    void scale(double factor) {
        sum *= factor;
        comp *= factor;
    }

    /** Adds another compensated sum multiplied by factor. */
    void addScaled(Neumaier other, double factor) {
        add(other.sum * factor);
        add(other.comp * factor);
    }

    /** The sum, with the carried rounding errors added back. */
    public double value() {
        return sum + comp;
    }

    void copyFrom(Neumaier o) {
        sum = o.sum;
        comp = o.comp;
    }
}
