package dev.ariadne.inference.stats;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Betting confidence sequence for the mean weight {@code mu = E_q[w]} (Waudby-Smith and Ramdas 2023, Kaplan-Wald),
 * run on batch means. Since {@code E_q[w] <= P(e)}, the lower bound is a lower confidence bound on the evidence even
 * for a guide that misses mass.
 *
 * <p><b>Wealth.</b> For a candidate mean m and a bet g in [0, 1), betting against "mean >= m" on each batch mean
 * {@code X_j} multiplies wealth by {@code 1 - g + g X_j / m}, which is >= 0 and has conditional mean
 * {@code <= 1} whenever {@code m >= mu}. The wealth is a uniform mixture over a fixed grid {@link #bets()} of bets,
 * {@code K(m) = mean_g prod_j (1 - g + g X_j / m)}, a nonnegative supermartingale at {@code m = mu}; by Ville's
 * inequality {@code P(exists t: K_t(mu) >= 1/delta) <= delta}. {@code K} is non-increasing in m, so
 * {@code L = inf{ m : K(m) < 1/delta }} is found by bisection on {@code log m}, and {@code P(L > mu) <= delta} at
 * any stopping time. Each log factor is {@code logaddexp(log(1-g), log g + log X_j - log m)}: exact at
 * {@code X_j = 0} and free of overflow.
 *
 * <p><b>Batches.</b> The batch size B is fixed at construction (rebatching after seeing data breaks the anytime
 * guarantee). Runs are grouped by their run index: batch j holds runs {@code jB .. jB+B-1}; its mean
 * {@code LSE(l) - log B} is stored as one double per complete batch. <i>An incomplete trailing batch is excluded
 * from the bounds</i> (reported by {@link #pendingRuns()}), because including a partial, later-revised batch would
 * make the sequence of bounds depend on when it is read. With K complete batches the lower bound cannot exceed
 * {@code delta^(1/K)} times the mean, so keep K in the thousands (e.g. at least 4096).
 *
 * <p><b>Merging.</b> A shard starts at any run index; {@link #merge(BettingBound)} appends the shard that starts
 * where this one ends. Batch means are always computed from the runs of one batch in index order, and the wealth is
 * computed from the stored batch means when a bound is asked for, so merged shards give exactly (bit for bit) the
 * bound of a single pass, whatever the shard boundaries. A shard that starts inside a batch buffers the raw log
 * weights of that first partial batch (fewer than B doubles) so the preceding shard can complete it; shards that
 * start on batch boundaries buffer nothing.
 *
 * <p><b>Upper bound.</b> Only where every weight is known to be at most {@code c} for every possible run, which
 * a {@link WeightBound} decides (the prior as proposal with a stated bound on the likelihood, or a whole-run
 * defensive mixture: see its notes for why that holds for runs never sampled), does {@link #logUpperBound(double)}
 * bet against "mean <= m" with factors {@code 1 + g (m - X_j)/(c - m) = (1 - g) + g (1 - X_j/c)/(1 - m/c)}, which
 * are >= 0 for {@code X_j in [0, c]} and have conditional mean {@code <= 1} when {@code m <= mu}; {@code U = sup{ m :
 * K^-(m) < 1/delta }} satisfies {@code P(mu > U) <= delta}. A batch's factor gains at most (m - mu)/c however many
 * runs the batch holds, so with K batches this alone cannot come nearer mu than about {@code c log(1/delta) / K}, and
 * the batch grows with the runs: 2.4e-4 read 1.5e-3 at 10^5 and at 10^6 runs (a new user). Half the wealth is
 * therefore bet run by run, with no batches ({@link EmpiricalBernstein}): Fan, Grama and Liu's
 * {@code log(1 + g y) >= g y + (log(1 - g) + g) y^2} for {@code y >= -1} makes its wealth at least a function of the
 * sums of {@code w / c} and {@code (w / c)^2}, kept per batch; both wealths are nonnegative supermartingales at
 * {@code m = mu} along the batch ends, and so is their mean. A weight above the bound is an error, never a silent
 * refusal. Without a bound, no upper confidence bound exists from importance weights (an unseen tail can hold any
 * mass) and the upper bound is {@code +inf} with the reason.
 *
 * <p>Not thread-safe. Memory: one double per complete batch (three where the weights are bounded) plus at most B
 * buffered doubles. The serialised form (for shards sent between machines) holds exactly those: {@code 8 * (batch
 * doubles + buffered runs)} bytes plus about 1,000 with the class descriptions, the weight bound and the violation
 * note, if any.
 */
public final class BettingBound implements Serializable {
    private static final long serialVersionUID = 2L;


    /**
     * The bets g of the uniform mixture: 0.02 .. 0.98 and 2^-1 .. 2^-14 (the small bets matter for heavy tails).
     * Fixed, so the wealth does not depend on the order of the batch means.
     */
    private static final double[] BETS;
    private static final double[] LOG_BETS;
    private static final double[] LOG1M_BETS;

    static {
        double[] coarse = {0.98, 0.95, 0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.15, 0.1, 0.05, 0.02};
        double[] all = new double[coarse.length + 14];
        System.arraycopy(coarse, 0, all, 0, coarse.length);
        for (int j = 1; j <= 14; j++) {
            all[coarse.length + j - 1] = Math.scalb(1.0, -j);
        }
        Arrays.sort(all);
        BETS = all;
        LOG_BETS = new double[all.length];
        LOG1M_BETS = new double[all.length];
        for (int i = 0; i < all.length; i++) {
            LOG_BETS[i] = Math.log(all[i]);
            LOG1M_BETS[i] = Math.log1p(-all[i]);
        }
    }

    /** Below this log scale the product of 16 factors cannot overflow, so the fast linear-space loop is used. */
    private static final double FAST_LOG_SCALE = 18.0;
    /**
     * Below this log scale the linear-space loop still serves, rescaling after every LINEAR_LOG_SCALE / scale factors
     * (each at most 1 + e^scale, so that many cannot overflow, and each at least 0.02, so 33 cannot underflow); above
     * it each factor is summed in log space. A hypothesis whose bound lies far below its largest batch mean was
     * bounded in log space, 30 ms a bound (a summary of 1,000 hypotheses took 38 s; an adversarial tester).
     */
    private static final double LINEAR_LOG_SCALE = 600.0;
    private static final double LOG_TOL = 1e-10;

    private final int batchSize;
    private final long firstRun;
    private final WeightBound weightBound;
    /** The log of the bound the upper bound is computed for (the weight bound widened by its rounding allowance). */
    private final double logC;
    private long nextRun;

    /** Raw log weights of the first, partial batch when this shard starts inside a batch (index order). */
    private transient double[] head = new double[0];
    private int headLen;

    /** Running log-sum-exp of the current batch (started on a batch boundary inside this shard). */
    private LogSumExp current;

    private transient double[] means = new double[16];
    private int nMeans;

    /**
     * Where the weights are bounded: the sums of {@code w / c} and of {@code (w / c)^2} over each complete batch, and
     * over the current one, for {@link EmpiricalBernstein}; empty and zero without a bound.
     */
    private transient double[] scaledSums = new double[0];
    private transient double[] scaledSquares = new double[0];
    private double currentScaledSum;
    private double currentScaledSquares;

    /**
     * A lower-bound sequence over batches of {@code batchSize} runs, starting at run 0, with no known bound on the
     * weights (so no upper bound).
     *
     * @param batchSize B >= 1, fixed for the whole run
     */
    public BettingBound(int batchSize) {
        this(batchSize, 0L, WeightBound.none());
    }

    /**
     * A shard that starts at run index {@code firstRun}, with no known bound on the weights.
     *
     * @param batchSize B >= 1, fixed for the whole run and equal across shards
     * @param firstRun  the index of the first run this shard will receive
     */
    public BettingBound(int batchSize, long firstRun) {
        this(batchSize, firstRun, WeightBound.none());
    }

    /**
     * A shard that starts at run index {@code firstRun}, for weights bounded as {@code bound} says (where it says
     * they are, the upper bound is available and every added weight must respect it).
     *
     * @param batchSize B >= 1
     * @param firstRun  index of the first run, >= 0
     * @param bound     the bound on every weight, or {@link WeightBound#none()}
     */
    public BettingBound(int batchSize, long firstRun, WeightBound bound) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        if (firstRun < 0) {
            throw new IllegalArgumentException("first run index must be >= 0: " + firstRun);
        }
        this.batchSize = batchSize;
        this.firstRun = firstRun;
        this.nextRun = firstRun;
        this.weightBound = java.util.Objects.requireNonNull(bound, "weight bound");
        this.logC = bound.isBounded() ? bound.logCapacity() : Double.POSITIVE_INFINITY;
        if (firstRun % batchSize != 0) {
            head = new double[(int) (batchSize - firstRun % batchSize)];
        }
    }

    /** The bets of the mixture (a copy), sorted ascending. */
    public static double[] bets() {
        return BETS.clone();
    }

    /** The bets themselves, for {@link EmpiricalBernstein}, which only reads them. */
    static double[] betsShared() {
        return BETS;
    }

    /** {@code log(1 - g)} for each bet g, for {@link EmpiricalBernstein}, which only reads them. */
    static double[] log1mBetsShared() {
        return LOG1M_BETS;
    }

    /**
     * Adds the log weight of the next run (run index {@link #nextRun()}).
     *
     * @param l log weight, {@code -inf} for a zero weight
     * @return this
     * @throws IllegalArgumentException if {@code l} is NaN or +inf, or above the weight bound
     */
    public BettingBound add(double l) {
        Checks.logWeight(l);
        if (l > logC) {
            throw new IllegalArgumentException("run " + nextRun + " has log weight " + l + " above the bound on every "
                    + "weight, " + weightBound.describe());
        }
        if (headLen < head.length) {
            head[headLen++] = l;
        } else {
            if (current == null) {
                current = new LogSumExp();
            }
            current.add(l);
            if (logC < Double.POSITIVE_INFINITY) {
                double x = Math.exp(l - logC);
                currentScaledSum += x;
                currentScaledSquares += x * x;
            }
            if (current.count() == batchSize) {
                pushMean(current.logSum() - Math.log(batchSize));
                current = null;
            }
        }
        nextRun++;
        return this;
    }

    private void pushMean(double m) {
        if (nMeans == means.length) {
            means = Arrays.copyOf(means, means.length * 2);
        }
        if (logC < Double.POSITIVE_INFINITY) {
            if (nMeans >= scaledSums.length) {
                scaledSums = Arrays.copyOf(scaledSums, means.length);
                scaledSquares = Arrays.copyOf(scaledSquares, means.length);
            }
            scaledSums[nMeans] = currentScaledSum;
            scaledSquares[nMeans] = currentScaledSquares;
            currentScaledSum = 0;
            currentScaledSquares = 0;
        }
        means[nMeans++] = m;
    }

    /**
     * Appends a shard that starts where this one ends ({@code other.firstRun() == this.nextRun()}), as if its runs
     * had been added here; the result is bit-identical to a single pass.
     *
     * @param other the following shard, left unchanged; same batch size and weight bound
     * @return this
     * @throws IllegalArgumentException if the shards are not adjacent or differ in batch size or bound
     */
    public BettingBound merge(BettingBound other) {
        if (other.batchSize != batchSize) {
            throw new IllegalArgumentException("batch sizes differ: " + batchSize + " vs " + other.batchSize);
        }
        if (!other.weightBound.equals(weightBound)) {
            throw new IllegalArgumentException("weight bounds differ: " + weightBound + " vs " + other.weightBound);
        }
        if (other.firstRun != nextRun) {
            throw new IllegalArgumentException("shard starting at run " + other.firstRun
                    + " does not follow this one, which ends before run " + nextRun);
        }
        for (int i = 0; i < other.headLen; i++) {
            add(other.head[i]);
        }
        if (other.headLen < other.head.length) {
            // The other shard lies inside one batch: its runs were all replayed above.
            return this;
        }
        if (current != null) {
            throw new IllegalStateException("internal: batch not closed at a batch boundary");
        }
        for (int i = 0; i < other.nMeans; i++) {
            if (logC < Double.POSITIVE_INFINITY) {
                currentScaledSum = other.scaledSums[i];
                currentScaledSquares = other.scaledSquares[i];
            }
            pushMean(other.means[i]);
        }
        current = other.current == null ? null : other.current.copy();
        currentScaledSum = other.currentScaledSum;
        currentScaledSquares = other.currentScaledSquares;
        nextRun = other.nextRun;
        return this;
    }

    /** The fixed batch size B. */
    public int batchSize() {
        return batchSize;
    }

    /** The index of the first run of this shard. */
    public long firstRun() {
        return firstRun;
    }

    /** The index the next added run will have (one past the last run added). */
    public long nextRun() {
        return nextRun;
    }

    /** The number of runs added to this shard. */
    public long runCount() {
        return nextRun - firstRun;
    }

    /** The number of complete batches whose means enter the bounds. */
    public int batchCount() {
        return nMeans;
    }

    /**
     * The number of runs added but not (yet) in a complete batch of this shard: the incomplete trailing batch and,
     * for a shard starting inside a batch, its first partial batch. They are excluded from the bounds.
     */
    public long pendingRuns() {
        return runCount() - (long) nMeans * batchSize;
    }

    /** The log batch means of the complete batches, in batch order (a copy). */
    public double[] logBatchMeans() {
        return Arrays.copyOf(means, nMeans);
    }

    /** The bound on every weight this sequence was built with. */
    public WeightBound weightBound() {
        return weightBound;
    }

    /** Why the upper bound is unavailable (no bound on the weights), or {@code null} if it is available. */
    public String upperBoundUnavailableReason() {
        return weightBound.unavailableReason().orElse(null);
    }

    /**
     * The log of the betting lower confidence bound L on the mean weight, {@code P(L > E[w]) <= delta} at any
     * stopping time, over the complete batches. {@code -inf} when there is no complete batch, when all batch means
     * are zero, or when even a tiny m is not rejected. Cost: a few doublings to bracket the bound and
     * about ten wealth evaluations to narrow it, of {@code batchCount() * 27} multiplications each.
     *
     * @param delta error probability in (0, 1)
     */
    public double logLowerBound(double delta) {
        Checks.delta(delta);
        if (nMeans == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nMeans; i++) {
            largest = Math.max(largest, means[i]);
        }
        double lmax = largest;
        if (lmax == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] x = new double[nMeans];
        double[] lx = new double[nMeans];
        for (int i = 0; i < nMeans; i++) {
            lx[i] = means[i] - lmax;
            x[i] = Math.exp(lx[i]);
        }
        double target = -Math.log(delta); // not log(1 / delta): 1 / 4.9e-324 is infinite
        if (lmax - 1 == lmax) {
            return beyondUnitSteps(x, lx, lmax, target);
        }
        Excess excess = logM -> logWealth(x, lx, lmax - logM) - target;
        // K(lmax) <= 1 < 1/delta: every factor is at most 1 when m is the largest batch mean.
        double hi = lmax;
        double fHi = excess.at(hi);
        double step = 1.0;
        double lo = lmax - step;
        double fLo;
        while ((fLo = excess.at(lo)) < 0) {
            hi = lo;
            fHi = fLo;
            step *= 2;
            lo = lmax - step;
            if (step > 1e6) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        // Invariant: K(lo) >= 1/delta (m = exp(lo) rejected), K(hi) < 1/delta.
        return narrow(excess, lo, fLo, hi, fHi, LOG_TOL, 1.0);
    }

    /**
     * The lower bound where the largest batch mean's log is so large in magnitude (beyond 2^53: a factor of 1e300 in
     * a model's runs) that no step of 1 below it is a different double, so that the bracket could never move and the
     * bound read -inf. The bracket is then on the distance d below the largest log mean, and the bound the double
     * just below {@code lmax - d}: at most the exact value whatever the rounding of the difference.
     */
    private static double beyondUnitSteps(double[] x, double[] lx, double lmax, double target) {
        Excess excess = d -> logWealth(x, lx, d) - target;
        double kept = 0;
        double fKept = excess.at(kept);
        double d = 1.0;
        double fD;
        while ((fD = excess.at(d)) < 0) {
            kept = d;
            fKept = fD;
            d *= 2;
            if (d > 1e6) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return Math.nextDown(lmax - narrow(excess, d, fD, kept, fKept, LOG_TOL, 1.0));
    }

    /** A point's log wealth minus log(1/delta): at or above 0 the candidate mean is rejected. */
    @FunctionalInterface
    private interface Excess {
        double at(double x);
    }

    /**
     * Narrows a bracket whose end {@code rejected} has excess >= 0 and whose end {@code kept} has excess < 0 until
     * the ends are within {@code relTol * max(floor, |rejected|)}, and returns the rejected end, which is the
     * conservative one (a lower bound at or below, an upper bound at or above, the exact crossing). The log wealth
     * is smooth and monotone along the bracket, so false position (on asinh of the excess) with the Illinois
     * modification converges in
     * about ten wealth evaluations where bisection takes about forty; after three steps in a row that fail to
     * halve the bracket, a bisection step guarantees progress.
     */
    private static double narrow(Excess f, double rejected, double fRejected, double kept, double fKept,
                                 double relTol, double floor) {
        int slow = 0;
        int lastSide = 0;
        fRejected = asinh(fRejected);
        fKept = asinh(fKept);
        double width = Math.abs(rejected - kept);
        while (width > relTol * Math.max(floor, Math.abs(rejected))) {
            double x = rejected - fRejected * (rejected - kept) / (fRejected - fKept);
            if (slow >= 3 || !(x > Math.min(rejected, kept) && x < Math.max(rejected, kept))) {
                x = 0.5 * (rejected + kept);
                slow = 0;
            }
            double fx = asinh(f.at(x));
            if (fx >= 0) {
                rejected = x;
                fRejected = fx;
                if (lastSide == 1) {
                    fKept *= 0.5;
                }
                lastSide = 1;
            } else {
                kept = x;
                fKept = fx;
                if (lastSide == -1) {
                    fRejected *= 0.5;
                }
                lastSide = -1;
            }
            double next = Math.abs(rejected - kept);
            slow = next > 0.5 * width ? slow + 1 : 0;
            width = next;
        }
        return rejected;
    }

    /**
     * The excess compressed by asinh, which keeps its sign and root and its slope there, but tames the huge
     * values far on the rejected side that would otherwise pull every false-position step toward the other end.
     */
    private static double asinh(double v) {
        double a = Math.abs(v);
        double r = a > 1e150 ? Math.log(a) + Math.log(2) : Math.log1p(a + a * a / (1 + Math.sqrt(a * a + 1)));
        return Math.copySign(r, v);
    }

    /**
     * The betting lower confidence bound as a {@link Bound}, with a note on the batch layout.
     *
     * @param delta error probability in (0, 1)
     */
    public Bound lowerBound(double delta) {
        double v = logLowerBound(delta);
        String note = "lower bound, betting confidence sequence on " + nMeans + " batch means of " + batchSize
                + " runs";
        if (pendingRuns() > 0) {
            note += "; " + pendingRuns() + " runs in incomplete batches excluded";
        }
        if (nMeans > 0 && nMeans < 4096) {
            note += "; with K = " + nMeans + " batches the bound cannot exceed delta^(1/K) times the mean";
        }
        return new Bound(v, delta, BoundMethod.BETTING, (long) nMeans * batchSize, note);
    }

    /**
     * The log of the betting upper confidence bound U on the mean weight, {@code P(E[w] > U) <= delta} at any
     * stopping time, available only for weights with a bound c on every possible run ({@link WeightBound}). Returns
     * {@code +inf} (a valid, uninformative upper bound) when unavailable; see {@link #upperBoundUnavailableReason()}.
     * With no complete batch, returns {@code log c}.
     *
     * @param delta error probability in (0, 1)
     */
    public double logUpperBound(double delta) {
        Checks.delta(delta);
        if (upperBoundUnavailableReason() != null) {
            return Double.POSITIVE_INFINITY;
        }
        if (nMeans == 0) {
            return logC;
        }
        // z_j = 1 - X_j / c in [0, 1]; wealth(t) = mean_g prod_j ((1-g) + g z_j / (1 - t)), t = m / c.
        double[] z = new double[nMeans];
        double[] lz = new double[nMeans];
        for (int i = 0; i < nMeans; i++) {
            double d = means[i] - logC; // <= 0 (batch means of bounded weights are bounded)
            z[i] = Math.max(0.0, -Math.expm1(d)); // 1 - X/c, accurate also when X is close to c
            lz[i] = Math.log(z[i]);
        }
        double target = -Math.log(delta); // not log(1 / delta): 1 / 4.9e-324 is infinite
        EmpiricalBernstein perRun = new EmpiricalBernstein((long) nMeans * batchSize, batchSize, nMeans,
                Neumaier.sum(scaledSums, nMeans), Neumaier.sum(scaledSquares, nMeans));
        double half = Math.log(0.5);
        Excess excess = t -> LogSumExp.logAddExp(logWealth(z, lz, -Math.log1p(-t)), perRun.logWealthAtLeast(t))
                + half - target;
        // Bracket t = U / c between a kept and a rejected value, halving down from 1/2 (U is often far below c)
        // or climbing toward 1. wealth(0) <= 1 < 1/delta, so small enough t is never rejected.
        double hi = 0.5;
        double fHi = excess.at(hi);
        double lo;
        double fLo;
        if (fHi >= 0) {
            lo = hi;
            while ((fLo = excess.at(lo *= 0.5)) >= 0) {
                hi = lo;
                fHi = fLo;
                if (lo < Double.MIN_NORMAL) {
                    return logC + Math.log(hi);
                }
            }
        } else {
            int j = 1;
            do {
                lo = hi;
                fLo = fHi;
                j++;
                if (j > 60) {
                    return logC; // not even m close to c is rejected: U = c
                }
                hi = 1.0 - Math.scalb(1.0, -j);
            } while ((fHi = excess.at(hi)) < 0);
        }
        // Invariant: t = lo not rejected, t = hi rejected. Any rejected t is a valid U, even where the per-run half's
        // lower bound on its wealth is not monotone in t: the wealth it bounds is, so every t above a rejected one is
        // rejected by the wealth itself.
        return logC + Math.log(narrow(excess, hi, fHi, lo, fLo, 1e-12, 0.0));
    }

    /**
     * The betting upper confidence bound as a {@link Bound}; {@code +inf} with the reason in its note when
     * unavailable.
     *
     * @param delta error probability in (0, 1)
     */
    public Bound upperBound(double delta) {
        double v = logUpperBound(delta);
        String why = upperBoundUnavailableReason();
        String note = why != null ? "upper bound unavailable: " + why
                : "upper bound, betting confidence sequence on " + nMeans + " batch means of " + batchSize
                        + " runs and on the runs one by one, for " + weightBound.describe();
        return new Bound(v, delta, BoundMethod.BETTING, (long) nMeans * batchSize, note, Bound.Side.UPPER);
    }

    /**
     * The product bound on the batch means: {@code mean_j log X_j - log(1/delta)/K} over K complete batches
     * (Markov on the product of K independent batch means, fixed K). With B = 1 this is the free-energy bound
     * {@code -F-hat - log(1/delta)/n}; with larger B it tends to the importance-weighted bound. {@code -inf} as
     * soon as one batch mean is zero, and the note says so.
     *
     * @param delta error probability in (0, 1)
     */
    public Bound productBound(double delta) {
        Checks.delta(delta);
        long runs = (long) nMeans * batchSize;
        if (nMeans == 0) {
            return new Bound(Double.NEGATIVE_INFINITY, delta, BoundMethod.PRODUCT, 0, "no complete batch");
        }
        Neumaier s = new Neumaier();
        int zeros = 0;
        for (int i = 0; i < nMeans; i++) {
            if (means[i] == Double.NEGATIVE_INFINITY) {
                zeros++;
            } else {
                s.add(means[i]);
            }
        }
        if (zeros > 0) {
            return new Bound(Double.NEGATIVE_INFINITY, delta, BoundMethod.PRODUCT, runs, "lower bound is 0: "
                    + zeros + " of " + nMeans + " batch means are zero, and one zero makes the product bound 0");
        }
        double v = s.value() / nMeans + Math.log(delta) / nMeans;
        return new Bound(v, delta, BoundMethod.PRODUCT, runs,
                "lower bound, product of " + nMeans + " batch means of " + batchSize + " runs, fixed n");
    }

    /**
     * {@code log mean_g prod_j ((1 - g) + g e^scaleLog x_j)}, with {@code lx_j = log x_j}, {@code x_j in [0, 1]}.
     */
    static double logWealth(double[] x, double[] lx, double scaleLog) {
        int k = x.length;
        int nb = BETS.length;
        double best = Double.NEGATIVE_INFINITY;
        double[] logProd = new double[nb];
        if (scaleLog <= LINEAR_LOG_SCALE) {
            double s = Math.exp(scaleLog);
            int chunk = scaleLog <= FAST_LOG_SCALE ? 16 : (int) (LINEAR_LOG_SCALE / scaleLog);
            for (int b = 0; b < nb; b++) {
                double a = 1.0 - BETS[b];
                double c = BETS[b] * s;
                double prod = 1.0;
                long exp2 = 0;
                int i = 0;
                while (i < k) {
                    int end = Math.min(k, i + chunk);
                    for (; i < end; i++) {
                        prod *= a + c * x[i];
                    }
                    int e = Math.getExponent(prod);
                    exp2 += e;
                    prod = Math.scalb(prod, -e);
                }
                logProd[b] = Math.log(prod) + exp2 * 0.6931471805599453;
                best = Math.max(best, logProd[b]);
            }
        } else {
            for (int b = 0; b < nb; b++) {
                double la = LOG1M_BETS[b];
                double lc = LOG_BETS[b] + scaleLog;
                double sum = 0.0;
                for (int i = 0; i < k; i++) {
                    sum += LogSumExp.logAddExp(la, lc + lx[i]);
                }
                logProd[b] = sum;
                best = Math.max(best, sum);
            }
        }
        double acc = 0.0;
        for (int b = 0; b < nb; b++) {
            acc += Math.exp(logProd[b] - best);
        }
        return best + Math.log(acc / nb);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(head.length);
        writeDoubles(out, head, headLen);
        writeDoubles(out, means, nMeans);
        writeDoubles(out, scaledSums, Math.min(nMeans, scaledSums.length));
        writeDoubles(out, scaledSquares, Math.min(nMeans, scaledSquares.length));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int headCapacity = in.readInt();
        double[] h = readDoubles(in);
        if (headCapacity < h.length || headCapacity >= batchSize || headLen != h.length) {
            throw new InvalidObjectException("betting bound: head of " + h.length + " runs in " + headCapacity);
        }
        head = Arrays.copyOf(h, headCapacity);
        double[] m = readDoubles(in);
        if (m.length != nMeans) {
            throw new InvalidObjectException("betting bound: " + m.length + " batch means, expected " + nMeans);
        }
        means = m.length == 0 ? new double[16] : m;
        scaledSums = readDoubles(in);
        scaledSquares = readDoubles(in);
        int expected = logC < Double.POSITIVE_INFINITY ? nMeans : 0;
        if (scaledSums.length != expected || scaledSquares.length != expected) {
            throw new InvalidObjectException("betting bound: " + scaledSums.length + " and " + scaledSquares.length
                    + " batch sums of scaled weights, expected " + expected);
        }
    }

    private static void writeDoubles(ObjectOutputStream out, double[] a, int n) throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeDouble(a[i]);
        }
    }

    private static double[] readDoubles(ObjectInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new InvalidObjectException("negative length " + n);
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    @Override
    public String toString() {
        return "BettingBound(B=" + batchSize + ", runs " + firstRun + ".." + nextRun + ", batches=" + nMeans + ")";
    }
}
