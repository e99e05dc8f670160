package dev.ariadne.inference.stats;

/**
 * A compensated (Kahan-Babuska-Neumaier) running sum: the rounding error of each addition is carried in a
 * second double, so the sum of n terms is accurate to about one rounding instead of n. Public for the checks that
 * sum a run's scores again to see what its plain sum lost.
 */
public final class Neumaier implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

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
