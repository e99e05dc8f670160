package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.ValueKind;
import java.util.Arrays;

/**
 * The latent choices of an earlier run, to be made again with one of them changed: what a single-site MCMC step
 * does to its state. {@link Runner#replay} runs the model once; its k-th latent site takes the k-th recorded value
 * when it has the recorded choice's address and kind of value (and, for a vector, its length), the edited choice
 * takes its new value (or a draw from its prior), and every site is scored as in any run (log p under the prior at
 * the value it took). When the run's latent sites are not the recorded ones, site for site in order (the edit changed
 * the run's structure), the replay reports it and the caller makes the run another way (effect handlers, which match
 * choices by address). This is the fixed-structure case of lightweight Metropolis-Hastings without a message, a
 * handler call or a boxed value per site; the target density of the run it makes is the same, bit for bit, as a
 * handler's replay of the same choices.
 *
 * <p>Mutable and reused: one per chain, refilled ({@link #clear}, {@link #add}) or changed ({@link #set}, {@link
 * #edit}) before each replay. Vectors and objects are kept by reference; a replayed vector site gives the model a
 * copy. What a replay reports per choice ({@link #prior}, {@link #value}, {@link #logP}, {@link #position}) holds
 * until the runner's next run.
 */
public final class RunReplay {

    private static final double DRAW = Double.NaN;

    String[] names = new String[16];
    int[] indices = new int[16];
    Address[] scopes = new Address[16];
    /** Per choice: its kind of value's ordinal, the engine's kind of latent site ({@link ProbOverloads#REAL}...). */
    byte[] kinds = new byte[16];
    /** Per choice: a vector's length, else 0. */
    int[] dims = new int[16];
    double[] scalars = new double[16];
    Object[] objects = new Object[16];
    /** Per choice, written by the replay: the prior its site had, its site's slot (value, log p) and position. */
    private Dist[] own = new Dist[16];
    private Dist[] priors = own;
    /** Where the next replay writes the priors, or null: its own array. */
    private Dist[] nextPriors;
    private Slot[] slots = new Slot[16];
    private int[] positions = new int[16];
    int latents;
    /** The edited choice, or -1. */
    int edit = -1;
    /** The edited choice's new value (an int or a boolean as a number, true as 1), or NaN to draw it from its prior. */
    double editValue = DRAW;

    /** During a replay: the next choice to match, and whether a site has failed to match. */
    int cursor;
    boolean diverged;
    /** The value {@link #take} gave last. */
    double scalar;
    Object object;

    /** An empty replay: {@link #add} its choices. */
    public RunReplay() {
    }

    /** Forgets the recorded choices and the edit. */
    public void clear() {
        Arrays.fill(objects, 0, latents, null);
        latents = 0;
        edit = -1;
        editValue = DRAW;
    }

    /**
     * Appends a latent choice: its address ({@code scope}/{@code name}[{@code index}], {@code scope} null at top
     * level and {@code index} {@link Address#NO_INDEX} without one), the prior it was drawn under (for its kind of
     * value and a vector's length) and its value: a real, an int or a boolean (as 1 or 0) in {@code scalar}, a vector
     * or an object in {@code object}.
     */
    public void add(String name, int index, Address scope, Dist prior, double scalar, Object object) {
        int c = latents;
        if (c == names.length) {
            grow();
        }
        ValueKind kind = prior.valueKind();
        if (names[c] != name) {
            names[c] = name; // a buffer refilled with the same sites: compare before a store and its GC barrier
        }
        indices[c] = index;
        if (scopes[c] != scope) {
            scopes[c] = scope;
        }
        kinds[c] = (byte) kind.ordinal();
        dims[c] = kind == ValueKind.VECTOR ? prior.support().dim() : 0;
        scalars[c] = scalar;
        objects[c] = object;
        latents = c + 1;
    }

    /**
     * Changes the recorded value of choice {@code c} (counted from 0 in the order added), as {@link #add} takes it: a
     * chain whose proposal was accepted moves its replay to the new state this way, one choice, not all of them.
     */
    public void set(int c, double scalar, Object object) {
        if (c < 0 || c >= latents) {
            throw new IndexOutOfBoundsException("choice " + c + " outside 0.." + (latents - 1));
        }
        scalars[c] = scalar;
        objects[c] = object;
    }

