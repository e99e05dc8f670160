package dev.ariadne.core.dist;

/**
 * A slot per thread for a distribution's one-entry cache of the constants it last computed: a model that makes
 * {@code new Poisson(rate)} at each of 20 observations of one group, or {@code new Beta(a, b)} at each of 10
 * groups, computes {@code log(rate)} or {@code log B(a, b)} once instead of 20 or 10 times. The cached value is
 * the same computation on the same argument, so the results are bit for bit those of computing it afresh.
 *
 * <p>A slot is chosen by the thread's id, 64 stripes each on its own cache line, so that two threads running
 * models side by side neither share nor overwrite each other's entry (one static field written by both would move
 * its cache line between the cores at every change of parameter). Entries must be immutable objects with final
 * fields: a thread that reads another's entry (two ids in one stripe) then sees either a whole entry or
 * another one, never a torn one, and its key check decides.
 */
final class PerThreadSlot<T> {

    private static final int STRIPES = 64;
    /** References per stripe: 16 compressed (4-byte) references fill a 64-byte cache line. */
    private static final int SPACING = 16;

    private final Object[] slots = new Object[STRIPES * SPACING];

    private static int index() {
        return ((int) Thread.currentThread().getId() & (STRIPES - 1)) * SPACING;
    }

    /** This thread's last entry, or null. */
    @SuppressWarnings("unchecked")
    T get() {
        return (T) slots[index()];
    }

    /** Makes {@code entry} this thread's last entry. */
    void set(T entry) {
        slots[index()] = entry;
    }
}
