package dev.ariadne.core.dist;

import java.util.Arrays;

/**
 * Logarithms a thread took before, by the bits of their argument: a table of {@value #SIZE} slots, each holding one
 * argument and its {@link Math#log}, the slot picked by a hash of the bits (a new argument replaces the one in its
 * slot). A model whose scales are fixed per data point or per group, with the groups' points interleaved (a
 * {@code Laplace(u[g], s[g])} at each point of data in the order it came), makes a distribution of another scale at
 * every site but of the same scales in every run; the one value a per-thread entry holds in line then misses
 * at every site, and this finds the log taken in an earlier run. The same call on the same argument, so bit for bit
 * the log computed afresh. Held by a per-thread entry and consulted only on its misses, so it is never shared.
 */
final class LogMemo {

    static final int SIZE = 256;
    private static final int SHIFT = 64 - 8; // SIZE = 2^8

    private final long[] keys = new long[SIZE];
    private final double[] logs = new double[SIZE];

    LogMemo() {
        // The NaN whose bits fill the keys has the log NaN, so an empty slot is a correct one.
        Arrays.fill(keys, Double.doubleToRawLongBits(Double.NaN));
        Arrays.fill(logs, Double.NaN);
    }

    /** The table's slot for an argument's bits. */
    static int slot(long bits) {
        return (int) ((bits * 0x9E3779B97F4A7C15L) >>> SHIFT);
    }

    /** How many logs the table's lookups have taken: their misses (not the calls while it is not looked in). */
    long taken;
    /**
     * Calls in a row that found nothing here. Arguments new at every call (a heteroscedastic regression's scale,
     * {@code exp(c + d x_i)}) never match; a lookup and two stores at each cost such a model up to a tenth of its
     * time, so past {@value #FRUITLESS} misses in a row the table is neither looked in nor filled, but for one round
     * of {@value #FRUITLESS} calls in every {@value #RETRY_EVERY}, which finds the arguments again if they start
     * repeating.
     */
    private int fruitless;
    private static final int FRUITLESS = 64;
    private static final int RETRY_EVERY = 4096;

    /** {@code Math.log(x)}, from the table where x's bits are in its slot, else taken (and put there). */
    double log(double x) {
        int f = fruitless;
        if (f >= FRUITLESS) {
            fruitless = f == RETRY_EVERY - 1 ? 0 : f + 1;
            return Math.log(x);
        }
        long bits = Double.doubleToRawLongBits(x);
        int i = slot(bits);
        if (keys[i] == bits) {
            fruitless = 0;
            return logs[i];
        }
        fruitless = f + 1;
        taken++;
        double lg = Math.log(x);
        keys[i] = bits;
        logs[i] = lg;
        return lg;
    }
}
