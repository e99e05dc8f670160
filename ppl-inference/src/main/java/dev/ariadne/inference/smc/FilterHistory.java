package dev.ariadne.inference.smc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The whole particle system of one sweep of a state-space model, step by step: the filtering approximations
 * (weighted particles and ESS at each step) and the genealogy that smooths them.
 *
 * <p><b>Filtering.</b> {@link #filtering(int)} at step t approximates p(x_t | y_0..y_t).
 *
 * <p><b>Smoothing by the genealogy</b> (Kitagawa 1996): each final particle carries the path of its ancestors, and the
 * final weights over these paths approximate p(x_0..x_(T-1) | y_0..y_(T-1)). {@link #smoothing(int)} is its marginal
 * at step t. Resampling makes the paths coalesce going back in time, so for small t few distinct ancestors remain
 * (path degeneracy: {@link Sweep#uniqueAncestors()}) and the smoothed marginal rests on few values, though it stays
 * consistent as N grows.
 *
 * @param <T> the state
 */
public final class FilterHistory<T> implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Object> states;
    private final List<double[]> logWeights;
    private final List<int[]> ancestors;
    private final List<Double> ess;

    FilterHistory() {
        this.states = new ArrayList<>();
        this.logWeights = new ArrayList<>();
        this.ancestors = new ArrayList<>();
        this.ess = new ArrayList<>();
    }

    /**
     * Records step t: {@code store} (an Object[] or double[] of the states, owned from now on), the normalised log
     * weights, the ancestors (null when the step did not resample) and the ESS.
     */
    void add(Object store, double[] logW, int[] ancestorsOrNull, double stepEss) {
        states.add(store);
        logWeights.add(logW);
        ancestors.add(ancestorsOrNull);
        ess.add(stepEss);
    }

    /** The number of steps recorded. */
    public int steps() {
        return states.size();
    }

    /** The filtering approximation of p(x_t | y_0..y_t): the particles and their weights after step t. */
    public WeightedParticles<T> filtering(int t) {
        return WeightedParticles.of(states.get(check(t)), logWeights.get(t));
    }

    /** The ESS after step t. */
    public double ess(int t) {
        return ess.get(check(t));
    }

    /**
     * The ancestor of each particle of step t among the particles of step t - 1 (a copy); the identity when step t
     * did not resample. Empty for step 0.
     */
    public int[] ancestors(int t) {
        check(t);
        int n = logWeights.get(t).length;
        int[] a = t == 0 ? new int[0] : ancestors.get(t);
        if (a == null) {
            a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            return a;
        }
        return a.clone();
    }

    /** For each particle of the last step, the index of its ancestor at step t. */
    public int[] lineageAt(int t) {
        check(t);
        int last = steps() - 1;
        int n = logWeights.get(last).length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int s = last; s > t; s--) {
            int[] a = ancestors.get(s);
            if (a != null) {
                for (int i = 0; i < n; i++) {
                    idx[i] = a[idx[i]];
                }
            }
        }
        return idx;
    }

    /**
     * The smoothing approximation of p(x_t | y_0..y_(T-1)) by the genealogy: the ancestors at step t of the final
     * particles, with the final weights; its {@link WeightedParticles#ess()} counts the distinct ancestors those
     * weights fall on.
     */
    public WeightedParticles<T> smoothing(int t) {
        int[] idx = lineageAt(t);
        Object store = states.get(t);
        Object picked;
        if (store instanceof double[]) {
            double[] src = (double[]) store;
            double[] out = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                out[i] = src[idx[i]];
            }
            picked = out;
        } else {
            Object[] src = (Object[]) store;
            Object[] out = new Object[idx.length];
            for (int i = 0; i < idx.length; i++) {
                out[i] = src[idx[i]];
            }
            picked = out;
        }
        return WeightedParticles.ofLineage(picked, logWeights.get(steps() - 1), idx);
    }

    /** The path x_0..x_(T-1) of final particle i through its ancestors. */
    public List<T> path(int i) {
        int last = steps() - 1;
        List<T> out = new ArrayList<>(steps());
        int k = i;
        for (int s = last; s >= 0; s--) {
            out.add(filtering(s).value(k));
            int[] a = ancestors.get(s);
            if (s > 0 && a != null) {
                k = a[k];
            }
        }
        Collections.reverse(out);
        return out;
    }

    private int check(int t) {
        if (t < 0 || t >= steps()) {
            throw new IndexOutOfBoundsException("step " + t + " outside 0.." + (steps() - 1));
        }
        return t;
    }
}
