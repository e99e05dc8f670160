package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.dist.ValueKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The draws one chain keeps: one column of doubles per quantity (each recorded real, integer or boolean site by
 * address, each component of a vector site as {@code address[j]}, and each tracked function of the return value),
 * in draw order. A site absent from a draw (its run did not make that choice) reads NaN there. Memory grows with
 * the draws kept and nothing else.
 *
 * @param <T> the model's return type
 */
final class ChainDraws<T> {

    /** A growing column of draws. */
    static final class Column {
        double[] values = new double[64];
        int size;

        void set(int draw, double v) {
            if (draw >= values.length) {
                values = Arrays.copyOf(values, Math.max(2 * values.length, draw + 1));
            }
            if (size > draw) {
                throw new IllegalStateException("draw " + draw + " recorded twice");
            }
            while (size < draw) {
                values[size++] = Double.NaN;
            }
            values[size++] = v;
        }

        double[] toArray(int draws) {
            double[] out = Arrays.copyOf(values, draws);
            Arrays.fill(out, size, draws, Double.NaN);
            return out;
        }
    }

    private final AddressPattern[] patterns;
    private final List<String> trackedNames;
    private final List<ToDoubleFunction<? super T>> tracked;
    /** The columns in the order their quantities first appeared. */
    final Map<String, Column> columns = new LinkedHashMap<>();
    private final Map<Address, Column> byAddress = new HashMap<>();
    private final Column[] trackedColumns;
    private Address[] lastAddresses = new Address[0];
    private Column[] lastColumns = new Column[0];
    int draws;

    ChainDraws(AddressPattern[] patterns, List<String> trackedNames, List<ToDoubleFunction<? super T>> tracked) {
        this.patterns = patterns;
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
            if (kind == ValueKind.OBJECT || !Kernels.matches(patterns, s, i)) {
                continue;
            }
            Address a = s.address(i);
            Column c = lastAddresses[i] == a ? lastColumns[i] : null;
            if (kind == ValueKind.VECTOR) {
                double[] v = (double[]) s.objects[i];
                for (int j = 0; j < v.length; j++) {
                    column(a + "[" + j + "]").set(d, v[j]);
                }
                continue;
            }
            if (c == null) {
                c = byAddress.get(a);
                if (c == null) {
                    c = column(a.toString());
                    byAddress.put(a, c);
                }
                lastAddresses[i] = a;
                lastColumns[i] = c;
            }
            c.set(d, s.scalars[i]);
        }
        for (int k = 0; k < trackedColumns.length; k++) {
            trackedColumns[k].set(d, tracked.get(k).applyAsDouble(s.value));
        }
    }

    /** The column of a site's quantity; a tracked function may not have its name. */
    private Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            c = new Column();
            columns.put(name, c);
        } else if (isTracked(c)) {
            throw new IllegalArgumentException("the tracked quantity '" + name + "' has the name of the choice at "
                    + name + "; track it under another name");
        }
        return c;
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
