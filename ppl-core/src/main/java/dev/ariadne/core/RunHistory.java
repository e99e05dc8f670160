package dev.ariadne.core;

import dev.ariadne.core.dist.ValueKind;
import java.util.Locale;

/**
 * The read-only view of the run so far that guides, handlers and callers of {@link Runner#history()} read. While
 * a guide or a handler decides the current site, the view ends just before it. Names are looked up in the scope
 * of the current site (the top level once the run is over).
 */
final class RunHistory implements History {

    /** How many addresses a "no site" error lists, to show a misspelt name beside the right one. */
    private static final int LISTED = 8;

    private final Engine engine;

    RunHistory(Engine engine) {
        this.engine = engine;
    }

    @Override
    public int size() {
        int n = engine.reached();
        return engine.deciding() && n > 0 ? n - 1 : n;
    }

    private Slot slot(int i) {
        if (i < 0 || i >= size()) {
            // -1 is find's "no such site": history.real(history.find(address)) said only "position -1 outside 0..0"
            // (an adversarial tester)
            throw new IndexOutOfBoundsException("history position " + i + " outside 0.." + (size() - 1)
                    + (i == -1 ? " (-1 is what find returns for a site this run has not reached: test it before "
                    + "reading, or read by name, history.real(name), whose error names the site)" : ""));
        }
        return engine.sites.slots[i];
    }

    private Slot slotOf(int i, ValueKind vk) {
        Slot s = slot(i);
        // a plate of observations (observeAll) holds its array as a number site's object
        boolean plate = s.object != null && s.valueKind != ValueKind.VECTOR && s.valueKind != ValueKind.OBJECT;
        if (s.valueKind != vk || plate) {
            // "holds real values, not vector" was all a plate read as a vector said (an adversarial tester)
            throw new IllegalArgumentException("site " + s.address() + " (" + s.kind.name().toLowerCase(Locale.ROOT)
                    + ") holds " + (plate ? "a plate of " : "") + s.valueKind.name().toLowerCase(Locale.ROOT)
                    + " values, not " + (plate && vk == s.valueKind ? "one " : "") + vk.name().toLowerCase(Locale.ROOT)
                    + (plate ? "; value(name) gives the plate's array" : ""));
        }
        return s;
    }

    @Override
    public Address address(int i) {
        return slot(i).address();
    }

    @Override
    public String name(int i) {
        return slot(i).name;
    }

    @Override
    public int index(int i) {
        return slot(i).index;
    }

    @Override
    public SiteKind kind(int i) {
        return slot(i).kind;
    }

    @Override
    public ValueKind valueKind(int i) {
        return slot(i).valueKind;
    }

    @Override
    public double real(int i) {
        return slotOf(i, ValueKind.REAL).scalar;
    }

    @Override
    public int integer(int i) {
        return (int) slotOf(i, ValueKind.INT).scalar;
    }

    @Override
    public boolean bool(int i) {
        return slotOf(i, ValueKind.BOOL).scalar != 0;
    }

    @Override
    public double[] vector(int i) {
        return ((double[]) engine.sites.objectAt(slotOf(i, ValueKind.VECTOR))).clone();
    }

    @Override
    public Object value(int i) {
        slot(i);
        return valueAt(i);
    }

    /** Site {@code i}'s value, boxed, whether or not the history shows the site yet. */
    Object valueAt(int i) {
        Slot s = engine.sites.slots[i];
        Margin margin = engine.marginOf(s);
        if (margin != null) {
            return margin;
        }
        Object o = engine.sites.objectAt(s);
        return o instanceof double[] ? ((double[]) o).clone() : Slot.box(s.kind, s.valueKind, s.scalar, o);
    }

    @Override
    public int find(String name, int index) {
        return engine.sites.recall(engine.scope, name, index, size());
    }

    // The reads by name of a scalar, with the test of the site's kind of value in line: a guide that reads the previous
    // step's choice at each site inlines this much, and its own compiled code stays small enough (C2's
    // InlineSmallCode) to be inlined where the engine calls it, so that the proposal it makes is not allocated. An
    // absent site or a value of another kind goes to the checks of real(int) and the others, which name it.

    @Override
    public double real(String name) {
        return real(name, Address.NO_INDEX);
    }

    @Override
    public double real(String name, int index) {
        int i = find(name, index);
        Slot s = i >= 0 ? engine.sites.slots[i] : null;
        return s != null && s.valueKind == ValueKind.REAL && s.object == null ? s.scalar
                : real(required(i, name, index));
    }

    @Override
    public int integer(String name) {
        return integer(name, Address.NO_INDEX);
    }

    @Override
    public int integer(String name, int index) {
        int i = find(name, index);
        Slot s = i >= 0 ? engine.sites.slots[i] : null;
        return s != null && s.valueKind == ValueKind.INT && s.object == null ? (int) s.scalar
                : integer(required(i, name, index));
    }

    @Override
    public boolean bool(String name) {
        return bool(name, Address.NO_INDEX);
    }

    @Override
    public boolean bool(String name, int index) {
        int i = find(name, index);
        Slot s = i >= 0 ? engine.sites.slots[i] : null;
        return s != null && s.valueKind == ValueKind.BOOL && s.object == null ? s.scalar != 0
                : bool(required(i, name, index));
    }

    @Override
    public int find(Address address) {
        int j = engine.sites.lookup(address.scope(), address.name(), address.index());
        return j < size() ? j : -1;
    }

    @Override
    public int require(String name, int index) {
        return required(find(name, index), name, index);
    }

    /** {@code i}, the position found for {@code name[index]}, unless it is -1: then the error naming the address. */
    private int required(int i, String name, int index) {
        if (i >= 0) {
            return i;
        }
        StringBuilder known = new StringBuilder();
        int n = size();
        for (int j = 0; j < Math.min(n, LISTED); j++) {
            known.append(j == 0 ? "" : ", ").append(engine.sites.addressAt(j));
        }
        Address wanted = Address.of(engine.scope, name, index);
        String outside = "";
        if (engine.scope != null) {
            Address top = index < 0 ? Address.of(name) : Address.of(name, index);
            outside = "; names are looked up in the scope of the site being proposed, " + engine.scope
                    + (find(top) >= 0 ? ", and " + top + " is outside it: reach it by its position, history.find(Address.of(\""
                    + name + "\"" + (index < 0 ? "" : ", " + index) + "))" : "");
        }
        throw new IllegalArgumentException("no site " + wanted + " earlier in this run"
                + (n == 0 ? " (it has no sites yet)" : " (its sites: " + known + (n > LISTED ? ", ..." : "") + ")")
                + outside);
    }
}
