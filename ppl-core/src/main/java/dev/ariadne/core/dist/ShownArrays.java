package dev.ariadne.core.dist;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * How an array is shown in a distribution's name and in a message: every entry, or a long one's first entries and
 * last two with how many there are in all. A Categorical of 10^6 values named every probability in each message, 8 MB
 * a message, and a plate of 10^6 observations with one infinity was printed whole in its error, 20 MB built in 5.7 s
 * (an adversarial tester, twice).
 */
public final class ShownArrays {

    /** The most entries shown: a longer array shows its first {@code MOST - 2} and its last two. */
    public static final int MOST = 12;

    private ShownArrays() {
    }

    /** {@code values} as {@code [a, b, ...]}, shortened where longer than {@link #MOST}. */
    public static String of(double[] values) {
        return of(values.length, i -> String.valueOf(values[i]));
    }

    /**
     * A value as a message shows it: an array of numbers, booleans or objects by its entries (as {@link
     * #of(double[])}; an object array's entries shown so in turn), where {@code String.valueOf} printed an int array as
     * {@code [I@200a570f} (an adversarial tester); any other value as {@code String.valueOf} gives it.
     */
    public static String value(Object v) {
        if (v instanceof double[] a) {
            return of(a);
        }
        if (v instanceof int[] a) {
            return of(a.length, i -> String.valueOf(a[i]));
        }
        if (v instanceof long[] a) {
            return of(a.length, i -> String.valueOf(a[i]));
        }
        if (v instanceof boolean[] a) {
            return of(a.length, i -> String.valueOf(a[i]));
        }
        if (v instanceof Object[] a) {
            return of(a.length, i -> value(a[i])); // an object choice's array read [Ljava.lang.Object;@... (a hunt)
        }
        return String.valueOf(v);
    }

    /**
     * An array of {@code n} entries, the i-th shown as {@code entry.apply(i)}, as {@code [a, b, ...]}: every entry,
     * or, where there are more than {@link #MOST}, the first {@code MOST - 2}, how many there are, and the last two.
     */
    public static String of(int n, IntFunction<String> entry) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (n > MOST && i == MOST - 2) {
                b.append(String.format(Locale.ROOT, "... (%,d values in all) ..., ", n));
                i = n - 2;
            }
            b.append(entry.apply(i)).append(i < n - 1 ? ", " : "");
        }
        return b.append(']').toString();
    }
}
