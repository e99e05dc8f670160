package dev.ariadne.inference.smc;

import dev.ariadne.core.Fingerprint;
import java.util.Arrays;
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
    /** The last propagation's stamp on each ancestor, to find the first particle whose ancestor another shares. */
    private final int[] seenAt;
    private int stamp;

    ObjectStates(int n, Init<S, O> init, Transition<S, O> step, UnaryOperator<S> copy, boolean guided) {
        super(n);
        this.init = init;
        this.step = step;
        this.copy = copy;
        this.guided = guided;
        this.cur = new Object[n];
        this.next = new Object[n];
        this.seenAt = new int[n];
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
                requireState(to[i], "init", 0, i);
                logW[i] += p.logWeight;
                if (to[i] instanceof Double d) {
                    requireNumber(d, logW[i], 0, null);
                }
            }
            p.end();
            return;
        }
        int probe = firstOfSharedAncestor(a);
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
            if (i == probe) {
                to[i] = probedStep(p, prev, t, i, y);
            } else {
                to[i] = step.step(p, copied(prev, t, i), t, y);
            }
            requireState(to[i], "transition", t, i);
            logW[i] = lw + p.logWeight;
            if (to[i] instanceof Double d) {
                requireNumber(d, logW[i], t, prev);
            }
        }
        p.end();
    }

    /**
     * The state a step receives: its ancestor's, or a copy of it. A copy function that returned null was met by the
     * step as a NullPointerException of its own, "the step function threw", which named neither (an adversarial
     * tester).
     */
    private S copied(S prev, int t, int particle) {
        if (copy == null) {
            return prev;
        }
        S c = copy.apply(prev);
        requireState(c, "copyStates", t, particle);
        return c;
    }

    /**
     * Refuses a null state where it is returned: the next step met it as a NullPointerException of its own, a step
     * later, naming neither the function that returned it nor the particle (a new user).
     */
    private static void requireState(Object state, String function, int t, int particle) {
        if (state == null) {
            throw new IllegalStateException("the " + function + " function returned null at step " + t + " for particle "
                    + particle + ": a state-space model's state is the value the next step moves from, so it must not "
                    + "be null (return the state itself, or an object that holds it)");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    double stepOnce(int t, Object previous, StepView<S, O> view, O y) {
        Particle p = view.particle;
        view.observation = y;
        p.begin(t, 0);
        if (t == 0) {
            view.previous = null;
            init.init(p, y);
        } else {
            S prev = (S) previous;
            view.previous = prev;
            step.step(p, copied(prev, t, 0), t, y);
        }
        p.end();
        return p.logWeight;
    }

    /**
     * The first particle (in index order, so before its siblings move) whose ancestor another particle shares, or -1:
     * without a copy function every descendant of a state receives that one object.
     */
    private int firstOfSharedAncestor(int[] a) {
        if (++stamp == 0) {
            Arrays.fill(seenAt, 0);
            stamp = 1;
        }
        int shared = -1;
        for (int i = 0; i < n; i++) {
            if (seenAt[a[i]] == stamp) {
                shared = a[i];
                break;
            }
            seenAt[a[i]] = stamp;
        }
        if (shared < 0) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (a[i] == shared) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One particle's step whose ancestor's state other particles share, watched for a change in place: a transition
     * that writes into the state it is given (with no copy function) writes into its siblings' state too, and each
     * sibling then moves from a state already moved, which is another model (a filter's log Z-hat 14 nats off). A
     * copy function that returns the state itself ({@code s -> s}) or one that shares its contents (a new object
     * around the same array) does the same: a linear-Gaussian filter's log Z-hat read 31 standard errors off with no
     * verdict (an adversarial tester); the same object stops the call. A state whose contents its fingerprint follows
     * (arrays, records and objects, field by field, through all they reach: {@link Fingerprint}) is compared
     * before and after the step, and a change stops the call; another returned as it came, without a copy function, is
     * noted for the diagnostics.
     */
    @SuppressWarnings("unchecked")
    private Object probedStep(Particle p, S prev, int t, int particle, O y) {
        S given = prev;
        if (copy != null) {
            given = copied(prev, t, particle);
            if (given == prev) {
                throw new IllegalStateException("copyStates returned the state it was given (a "
                        + prev.getClass().getSimpleName() + "), not a copy: the particles descending from one "
                        + "ancestor after a resampling share that object, and each transition that changes it in "
                        + "place moves its siblings' state too. Return a new object with the same contents, copying "
                        + "any array or mutable object it holds");
            }
        }
        long before = Fingerprint.of(prev);
        boolean comparable = before != Fingerprint.UNFOLLOWED;
        S moved = step.step(p, given, t, y);
        if (comparable && Fingerprint.of(prev) != before) {
            throw new IllegalStateException(copy == null
                    ? "the transition changed in place the state it was given (a " + prev.getClass().getSimpleName()
                    + "), which other particles descending from the same ancestor share after a resampling: each "
                    + "would move from a state already moved. Give the call copyStates(s -> a copy of s), or return a "
                    + "new state from each step"
                    : "the transition, moving a copy that copyStates made, changed the state it was copied from (a "
                    + prev.getClass().getSimpleName() + "), which other particles share: the copy shares its contents "
                    + "(an array or a mutable object inside it). Copy those too");
        }
        if (copy == null && moved == prev && !comparable && sharedStateStep < 0) {
            sharedStateStep = t;
        }
        return moved;
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
