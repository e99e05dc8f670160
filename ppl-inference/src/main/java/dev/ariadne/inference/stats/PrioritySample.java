package dev.ariadne.inference.stats;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Priority sampling (Duffield, Lund and Thorup 2007) of k items from a stream of weighted items: the posterior
 * draws to keep from importance-sampling runs in O(k) memory.
 *
 * <p>Item i gets priority {@code q_i = w_i / u_i} with {@code u_i} uniform on (0, 1], supplied by the caller from the
 * run's own random stream (so the sample is reproducible and independent of scheduling). The k items of largest
 * priority are kept; the threshold {@code tau} is the (k+1)-th largest priority (0 while at most k items have been
 * seen). A kept item's estimated weight is {@code max(w_i, tau)}; then for every subset A of the stream,
 * {@code sum_{i in A, kept} max(w_i, tau)} is an unbiased estimate of {@code sum_{i in A} w_i}, so weighted means
 * over the sample estimate posterior expectations as a ratio of unbiased estimates (self-normalised, O(1/k) bias).
 * A plain weighted reservoir would not have this property. Everything is held in log space.
 *
 * <p>Zero weights ({@code -inf}) have priority 0 and are never kept (they contribute nothing to any subset sum).
 * Shards merge by keeping the top k + 1 priorities of the union, which gives the same sample and threshold as a single
 * pass (ties between exactly equal priorities, probability zero for continuous u, are broken by arrival order).
 *
 * <p><b>Memory.</b> The array behind the heap grows with the items held, so {@code new PrioritySample<>(10_000_000)}
 * fed 1000 items holds 1000 (at most {@code min(k + 1, items with positive weight)}). Serialisable (for shards
 * sent between machines) when the items are: the form holds k, the count and, per item held, the item and two
 * doubles: {@code 18 + (serialised size of the item)} bytes each, plus about 100 bytes.
 * Not thread-safe.
 *
 * @param <T> the type of the kept items (e.g. traces)
 */
