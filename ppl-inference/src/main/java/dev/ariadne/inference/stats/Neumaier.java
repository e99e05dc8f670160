package dev.ariadne.inference.stats;

/**
 * A compensated (Kahan-Babuska-Neumaier) running sum: the rounding error of each addition is carried in a
 * second double, so the sum of n terms is accurate to about one rounding instead of n. Package-private helper.
 */
final class Neumaier implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private double sum;
    private double comp;

    void add(double x) {
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

    double value() {
        return sum + comp;
    }

    void copyFrom(Neumaier o) {
        sum = o.sum;
        comp = o.comp;
    }
}
