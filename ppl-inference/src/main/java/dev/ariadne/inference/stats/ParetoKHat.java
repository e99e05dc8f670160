package dev.ariadne.inference.stats;

import java.util.Arrays;

/**
 * The Pareto k-hat diagnostic of importance weights (Vehtari, Simpson, Gelman, Yao and Gabry, PSIS): the estimated
 * shape k of a generalized Pareto distribution fitted to the largest weights. The weights' tail has finite variance
 * for {@code k < 1/2} and finite mean for {@code k < 1}; the importance-sampling estimate is reliable for
 * {@code k < 0.5}, usable with care up to {@link #threshold()} {@code = min(1 - 1/log10(n), 0.7)}, and unreliable
 * above it. Only the diagnostic is computed: smoothed weights must never enter a bound.
 *
 * <p>Recipe (as in the PSIS reference code): tail size {@code M = floor(3 sqrt(n))} for {@code n > 225}, else
 * {@code floor(n/5)}, from the final n; the log weights are shifted by their maximum; the tail is the M largest,
 * {@code u} the largest value outside it, {@code x_j = exp(tail_j) - exp(u)}; the shape is fitted by Zhang and
 * Stephens' (2009) profile-likelihood method with prior 3 and {@code 30 + floor(sqrt(M))} grid points, then shrunk
 * toward 0.5 by {@code k <- (M k + 5)/(M + 10)}.
 *
 * <p><b>Memory.</b> Only a bounded min-heap of the largest log weights is kept, sized {@code M(nMax) + 1} for the
 * expected number of runs nMax given at construction. If more runs arrive, the expected count is quadrupled and the
 * heap grown (memory stays O(sqrt n)). Values dropped before a growth cannot be recovered, so the heap remembers the
 * largest value it ever dropped, D: every log weight above D is still held, so the top values down to D are exact.
 * If fewer than {@code M + 1} exact values are available, the fit uses the largest exact tail ({@link #tailSize()}
 * reports it; {@link #isTailReduced()} says so). With no growth the result is exact and merges are bit-identical to a
 * single pass.
 *
 * <p>Statuses: {@code +inf} ("unreliable") with fewer than 5 tail values (n < 25) or no positive weight;
 * {@code -inf} ("no tail") when every tail weight equals the threshold u (e.g. all weights equal). Never NaN.
 *
 * <p>When the runs of a discrete model recur, the M + 1 largest weights may take only a few distinct values; a
 * generalized Pareto fitted to such ties can give shapes far above 1 for a perfectly good proposal, or below
 * the threshold for a bad one. {@link #tailIsDiscrete()} says when that is the case, so that the effective
 * sample size can be read instead.
 * Not thread-safe.
 */
public final class ParetoKHat {
    /**
     * The fewest runs at which k-hat can judge the tail: below about 2,200 runs its threshold
     * {@code min(1 - 1/log10 n, 0.7)} is under 0.7 (0.5 at n = 100), and a tail heavy enough to make the estimate
     * badly wrong passes it (on a normal-normal model with a guide three times too narrow, 14% of 1000 seeds at
     * n = 100 had no warning and |z| > 3). This is the smallest n with threshold 0.7, since
     * {@code 1 - 1/log10 n >= 0.7} means {@code n >= 10^(10/3) = 2154.4}.
     */
    public static final long RUNS_TO_JUDGE = 2155;

    /**
     * Above this shape the weights have (estimated) infinite variance: estimates still converge below
     * {@link #threshold()}, but standard errors computed from the weights do not hold. As a second verdict beside
     * the threshold it matters: on the normal-normal model with a guide three times too narrow, at n = 10^4, the
     * threshold alone left 101 of 1000 seeds silent with |z| > 3, and this one brings that to 1.
     */
    public static final double INFINITE_VARIANCE = 0.5;

    /** A tail whose values repeat this many times on average is discrete (see {@link #tailIsDiscrete()}). */
    static final int DISCRETE_TIES = 4;

    private long n;
    private long nMax;
    private double[] heap;
    private int size;
    private double maxDropped = Double.NEGATIVE_INFINITY;
    private boolean dropped;

    /**
     * A diagnostic for about {@code expectedRuns} runs (an upper bound; more are accepted, see the class notes).
     *
     * @param expectedRuns the planned number of runs, >= 1
     */
    public ParetoKHat(long expectedRuns) {
        if (expectedRuns < 1) {
            throw new IllegalArgumentException("expected runs must be >= 1: " + expectedRuns);
        }
        nMax = expectedRuns;
        heap = new double[tailSizeFor(nMax) + 1];
    }

