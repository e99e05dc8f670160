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
    /** For a table of points of the unit interval ({@link #ofUnitPoints}), each one's {@code log(1 - x)}; else null. */
    private final double[] log1ms;

    /** A table of logs. */
    LogMemo() {
        this(null);
    }

    private LogMemo(double[] log1ms) {
        // The NaN whose bits fill the keys has the log NaN, so an empty slot is a correct one.
        Arrays.fill(keys, Double.doubleToRawLongBits(Double.NaN));
        Arrays.fill(logs, Double.NaN);
        this.log1ms = log1ms;
        if (log1ms != null) {
            Arrays.fill(log1ms, Double.NaN);
        }
    }

    /**
     * A table of points of the unit interval with their two logs, {@code log x} and {@code log(1 - x)} as
     * {@link UnitLogs} takes them ({@link #unitSlot}): Bernoulli probabilities per arm with the arms' events in the
     * order they came (an A/B test of 20 arms) miss the few points an entry holds at every observation.
     */
    static LogMemo ofUnitPoints() {
        return new LogMemo(new double[SIZE]);
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

    /**
     * {@code Math.log(x)}, from the table where x's bits are in its slot, else taken (and put there); taken directly
     * while the table is not looked in (see {@link #fruitless}).
     *
     * <p>Every method on this path is at most 35 bytes of bytecode (C2's MaxInlineSize), so that C2 inlines it
     * wherever it is called, however rarely. A call left in a model's loop, on a branch the loop all but never takes,
     * cost every observation in it: Poisson observations of a drawn rate, whose thread's kept log serves them, ran
     * at 0.86 s or 0.63 s for 10^6 runs as the warm-up had or had not reached this table a few times (its call then
     * compiled as a call, not a trap), in five of six JVMs and one of six.
     */
    double log(double x) {
        return fruitless < FRUITLESS ? lookup(x) : skipped(x);
    }

    /** The table's slot for an argument. */
    static int slot(double x) {
        return slot(Double.doubleToRawLongBits(x));
    }

    private double lookup(double x) {
        int i = slot(x);
        return keys[i] == Double.doubleToRawLongBits(x) ? found(i) : missed(i, x);
    }

    private double found(int i) {
        fruitless = 0;
        return logs[i];
    }

    private double missed(int i, double x) {
        fruitless++;
        double lg = Math.log(x);
        hold(i, x, lg);
        return lg;
    }

    private void hold(int i, double x, double lg) {
        keys[i] = Double.doubleToRawLongBits(x);
        logs[i] = lg;
        taken++;
    }

    /** A call while the table is not looked in: counted towards the next round of looking ({@link #fruitless}). */
    private double skipped(double x) {
        int f = fruitless;
        fruitless = f == RETRY_EVERY - 1 ? 0 : f + 1;
        return Math.log(x);
    }

    /**
     * For a table of unit points: the slot holding {@code log x} ({@link #logAt}) and {@code log(1 - x)}
     * ({@link #log1mAt}) as {@code Math.log} and {@link LogMath#log1p} take them, which it took and put there if it
     * held another point; -1 while the table is not looked in (see {@link #fruitless}), where the caller takes them.
     */
    int unitSlot(double x) {
        if (!looking()) {
            return -1;
        }
        long bits = Double.doubleToRawLongBits(x);
        int i = slot(bits);
        if (keys[i] == bits) {
            fruitless = 0;
            return i;
        }
        fruitless++;
        taken++;
        keys[i] = bits;
        logs[i] = Math.log(x);
        log1ms[i] = LogMath.log1p(-x);
        return i;
    }

    /** {@code log x} of the point in slot i. */
    double logAt(int i) {
        return logs[i];
    }

    /** {@code log(1 - x)} of the unit point in slot i. */
    double log1mAt(int i) {
        return log1ms[i];
    }

    /** Whether the table is looked in: else counts the call towards the next round of looking. */
    private boolean looking() {
        int f = fruitless;
        if (f < FRUITLESS) {
            return true;
        }
        fruitless = f == RETRY_EVERY - 1 ? 0 : f + 1;
        return false;
    }

    /**
     * Runs every method of {@link #log}'s path a few hundred times when the class is loaded, on a table of its own:
     * C2 inlines no method the interpreter has run fewer than MinInliningThreshold (250) times, and a path the model's
     * warm-up happened not to take was compiled as a call (see {@link #log}).
     */
    static {
        LogMemo warm = new LogMemo();
        for (int i = 0; i < 2 * RETRY_EVERY; i++) {
            warm.log(1 + (i & 3)); // found, after the first four misses
            warm.log(1 + i);       // missed, then skipped once the table stops looking
        }
    }
}
