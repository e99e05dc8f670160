package dev.ariadne.inference.enumerate;

import dev.ariadne.core.UserText;
import dev.ariadne.inference.stats.LogSumExp;
import dev.ariadne.inference.stats.Neumaier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The exact answers of {@link Enumerate}: the evidence P(e) and the joint mass P(T = v, e) of every value v the
 * model returns on a path of positive probability, from which every conditional query follows exactly. Here e is
 * all the evidence the model states (observations, factors and conditions), and a hypothesis h is a predicate on
 * the return value. Immutable and thread-safe if the return values are.
 *
 * <p>Return values are grouped with {@code equals}/{@code hashCode}: return values such as arrays that compare by
 * identity make one entry per path. With soft evidence ({@code factor} with positive log weights) the "evidence"
 * is the normalising constant Z = sum_x p(x) exp(factors) and may exceed 1; conditional answers are then the
 * normalised ones.
 *
 * <p>(Named so as not to collide with {@code java.util.Enumeration}, which a wildcard import of
 * {@code java.util} would otherwise bring in first.)
 *
 * @param <T> the model's return type
 */
public final class EnumerationResult<T> {

    private final List<T> values;
    private final double[] logJoint;
    private final double logEvidence;
    private final long paths;
    private final long failedPaths;
    private final String firstFailure;

    EnumerationResult(Map<T, LogSumExp> byValue, double logEvidence, long paths, long failedPaths,
                      String firstFailure) {
        this.values = new ArrayList<>(byValue.keySet());
        this.logJoint = new double[values.size()];
        int i = 0;
        for (LogSumExp l : byValue.values()) {
            logJoint[i++] = l.logSum();
        }
        this.logEvidence = logEvidence;
        this.paths = paths;
        this.failedPaths = failedPaths;
        this.firstFailure = firstFailure;
    }

    /**
     * The evidence P(e): the total probability of the evidence under the model, sum over paths of p(x, e). A double:
     * 0 below about e^-745 and infinite above about e^709 (factors can take it past 1), where {@link #logEvidence()}
     * holds its value.
     */
    public double evidence() {
        return Math.exp(logEvidence);
    }

    /** {@code log P(e)}, computed by a stable log-sum-exp over paths; {@code -inf} when every path fails. */
    public double logEvidence() {
        return logEvidence;
    }

    /** Whether P(e) = 0: every path failed, so no conditional probability is defined. */
    public boolean impossibleEvidence() {
        return logEvidence == Double.NEGATIVE_INFINITY;
    }

