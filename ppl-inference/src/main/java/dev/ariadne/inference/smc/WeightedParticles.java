package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;
import dev.ariadne.core.UserText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A weighted particle approximation of a distribution: values with normalised log weights (they sum to 1 on the
 * linear scale, unless every weight is 0). Self-normalised estimates from it are consistent but biased by O(1/N),
 * and resampled draws are approximately, not exactly, from the target. Real values are stored unboxed.
 *
 * @param <T> the type of a value
 */
public final class WeightedParticles<T> implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final Object[] objects;
    private final double[] reals;
    private final double[] logW;
    /**
     * For a smoothing approximation, the index of the particle at its step that each value is (several final
     * particles share an ancestor); null otherwise. The effective sample size counts those particles, not the copies.
     */
    private final int[] origins;

    private WeightedParticles(Object[] objects, double[] reals, double[] logW) {
        this(objects, reals, logW, null);
    }

    private WeightedParticles(Object[] objects, double[] reals, double[] logW, int[] origins) {
        this.objects = objects;
        this.reals = reals;
        this.logW = logW;
        this.origins = origins;
    }

    /** Particles holding objects (the arrays are owned by the result, not copied). */
    static <T> WeightedParticles<T> ofObjects(Object[] values, double[] logW) {
        return new WeightedParticles<>(values, null, logW);
    }

    /** Particles holding real numbers (the arrays are owned by the result, not copied). */
    static WeightedParticles<Double> ofReals(double[] values, double[] logW) {
        return new WeightedParticles<>(null, values, logW);
    }

    /** Particles of one kind of storage: {@code store} is an Object[] or a double[]. */
    static <T> WeightedParticles<T> of(Object store, double[] logW) {
        return ofLineage(store, logW, null);
    }

    /**
     * The ancestors at one step of the final particles, with the final weights: value i is particle {@code origins[i]}
     * of that step (the arrays are owned by the result); {@code origins} null for particles that are not a lineage.
     */
    static <T> WeightedParticles<T> ofLineage(Object store, double[] logW, int[] origins) {
        return store instanceof double[] ? new WeightedParticles<>(null, (double[]) store, logW, origins)
                : new WeightedParticles<>((Object[]) store, null, logW, origins);
    }

    /**
     * The union of several particle sets, each scaled by a log mass (for sweeps: log Z-hat of the sweep), renormalised.
     * Parts whose mass is 0 drop out; when all are 0, the pooled weights are all 0.
     */
    static <T> WeightedParticles<T> pool(List<WeightedParticles<T>> parts, double[] logMass) {
        int total = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < parts.size(); k++) {
            total += parts.get(k).size();
            max = Math.max(max, logMass[k]);
        }
        double sum = 0;
        for (double m : logMass) {
            sum += m == Double.NEGATIVE_INFINITY ? 0 : Math.exp(m - max);
        }
        double logTotal = max + Math.log(sum);
        boolean real = !parts.isEmpty() && parts.get(0).reals != null;
        Object[] objs = real ? null : new Object[total];
        double[] rs = real ? new double[total] : null;
        double[] lw = new double[total];
        int at = 0;
        for (int k = 0; k < parts.size(); k++) {
            WeightedParticles<T> p = parts.get(k);
            double shift = max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : logMass[k] - logTotal;
            for (int i = 0; i < p.size(); i++) {
                if (real) {
                    rs[at] = p.reals[i];
                } else {
                    objs[at] = p.objects[i];
                }
                lw[at++] = shift == Double.NEGATIVE_INFINITY ? shift : p.logW[i] + shift;
            }
        }
        return new WeightedParticles<>(objs, rs, lw);
    }

    /** The number of particles. */
    public int size() {
        return logW.length;
    }

    /**
     * The value of particle i (boxed when real).
     *
     * @throws IndexOutOfBoundsException naming the particles' count, for i outside [0, size())
     */
    @SuppressWarnings("unchecked")
    public T value(int i) {
        checkIndex(i);
        return reals != null ? (T) Double.valueOf(reals[i]) : (T) objects[i];
    }

    /** The value of particle i of real particles, unboxed. */
    public double real(int i) {
        if (reals == null) {
            throw new IllegalStateException("these particles hold objects, not real numbers; use value(i)");
        }
        checkIndex(i);
        return reals[i];
    }

    /** The normalised log weight of particle i ({@code -inf} for weight 0). */
    public double logWeight(int i) {
        checkIndex(i);
        return logW[i];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= logW.length) {
            throw new IndexOutOfBoundsException("particle " + i + " of " + logW.length + " particles: an index runs "
                    + "from 0 to size() - 1");
        }
    }

    /** The normalised log weights (a copy). */
    public double[] logWeights() {
        return logW.clone();
    }

    /** The normalised weight of particle i. */
    public double weight(int i) {
        return Math.exp(logW[i]);
    }

    /** Whether every weight is 0 (the sweeps' evidence estimates were all 0). */
    public boolean empty() {
        for (double l : logW) {
            if (l > Double.NEGATIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Kish effective sample size {@code 1 / sum W_i^2}; 0 when every weight is 0. For a smoothing approximation
     * ({@link FilterHistory#smoothing}) the weights of the final particles that descend from one particle of that step
     * are summed first: copies of one ancestor are one value, and where the lineages have collapsed onto a few
     * ancestors the ESS says so (it read the final weights' ESS at every step, a new user's 632.6 at step 0 where few
     * ancestors were left).
     */
    public double ess() {
        double s = 0;
        if (origins == null) {
            for (double l : logW) {
                double w = Math.exp(l);
                s += w * w;
            }
        } else {
            double[] byOrigin = new double[logW.length];
            for (int i = 0; i < logW.length; i++) {
                byOrigin[origins[i]] += Math.exp(logW[i]);
            }
            for (double w : byOrigin) {
                s += w * w;
            }
        }
        return s == 0 ? 0 : 1 / s;
    }

    /** The self-normalised mean {@code sum_i W_i f(x_i)}: consistent, biased by O(1/N). */
    public double mean(ToDoubleFunction<? super T> f) {
        requireMass();
        double s = 0;
        for (int i = 0; i < logW.length; i++) {
            if (logW[i] > Double.NEGATIVE_INFINITY) {
                double v;
                try {
                    v = f.applyAsDouble(value(i));
                } catch (RuntimeException e) {
                    // the user's function: its exception kept as the cause, with the particle it was given (it came
                    // back bare: an adversarial tester), as KeptSamples names the run
                    throw new IllegalStateException("the function threw " + UserText.of(e) + " on particle " + i
                            + " (value "
                            + UserText.of(value(i)) + ")", e);
                }
                s += Math.exp(logW[i]) * SmcValues.number(v, i, value(i));
            }
        }
        return s;
    }

    /** The self-normalised probability {@code sum_i W_i 1[h(x_i)]}. */
    public double probability(Predicate<? super T> h) {
        return mean(v -> h.test(v) ? 1 : 0);
    }

    /**
     * {@code k} draws by multinomial resampling with the stream {@code rng}: approximately from the target (exactly
     * from this weighted approximation).
     */
    public List<T> draws(int k, Rng rng) {
        requireMass();
        if (k < 0) {
            throw new IllegalArgumentException("draws must be >= 0, got " + k);
        }
        dev.ariadne.inference.run.Heap.requireRoom("draws", k, 16, "ask for fewer draws, or draw in batches");
        double[] cum = new double[logW.length];
        double s = 0;
        for (int i = 0; i < logW.length; i++) {
            s += Math.exp(logW[i]);
            cum[i] = s;
        }
        List<T> out = new ArrayList<>(k);
        for (int d = 0; d < k; d++) {
            double u = rng.nextDouble() * s;
            int j = Arrays.binarySearch(cum, u);
            j = j >= 0 ? j + 1 : -j - 1;
            j = Math.min(j, logW.length - 1);
            while (logW[j] == Double.NEGATIVE_INFINITY && j > 0) {
                j--;
            }
            out.add(value(j));
        }
        return out;
    }

    private void requireMass() {
        if (empty()) {
            throw new IllegalStateException("every particle has weight 0: no sweep reached the evidence");
        }
    }
}
