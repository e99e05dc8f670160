package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The categorical distribution over the indices 0..k-1, with probability {@code p[i]} for index i. Build it from
 * non-negative weights ({@code new Categorical(1, 2, 1)}: probabilities 1/4, 1/2, 1/4) or from unnormalised
 * log-probabilities ({@link #ofLogits}). A thread that makes the next Categorical with weights equal to one of the
 * last four it made (as a model does at each assignment of a mixture, or at each step of a Markov chain whose row is
 * picked by its previous state), or to short weights it made in an earlier run (a prior per item read from a table),
 * reuses their normalised arrays: the same numbers, bit for bit, without normalising again or allocating. Short
 * weights new at every site (a regression's level probabilities) are held as given, and the one log-probability an
 * observation asks is computed from them, as normalising would compute it.
 */
public final class Categorical implements IntDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Categorical";

    /** Up to this many categories, a draw counts the cumulative sums below it; above, it bisects them. */
    private static final int SCAN_LIMIT = 16;

    /**
     * The probabilities; for one {@linkplain #isUnnormalised() held unnormalised}, its weights; null for one made from
     * logits ({@link #ofLogits}), whose probabilities are the exponentials of its log-probabilities, computed when
     * asked: observed at each data point (a softmax regression), such a Categorical needs its log-probabilities and
     * its draws' cumulative sums only.
     */
    private final double[] probabilities;
    /**
     * The log-probabilities; none (an empty array, so that {@link #logMass} finds none in range) for one
     * {@linkplain #isUnnormalised() held unnormalised}.
     */
    private final double[] logProbabilities;
    /** The log-probabilities of one held unnormalised, as the thread's entry gives them. */
    private static final double[] NOT_NORMALISED = new double[0];
    /**
     * What a draw inverts: for one made from weights, cumulative[i] = w[0] + ... + w[i], summed in order, so that the
     * last is the weights' sum (the weights times 2^1000 where their sum is below 2^-960, so that a draw keeps its
     * precision); for one made from logits, the running sums of {@code exp(l_i - max l)}, whose last is at least 1.
     * The last is the total that scales the draw's uniform. Not a field of its own: a Categorical made at a site has
     * its fields held across the site's call to the engine, one more field one more value kept there.
     */
    private final double[] cumulative;
    /** The indices 0..k-1, made once (the engine asks for it whenever the prior at a site is a new object). */
    private final Support support;

    /**
     * The categorical distribution with probabilities proportional to {@code weights} (copied).
     *
     * <p>Weights equal to the last ones cost one comparison per weight, in line (up to {@value #SCAN_LIMIT} weights;
     * longer ones are compared out of line, vectorised, as are the earlier weights held): C2 does not inline a
     * method (a constructor neither) that it has already compiled on its own into more than InlineSmallCode (2500)
     * bytes of machine code, and the lookup of this thread's last weights, compiled with the normalisation inlined
     * into it, was that big: every site of a model then called it (11 ns a site in the mixture workload). So new
     * weights are normalised through {@link #normaliser}, which C2 calls and never inlines, and the constructor
     * stays small.
     *
     * @param weights at least one weight, each finite and >= 0, with a positive finite sum
     */
    public Categorical(double... weights) {
        Held last = LAST.get();
        double[] known = last.weights;
        int k = known.length;
        boolean same = weights != null && weights.length == k;
        if (same) {
            // Bit patterns, so that 0.0 and -0.0 are told apart; the known weights are never NaN, so a NaN weight
            // never matches and is rejected by normalise. Up to four weights without a loop: C2 compiles a loop
            // with a preamble, and spills the model's values around it, that cost more than the few comparisons.
            // A switch on the length, so that no further test of it is made; the last weight first, whose bound
            // check covers the others'.
            switch (k) {
                case 0 -> same = false; // no weights: refused by normalise
                case 1 -> same = sameBits(known, weights, 0);
                case 2 -> same = sameBits(known, weights, 1) && sameBits(known, weights, 0);
                case 3 -> same = sameBits(known, weights, 2) && sameBits(known, weights, 1)
                        && sameBits(known, weights, 0);
                case 4 -> same = sameBits(known, weights, 3) && sameBits(known, weights, 2)
                        && sameBits(known, weights, 1) && sameBits(known, weights, 0);
                default -> same = k <= SCAN_LIMIT && sameUpToScanLimit(known, weights, k);
            }
        }
        if (!same || last.p == last.weights) {
            last = normaliseOutOfLine(outOfLineCopy(weights, last), last);
        }
        this.probabilities = last.p;
        this.logProbabilities = last.logP;
        this.cumulative = last.cumulative;
        this.support = last.support;
    }

    /**
     * What the constructor hands out of line for {@code weights}: for up to 4 weights, a copy in this thread's scratch
     * array of their length, never the user's array. An array handed to a call escapes, and C2 then allocates it at
     * every site, where weights written at the site ({@code new Categorical(q * q, 2 * q * (1 - q), (1 - q) * (1 -
     * q))} at each of 200 observations of a run, the same within the run) are otherwise never allocated: the copy,
     * element by element, is a few loads. 8,248 bytes a run became 192, and 2,230 ns 1,530 (a new user's
     * Hardy-Weinberg model). A fresh copy each time (clone) would allocate at each change of a Markov chain's row
     * instead, and {@code System.arraycopy} of a length C2 does not know (a mixture's weights, drawn each run) made
     * the mixture workload 8% slower.
     */
    private static double[] outOfLineCopy(double[] weights, Held last) {
        int k = weights == null ? 0 : weights.length;
        if (k == 0 || k > 4) {
            return weights;
        }
        double[] copy = last.recent.scratch(k);
        copy[0] = weights[0];
        if (k > 1) {
            copy[1] = weights[1];
            if (k > 2) {
                copy[2] = weights[2];
                if (k > 3) {
                    copy[3] = weights[3];
                }
            }
        }
        return copy;
    }

    private static boolean sameBits(double[] a, double[] b, int i) {
        return Double.doubleToRawLongBits(a[i]) == Double.doubleToRawLongBits(b[i]);
    }

    /**
     * Whether 5 to {@value #SCAN_LIMIT} weights equal the known ones bit for bit, in a loop; longer ones are compared
     * out of line, vectorised (normalise, Recent.recall).
     */
    private static boolean sameUpToScanLimit(double[] known, double[] weights, int k) {
        for (int i = 0; i < k; i++) {
            if (!sameBits(known, weights, i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The last weights this thread made a Categorical with, and what they normalise to: this thread's entry is the
     * {@link Held} of those weights, so that a match in the constructor reads them and their normalised arrays at one
     * load from the entry.
     */
    private static final PerThreadSlot<Held> LAST = new PerThreadSlot<>(() -> new Held(new Recent()));

    /**
     * Weights with their normalised form, made by one thread, whose arrays the Categoricals made from them share; the
     * thread's entry while they are its last weights. A model whose weights at a site depend on an earlier choice (a
     * Markov chain's row picked by its previous state, a topic model's document weights and word rows in turn) takes
     * a few weights in turn: a miss of the last ones searches the thread's {@link Recent} ones before it normalises,
     * and a match becomes the entry by one reference written. (Swapping the entry's fields in place with a held one's
     * wrote ten references, each paying the collector's barrier for an old object: a fifth of a topic model's time.)
     *
     * <p>One that the ring or the table holds ({@link #kept}) is never written after. One that neither holds is
     * only the entry, and new weights normalised while the thread does not search its recent ones (weights new at
     * every site, or a mixture's weights new at every run) take its place in it: a new one for each, made and
     * written into the entry, cost a mixture's run 5% to 10%. The arrays are new either way, so a Categorical made
     * before keeps its own. Short such weights are written in held unnormalised (their {@link #p} the weights
     * themselves, see {@link Categorical#isUnnormalised}), and normalised in place if the next Categorical has them
     * again.
     */
    private static final class Held extends PerThreadSlot.Entry {
        double[] weights;
        /**
         * The probabilities of {@link #weights}; the weights themselves while they are held unnormalised (their
         * {@link #logP} then {@link #NOT_NORMALISED}); null for the empty weights a thread starts with.
         */
        double[] p;
        double[] logP;
        double[] cumulative;
        Support support;
        /** Whether the ring or the table holds this; if not, new weights may take its place in it. */
        boolean kept;
        /** The thread's recent weights, shared by all its Helds. */
        final Recent recent;

        /** The empty weights (a private copy; none at first, which match none), a thread's first entry. */
        Held(Recent recent) {
            this(new double[0], null, null, null, null, recent);
        }

        Held(double[] weights, double[] p, double[] logP, double[] cumulative, Support support, Recent recent) {
            this.weights = weights;
            this.p = p;
            this.logP = logP;
            this.cumulative = cumulative;
            this.support = support;
            this.recent = recent;
        }

        /**
         * Makes this, an entry neither the ring nor the table holds, the form of new weights {@code w}: new arrays, so
         * that a Categorical made from it before keeps its own.
         */
        void rewrite(double[] w, double[] p, double[] logP, double[] cumulative) {
            this.weights = w;
            this.p = p;
            this.logP = logP;
            this.cumulative = cumulative;
            this.support = indices(w.length);
        }
    }

    /**
     * A thread's weights held before its last ones: a ring of the last few, and a table of short ones by their bits.
     * Reached from the thread's entry on a miss only, out of line.
     */
    private static final class Recent {
        /** Weights held in the ring, the last among them. */
        private static final int RECENT = 4;
        /**
         * Weights longer than this are held as the last ones only, never in the ring: what a thread keeps stays at
         * most a few hundred kilobytes.
         */
        private static final int RECENT_MAX_LENGTH = 1024;

        /** Per length up to 4, the array {@link #outOfLineCopy} copies weights into; made when used. */
        private final double[][] scratch = new double[5][];

        double[] scratch(int length) {
            double[] s = scratch[length];
            return s != null ? s : (scratch[length] = new double[length]);
        }

        /** Recent weights with their normalised forms, in no order; null until used. */
        private final Held[] ring = new Held[RECENT];
        /** Where the next weights go in {@link #ring}: the slot filled longest ago. */
        private int next;
        /**
         * Misses in a row that no earlier weights matched. Weights that change at every site (a regression's
         * probabilities) never match earlier ones; past {@value #FRUITLESS} such misses the earlier weights are
         * neither searched nor added to, but for one round of {@value #FRUITLESS} misses in every
         * {@value #RETRY_EVERY}, which finds them again if the model's weights start taking turns.
         */
        private int fruitless;
        private static final int FRUITLESS = 64;
        private static final int RETRY_EVERY = 4096;

        /**
         * Weights of up to {@value #SCAN_LIMIT} values this thread normalised, with their normalised forms, by a hash
         * of their bits ({@value #TABLE_SIZE} slots, one weights each; null until used): a model whose weights are
         * fixed per data point (a prior per item from a table, a row per observation) makes a different Categorical
         * at each site but the same ones in every run, more than the ring holds. A miss of the ring looks here before
         * it normalises; the same comparison, bit for bit, so the same numbers. Searched and filled only while
         * {@link #searching()}, so weights that change at every site pay nothing here past their first
         * {@value #FRUITLESS} misses. Made at the first miss that looks.
         */
        private Held[] table;
        private static final int TABLE_SIZE = 256;

        /**
         * Log masses asked of weights held unnormalised, and weights held so, since the thread last looked for its
         * earlier weights again ({@link #fruitless}). Weights new at every site (an ordinal regression's) are asked
         * about once each; a Categorical made once from a run's new weights (a Dirichlet draw's) and observed at each
         * of 300 points is asked 300 times, and took two logs a point, 72% of such a model's time. Where asks
         * outnumber the weights held ({@link #holdsUnnormalised}), new weights are normalised whole, and a
         * Categorical observed many times reads its log-probabilities in line.
         */
        int heldAsks;
        int heldMade;

        /**
         * Whether new weights, neither searched nor kept, are held unnormalised: while each is asked about once. Not
         * while they are asked many times each (a Categorical observed at every point), nor while they are made
         * without being asked (a table of Categoricals made in a row, a guide's proposal per data point or a prior
         * per item): such a table is asked at every run later, and one held unnormalised took a call and two logs at
         * each ask for life where a normalised one reads its log-probability in line (a mixture whose guide proposed
         * its assignments from such a table ran 8% slower).
         */
        boolean holdsUnnormalised() {
            return heldAsks <= 2 * heldMade + 2 && heldUnasked < UNASKED_IN_A_ROW;
        }

        /** Weights held unnormalised since one was last asked about: a table being made, past a few. */
        int heldUnasked;
        private static final int UNASKED_IN_A_ROW = 4;

        /**
         * The held weights equal to {@code w} bit for bit, made the last ones (in {@link #ring}, if from the table);
         * null if none matches (a model whose weights change at every site pays a count here, once {@link #fruitless}
         * says that searching finds nothing). {@code last} is the thread's entry.
         */
        Held recall(double[] w, Held last) {
            if (w == null) {
                return null;
            }
            // Up to SCAN_LIMIT weights the constructor has compared the last ones already.
            if (w.length > SCAN_LIMIT && same(last.weights, w)) {
                return last;
            }
            if (searching()) {
                for (Held h : ring) {
                    if (h != null && h != last && same(h.weights, w)) {
                        fruitless = 0;
                        return h;
                    }
                }
                if (w.length <= SCAN_LIMIT) {
                    Held[] t = table;
                    if (t == null) {
                        table = t = new Held[TABLE_SIZE];
                    }
                    Held h = t[slotOf(w)];
                    if (h != null && same(h.weights, w)) {
                        fruitless = 0;
                        hold(h);
                        return h;
                    }
                }
            }
            if (fruitless == RETRY_EVERY - 1) {
                fruitless = 0;
                heldAsks = 0;
                heldMade = 0;
            } else {
                fruitless++;
            }
            return null;
        }

        /** Whether a miss searches the earlier weights and a new one is added to them (see {@link #fruitless}). */
        private boolean searching() {
            return fruitless < FRUITLESS;
        }

        /**
         * Whether weights held (never NaN) equal {@code w} bit for bit: up to {@value #SCAN_LIMIT} a loop that stops
         * at the first difference, above it {@code Arrays.equals}, which on doubles is that here and is vectorised.
         */
        private static boolean same(double[] held, double[] w) {
            int k = held.length;
            if (w.length != k) {
                return false;
            }
            if (k > SCAN_LIMIT) {
                return Arrays.equals(held, w);
            }
            int i = 0;
            while (i < k && sameBits(held, w, i)) {
                i++;
            }
            return i == k;
        }

        /** The table's slot for weights of up to {@value #SCAN_LIMIT} values: a hash of their bits. */
        private static int slotOf(double[] w) {
            long h = w.length;
            for (double x : w) {
                h = h * 0x9E3779B97F4A7C15L + Double.doubleToRawLongBits(x);
            }
            h *= 0x9E3779B97F4A7C15L;
            return (int) (h >>> (64 - 8)); // TABLE_SIZE = 2^8
        }

        /**
         * New weights (a private copy) with their probabilities and log-probabilities, and their cumulative sums as
         * summed in order ({@code c}), held in the ring and the table while they are searched.
         */
        Held push(double[] w, double[] probabilities, double[] logProbabilities, double[] c, Held last) {
            if (!searching() && !last.kept) {
                last.rewrite(w, probabilities, logProbabilities, c);
                return last;
            }
            Held h = new Held(w, probabilities, logProbabilities, c, indices(c.length), this);
            hold(h);
            Held[] t = table;
            if (t != null && w.length <= SCAN_LIMIT && searching()) {
                t[slotOf(w)] = h;
                h.kept = true;
            }
            return h;
        }

        /** Puts {@code h} in the ring's slot filled longest ago, while the ring is searched. */
        private void hold(Held h) {
            if (h.weights.length <= RECENT_MAX_LENGTH && searching()) {
                ring[next] = h;
                h.kept = true;
                next = next == RECENT - 1 ? 0 : next + 1;
            }
        }
    }

    /** One from log-probabilities and the cumulative sums of their exponentials, as {@link #ofLogits} computes them. */
    private Categorical(double[] logP, double[] cumulative) {
        this.probabilities = null;
        this.logProbabilities = logP;
        this.cumulative = cumulative;
        this.support = indices(logP.length);
    }

    /**
     * The probabilities: held, the weights over their sum for one held unnormalised, or the exponentials of the
     * log-probabilities of one made from logits.
     */
    private double[] p() {
        double[] p = probabilities;
        if (isUnnormalised()) {
            double sum = cumulative[p.length - 1];
            double[] q = new double[p.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = p[i] / sum;
            }
            return q;
        }
        if (p == null) {
            p = new double[logProbabilities.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.exp(logProbabilities[i]);
            }
        }
        return p;
    }

    /**
     * Whether this holds its weights as given (in {@link #probabilities}) and not their normalised arrays: made from
     * weights of up to {@value #SCAN_LIMIT} values, of a sum of at least 2^-960, new at every site, which a model
     * mostly observes once (a regression's level probabilities), so that the k + 1 logs and two arrays of a
     * normalisation would buy one log-probability. Its masses are computed from the weights as a normalisation
     * computes them, and its draws invert the same sums, so it gives the same numbers, bit for bit.
     */
    boolean isUnnormalised() {
        return logProbabilities.length == 0; // any other has a log-probability for each of its k >= 1 values
    }

    /** The supports 0..k-1 for k up to {@value #SCAN_LIMIT}, made once (a record, so equal either way). */
    private static final Support[] SMALL_SUPPORTS = new Support[SCAN_LIMIT + 1];

    static {
        for (int k = 1; k <= SCAN_LIMIT; k++) {
            SMALL_SUPPORTS[k] = Support.integers(0, k - 1);
        }
    }

    /** The indices 0..k-1: new weights normalised need no new support below {@value #SCAN_LIMIT} categories. */
    private static Support indices(int k) {
        return k <= SCAN_LIMIT ? SMALL_SUPPORTS[k] : Support.integers(0, k - 1);
    }

    /**
     * Below this sum, a draw's uniform scaled by the weights' sum would fall among the subnormal doubles and lose its
     * precision (weights 4.9e-324 and 9.9e-324 drew the first a sixth of the time, not a third), so the sums a draw
     * inverts are of the weights times {@link #SMALL_WEIGHTS_SCALE}, a power of two: exact, and normal.
     */
    private static final double SMALL_WEIGHTS_SUM = 0x1p-960;
    private static final double SMALL_WEIGHTS_SCALE = 0x1p1000;

    /**
     * {@code w[0] + ... + w[i]} for each i, summed in order, of weights whose sum is {@code sum}; the last is the total
     * a draw scales by. Weights of a sum below {@link #SMALL_WEIGHTS_SUM} are scaled first.
     */
    private static double[] cumulativeSums(double[] w, double sum) {
        double scale = sum < SMALL_WEIGHTS_SUM ? SMALL_WEIGHTS_SCALE : 1;
        double[] c = new double[w.length];
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * scale;
            c[i] = s;
        }
        return c;
    }

    /**
     * {@link #normalise}, in a field that is not final on purpose: C2 does not treat it as a constant, so it calls
     * the method rather than inlining it into every Categorical made (see the constructor). Written once, when the
     * class is initialised.
     */
    private static MethodHandle normaliser = NeverInlined.handle(MethodHandles.lookup(), "normalise",
            MethodType.methodType(Held.class, double[].class, Held.class));

    /** {@link #normalise}, always a call (see {@link #normaliser}); its ParameterException passes unchanged. */
    private static Held normaliseOutOfLine(double[] weights, Held last) {
        try {
            return (Held) normaliser.invokeExact(weights, last);
        } catch (Throwable e) {
            throw NeverInlined.rethrown(e);
        }
    }

    /**
     * Makes weights that differ from this thread's last ones ({@code last}, its entry) its last, and returns them:
     * the normalised form of earlier weights it holds, or the weights validated and normalised. {@code weights} may be
     * the thread's scratch copy ({@link #outOfLineCopy}), which is never kept.
     */
    private static Held normalise(double[] weights, Held last) {
        if (last.p == last.weights && weights != null && Recent.same(last.weights, weights)) {
            // The thread's last weights again, held unnormalised: normalised now that they are used twice. The sums a
            // draw inverts are the weights' either way.
            double[] w = last.weights;
            double[] p = new double[w.length];
            double[] logP = new double[w.length];
            normaliseInto(w, last.cumulative[w.length - 1], p, logP);
            last.p = p;
            last.logP = logP;
            return last;
        }
        Recent recent = last.recent;
        Held h = recent.recall(weights, last);
        if (h == null) {
            double[] w = Check.length(NAME, "weights", weights, 1).clone();
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
                    Check.nonNegative(NAME, Check.entry("weights", i), w[i]);
                }
                sum += w[i];
            }
            if (sum == Double.POSITIVE_INFINITY) {
                sum = scaledDown(w); // finite weights whose sum passes the largest double: (1e308, 1e308) was refused
            }
            if (!(sum > 0 && sum < Double.POSITIVE_INFINITY)) {
                throw new ParameterException(NAME, "weights", sum, "of finite positive sum", "sum " + sum);
            }
            if (!recent.searching() && !last.kept && w.length <= SCAN_LIMIT && sum >= SMALL_WEIGHTS_SUM
                    && recent.holdsUnnormalised()) {
                // Weights new at every site (a regression's level probabilities, observed once each): held as they
                // are, their one log-probability asked taken from them (see isUnnormalised), and normalised whole only
                // if the next Categorical has them again.
                last.rewrite(w, w, NOT_NORMALISED, cumulativeSums(w, sum));
                recent.heldMade++;
                recent.heldUnasked++;
                return last;
            }
            double[] p = new double[w.length];
            double[] logP = new double[w.length];
            normaliseInto(w, sum, p, logP);
            h = recent.push(w, p, logP, cumulativeSums(w, sum), last);
        }
        if (h != last) {
            LAST.set(h);
        }
        return h;
    }

    /**
     * Scales finite weights (a copy) by 2^-64, exactly, so that their sum is finite, and returns it: weights need not
     * sum to 1, and the probabilities are the same.
     */
    static double scaledDown(double[] w) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0x1p-64;
            sum += w[i];
        }
        return sum;
    }

    /** {@code p[i] = w[i] / sum} and {@code logP[i] = log(w[i]) - log(sum)}: the normalised form of weights. */
    private static void normaliseInto(double[] w, double sum, double[] p, double[] logP) {
        double logSum = Math.log(sum);
        for (int i = 0; i < p.length; i++) {
            p[i] = w[i] / sum;
            logP[i] = Math.log(w[i]) - logSum;
        }
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
     * second way to make one, for weights known by their logs. Each call normalises its logits (a model that makes
     * one with the same logits at every site is better served by {@code new Categorical(weights)}, which reuses
     * its thread's last normalisations, or by one Categorical made before the loop).
     *
     * @param logits at least one entry, each finite or {@code -inf} (probability 0), not all {@code -inf}
     */
    public static Categorical ofLogits(double... logits) {
        if (logits == null || logits.length == 0) {
            throw invalidLogits(logits);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            double l = logits[i];
            if (!(l < Double.POSITIVE_INFINITY)) { // NaN or +inf
                throw invalidLogits(logits);
            }
            max = l > max ? l : max; // Math.max's code for NaN and signed zeros made ofLogits too big to inline
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw invalidLogits(logits);
        }
        // The draws' cumulative sums of e_i = exp(l_i - max), the exponentials the sum is made of: one exp per
        // logit, as a log-sum-exp takes. A draw scales its uniform by their total, as for weights, so they are not
        // divided by it. The probabilities, as exp(log p_i), took a second exp each, and an array, where a
        // Categorical observed at each data point needs neither: they are computed when asked (p()).
        double[] c = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            sum += Math.exp(logits[i] - max);
            c[i] = sum;
        }
        // log p_i = (l_i - max) - log(sum), in that order: l_i - (max + log(sum)) loses log(sum) to rounding where
        // the logits are large (at 1e16 the doubles are 2 apart), and gave Categorical.ofLogits(1e308, 1e308)
        // probabilities 1 and 1.
        double logSum = Math.log(sum);
        double[] logP = new double[logits.length];
        for (int i = 0; i < c.length; i++) {
            logP[i] = (logits[i] - max) - logSum;
        }
        return new Categorical(logP, c);
    }

    /**
     * The error for logits {@link #ofLogits} refuses: null or empty, the first entry that is NaN or {@code +inf}, or
     * all {@code -inf}. Made out of line, so that the messages' code does not count in {@code ofLogits}'s size: above
     * InlineSmallCode, C2 does not inline it where a model makes one at each observation, and the distribution is
     * allocated at every site.
     */
    private static ParameterException invalidLogits(double[] logits) {
        Check.length(NAME, "logits", logits, 1);
        for (int i = 0; i < logits.length; i++) {
            double l = logits[i];
            if (!(l < Double.POSITIVE_INFINITY)) {
                return new ParameterException(NAME, Check.entry("logits", i), l, "finite or -Infinity");
            }
        }
        return new ParameterException(NAME, "logits", Double.NEGATIVE_INFINITY, "not all -Infinity",
                "all -Infinity");
    }

    /** The number of categories k. */
    public int size() {
        return cumulative.length;
    }

    /** The normalised probabilities, a fresh copy. */
    public double[] probabilities() {
        double[] p = p();
        return p == probabilities ? p.clone() : p;
    }

    /** The indices 0..k-1. */
    @Override
    public Support support() {
        return support;
    }

    /** {@code log p[k]}; {@code -inf} outside 0..k-1. */
    @Override
    public double logMass(int k) {
        // Within C2's MaxInlineSize (35 bytes), so that it is inlined at any site however cold, and a Categorical made
        // there is not allocated for want of it: one held unnormalised and an index out of range take the call.
        double[] logP = logProbabilities;
        return k >= 0 && k < logP.length ? logP[k] : logMassOtherwise(logP, probabilities, cumulative, k);
    }

    /**
     * {@link #logMass} of an index out of range, or of any index for one held unnormalised: {@code log(w[k]) -
     * log(sum)}, as a normalisation computes {@code logP[k]} (the sum is the last cumulative sum, added in the same
     * order).
     */
    private static double logMassOtherwise(double[] logP, double[] w, double[] c, int k) {
        if (logP.length == 0 && k >= 0 && k < w.length) {
            Recent recent = LAST.get().recent;
            recent.heldAsks++;
            recent.heldUnasked = 0;
            return Math.log(w[k]) - Math.log(c[c.length - 1]);
        }
        return Double.NEGATIVE_INFINITY;
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
        double[] c = cumulative;
        int hi = c.length - 1;
        double u = rng.nextDouble() * c[hi]; // the weights' sum (of the exp(l_i - max l) for one made from logits)
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
        return meanOf(p());
    }

    private static double meanOf(double[] probabilities) {
        double m = 0;
        for (int i = 0; i < probabilities.length; i++) {
            m += i * probabilities[i];
        }
        return m;
    }

    /** The variance of the index, {@code sum (i - mean)^2 p[i]}. */
    @Override
    public double variance() {
        double[] probabilities = p(); // once: one made from logits computes them
        double m = meanOf(probabilities);
        double v = 0;
        for (int i = 0; i < probabilities.length; i++) {
            v += (i - m) * (i - m) * probabilities[i];
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Categorical c && Arrays.equals(p(), c.p());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(p());
    }

    @Override
    public String toString() {
        return "Categorical(probabilities=" + Numerics.str(p()) + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Categorical(Categorical original) {
        this.probabilities = original.probabilities;
        this.logProbabilities = original.logProbabilities;
        this.cumulative = original.cumulative;
        this.support = original.support;
    }

    /**
     * An equal Categorical, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Categorical detached() {
        return new Categorical(this);
    }
}
