package dev.ariadne.inference.stats;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
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
 * <p><b>Memory.</b> Only the largest log weights are kept, at most {@code M(nMax) + 1} of them for the expected
 * number of runs nMax given at construction, in an array that grows with what it holds (so a call that asks for
 * 10^13 runs and makes 10^6 holds at most 10^6 values). If more runs arrive, the expected count is quadrupled and
 * the capacity raised (memory stays O(sqrt n)). Values dropped before a raise cannot be recovered, so at each raise
 * the smallest value then held, D, is remembered: every log weight above D is still held, so the top values down
 * to D are exact. If fewer than {@code M + 1} exact values are available, the fit uses the largest exact tail
 * ({@link #tailSize()} reports it; {@link #isTailReduced()} says so). With no raise the result is exact.
 *
 * <p><b>Shards.</b> {@link #merge} keeps the largest values of the union up to the capacity of the larger
 * expectation, so shards made with the same expected runs merge, in any grouping, to exactly the tail of one pass.
 * A shard's tail may be fed through a worker's {@link TailFilter}, which turns away only values that cannot be
 * among the largest ({@link #countOnly(double)} counts them). D is set only at a raise, from the values then held,
 * so it does not depend on which values a filter turned away. The serialised form holds the count, the
 * expectation, D and the values held: {@code 8 * (values held) + about 160} bytes with the class description,
 * at most {@code 8 (M(nMax) + 1)} for the values.
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
public final class ParetoKHat implements Serializable {
    private static final long serialVersionUID = 1L;

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
    private transient TopValues top;
    /** Whether values may have been lost at a raise of the capacity; then only values >= {@link #floor} are exact. */
    private boolean lossy;
    private double floor = Double.NEGATIVE_INFINITY;

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
        top = new TopValues(capacityFor(nMax));
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

    /** How many values a tail for {@code n} expected runs holds: M(n) + 1, within the largest array. */
    static int capacityFor(long n) {
        return (int) Math.min(TopValues.MAX_ARRAY, tailSizeFor(n) + 1L);
    }

    /**
     * Adds one log weight.
     *
     * @param l a log weight, {@code -inf} for a zero weight
     * @return this
     * @throws IllegalArgumentException if {@code l} is NaN or +inf
     */
    public ParetoKHat add(double l) {
        countOnly(l);
        top.offer(l);
        return this;
    }

    /**
     * Counts a log weight without holding it: for a value a {@link TailFilter} turned away, which is below
     * {@code M + 1} others of the same call.
     *
     * @param l a log weight, {@code -inf} for a zero weight
     * @return this
     * @throws IllegalArgumentException if {@code l} is NaN or +inf
     */
    public ParetoKHat countOnly(double l) {
        Checks.logWeight(l);
        if (++n > nMax) {
            raise(Math.max(n, saturatingTimesFour(nMax)), n - 1);
        }
        return this;
    }

    private static long saturatingTimesFour(long x) {
        return x > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : x * 4;
    }

    /** Raises the expectation to {@code newMax}; {@code seen} values were offered before. */
    private void raise(long newMax, long seen) {
        int cap = capacityFor(newMax);
        if (cap > top.capacity() && seen > top.size()) {
            lossy = true;
            floor = Math.max(floor, top.size() > 0 ? top.min() : Double.POSITIVE_INFINITY);
        }
        nMax = newMax;
        top.raiseCapacity(cap);
    }

    /**
     * Folds in another shard: the largest values of the union, up to the capacity for the combined count.
     *
     * @param o the shard, left unchanged
     * @return this
     */
    public ParetoKHat merge(ParetoKHat o) {
        long total = n + o.n;
        long want = Math.max(nMax, o.nMax);
        if (total > want) {
            want = Math.max(total, saturatingTimesFour(want));
        }
        raise(want, n);
        if (o.lossy) {
            lossy = true;
            floor = Math.max(floor, o.floor);
        }
        if (o.top.capacity() < top.capacity() && o.n > o.top.size()) {
            // The other shard dropped values that this larger capacity would have held.
            lossy = true;
            floor = Math.max(floor, o.top.min());
        }
        n = total;
        for (int i = 0, k = o.top.size(); i < k; i++) {
            top.offer(o.top.valueAt(i));
        }
        return this;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(top.capacity());
        out.writeInt(top.size());
        for (int i = 0; i < top.size(); i++) {
            out.writeDouble(top.valueAt(i));
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int capacity = in.readInt();
        int size = in.readInt();
        if (capacity < 1 || size < 0 || size > capacity || n < size) {
            throw new InvalidObjectException("Pareto tail: " + size + " values for capacity " + capacity);
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = in.readDouble();
        }
        top = TopValues.of(capacity, v, size);
    }

    /** The current heap capacity (for tests of the memory bound). */
    int heapCapacity() {
        return top.capacity();
    }

    /** The length of the array behind the tail (for tests that it grows with the runs made). */
    int heapArrayLength() {
        return top.arrayLength();
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
        if (!lossy) {
            return top.size();
        }
        int c = 0;
        for (int i = 0; i < top.size(); i++) {
            if (top.valueAt(i) >= floor) {
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
     * The Pareto k-hat of the weights added so far (see the class notes for the special values); that of the weights
     * above a block of ties in the tail where it is read there ({@link #aboveTiesFitted()}).
     *
     * @return the shrunk shape estimate; {@code +inf} when it cannot be estimated, {@code -inf} for no tail
     */
    public double kHat() {
        int m = tailSize();
        double[] held = heldAscending(m);
        if (held != null) {
            double above = kHatAboveTies(held, m);
            if (readAboveTies(held, m, above)) {
                return above;
            }
        }
        return kHatOfLargest(m);
    }

    /**
     * The fewest weights above a block of ties whose own tail is read ({@link #aboveTiesFitted()}): a fit of 20
     * values, shrunk by 5 / 30 toward 0.5.
     */
    static final int ABOVE_TIES_TO_JUDGE = 20;

    /**
     * How many of the M + 1 largest weights {@link #kHat()} is fitted to, where it is fitted to those above a block of
     * ties ({@value #DISCRETE_TIES} or more equal values) within them, with the ties' value as the fit's threshold;
     * else 0. The weights of runs that recur (a discrete choice, or a continuous one proposed from its exact
     * conditional) tie, and those of a branch that does not recur lie above them: fitted together, the ties read as a
     * shape far above 1 (12.4 for a branch drawn at 0.01 from a proposal 1.2 times as wide as its posterior, whose
     * weights are bounded). The weights above the ties, if at least {@value #ABOVE_TIES_TO_JUDGE} of them, are read
     * alone: where the tail is discrete, only if their k-hat is above {@link #threshold()} (the tail is then neither
     * {@link #tailIsDiscrete() discrete} nor without a tail to read), so that a light one leaves the verdict to the
     * ESS as before. An outside statistician's guide drew z = true (posterior 0.3) with probability 0.01 and x given
     * it 2.5 posterior sds off, x given z = false from its exact conditional: the largest weights were about 240 ties
     * and 60 log-normal weights above them, k-hat read 8.4 on the ties and was set aside, the ESS was over 1,000, and
     * in 53 seeds of 1,000 log Z-hat and P(z | e) were more than 5 standard errors off with nothing said.
     */
    public int aboveTiesFitted() {
        int m = tailSize();
        double[] held = heldAscending(m);
        return held != null && readAboveTies(held, m, kHatAboveTies(held, m)) ? aboveTies(held, m) : 0;
    }

    /**
     * Whether k-hat is read on the weights above a block of ties ({@link #aboveTiesFitted()}), whose k-hat is
     * {@code above} (NaN where there are too few of them).
     */
    private boolean readAboveTies(double[] held, int m, double above) {
        return above > threshold() || above == above && !discrete(held, m);
    }

    /**
     * The number of the m + 1 largest of {@code held} (ascending) above the largest value among them that repeats
     * {@value #DISCRETE_TIES} times or more (two runs that tie by chance are no block of ties); -1 if none does.
     */
    private static int aboveTies(double[] held, int m) {
        int size = held.length;
        int j = size - 1;
        while (j >= size - 1 - m) {
            int start = j;
            while (j > size - 1 - m && tied(held[j - 1], held[start])) {
                j--;
            }
            if (start - j + 1 >= DISCRETE_TIES) {
                return size - 1 - start;
            }
            j--;
        }
        return -1;
    }

    /**
     * The k-hat of the weights above the ties of {@code held}, with the ties' value as the fit's threshold; NaN if
     * fewer than {@value #ABOVE_TIES_TO_JUDGE} of them, or no block of ties.
     */
    private static double kHatAboveTies(double[] held, int m) {
        int a = aboveTies(held, m);
        if (a < ABOVE_TIES_TO_JUDGE) {
            return Double.NaN;
        }
        double[] desc = new double[a + 1];
        for (int j = 0; j <= a; j++) {
            desc[j] = held[held.length - 1 - j];
        }
        return fromLargest(desc, a);
    }

    private boolean heavyAboveTies(double[] held, int m) {
        return kHatAboveTies(held, m) > threshold();
    }

    /**
     * The Pareto k-hat of the {@code m} largest values held (at most {@link #tailSize()}): a fit further out in the
     * tail than {@link #kHat()}'s, to see whether its estimate holds there. A tail whose top values come from two
     * sources (a bounded bulk packed just below a few values of a light power tail) reads k-hat far above 1 at the
     * usual tail size and near its true shape further out; a true power tail reads alike at both.
     *
     * @return the shrunk shape estimate; {@code +inf} when it cannot be estimated (fewer than 5 values)
     */
    public double kHatOfLargest(int m) {
        m = Math.min(m, tailSize());
        if (m < 5) {
            return Double.POSITIVE_INFINITY;
        }
        double[] held = top.values();
        Arrays.sort(held);
        int size = held.length;
        // held is ascending; the m + 1 largest are held[size - m - 1 .. size - 1]
        double[] desc = new double[m + 1];
        for (int j = 0; j <= m; j++) {
            desc[j] = held[size - 1 - j];
        }
        return fromLargest(desc, m);
    }

    /**
     * Whether the M + 1 largest weights repeat a few values, each four times or more on average: a discrete
     * model whose runs recur, for which k-hat describes ties rather than a tail. Not where the weights above the ties
     * have a heavy tail of their own ({@link #aboveTiesFitted()}).
     */
    public boolean tailIsDiscrete() {
        return shape() == Shape.TIES;
    }

    private static boolean discrete(double[] held, int m) {
        int size = held.length;
        int distinct = 1;
        for (int j = size - 2; j >= size - 1 - m; j--) {
            if (!tied(held[j], held[j + 1])) {
                distinct++;
            }
        }
        return (long) distinct * DISCRETE_TIES <= m + 1;
    }

    /** The most two log values held may differ by and count as a tie: the rounding of weights equal in exact terms. */
    static final double TIE = 1e-9;

    /**
     * Whether two log values held are a tie: equal, or apart by at most {@link #TIE}, as weights equal but for their
     * rounding are (the exact posterior as guide, times a rounded value: k-hat read 12 to 18 on its few levels, which
     * were not seen as ties; an outside statistician).
     */
    private static boolean tied(double a, double b) {
        return a == b || Math.abs(a - b) <= TIE;
    }

    /**
     * Whether the M + 1 largest weights all lie within a factor of {@value #NARROW_FACTOR} of each other, or the
     * {@value #PILE_TOP} + 1 largest do ({@link #PILE_TOP}): a bulk
     * bounded where the runs went, whose largest weights pile up near its bound, for which k-hat describes the shape
     * of that pile, not a tail. A heavy tail's M + 1 largest weights span far more: about (M / log 2)^k, 90 for k 0.7
     * at 20,000 runs. A new user's near-perfect guide (a Gamma for a zero-truncated Poisson rate, ESS 19,968 of 20,000,
     * every weight within 0.61 to 1.51 times their median) read k-hat 3.7 in 100 seeds of 100 (PSIS's own fit reads
     * 3.69), with half the M largest within 0.0001 of the smallest of them: "heavy-tailed, unreliable" beside
     * estimates whose z-scores were those of a good guide.
     */
    public boolean tailIsNarrow() {
        int m = tailSize();
        double[] held = heldAscending(m);
        return held != null && narrow(held, m);
    }

    private static boolean narrow(double[] held, int m) {
        // held ascends, so the M + 1 largest lying within the factor implies the (at most as many) top ones do: one
        // test of the top min(M, PILE_TOP) + 1 covers both
        int top = Math.min(m, PILE_TOP);
        return held[held.length - 1] - held[held.length - 1 - top] <= Math.log(NARROW_FACTOR);
    }

    /**
     * How many of the largest weights, past the largest, lie within a factor of {@value #NARROW_FACTOR} of it in a
     * pile too ({@link #tailIsNarrow}), though the M + 1 spread wider. A narrow bump under a wide proposal (runs
     * from the prior on a two-arm A/B test of 1,000 trials an arm) has weights that fall by orders of magnitude below
     * its top, which k-hat over the M largest read as 4.3 to 5.1, "heavy-tailed", in 70 calls of 70 whose z-scores
     * were within 3 (a new user); its largest 31 of 100,000 lay within a factor of 1.6. A heavy tail's 31 largest
     * span a factor e^(k H_30) on average, 16 for k 0.7, and lay within 2 in none of 200,000 simulated samples at
     * that k (their log span is k times a sum of Exp(1)/i, i = 1..30), in 2 of 10,000 at k 0.5.
     */
    static final int PILE_TOP = 30;

    /**
     * Whether the largest weights show no tail for k-hat to read: {@link #tailIsDiscrete} or {@link #tailIsNarrow},
     * the values held sorted once for both; not where the weights above a discrete tail's ties have a heavy tail of
     * their own ({@link #aboveTiesFitted()}). The effective sample size is then the figure to judge the estimates by.
     */
    public boolean noTailToRead() {
        return shape() != Shape.TAIL;
    }

    /** What the M + 1 largest weights show: ties, a narrow pile, or a tail for k-hat to read. */
    public enum Shape {
        /** They repeat a few values ({@link #tailIsDiscrete}): the ESS judges, k-hat describes the ties. */
        TIES,
        /** Within a factor of {@value #NARROW_FACTOR} of each other, and not ties: k-hat describes the pile. */
        PILE,
        /** Neither, or a heavy tail above the ties ({@link #aboveTiesFitted()}): k-hat reads the tail. */
        TAIL
    }

    /**
     * {@link #tailIsDiscrete} and {@link #noTailToRead} at once, the values held sorted once: {@link Shape#TIES} where
     * the first holds, {@link Shape#PILE} where only the second does, {@link Shape#TAIL} where neither.
     */
    public Shape shape() {
        int m = tailSize();
        double[] held = heldAscending(m);
        if (held == null) {
            return Shape.TAIL;
        }
        boolean ties = discrete(held, m);
        if (!ties && !narrow(held, m) || heavyAboveTies(held, m)) {
            return Shape.TAIL;
        }
        return ties ? Shape.TIES : Shape.PILE;
    }

    /** The values held, ascending (the M + 1 largest last), for a tail of {@code m} >= 5; null for a shorter one. */
    private double[] heldAscending(int m) {
        if (m < 5) {
            return null;
        }
        double[] held = top.values();
        Arrays.sort(held);
        return held;
    }

    /** The span, as a ratio, within which the largest weights are a narrow pile, not a tail ({@link #tailIsNarrow}). */
    static final double NARROW_FACTOR = 2;

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

    /**
     * "k is above limit", both to two decimals, or to as many more (up to six) as tell them apart ("Pareto k-hat 0.70
     * is above 0.70" read as no reason at all, an outside statistician).
     */
    public static String above(double k, double limit) {
        for (int digits = 2; digits <= 6; digits++) {
            String format = "%." + digits + "f";
            String shown = String.format(java.util.Locale.ROOT, format, k);
            String bound = String.format(java.util.Locale.ROOT, format, limit);
            if (!shown.equals(bound) || digits == 6) {
                return shown + " is above " + (digits == 2 && limit == 0.5 ? "0.5" : bound);
            }
        }
        throw new AssertionError();
    }
}
