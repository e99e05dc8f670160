package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The multinomial distribution: the counts of n independent draws, each falling in category i with probability
 * {@code p[i]}, as an {@code int[]} of length k summing to n. Mass {@code n! / prod x_i! * prod p_i^x_i}. Build it from
 * non-negative weights, as a {@link Categorical}: {@code new Multinomial(100, 1, 2, 1)} has probabilities 1/4, 1/2,
 * 1/4. Observe a poll's counts with it ({@code p.observe("votes", new Multinomial(n, share), counts)}); a count
 * vector of another length, a negative count or counts that do not sum to n lie outside its support (mass 0).
 *
 * <p>A draw takes its counts one category at a time, each a binomial draw of the trials left with the category's share
 * of the probability left. A model reads a drawn count vector without changing it: the run's record holds the same
 * array, which a guide or a kernel reads later. Enumeration lists the {@code C(n + k - 1, k - 1)} count vectors, up
 * to {@value #MAX_ENUMERATED}.
 */
public final class Multinomial implements ObjDist<int[]> {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Multinomial";

    /** The most count vectors {@link #enumerate} lists. */
    public static final int MAX_ENUMERATED = 1_000_000;

    private final int n;
    private final double[] probabilities;
    private final transient double[] logProbabilities;
    private final transient double logFactorialN;

    /**
     * Validates the parameters.
     *
     * @param n the number of draws, >= 0
     * @param weights at least one weight, each finite and >= 0, with a positive finite sum; the probabilities are
     *     the weights over their sum
     */
    public Multinomial(int n, double... weights) {
        this(probabilities(n, weights), n);
    }

    /** The weights over their sum (a copy), once n and they are checked, n first. */
    private static double[] probabilities(int n, double[] weights) {
        Check.nonNegativeInt(NAME, "n", n);
        double[] w = Check.nonNegative(NAME, "weights", weights, 1);
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        if (sum == Double.POSITIVE_INFINITY) {
            sum = Categorical.scaledDown(w); // finite weights whose sum passes the largest double
        }
        if (!(sum > 0 && sum < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(NAME, "weights", sum, "of finite positive sum", "sum " + sum);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * The distribution of these probabilities (normalised, owned): its constants depend on them alone, so that one
     * read back from its serialised form scores bit for bit as the one written.
     */
    private Multinomial(double[] probabilities, int n) {
        this.n = n;
        this.probabilities = probabilities;
        this.logProbabilities = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            logProbabilities[i] = Math.log(probabilities[i]);
        }
        this.logFactorialN = Numerics.logFactorial(n);
    }

    /** The number of draws. */
    public int n() {
        return n;
    }

    /** The number of categories, the length of every count vector. */
    public int categories() {
        return probabilities.length;
    }

    /** The probabilities of the categories (a copy). */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The mean count of each category, {@code n p[i]}. */
    public double[] mean() {
        double[] m = new double[probabilities.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = n * probabilities[i];
        }
        return m;
    }

    /** The variance of each category's count, {@code n p[i] (1 - p[i])}. */
    public double[] variance() {
        double[] v = new double[probabilities.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = n * probabilities[i] * (1 - probabilities[i]);
        }
        return v;
    }

    /**
     * Counts drawn category by category, each a binomial draw of the trials left with the category's share of the
     * probability left, {@code p[i] / (p[i] + ... + p[k-1])} (summed from the last, so that no difference of sums
     * loses it); a new array.
     */
    @Override
    public int[] sample(Rng rng) {
        int k = probabilities.length;
        double[] rest = new double[k];
        double left = 0;
        for (int i = k - 1; i >= 0; i--) {
            left += probabilities[i];
            rest[i] = left;
        }
        int[] x = new int[k];
        int trials = n;
        for (int i = 0; i < k - 1 && trials > 0; i++) {
            double share = rest[i] > 0 ? Math.min(1, probabilities[i] / rest[i]) : 0;
            int c = new Binomial(trials, share).sample(rng);
            x[i] = c;
            trials -= c;
        }
        x[k - 1] += trials;
        return x;
    }

    /**
     * The log mass of the counts {@code x}; {@code -inf} outside the support: null, another length, a negative count,
     * counts that do not sum to n, or a positive count in a category of probability 0.
     */
    @Override
    public double logDensity(int[] x) {
        if (x == null || x.length != probabilities.length) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = logFactorialN;
        long total = 0;
        for (int i = 0; i < x.length; i++) {
            int c = x[i];
            if (c < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            total += c;
            if (c > 0) {
                if (probabilities[i] == 0) {
                    return Double.NEGATIVE_INFINITY;
                }
                lp += c * logProbabilities[i] - Numerics.logFactorial(c);
            }
        }
        return total == n ? lp : Double.NEGATIVE_INFINITY;
    }

    /**
     * Every count vector of length k summing to n, the first category's count from n down, then the second's, and so
     * on ({@code [n, 0, ...]} first), those of mass 0 included; refused where there are more than
     * {@value #MAX_ENUMERATED}.
     */
    @Override
    public List<int[]> enumerate() {
        int k = probabilities.length;
        double size = Math.exp(LogMath.logFactorial(n + k - 1) - LogMath.logFactorial(n)
                - LogMath.logFactorial(k - 1));
        if (size > MAX_ENUMERATED + 0.5) {
            throw new UnsupportedOperationException(String.format(java.util.Locale.ROOT,
                    "%s has about %.3g count vectors, more than the %,d it lists", this, size, MAX_ENUMERATED));
        }
        List<int[]> all = new ArrayList<>((int) Math.round(size));
        compositions(new int[k], 0, n, all);
        return all;
    }

    private static void compositions(int[] prefix, int i, int left, List<int[]> out) {
        if (i == prefix.length - 1) {
            int[] x = prefix.clone();
            x[i] = left;
            out.add(x);
            return;
        }
        for (int c = left; c >= 0; c--) {
            prefix[i] = c;
            compositions(prefix, i + 1, left - c, out);
        }
        prefix[i] = 0;
    }

    private Object readResolve() {
        return new Multinomial(probabilities.clone(), n);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Multinomial m && n == m.n && Arrays.equals(probabilities, m.probabilities));
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(n) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Multinomial(n=" + n + ", p=" + Numerics.str(probabilities) + ")";
    }
}