    /**
     * The exact posterior distribution of the return value given the evidence: P(T = v | e) for every value v
     * returned on a path of positive probability (the map sums to 1), in the order the paths first returned them.
     * Unmodifiable; may contain a null key if the model returns null.
     *
     * @throws EnumerationException if P(e) = 0
     */
    public Map<T, Double> posterior() {
        requirePossibleEvidence("the posterior");
        Map<T, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put(values.get(i), Math.exp(logJoint[i] - logEvidence));
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The exact joint log masses log P(T = v, e) for every value v returned on a path of positive probability (not
     * normalised: they log-sum-exp to {@link #logEvidence()}). Defined even when P(e) = 0 (then empty).
     */
    public Map<T, Double> logJoint() {
        Map<T, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put(values.get(i), logJoint[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The joint probability P(h, e) that the evidence holds and the return value satisfies {@code h}. */
    public double jointProbability(Predicate<? super T> h) {
        return Math.exp(logJointProbability(h));
    }

    /**
     * {@code log P(h, e)}; {@code -inf} when no path of positive probability satisfies {@code h}.
     *
     * @throws IllegalStateException if {@code h} throws on a path's value (naming the value, and keeping the cause)
     */
    public double logJointProbability(Predicate<? super T> h) {
        Objects.requireNonNull(h, "hypothesis");
        LogSumExp s = new LogSumExp();
        for (int i = 0; i < values.size(); i++) {
            boolean holds;
            try {
                holds = h.test(values.get(i));
            } catch (RuntimeException e) {
                throw new IllegalStateException("the hypothesis threw " + e + " on the path whose value is "
                        + values.get(i) + " (log joint probability " + logJoint[i] + ")", e);
            }
            if (holds) {
                s.add(logJoint[i]);
            }
        }
        return s.logSum();
    }

    /**
     * The conditional probability P(h | e) = P(h, e) / P(e) that the return value satisfies {@code h} given the
     * evidence.
     *
     * @throws EnumerationException if P(e) = 0
     */
    public double probability(Predicate<? super T> h) {
        return Math.exp(logProbability(h));
    }

    /**
     * {@code log P(h | e)}, at most 0.
     *
     * @throws EnumerationException if P(e) = 0
     */
    public double logProbability(Predicate<? super T> h) {
        requirePossibleEvidence("P(h | e)");
        return Math.min(0, logJointProbability(h) - logEvidence);
    }

    /**
     * The posterior expectation E[f(T) | e] = sum_v P(T = v | e) f(v) of a function of the return value; paths the
     * evidence rules out count nothing, whatever f is there.
     *
     * @throws EnumerationException if P(e) = 0
     * @throws IllegalStateException if f is NaN on a path of positive posterior probability (naming its value), or
     *                               +inf on one and -inf on another (an infinity on such paths is the expectation)
     */
    public double expectation(ToDoubleFunction<? super T> f) {
        Objects.requireNonNull(f, "function");
        requirePossibleEvidence("a posterior expectation");
        Neumaier sum = new Neumaier();
        Object plusInfinity = null;
        Object minusInfinity = null;
        for (int i = 0; i < values.size(); i++) {
            double w = Math.exp(logJoint[i] - logEvidence);
            if (w == 0) {
                continue;
            }
            double v;
            try {
                v = f.applyAsDouble(values.get(i));
            } catch (RuntimeException e) {
                throw new IllegalStateException("the function threw " + UserText.of(e) + " on the path whose value is "
                        + UserText.of(values.get(i)) + " (posterior probability " + w + ")", e);
            }
            if (v != v) {
                throw new IllegalStateException("the function is NaN on the path whose value is " + values.get(i)
                        + " (posterior probability " + w + "): a posterior expectation needs a number on every path");
            }
            if (Double.isInfinite(v)) {
                // kept out of the compensated sum, whose correction would be inf - inf
                if (v > 0) {
                    plusInfinity = values.get(i);
                } else {
                    minusInfinity = values.get(i);
                }
                if (plusInfinity != null && minusInfinity != null) {
                    throw new IllegalStateException("the function is +inf on the path whose value is " + plusInfinity
                            + " and -inf on the one whose value is " + minusInfinity + ": the expectation is "
                            + "undefined");
                }
                continue;
            }
            sum.add(w * v);
        }
        if (plusInfinity != null || minusInfinity != null) {
            return plusInfinity != null ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return sum.value();
    }

    /** The number of execution paths explored: every assignment of positive prior mass to the choices made. */
    public long paths() {
        return paths;
    }

    /** The number of paths whose evidence has probability 0 (a false condition, a zero likelihood, a -inf factor). */
    public long failedPaths() {
        return failedPaths;
    }

    /** The number of distinct return values of positive posterior probability. */
    public int distinctValues() {
        return values.size();
    }

    private void requirePossibleEvidence(String what) {
        if (impossibleEvidence()) {
            throw new EnumerationException(EnumerationException.Reason.ZERO_EVIDENCE,
                    "P(e) = 0: the evidence is impossible under the model (all " + paths + " paths failed, the first"
                            + " at " + firstFailure + "), so " + what + " is undefined", null);
        }
    }

    @Override
    public String toString() {
        return "EnumerationResult[log P(e)=" + logEvidence + ", paths=" + paths + ", failed=" + failedPaths
                + ", values=" + values.size() + (failedPaths == paths && firstFailure != null
                ? ", every path has weight 0, the first at " + firstFailure : "") + "]";
    }
}
