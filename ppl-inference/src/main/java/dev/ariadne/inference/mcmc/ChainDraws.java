package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Fingerprint;
import dev.ariadne.core.UserText;
import dev.ariadne.core.dist.ValueKind;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.core.VmErrors;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The draws one chain keeps: one column of doubles per quantity (each recorded real, integer or boolean site by
 * address, each component of a vector site as {@code address[j]}, and each tracked function of the return value),
 * in draw order. A site absent from a draw (its run did not make that choice) reads NaN there. Memory grows with
 * the draws kept: a choice in most draws takes a double per draw, one in a few draws a double and an int per draw
 * that holds it ({@link Column}).
 *
 * <p>Serialisable, as part of a chain's output (a partial of the {@link ChainJob}): 8 bytes per draw of a dense
 * column (12 per value held of a sparse one), and the column names; what only recording needs is not shipped.
 *
 * @param <T> the model's return type
 */
final class ChainDraws<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * A growing column of draws; serialised as its filled part only. It starts sparse, the draws that hold the choice
     * kept with their indices, and turns dense (a double per draw, NaN where absent) once the choice is in more than a
     * third of the draws: a choice whose address depends on a drawn label ({@code x[k]}, k one of thousands of values)
     * exists in a few draws, and a dense column for each filled a 64 MB heap at 5,000 draws (an adversarial tester).
     */
    static final class Column implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The entries a sparse column holds before it may turn dense. */
        private static final int SPARSE_AT_LEAST = 16;
        transient double[] values = new double[2];
        /** The draw of each value while sparse; null once dense. */
        transient int[] at = new int[2];
        /** The values held while sparse. */
        transient int count;
        /** The draws covered: one past the last draw recorded. */
        int size;
        /** Whether a scalar choice's draws fill this column, and whether a vector's component's do: never both. */
        transient boolean scalar;
        transient boolean component;

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeBoolean(at != null);
            if (at != null) {
                out.writeInt(count);
                for (int i = 0; i < count; i++) {
                    out.writeInt(at[i]);
                    out.writeDouble(values[i]);
                }
                return;
            }
            for (int i = 0; i < size; i++) {
                out.writeDouble(values[i]);
            }
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (in.readBoolean()) {
                count = in.readInt();
                if (count < 0 || count > size) {
                    throw new java.io.InvalidObjectException("a column of " + count + " draws in " + size);
                }
                at = new int[Math.max(1, count)];
                values = new double[Math.max(1, count)];
                for (int i = 0; i < count; i++) {
                    at[i] = in.readInt();
                    values[i] = in.readDouble();
                }
                return;
            }
            at = null;
            values = new double[Math.max(1, size)];
            for (int i = 0; i < size; i++) {
                values[i] = in.readDouble();
            }
        }

        void set(int draw, double v) {
            if (size > draw) {
                throw new IllegalStateException("draw " + draw + " recorded twice");
            }
            if (at != null) {
                if (count == at.length) {
                    at = Arrays.copyOf(at, 2 * count);
                    values = Arrays.copyOf(values, 2 * count);
                }
                at[count] = draw;
                values[count++] = v;
                size = draw + 1;
                if (count > SPARSE_AT_LEAST && 3L * count > size) {
                    values = toArray(size);
                    at = null;
                }
                return;
            }
            if (draw >= values.length) {
                values = Arrays.copyOf(values, Math.max(2 * values.length, draw + 1));
            }
            while (size < draw) {
                values[size++] = Double.NaN;
            }
            values[size++] = v;
        }

        /** Drops the room a growing column keeps beyond what it holds. */
        void trim() {
            int held = at != null ? count : size;
            if (values.length > held) {
                values = Arrays.copyOf(values, Math.max(1, held));
                if (at != null) {
                    at = Arrays.copyOf(at, Math.max(1, held));
                }
            }
        }

        /** The column's draws 0 to {@code draws - 1}, NaN where the choice is absent. */
        double[] toArray(int draws) {
            if (at != null) {
                double[] out = new double[draws];
                Arrays.fill(out, Double.NaN);
                for (int i = 0; i < count && at[i] < draws; i++) {
                    out[at[i]] = values[i];
                }
                return out;
            }
            double[] out = Arrays.copyOf(values, draws);
            Arrays.fill(out, Math.min(size, draws), draws, Double.NaN);
            return out;
        }

        /** The doubles this column holds in memory (for tests of its memory). */
        int capacity() {
            return values.length;
        }
    }

    private final transient AddressPattern[] patterns;
    private final List<String> trackedNames;
    private final transient List<SerializableToDoubleFunction<? super T>> tracked;
    /** The columns in the order their quantities first appeared. */
    final Map<String, Column> columns = new LinkedHashMap<>();
    private final transient Map<Address, Column> byAddress = new HashMap<>();
    private final Column[] trackedColumns;
    /**
     * Where the tracked functions read one object that the runs refill in place, what says so, else null: a model that
     * returns one list and refills it at each run hands every draw that list as the last run left it, a rejected
     * proposal's values (its tracked sd read 1.1 against 0.45 with "no problem found"; an adversarial tester). Such an
     * object is the value of two different states; only then is it fingerprinted ({@link Fingerprint}), after the
     * tracked functions read it at one draw and before they read it at the next, so that a cache or counter those
     * functions keep in it is not taken for a change, and a model that returns a new object at each run pays nothing
     * (fingerprinting every new object that referred to a large shared structure cost 0.7 s a call; a hunt). A
     * constant object is compared {@value #PRINTS} times; one whose fingerprint throws is no longer watched.
     */
    String returnedChanged;
    /** How many times a shared returned object is compared before it is taken for a constant. */
    private static final int PRINTS = 10;
    /** The previous draw's state and value, and the value's fingerprint after that draw's tracked reads, if taken. */
    private transient TraceState<T> lastState;
    private transient Object lastValue;
    private transient long lastPrint;
    private transient boolean printed;
    private transient int prints;
    /** Set where a fingerprint threw, or the object was compared {@link #PRINTS} times: nothing more is watched. */
    private transient boolean watchDone;
    private transient Address[] lastAddresses = new Address[0];
    private transient Column[] lastColumns = new Column[0];
    int draws;
    /**
     * Per pattern of {@code record}, whether it matched a recordable choice (real, integer, boolean or vector) of some
     * draw: a pattern that never does records nothing, and the result says so rather than leave it out in silence.
     */
    final boolean[] patternMatched;
    /** Patterns not yet matched; while there are some, each draw's choices are tested against them. */
    private transient int unmatchedPatterns;
    /**
     * The names of the recordable choices seen while some pattern was unmatched (at most {@value #NAMES_KEPT}), from
     * which the result suggests what an unmatched pattern meant.
     */
    final java.util.Set<String> namesSeen = new java.util.LinkedHashSet<>();
    private static final int NAMES_KEPT = 64;

    ChainDraws(AddressPattern[] patterns, List<String> trackedNames,
               List<SerializableToDoubleFunction<? super T>> tracked) {
        this(patterns, trackedNames, tracked, Math.max(1_000, Runtime.getRuntime().maxMemory() / BYTES_PER_COLUMN));
    }

    /** Draws that hold at most {@code maxColumns} columns. */
    ChainDraws(AddressPattern[] patterns, List<String> trackedNames,
               List<SerializableToDoubleFunction<? super T>> tracked, long maxColumns) {
        this.maxColumns = maxColumns;
        this.patterns = patterns;
        this.patternMatched = new boolean[patterns == null ? 0 : patterns.length];
        this.unmatchedPatterns = patternMatched.length;
        this.trackedNames = trackedNames;
        this.tracked = tracked;
        this.trackedColumns = new Column[tracked.size()];
        for (int i = 0; i < tracked.size(); i++) {
            trackedColumns[i] = new Column();
            columns.put(trackedNames.get(i), trackedColumns[i]);
        }
    }

    /** Appends the state as the next draw. */
    void record(TraceState<T> s) {
        int d = draws++;
        if (lastAddresses.length < s.size) {
            lastAddresses = Arrays.copyOf(lastAddresses, s.size);
            lastColumns = Arrays.copyOf(lastColumns, s.size);
        }
        for (int i = 0; i < s.size; i++) {
            ValueKind kind = s.kinds[i];
            if (unmatchedPatterns > 0 && recordable(s, i)) {
                notePatterns(s, i);
            }
            if (components(s, i) != null) {
                recordVector(s, i, d);
                continue;
            }
            if (kind == ValueKind.OBJECT || !Kernels.matches(patterns, s, i)) {
                continue;
            }
            Address a = s.address(i);
            Column c = lastAddresses[i] == a ? lastColumns[i] : null;
            if (c == null) {
                c = byAddress.get(a);
                if (c == null) {
                    c = column(a.toString());
                    if (c.component) {
                        throw clash(a.toString());
                    }
                    byAddress.put(a, c);
                    c.scalar = true;
                }
                lastAddresses[i] = a;
                lastColumns[i] = c;
            }
            c.set(d, s.scalars[i]);
        }
        boolean watch = trackedColumns.length > 0 && returnedChanged == null && !watchDone && s.value != null
                && s.value == lastValue && (printed || s != lastState) && !Fingerprint.unchangeable(s.value);
        if (watch && printed) {
            long now = fingerprint(s.value);
            if (!watchDone && now != lastPrint) {
                returnedChanged = String.format(java.util.Locale.ROOT, "the model returned one object, a %s, as the "
                        + "value of different states, and the runs changed it in place between kept draws %d and %d "
                        + "(as the tracked functions left it, and as they found it): each draw's tracked quantities "
                        + "read that object as the last run left it, a rejected proposal's values as often as not, "
                        + "not the state's; return a new object at each run", s.value.getClass().getSimpleName(), d - 1,
                        d);
            } else if (++prints >= PRINTS) {
                watchDone = true; // a constant
            }
        }
        recordTracked(s, d);
        if (watch && !watchDone && returnedChanged == null) {
            lastPrint = fingerprint(s.value);
            printed = !watchDone;
        } else if (s.value != lastValue) {
            printed = false;
        }
        lastState = s;
        lastValue = s.value;
    }

    /** The value's fingerprint; where it throws (a user's hashCode), nothing more is watched. */
    private long fingerprint(Object v) {
        try {
            return Fingerprint.of(v);
        } catch (RuntimeException e) {
            watchDone = true;
            return 0;
        }
    }

    /** Records the tracked quantities of state {@code s} as draw {@code d}. */
    private void recordTracked(TraceState<T> s, int d) {
        for (int k = 0; k < trackedColumns.length; k++) {
            double v;
            try {
                v = tracked.get(k).applyAsDouble(s.value);
            } catch (RuntimeException | Error e) {
                VmErrors.rethrowVms(e);
                // the user's function: named, with the value it was given (a model that returned null, most often)
                throw new IllegalStateException("the tracked quantity '" + trackedNames.get(k) + "' threw "
                        + UserText.of(e) + " on the model's return value " + UserText.of(s.value), e);
            }
            if (v - v != 0) {
                // NaN marks a choice absent from a draw, and a tracked function's NaN would be taken for that; an
                // infinity was refused later, by the summary, without the quantity's name.
                throw new IllegalStateException("the tracked quantity '" + trackedNames.get(k) + "' is " + v
                        + " on the return value " + s.value + "; a tracked function must give a finite number at "
                        + "every draw");
            }
            trackedColumns[k].set(d, v);
        }
    }

    /**
     * Records the components of vector choice i of {@code s} that the patterns name: all of them where a pattern names
     * the choice ({@code theta}, {@code theta[*]}), else each one a pattern names by its index ({@code theta[0]}, as
     * {@code draws()} and {@code row()} name it). {@code record("theta[0]")} recorded nothing of a Dirichlet's theta
     * (an adversarial tester).
     */
    private void recordVector(TraceState<T> s, int i, int d) {
        boolean whole = Kernels.matches(patterns, s, i);
        Address a = s.address(i);
        Object v = s.objects[i];
        int length = componentCount(s, i);
        for (int j = 0; j < length; j++) {
            if (whole || namedComponent(s, i, j)) {
                component(a, j).set(d, v instanceof int[] counts ? counts[j] : ((double[]) v)[j]);
            }
        }
    }

    /**
     * The entries of choice i of {@code s} where it is a vector's or an array of counts (a Multinomial's), each
     * recorded as a column {@code address[j]}; null for a scalar or any other object. A Multinomial's counts were
     * recorded not at all: no row, and {@code row("c[0]")} answered "no recorded quantity" (an outside statistician).
     */
    static Object components(TraceState<?> s, int i) {
        Object o = s.objects[i];
        return s.kinds[i] == ValueKind.VECTOR || s.kinds[i] == ValueKind.OBJECT && o instanceof int[] ? o : null;
    }

    /** The number of entries of {@link #components}, 0 for none. */
    private static int componentCount(TraceState<?> s, int i) {
        Object o = components(s, i);
        return o instanceof int[] counts ? counts.length : o instanceof double[] v ? v.length : 0;
    }

    /** Whether choice i of {@code s} is recorded when a pattern names it: a scalar, a vector or counts. */
    private static boolean recordable(TraceState<?> s, int i) {
        return s.kinds[i] != ValueKind.OBJECT || components(s, i) != null;
    }

    /** Whether some pattern names component j of vector choice i of {@code s} by its index. */
    private boolean namedComponent(TraceState<T> s, int i, int j) {
        for (AddressPattern p : patterns) {
            if (namesComponent(p, s, i, j)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code p} names component j of choice i of {@code s} by its index: a vector choice of no index of its
     * own (an indexed one's components are named after its own index).
     */
    private static boolean namesComponent(AddressPattern p, TraceState<?> s, int i, int j) {
        return components(s, i) != null && s.indices[i] == Address.NO_INDEX
                && p.matches(s.scopes[i], s.names[i], j);
    }

    /** Marks the patterns that the recordable choice i of {@code s} matches, and keeps its name. */
    private void notePatterns(TraceState<T> s, int i) {
        for (int j = 0; j < patterns.length; j++) {
            if (!patternMatched[j] && (patterns[j].matches(s.scopes[i], s.names[i], s.indices[i])
                    || namesAComponent(patterns[j], s, i))) {
                patternMatched[j] = true;
                unmatchedPatterns--;
            }
        }
        if (namesSeen.size() < NAMES_KEPT) {
            // an indexed choice as the pattern that names every index: record("thetaa[*]") and record("theta[7]") of
            // choices theta[0..2] were asked "did you mean theta?", which matches nothing either (an adversarial
            // tester)
            namesSeen.add(s.indices[i] == dev.ariadne.core.Address.NO_INDEX ? s.names[i] : s.names[i] + "[*]");
        }
    }

    /** Whether {@code p} names some component of choice i of {@code s} by its index. */
    private static boolean namesAComponent(AddressPattern p, TraceState<?> s, int i) {
        int length = componentCount(s, i);
        for (int j = 0; j < length; j++) {
            if (namesComponent(p, s, i, j)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses a tracked quantity named as one of the recorded choices of {@code s}, the chain's first state: checked
     * before the chain's first step, so that the clash stops the call at once rather than after the warm-up. A choice
     * that first appears later is refused when it is recorded ({@link #column}).
     */
    void refuseClashes(TraceState<T> s) {
        java.util.Set<String> scalarNames = new java.util.HashSet<>();
        java.util.List<String> componentNames = new java.util.ArrayList<>();
        for (int i = 0; i < s.size; i++) {
            ValueKind kind = s.kinds[i];
            if (!recordable(s, i) || !Kernels.matches(patterns, s, i)) {
                continue;
            }
            String a = s.address(i).toString();
            if (components(s, i) != null) {
                for (int j = 0; j < componentCount(s, i); j++) {
                    String name = a + "[" + j + "]";
                    refuseClash(name, columns.get(name));
                    componentNames.add(name);
                }
            } else {
                refuseClash(a, columns.get(a));
                scalarNames.add(a);
            }
        }
        for (String c : componentNames) {
            if (scalarNames.contains(c)) {
                throw clash(c);
            }
        }
    }

    /**
     * Refuses, at a chain's start, draws whose columns cannot fit in the heap: one per recorded quantity of the first
     * state ({@code s}), a scalar's, a vector's components and each tracked one, at 16 bytes a value while they grow
     * (a column's array doubles). Before any chain runs, {@link Mcmc} can count only one quantity: 2,000,000 draws of
     * five choices in two chains passed it and ended in an OutOfMemoryError after 7 s (an adversarial tester).
     */
    void requireRoom(TraceState<T> s, int chains, int draws) {
        long quantities = trackedColumns.length;
        for (int i = 0; i < s.size; i++) {
            ValueKind kind = s.kinds[i];
            if (recordable(s, i) && Kernels.matches(patterns, s, i)) {
                quantities += components(s, i) != null ? componentCount(s, i) : 1;
            }
        }
        dev.ariadne.inference.run.Heap.requireRoom(String.format(java.util.Locale.ROOT, "values (%d chains of %,d "
                + "draws of %,d recorded quantities, as the chain's first state makes them)", chains, draws,
                quantities),
                (long) chains * draws * Math.max(1, quantities), 2 * Double.BYTES, "use fewer chains or draws, "
                + "stepsPerDraw(k) to thin the draws, or record(patterns) to keep fewer quantities");
    }

    /** Drops the room the columns keep beyond what they hold: a chain's output keeps them after its last draw. */
    void trim() {
        columns.values().forEach(Column::trim);
    }

    /** The column of component j of the vector choice at {@code a}, named {@code a[j]}. */
    private Column component(Address a, int j) {
        String name = a + "[" + j + "]";
        Column c = column(name);
        if (c.scalar) {
            throw clash(name);
        }
        c.component = true;
        return c;
    }

    /**
     * A vector's component and a scalar choice that print alike: w's component 0 and the choice w[0] would share one
     * column, and the draws of one overwrote the other's ("draw 0 recorded twice").
     */
    private static IllegalArgumentException clash(String name) {
        return new IllegalArgumentException("the summary names a vector choice's components address[j], and " + name
                + " is both a component of the vector choice at " + name.substring(0, name.lastIndexOf('['))
                + " and the address of another choice; give one of the two sites another name");
    }

    /**
     * The heap a chain's column takes at the least, with its name and its places in the maps: a chain that made a
     * new column at each draw (x[k], k one of a billion values) ran 36 s into an OutOfMemoryError in a 64 MB heap (an
     * adversarial tester). Room for a few chains is left.
     */
    static final long BYTES_PER_COLUMN = 4096;
    private final transient long maxColumns;

    /** The column of a site's quantity; a tracked function may not have its name. */
    private Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            if (columns.size() >= maxColumns) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "the chain has recorded %,d "
                        + "distinct quantities, a column each (%s the latest), as many as a heap of %,d bytes holds at "
                        + "%,d bytes a column: a choice whose address is a drawn label's makes a new one at each "
                        + "draw; record(patterns) to keep fewer, or track(name, f) a function of the value",
                        columns.size(), name, maxColumns * BYTES_PER_COLUMN, BYTES_PER_COLUMN));
            }
            c = new Column();
            columns.put(name, c);
        } else {
            refuseClash(name, c);
        }
        return c;
    }

    private void refuseClash(String name, Column c) {
        if (c != null && isTracked(c)) {
            throw new IllegalArgumentException("the tracked quantity '" + name + "' has the name of the choice at "
                    + name + "; track it under another name");
        }
    }

    private boolean isTracked(Column c) {
        for (Column t : trackedColumns) {
            if (t == c) {
                return true;
            }
        }
        return false;
    }

    /** The tracked quantities' names. */
    List<String> trackedNames() {
        return trackedNames;
    }
}
