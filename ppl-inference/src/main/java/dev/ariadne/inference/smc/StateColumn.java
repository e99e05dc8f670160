package dev.ariadne.inference.smc;

import dev.ariadne.inference.stats.ScaledSum;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The states of a sweep's particles, two buffers deep (this step's and the next), and the loop that moves them: the
 * hot path of a state-space sweep. One implementation per way of storing a state ({@link ObjectStates} holds
 * references, {@link RealStates} unboxed doubles), so that each loop calls one user function at one call site.
 *
 * @param <S> the state
 * @param <O> the observation
 */
abstract class StateColumn<S, O> {

    final int n;
    /**
     * The first step of the current sweep whose transition returned the state it was given, which other particles
     * share, where the state's type cannot show whether it was changed in place; -1 if none. Reset by the sweep.
     */
    int sharedStateStep = -1;

    StateColumn(int n) {
        this.n = n;
    }

    /**
     * Makes the states of step t in the next buffer: at step 0 from the initial step, later particle i from the
     * state of its ancestor {@code a[i]}, adding each particle's incremental log weight to {@code logW[i]}. A particle
     * whose log weight is already {@code -inf} (only when the step did not resample, so {@code a[i] == i}) keeps its
     * state and is not moved.
     */
    abstract void propagate(int t, int[] a, double[] logW, StepView<S, O> view, O y);

    /**
     * Refuses a NaN or infinite state that a step returned for a particle still of positive weight, where it is made:
     * the next step would make its distributions from it and fail there, naming neither the state nor the step that
     * made it (a transition returning {@code Math.sqrt(x)} of a negative x).
     */
    static void requireNumber(double state, double logW, int t, Object previous) {
        if (!Double.isFinite(state) && logW != Double.NEGATIVE_INFINITY) {
            // an infinity went on to the next step, where a distribution made from it refused it one step late and
            // named that step (an adversarial tester)
            throw new IllegalStateException((t == 0 ? "the initial step returned " + state + " as the particle's state"
                    : "the transition returned " + state + " as the particle's state (from the previous state "
                    + previous + ")") + ": a state must be a finite number, since the next step makes its "
                    + "distributions from it");
        }
    }

    /**
     * The incremental log weight of one call of step t from {@code previous} (ignored at step 0; a state as
     * {@link #value} gives it), with the view's particle and guide; nothing is stored. For the probes of a step guide's
     * tails ({@link StepGuideTails}), outside the sweeps.
     */
    abstract double stepOnce(int t, Object previous, StepView<S, O> view, O y);

    /** Makes the next buffer the current one. */
    abstract void swap();

    /** A copy of the current states: an Object[] or a double[]. */
    abstract Object snapshot();

    /** The state of particle i in the current buffer (boxed when real). */
    abstract S value(int i);

    /**
     * {@code sum_i w_i f(x_i) / sum} over the current states, skipping particles of weight 0; the value itself where
     * every particle's is the same.
     */
    double weightedMean(ToDoubleFunction<? super S> f, double[] w, double sum) {
        return weightedMean(f, w, sum, null);
    }

    /** {@link #weightedMean}, adding each particle's value and weight to {@code seen} as well (null for none). */
    double weightedMean(ToDoubleFunction<? super S> f, double[] w, double sum, TwoValues seen) {
        ScaledSum s = new ScaledSum();
        if (seen != null) {
            seen.reset();
        }
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                double v = SmcValues.number(f.applyAsDouble(value(i)), i, value(i));
                s.add(w[i], v);
                if (seen != null) {
                    seen.add(w[i], v);
                }
            }
        }
        return s.mean(sum);
    }

    /** {@code log(sum_i w_i 1[h(x_i)] / sum)} over the current states; {@code -inf} when h holds nowhere. */
    double logShare(Predicate<? super S> h, double[] w, double sum) {
        double s = 0;
        boolean failedSomewhere = false;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                if (h.test(value(i))) {
                    s += w[i];
                } else {
                    failedSomewhere = true;
                }
            }
        }
        // 1 exactly where it held in every state: s and sum, summed apart, can differ in their last bit
        return failedSomewhere || s == 0 ? Math.min(0, Math.log(s / sum)) : 0;
    }
}
