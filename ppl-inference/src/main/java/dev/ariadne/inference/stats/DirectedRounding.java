package dev.ariadne.inference.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Decimal text of a bound's end, rounded toward the side on which the bound still holds: a lower end down, an upper
 * end up. Rounded to nearest, a printed lower bound exceeds the computed one in about half of all texts, by up to
 * half a unit in its last digit, and then the text claims more than was proved.
 *
 * <p>The double is read as its shortest decimal ({@link Double#toString(double)}), the decimal that reads back as
 * the same double, so 0.25 prints as 0.250000 both ways; a subnormal, whose shortest decimal can lie far from it, as
 * its exact value. Infinities print as {@code Infinity} and
 * {@code -Infinity}; NaN is refused, as no bound is NaN.
 */
public final class DirectedRounding {

    private DirectedRounding() {
    }

    /**
     * {@code x} with {@code digits} significant digits in {@code %g} layout, rounded toward -inf: a lower end.
     *
     * @param digits significant digits, 1 to 17
     */
    public static String down(double x, int digits) {
        return significant(x, digits, RoundingMode.FLOOR);
    }

    /**
     * {@code x} with {@code digits} significant digits in {@code %g} layout, rounded toward +inf: an upper end.
     *
     * @param digits significant digits, 1 to 17
     */
    public static String up(double x, int digits) {
        return significant(x, digits, RoundingMode.CEILING);
    }

    /** {@code x} with {@code decimals} digits after the point, rounded toward -inf. */
    public static String downFixed(double x, int decimals) {
        return fixed(x, decimals, RoundingMode.FLOOR);
    }

    /** {@code x} with {@code decimals} digits after the point, rounded toward +inf. */
    public static String upFixed(double x, int decimals) {
        return fixed(x, decimals, RoundingMode.CEILING);
    }

    static String significant(double x, int digits, RoundingMode mode) {
        checkDigits(digits);
        String infinite = infinite(x);
        if (infinite != null) {
            return infinite;
        }
        if (x == 0) {
            return String.format(Locale.ROOT, "%." + digits + "g", 0.0); // a BigDecimal zero prints "0.00000e-01"
        }
        return String.format(Locale.ROOT, "%." + digits + "g", decimal(x).round(new MathContext(digits, mode)));
    }

    /** Refuses a number of significant digits outside 1 to 17. */
    static void checkDigits(int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("digits must be 1 to 17 (a double holds about 17 significant digits), "
                    + "got " + digits);
        }
    }

    /**
     * The decimal read from {@code x}: its shortest decimal, or, for a subnormal, its exact value, whose shortest
     * decimal can lie beyond it by more than the digits printed (6.66988e-322 reads back from "6.67E-322").
     */
    private static BigDecimal decimal(double x) {
        return Math.abs(x) < Double.MIN_NORMAL ? new BigDecimal(x) : BigDecimal.valueOf(x);
    }

    static String fixed(double x, int decimals, RoundingMode mode) {
        if (decimals < 0 || decimals > 340) {
            throw new IllegalArgumentException("decimals must be 0 to 340, got " + decimals);
        }
        String infinite = infinite(x);
        return infinite != null ? infinite : decimal(x).setScale(decimals, mode).toPlainString();
    }

    private static String infinite(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("a bound's end is never NaN");
        }
        return Double.isInfinite(x) ? Double.toString(x) : null;
    }
}