public final class PrioritySample<T> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int FIRST_ARRAY = 16;

    /**
     * One kept item.
     *
     * @param item               the item
     * @param logWeight          its log importance weight {@code log w}
     * @param logPriority        {@code log(w / u)}
     * @param logEstimatedWeight {@code log max(w, tau)}, its weight in estimates from the sample
     * @param <T>                the item type
     */
    public record Weighted<T>(T item, double logWeight, double logPriority, double logEstimatedWeight) {
    }

    private static final class Entry<T> {
        final T item;
        final double logW;
        final double logP;

        Entry(T item, double logW, double logP) {
            this.item = item;
            this.logW = logW;
            this.logP = logP;
        }
    }

    private final int k;
    private transient Object[] heap;
    private int size;
    private long count;

    /**
     * A sample of at most k items.
     *
     * @param k the number of items to keep, >= 1
     */
    public PrioritySample(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        this.k = k;
        this.heap = new Object[(int) Math.min(k + 1L, FIRST_ARRAY)];
    }

    /** The capacity k. */
    public int capacity() {
        return k;
    }

    /** The number of items offered (including zero weights). */
    public long count() {
        return count;
    }

    /**
     * Offers one item.
     *
     * @param item the item
     * @param logW its log weight, {@code -inf} for zero
     * @param logU the log of a uniform draw on (0, 1] from the run's random stream ({@code <= 0})
     * @return this
     * @throws IllegalArgumentException on NaN or +inf log weight, or logU NaN or positive or -inf
     */
    public PrioritySample<T> add(T item, double logW, double logU) {
        Checks.logWeight(logW);
        if (!(logU <= 0) || logU == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("log u must be in (-inf, 0]: " + logU);
        }
        count++;
        if (logW == Double.NEGATIVE_INFINITY) {
            return this;
        }
        offer(new Entry<>(item, logW, logW - logU));
        return this;
    }

    @SuppressWarnings("unchecked")
    private Entry<T> at(int i) {
        return (Entry<T>) heap[i];
    }

    private void offer(Entry<T> e) {
        if (size <= k) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, (int) Math.min(k + 1L, Math.min(Integer.MAX_VALUE - 8L, 2L * size)));
            }
            heap[size] = e;
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (at(p).logP <= e.logP) {
                    break;
                }
                heap[i] = heap[p];
                i = p;
            }
            heap[i] = e;
        } else if (e.logP > at(0).logP) {
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int c = 2 * i + 1;
                if (c + 1 < size && at(c + 1).logP < at(c).logP) {
                    c++;
                }
                if (e.logP <= at(c).logP) {
                    break;
                }
                heap[i] = heap[c];
                i = c;
            }
            heap[i] = e;
        }
    }

    /**
     * Folds in another shard's sample (same k): the top k + 1 priorities of the union.
     *
     * @param other the shard, left unchanged
     * @return this
     */
    public PrioritySample<T> merge(PrioritySample<T> other) {
        if (other.k != k) {
            throw new IllegalArgumentException("capacities differ: " + k + " vs " + other.k);
        }
        count += other.count;
        Entry<T>[] es = other.entries();
        for (Entry<T> e : es) {
            offer(e);
        }
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Entry<T>[] entries() {
        Entry<T>[] es = new Entry[size];
        for (int i = 0; i < size; i++) {
            es[i] = at(i);
        }
        // Descending priority, so merged offers follow a canonical order.
        Arrays.sort(es, Comparator.comparingDouble((Entry<T> e) -> -e.logP));
        return es;
    }

    /** {@code log tau}, the log of the (k+1)-th largest priority; {@code -inf} while at most k items are held. */
    public double logThreshold() {
        return size <= k ? Double.NEGATIVE_INFINITY : at(0).logP;
    }

    /** The kept items (at most k) in descending priority, with their estimated weights {@code max(w, tau)}. */
    public List<Weighted<T>> sample() {
        Entry<T>[] es = entries();
        double tau = logThreshold();
        int m = Math.min(k, es.length);
        List<Weighted<T>> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            Entry<T> e = es[i];
            out.add(new Weighted<>(e.item, e.logW, e.logP, Math.max(e.logW, tau)));
        }
        return out;
    }

    /**
     * The log of the unbiased estimate of {@code sum_{i in A} w_i} over the whole stream, for the subset A of items
     * satisfying the predicate: {@code log sum_{kept, in A} max(w_i, tau)}. {@code -inf} for an empty estimate.
     *
     * @param inSubset membership of the subset
     */
    public double logSubsetSum(Predicate<? super T> inSubset) {
        LogSumExp s = new LogSumExp();
        for (Weighted<T> w : sample()) {
            if (inSubset.test(w.item())) {
                s.add(w.logEstimatedWeight());
            }
        }
        return s.logSum();
    }

    /** The log of the unbiased estimate of the total weight of the stream; {@code -inf} if nothing is kept. */
    public double logTotal() {
        return logSubsetSum(t -> true);
    }

    /**
     * Kish's effective number of the kept items, {@code 1 / sum p_i^2} over their normalised estimated weights: how
     * many equally weighted items their weighted means are worth; 0 when none is kept.
     */
    public double effectiveSize() {
        List<Weighted<T>> s = sample();
        if (s.isEmpty()) {
            return 0;
        }
        double squares = 0;
        for (double p : normalisedWeights(s)) {
            squares += p * p;
        }
        return 1 / squares;
    }

    private double[] normalisedWeights(List<Weighted<T>> s) {
        if (s.isEmpty()) {
            throw new IllegalStateException("no item with positive weight was kept");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (Weighted<T> w : s) {
            max = Math.max(max, w.logEstimatedWeight());
        }
        double[] p = new double[s.size()];
        double tot = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(s.get(i).logEstimatedWeight() - max);
            tot += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= tot;
        }
        return p;
    }

    /**
     * The weighted mean {@code sum wbar_i f(x_i)} over the kept items with normalised estimated weights: the
     * self-normalised estimate of the posterior expectation of f.
     *
     * @param f a finite-valued function of an item
     * @throws IllegalStateException if no item is kept
     */
    public double weightedMean(ToDoubleFunction<? super T> f) {
        List<Weighted<T>> s = sample();
        double[] p = normalisedWeights(s);
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = f.applyAsDouble(s.get(i).item());
        }
        return meanOf(p, v);
    }

    /**
     * sum p_i v_i, scaled so that values near the largest double average to themselves, not to +inf (an adversarial
     * tester); an infinite value gives that infinity, or NaN for both.
     */
    private static double meanOf(double[] p, double[] v) {
        ScaledSum scaled = new ScaledSum();
        for (int i = 0; i < p.length; i++) {
            scaled.add(p[i], v[i]);
        }
        return scaled.over(1);
    }

    /**
     * An approximate Monte Carlo standard error of {@link #weightedMean}: the self-normalised delta-method formula
     * {@code sqrt(sum wbar_i^2 (f(x_i) - mean)^2)} applied to the kept items and their estimated weights, as if they
     * were an importance sample of the posterior. It ignores the dependence created by the common threshold and is
     * itself unreliable when the weights are heavy-tailed (check Pareto k-hat and ESS).
     *
     * @param f a finite-valued function of an item
     * @throws IllegalStateException if no item is kept
     */
    public double weightedMeanStandardError(ToDoubleFunction<? super T> f) {
        List<Weighted<T>> s = sample();
        double[] p = normalisedWeights(s);
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = f.applyAsDouble(s.get(i).item());
        }
        double m = meanOf(p, v);
        // scaled by the largest deviation, so that values near 1e160 square without overflowing (an adversarial
        // tester's read an infinite standard error); halved, which is exact, so that values of opposite signs near the
        // largest double do not overflow in x - m
        double scale = 0;
        for (double x : v) {
            scale = Math.max(scale, Math.abs(x * 0.5 - m * 0.5));
        }
        if (scale == 0 || scale == Double.POSITIVE_INFINITY || scale != scale) {
            return scale == 0 ? 0 : Double.NaN;
        }
        double ss = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] * ((v[i] * 0.5 - m * 0.5) / scale);
            ss += d * d;
        }
        return Math.sqrt(ss) * scale * 2;
    }

    /**
     * Kish's effective number of the kept items whose value of f is not the one of largest total weight: 0 where f
     * took one value on every item. A mean that rests on under about 10 such items has no spread to read its
     * standard error from, as a function of one value, or of one value but on a few items, shows none.
     *
     * @param f a finite-valued function of an item
     * @throws IllegalStateException if no item is kept
     */
    public double effectiveSizeOffMostCommon(ToDoubleFunction<? super T> f) {
        List<Weighted<T>> s = sample();
        double[] p = normalisedWeights(s);
        double[] v = new double[p.length];
        java.util.Map<Double, Double> byValue = new java.util.HashMap<>();
        for (int i = 0; i < p.length; i++) {
            v[i] = f.applyAsDouble(s.get(i).item());
            byValue.merge(v[i], p[i], Double::sum);
        }
        double common = Double.NaN;
        double most = -1;
        for (java.util.Map.Entry<Double, Double> e : byValue.entrySet()) {
            if (e.getValue() > most) {
                most = e.getValue();
                common = e.getKey();
            }
        }
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < p.length; i++) {
            if (Double.compare(v[i], common) != 0) {
                sum += p[i];
                squares += p[i] * p[i];
            }
        }
        return squares > 0 ? sum * sum / squares : 0;
    }

    /**
     * The weighted p-quantile of f over the kept items: the smallest value v with normalised weight of
     * {@code {f <= v}} at least p (the inverse of the weighted empirical distribution function).
     *
     * @param f a finite-valued function of an item
     * @param p the probability in [0, 1]
     * @throws IllegalStateException if no item is kept
     */
    public double weightedQuantile(ToDoubleFunction<? super T> f, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must lie in [0, 1]: " + p);
        }
        List<Weighted<T>> s = sample();
        double[] w = normalisedWeights(s);
        Integer[] idx = new Integer[w.length];
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            idx[i] = i;
            v[i] = f.applyAsDouble(s.get(i).item());
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
        double cum = 0;
        for (Integer i : idx) {
            cum += w[i];
            if (cum >= p) {
                return v[i];
            }
        }
        return v[idx[idx.length - 1]];
    }

    /**
     * Systematic resampling of m equally weighted draws from the kept items by their estimated weights: one
     * uniform offset, then every 1/m of the cumulative weight (lower variance than multinomial).
     *
     * @param m   the number of draws
     * @param rng the random stream
     * @throws IllegalStateException if no item is kept
     */
    public List<T> resampleSystematic(int m, UniformRandomProvider rng) {
        List<Weighted<T>> s = sample();
        double[] w = normalisedWeights(s);
        List<T> out = new ArrayList<>(m);
        double u = rng.nextDouble() / m;
        double cum = w[0];
        int i = 0;
        for (int j = 0; j < m; j++) {
            double target = u + (double) j / m;
            while (cum < target && i < w.length - 1) {
                cum += w[++i];
            }
            out.add(s.get(i).item());
        }
        return out;
    }

    /**
     * Multinomial resampling of m independent draws from the kept items by their estimated weights.
     *
     * @param m   the number of draws
     * @param rng the random stream
     * @throws IllegalStateException if no item is kept
     */
    public List<T> resampleMultinomial(int m, UniformRandomProvider rng) {
        List<Weighted<T>> s = sample();
        double[] w = normalisedWeights(s);
        double[] cdf = new double[w.length];
        double c = 0;
        for (int i = 0; i < w.length; i++) {
            c += w[i];
            cdf[i] = c;
        }
        List<T> out = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            double u = rng.nextDouble() * c;
            int i = Arrays.binarySearch(cdf, u);
            i = i >= 0 ? i : -i - 1;
            out.add(s.get(Math.min(i, w.length - 1)).item());
        }
        return out;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        for (int i = 0; i < size; i++) {
            Entry<T> e = at(i);
            out.writeObject(e.item);
            out.writeDouble(e.logW);
            out.writeDouble(e.logP);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (k < 1 || size < 0 || size > k + 1L) {
            throw new InvalidObjectException("priority sample: " + size + " items for k = " + k);
        }
        heap = new Object[Math.max(size, (int) Math.min(k + 1L, FIRST_ARRAY))];
        for (int i = 0; i < size; i++) {
            Object item = in.readObject();
            double logW = in.readDouble();
            double logP = in.readDouble();
            heap[i] = new Entry<>(item, logW, logP);
        }
    }

    @Override
    public String toString() {
        return "PrioritySample(k=" + k + ", offered=" + count + ", kept=" + Math.min(size, k) + ")";
    }
}
