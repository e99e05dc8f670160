package dev.ariadne.core.dist;

import java.lang.reflect.Array;
import java.util.function.Supplier;

/**
 * A per-thread entry for a distribution's one-entry cache of the constants it last computed: a model that makes
 * {@code new Poisson(rate)} at each of 20 observations of one group, or {@code new Beta(a, b)} at each of 10
 * groups, computes {@code log(rate)} or {@code log B(a, b)} once instead of 20 or 10 times. The cached value is
 * the same computation on the same argument, so the results are bit for bit those of computing it afresh.
 *
 * <p>Each thread has its own entry and is the only one to read or write it, so an entry is a plain mutable object:
 * a new parameter overwrites it in place, and a model whose parameters change at every site allocates nothing.
 * An entry is found by the thread's id, 64 stripes each on its own cache line, so that two threads running models
 * side by side neither share nor overwrite each other's entry. Two threads whose ids share a stripe take it in
 * turn: a thread that finds another's entry there (it checks the owner's id, a final field) makes its own and puts
 * it in the stripe, and never touches the other's.
 */
record PerThreadSlot<T extends PerThreadSlot.Entry>(PerThreadSlot.Entry[] slots, Supplier<T> make) {

    private static final int STRIPES = 64;
    /** References per stripe: 16 compressed (4-byte) references fill a 64-byte cache line. */
    private static final int SPACING = 16;

    /** An entry of one thread, which alone reads and writes its fields. */
    abstract static class Entry {
        private final long owner = Thread.currentThread().getId();
    }

    /**
     * A record, so that C2 trusts its final fields: in a distribution's {@code static final} slot the stripes are
     * then a constant array, and finding this thread's entry costs no load of the array or of its length. The
     * array's type is {@code Entry[]}, so that reading the owner needs no cast: a cast from Object to Entry is a
     * subtype check, which became a full one once entries of two distributions had passed through this method.
     *
     * @param make makes a new entry for the calling thread, its key such that it matches no parameter (NaN)
     */
    PerThreadSlot(Supplier<T> make) {
        this(stripesOf(make.get().getClass()), make);
    }

    /**
     * The stripes, an array of the entries' own class (learnt from one entry, made and dropped), an {@code Entry[]}
     * to the compiler: C2 knows the class of every entry it loads from the constant array, so that returning it as
     * the distribution's own entry tests no class either.
     */
    private static Entry[] stripesOf(Class<?> entryClass) {
        return (Entry[]) Array.newInstance(entryClass, STRIPES * SPACING);
    }

    /** This thread's entry: the one it used last, or a new one. */
    @SuppressWarnings("unchecked")
    T get() {
        long id = Thread.currentThread().getId();
        int i = ((int) id & (STRIPES - 1)) * SPACING;
        Entry e = slots[i];
        return e != null && e.owner == id ? (T) e : claim(i);
    }

    /**
     * Makes {@code e} this thread's entry, in place of the one {@link #get} gave it: an entry the thread made (its
     * owner), so that {@code get} finds it. One reference written, where changing the entry's fields in place would
     * write several (each pays the collector's barrier for an old object).
     */
    void set(T e) {
        long id = Thread.currentThread().getId();
        slots[((int) id & (STRIPES - 1)) * SPACING] = e;
    }

    private T claim(int i) {
        T e = make.get();
        slots[i] = e;
        return e;
    }
}