    /**
     * Makes choice {@code c} (counted from 0 in the order added) the edited one, or none if {@code c} is -1: it takes
     * {@code value} (a real, or an int or a boolean as a number, true as 1), or, if {@code value} is NaN, a draw from
     * its prior in the run. The recorded choices are unchanged: the edit lasts until the next call.
     */
    public void edit(int c, double value) {
        if (c == -1) {
            edit = -1;
            editValue = DRAW;
            return;
        }
        if (c < 0 || c >= latents) {
            throw new IndexOutOfBoundsException("edited choice " + c + " outside 0.." + (latents - 1));
        }
        if (value == value && kinds[c] >= ProbOverloads.VECTOR) {
            throw new IllegalArgumentException("edited choice " + c + " holds a vector or an object: it can only be"
                    + " drawn again (NaN), not given the number " + value);
        }
        edit = c;
        editValue = value;
    }

    /** The number of choices added. */
    public int size() {
        return latents;
    }

    /**
     * Has the next replay (only) write choice c's prior at {@code array[c]} (where {@link #prior} then reads it), so
     * that a caller keeping the priors of the run's choices has them written once, where it keeps them; the array must
     * have room for every choice. Otherwise a replay keeps them in an array of its own.
     */
    public void priorsInto(Dist[] array) {
        if (array.length < latents) {
            throw new IllegalArgumentException("the array of priors has room for " + array.length + " of the "
                    + latents + " choices");
        }
        nextPriors = array;
    }

    /**
     * The prior of choice {@code c} in the last replay (its parameters reflect the earlier choices of that run), once
     * {@link Runner#replay} has returned true.
     */
    public Dist prior(int c) {
        if (c < 0 || c >= cursor) {
            throw new IndexOutOfBoundsException("choice " + c + " outside 0.." + (cursor - 1) + " of the last replay");
        }
        return priors[c];
    }

    /** The position among all the run's sites of choice {@code c}'s site in the last replay (as {@link #prior}). */
    public int position(int c) {
        slot(c); // checks c
        return positions[c];
    }

    /**
     * The value choice {@code c} took in the last replay (as {@link #prior}): a real, or an int or a boolean as a
     * number (true as 1); 0 for a vector or an object, which {@link Runner#history()} gives.
     */
    public double value(int c) {
        return slot(c).scalar;
    }

    /** The log prior density of choice {@code c}'s value in the last replay (as {@link #prior}). */
    public double logP(int c) {
        return slot(c).logP;
    }

    private Slot slot(int c) {
        if (c < 0 || c >= cursor) {
            throw new IndexOutOfBoundsException("choice " + c + " outside 0.." + (cursor - 1) + " of the last replay");
        }
        return slots[c];
    }

    /** Before a replay. */
    void start() {
        cursor = 0;
        diverged = false;
        Dist[] p = nextPriors;
        priors = p != null && p.length >= latents ? p : own;
        nextPriors = null;
    }

    /** Whether the last replay made exactly these choices' sites, in order. */
    boolean matched() {
        return !diverged && cursor == latents;
    }

    /**
     * At a latent site of the replay (slot {@code s} at position {@code i}, engine kind {@code kind}, prior {@code d}):
     * whether it takes a value from here, left in {@link #scalar} or {@link #object}; false where the site draws (the
     * edited choice with no value, or any site once the run has left the recorded choices).
     */
    boolean take(Slot s, int i, int kind, Dist d) {
        if (diverged) {
            return false;
        }
        int c = cursor;
        if (c >= latents || kinds[c] != kind || indices[c] != s.index || !names[c].equals(s.name)
                || !(scopes[c] == s.scope || (scopes[c] != null && scopes[c].equals(s.scope)))
                || (kind == ProbOverloads.VECTOR && dims[c] != d.support().dim())) {
            diverged = true;
            return false;
        }
        cursor = c + 1;
        priors[c] = d; // a new prior at most sites of most runs: no compare before the store
        if (slots[c] != s) {
            slots[c] = s; // the same slot from run to run
        }
        positions[c] = i;
        if (c == edit) {
            scalar = editValue;
            object = null;
            return editValue == editValue;
        }
        scalar = scalars[c];
        Object o = objects[c];
        object = kind == ProbOverloads.VECTOR ? ((double[]) o).clone() : o;
        return true;
    }

    private void grow() {
        int n = 2 * names.length;
        names = Arrays.copyOf(names, n);
        indices = Arrays.copyOf(indices, n);
        scopes = Arrays.copyOf(scopes, n);
        kinds = Arrays.copyOf(kinds, n);
        dims = Arrays.copyOf(dims, n);
        scalars = Arrays.copyOf(scalars, n);
        objects = Arrays.copyOf(objects, n);
        own = Arrays.copyOf(own, n);
        slots = Arrays.copyOf(slots, n);
        positions = Arrays.copyOf(positions, n);
    }

    @Override
    public String toString() {
        return "RunReplay(" + latents + " choices, edit " + edit + ")";
    }
}