    /**
     * The PSIS tail size for n runs: {@code floor(3 sqrt(n))} for {@code n > 225}, else {@code floor(n/5)}.
     *
     * @param n the number of runs
     */
    public static int tailSizeFor(long n) {
        if (n > 225) {
            return (int) Math.floor(3 * Math.sqrt((double) n));
        }
        return (int) (n / 5);
    }

    /**
     * Adds one log weight.
     *
     * @param l a log weight, {@code -inf} for a zero weight
     * @return this
     * @throws IllegalArgumentException if {@code l} is NaN or +inf
     */
    public ParetoKHat add(double l) {
        Checks.logWeight(l);
        n++;
        if (n > nMax) {
            grow(Math.max(n, nMax * 4));
        }
        offer(l);
        return this;
    }

    private void grow(long newMax) {
        nMax = newMax;
        int cap = tailSizeFor(nMax) + 1;
        if (cap > heap.length) {
            heap = Arrays.copyOf(heap, cap);
        }
    }

    private void offer(double l) {
        if (size < heap.length) {
            heap[size] = l;
            siftUp(size++);
        } else if (l > heap[0]) {
            drop(heap[0]);
            heap[0] = l;
            siftDown(0);
        } else {
            drop(l);
        }
    }

    private void drop(double v) {
        dropped = true;
        maxDropped = Math.max(maxDropped, v);
    }

    private void siftUp(int i) {
        double v = heap[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (heap[p] <= v) {
                break;
            }
            heap[i] = heap[p];
            i = p;
        }
        heap[i] = v;
    }

    private void siftDown(int i) {
        double v = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            if (c + 1 < size && heap[c + 1] < heap[c]) {
                c++;
            }
            if (v <= heap[c]) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = v;
    }

    /**
     * Folds in another shard: the union of the two heaps, truncated to the capacity for the combined count.
     *
     * @param o the shard, left unchanged
     * @return this
     */
    public ParetoKHat merge(ParetoKHat o) {
        n += o.n;
        long want = Math.max(nMax, o.nMax);
        if (n > want) {
            want = Math.max(n, want * 4);
        }
        grow(want);
        if (o.dropped) {
            drop(o.maxDropped);
        }
        for (int i = 0; i < o.size; i++) {
            offer(o.heap[i]);
        }
        return this;
    }

    /** The current heap capacity (for tests of the memory bound). */
    int heapCapacity() {
        return heap.length;
    }

    /** The number of log weights added. */
    public long count() {
        return n;
    }

    /** The PSIS tail size M for the current n, before any reduction. */
    public int nominalTailSize() {
        return tailSizeFor(n);
    }

    /** The tail size the fit uses: the nominal M, or fewer if the heap holds fewer exact top values. */
    public int tailSize() {
        int m = tailSizeFor(n);
        return Math.min(m, exactCount() - 1);
    }

    /** Whether the tail had to be shortened because values were dropped before the heap grew. */
    public boolean isTailReduced() {
        return tailSize() < tailSizeFor(n);
    }

    private int exactCount() {
        if (!dropped) {
            return size;
        }
        int c = 0;
        for (int i = 0; i < size; i++) {
            if (heap[i] >= maxDropped) {
                c++;
            }
        }
        return c;
    }

    /** The reliability threshold {@code min(1 - 1/log10(n), 0.7)} for the current n (-inf for n <= 1). */
    public double threshold() {
        return thresholdFor(n);
    }

    /**
     * The reliability threshold for n runs: above {@code min(1 - 1/log10(n), 0.7)} the estimate is unreliable.
     *
     * @param n the number of runs
     */
    public static double thresholdFor(long n) {
        if (n <= 1) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.min(1 - 1 / Math.log10((double) n), 0.7);
    }

    /**
     * The Pareto k-hat of the weights added so far (see the class notes for the special values).
     *
     * @return the shrunk shape estimate; {@code +inf} when it cannot be estimated, {@code -inf} for no tail
     */
    public double kHat() {
        int m = tailSize();
        if (m < 5) {
            return Double.POSITIVE_INFINITY;
        }
        double[] top = Arrays.copyOf(heap, size);
        Arrays.sort(top);
        // top is ascending; the m + 1 largest are top[size - m - 1 .. size - 1]
        double[] desc = new double[m + 1];
        for (int j = 0; j <= m; j++) {
            desc[j] = top[size - 1 - j];
        }
        return fromLargest(desc, m);
    }

