package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The categorical distribution over the indices 0..k-1, with probability {@code p[i]} for index i. Build it from
 * non-negative weights ({@code new Categorical(1, 2, 1)}: probabilities 1/4, 1/2, 1/4) or from unnormalised
 * log-probabilities ({@link #ofLogits}); either way it is normalised on construction. A thread that makes the next
 * Categorical with equal weights (as a model does at each assignment of a mixture) reuses the normalised arrays.
 */
public final class Categorical implements IntDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Categorical";

    /** Up to this many categories, a draw counts the cumulative sums below it; above, it bisects them. */
    private static final int SCAN_LIMIT = 16;

    private final double[] probabilities;
    private final double[] logProbabilities;
    /** p[0] + ... + p[k-1] as summed in order (1 up to rounding): the scale of the uniform a draw inverts. */
    private final double total;
    /** cumulative[i] = p[0] + ... + p[i], summed in order: what a draw inverts. */
    private final double[] cumulative;
    /** The indices 0..k-1, made once (the engine asks for it whenever the prior at a site is a new object). */
    private final Support support;

    /**
     * The categorical distribution with probabilities proportional to {@code weights} (copied).
     *
     * <p>Equal weights cost one comparison per weight, in line: C2 does not inline a method (a constructor neither)
     * that it has already compiled on its own into more than InlineSmallCode (2500) bytes of machine code, and the
     * lookup of this thread's last weights, compiled with the normalisation inlined into it, was that big: every
     * site of a model then called it (11 ns a site in the mixture workload). So new weights are normalised
     * through {@link #normaliser}, which C2 calls and never inlines, and the constructor stays small.
     *
     * @param weights at least one weight, each finite and >= 0, with a positive finite sum
     */
    public Categorical(double... weights) {
        Last last = LAST.get();
        double[] known = last.weights;
        int k = known.length;
        boolean same = weights != null && weights.length == k && k > 0;
        if (same) {
            // Bit patterns, so that 0.0 and -0.0 are told apart; the known weights are never NaN, so a NaN weight
            // never matches and is rejected by normalise. Up to four weights without a loop: C2 compiles a loop
            // with a preamble, and spills the model's values around it, that cost more than the few comparisons.
            if (k <= 4) {
                same = sameBits(known, weights, 0) && (k < 2 || sameBits(known, weights, 1))
                        && (k < 3 || sameBits(known, weights, 2)) && (k < 4 || sameBits(known, weights, 3));
            } else {
                for (int i = 0; same && i < k; i++) {
                    same = sameBits(known, weights, i);
                }
            }
        }
        if (!same) {
            normaliseOutOfLine(weights, last);
        }
        this.probabilities = last.p;
        this.logProbabilities = last.logP;
        this.total = last.total;
        this.cumulative = last.cumulative;
        this.support = last.support;
    }

    private static boolean sameBits(double[] a, double[] b, int i) {
        return Double.doubleToRawLongBits(a[i]) == Double.doubleToRawLongBits(b[i]);
    }

    /** The last weights this thread made a Categorical with, and what they normalise to. */
    private static final PerThreadSlot<Last> LAST = new PerThreadSlot<>(Last::new);

    /**
     * This thread's last weights (a private copy; none at first) with their normalised form, held in the entry
     * itself so that a match costs no further load. The arrays are shared by the Categoricals made from them and
     * never written after, so new weights put new arrays here.
     */
    private static final class Last extends PerThreadSlot.Entry {
        double[] weights = new double[0];
        double[] p;
        double[] logP;
        double total;
        double[] cumulative;
        Support support;

        void set(double[] weights, Normalised n) {
            this.weights = weights;
            this.p = n.p();
            this.logP = n.logP();
            this.total = n.total();
            this.cumulative = n.cumulative();
            this.support = n.support();
        }
    }

    /**
     * Normalised probabilities, their logs, their cumulative sums and total as summed in order: made by a
     * factory, handed to the constructor that stores. Immutable once made.
     */
    private record Normalised(double[] p, double[] logP, double total, double[] cumulative, Support support) {

        static Normalised of(double[] p, double[] logP) {
            int k = p.length;
            double[] cumulative = new double[k];
            double c = 0;
            for (int i = 0; i < k; i++) {
                c += p[i];
                cumulative[i] = c;
            }
            return new Normalised(p, logP, c, cumulative, Support.integers(0, k - 1));
        }
    }

    private Categorical(Normalised n) {
        this.probabilities = n.p();
        this.logProbabilities = n.logP();
        this.total = n.total();
        this.cumulative = n.cumulative();
        this.support = n.support();
    }

    /**
     * {@link #normalise}, in a field that is not final on purpose: C2 does not treat it as a constant, so it calls
     * the method rather than inlining it into every Categorical made (see the constructor). Written once, when the
     * class is initialised.
     */
    private static MethodHandle normaliser = NeverInlined.handle(MethodHandles.lookup(), "normalise",
            MethodType.methodType(void.class, double[].class, Last.class));

    /** {@link #normalise}, always a call (see {@link #normaliser}); its ParameterException passes unchanged. */
    private static void normaliseOutOfLine(double[] weights, Last last) {
        try {
            normaliser.invokeExact(weights, last);
        } catch (Throwable e) {
            throw NeverInlined.rethrown(e);
        }
    }

    /**
     * Validates and normalises weights that differ from this thread's last ones, and makes them its last (in
     * {@code last}, this thread's entry).
     */
    private static void normalise(double[] weights, Last last) {
        double[] w = Check.length(NAME, "weights", weights, 1).clone();
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
                Check.nonNegative(NAME, Check.entry("weights", i), w[i]);
            }
            sum += w[i];
        }
        if (!(sum > 0 && sum < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(NAME, "weights", sum, "of finite positive sum", "sum " + sum);
        }
        double[] p = new double[w.length];
        double[] logP = new double[w.length];
        double logSum = Math.log(sum);
        for (int i = 0; i < p.length; i++) {
            p[i] = w[i] / sum;
            logP[i] = Math.log(w[i]) - logSum;
        }
        last.set(w, Normalised.of(p, logP));
    }

    /**
     * The same as {@code new Categorical(weights)}, the one way every distribution is made.
     *
     * @param weights at least one weight, each finite and >= 0, with a positive finite sum
     * @deprecated use {@code new Categorical(weights)}
     */
    @Deprecated
    public static Categorical of(double... weights) {
        return new Categorical(weights);
    }

    /**
     * The categorical distribution with probabilities proportional to {@code exp(logits[i])} (the softmax): the
     * second way to make one, for weights known by their logs.
     *
     * @param logits at least one entry, each finite or {@code -inf} (probability 0), not all {@code -inf}
     */
    public static Categorical ofLogits(double... logits) {
        Check.length(NAME, "logits", logits, 1);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            double l = logits[i];
            if (Double.isNaN(l) || l == Double.POSITIVE_INFINITY) {
                throw new ParameterException(NAME, "logits[" + i + "]", l, "finite or -Infinity");
            }
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new ParameterException(NAME, "logits", max, "not all -Infinity", "all -Infinity");
        }
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        double logZ = max + Math.log(sum);
        double[] p = new double[logits.length];
        double[] logP = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            logP[i] = logits[i] - logZ;
            p[i] = Math.exp(logP[i]);
        }
        return new Categorical(Normalised.of(p, logP));
    }

    /** The number of categories k. */
    public int size() {
        return probabilities.length;
    }

    /** The normalised probabilities, a fresh copy. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The indices 0..k-1. */
    @Override
    public Support support() {
        return support;
    }

    /** {@code log p[k]}; {@code -inf} outside 0..k-1. */
    @Override
    public double logMass(int k) {
        return k >= 0 && k < logProbabilities.length ? logProbabilities[k] : Double.NEGATIVE_INFINITY;
    }

    /**
     * Inversion: the first index whose cumulative probability exceeds a uniform draw. Up to
     * {@value #SCAN_LIMIT} categories it counts the cumulative sums (but the last) that do not exceed it, without
     * a branch on the draw: the sums never decrease (each adds a non-negative probability, and rounding keeps
     * order), so the count is that first index. Above, it bisects the same sums, so the draw is the same either
     * way.
     */
    @Override
    public int sample(Rng rng) {
        double u = rng.nextDouble() * total;
        double[] c = cumulative;
        int hi = c.length - 1;
        if (hi == 1) {
            return c[0] <= u ? 1 : 0; // the count below, for two categories, without the loop's setup
        }
        if (hi < SCAN_LIMIT) {
            int n = 0;
            for (int i = 0; i < hi; i++) {
                n += c[i] <= u ? 1 : 0;
            }
            return n;
        }
        int lo = 0;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The mean index, {@code sum i p[i]}. */
    @Override
    public double mean() {
        double m = 0;
        for (int i = 0; i < probabilities.length; i++) {
            m += i * probabilities[i];
        }
        return m;
    }

    /** The variance of the index, {@code sum (i - mean)^2 p[i]}. */
    @Override
    public double variance() {
        double m = mean();
        double v = 0;
        for (int i = 0; i < probabilities.length; i++) {
            v += (i - m) * (i - m) * probabilities[i];
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Categorical c && Arrays.equals(probabilities, c.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Categorical(probabilities=" + Numerics.str(probabilities) + ")";
    }
}
