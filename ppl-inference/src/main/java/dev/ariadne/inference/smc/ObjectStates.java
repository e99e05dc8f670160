package dev.ariadne.inference.smc;

import java.util.function.UnaryOperator;

/**
 * States held by reference. Immutable states are shared between a particle and its copies after a resampling; with
 * a copy function every step receives a fresh copy of its ancestor's state, which it may change in place.
 */
final class ObjectStates<S, O> extends StateColumn<S, O> {

    private final Init<S, O> init;
    private final Transition<S, O> step;
    private final UnaryOperator<S> copy;
    private final boolean guided;
    private Object[] cur;
    private Object[] next;

    ObjectStates(int n, Init<S, O> init, Transition<S, O> step, UnaryOperator<S> copy, boolean guided) {
        super(n);
        this.init = init;
        this.step = step;
        this.copy = copy;
        this.guided = guided;
        this.cur = new Object[n];
        this.next = new Object[n];
    }

    @Override
    @SuppressWarnings("unchecked")
    void propagate(int t, int[] a, double[] logW, StepView<S, O> view, O y) {
        Object[] from = cur;
        Object[] to = next;
        Particle p = view.particle;
        view.observation = y;
        if (t == 0) {
            view.previous = null;
            for (int i = 0; i < n; i++) {
                p.begin(0, i);
                to[i] = init.init(p, y);
                logW[i] += p.logWeight;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double lw = logW[i];
            S prev = (S) from[a[i]];
            if (lw == Double.NEGATIVE_INFINITY) {
                to[i] = prev;
                continue;
            }
            if (guided) {
                view.previous = prev;
            }
            p.begin(t, i);
            to[i] = step.step(p, copy == null ? prev : copy.apply(prev), t, y);
            logW[i] = lw + p.logWeight;
        }
    }

    @Override
    void swap() {
        Object[] c = cur;
        cur = next;
        next = c;
    }

    @Override
    Object snapshot() {
        return cur.clone();
    }

    @Override
    @SuppressWarnings("unchecked")
    S value(int i) {
        return (S) cur[i];
    }
}