    /**
     * Whether the M + 1 largest weights repeat a few values, each four times or more on average: a discrete
     * model whose runs recur, for which k-hat describes ties rather than a tail.
     */
    public boolean tailIsDiscrete() {
        int m = tailSize();
        if (m < 5) {
            return false;
        }
        double[] top = Arrays.copyOf(heap, size);
        Arrays.sort(top);
        int distinct = 1;
        for (int j = size - 2; j >= size - 1 - m; j--) {
            if (top[j] != top[j + 1]) {
                distinct++;
            }
        }
        return (long) distinct * DISCRETE_TIES <= m + 1;
    }

    /** Whether the estimate is below {@link #threshold()}, i.e. not flagged unreliable. */
    public boolean isReliable() {
        return kHat() < threshold();
    }

    /**
     * Pareto k-hat of a complete array of log weights with the PSIS tail size for its length: the reference the
     * streaming version agrees with.
     *
     * @param logWeights log weights (no NaN, no +inf); not modified
     */
    public static double kHat(double[] logWeights) {
        return kHat(logWeights, tailSizeFor(logWeights.length));
    }

    /**
     * Pareto k-hat of a complete array of log weights with a given tail size M (M + 1 <= length).
     *
     * @param logWeights log weights (no NaN, no +inf); not modified
     * @param m          the tail size
     */
    public static double kHat(double[] logWeights, int m) {
        for (double l : logWeights) {
            Checks.logWeight(l);
        }
        if (m < 5 || m + 1 > logWeights.length) {
            return Double.POSITIVE_INFINITY;
        }
        double[] s = logWeights.clone();
        Arrays.sort(s);
        double[] desc = new double[m + 1];
        for (int j = 0; j <= m; j++) {
            desc[j] = s[s.length - 1 - j];
        }
        return fromLargest(desc, m);
    }

    /** k-hat from the m + 1 largest log weights in descending order. */
    private static double fromLargest(double[] desc, int m) {
        double lmax = desc[0];
        if (lmax == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY; // no positive weight: nothing to estimate
        }
        double eu = Math.exp(desc[m] - lmax);
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            x[m - 1 - j] = Math.exp(desc[j] - lmax) - eu; // ascending
        }
        if (!(x[m - 1] > 0)) {
            return Double.NEGATIVE_INFINITY; // every tail weight equals u: no tail at all
        }
        double k = zhangStephens(x);
        return (m * k + 5) / (m + 10);
    }

    /**
     * The generalized Pareto shape k (positive = heavy tail) fitted by Zhang and Stephens' (2009) profile method
     * with prior 3 and {@code 30 + floor(sqrt(N))} grid points, as in the PSIS reference code (no shrinkage).
     *
     * @param x nonnegative exceedances in ascending order, largest one positive
     */
    static double zhangStephens(double[] x) {
        int nn = x.length;
        int grid = 30 + (int) Math.floor(Math.sqrt(nn));
        double prior = 3;
        double xstar = x[(int) Math.floor(nn / 4.0 + 0.5) - 1];
        if (!(xstar > 0)) {
            // Ties at the threshold: use the smallest positive exceedance as the scale of the grid.
            for (double v : x) {
                if (v > 0) {
                    xstar = v;
                    break;
                }
            }
        }
        double[] theta = new double[grid];
        double[] ll = new double[grid];
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < grid; j++) {
            theta[j] = 1 / x[nn - 1] + (1 - Math.sqrt(grid / (j + 0.5))) / (prior * xstar);
            double a = -theta[j];
            double k = 0;
            for (double v : x) {
                k += Math.log1p(a * v);
            }
            k /= nn;
            double r = a / k;
            ll[j] = (r > 0 && Double.isFinite(r)) ? nn * (Math.log(r) - k - 1) : Double.NEGATIVE_INFINITY;
            best = Math.max(best, ll[j]);
        }
        if (best == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double wsum = 0;
        double tsum = 0;
        for (int j = 0; j < grid; j++) {
            double w = Math.exp(ll[j] - best);
            wsum += w;
            tsum += w * theta[j];
        }
        double thetaHat = tsum / wsum;
        double k = 0;
        for (double v : x) {
            k += Math.log1p(-thetaHat * v);
        }
        return k / nn;
    }

    @Override
    public String toString() {
        return "ParetoKHat(n=" + n + ", tail=" + tailSize() + ")";
    }
}
