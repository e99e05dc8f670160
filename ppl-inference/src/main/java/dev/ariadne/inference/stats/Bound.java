package dev.ariadne.inference.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A one-sided confidence bound on the mean weight (hence on the evidence {@code P(e)} for a lower bound, since
 * {@code E_q[w] <= P(e)}), held in log space.
 *
 * @param logValue the log of the bound; {@code -inf} for a (valid, uninformative) lower bound of 0, {@code +inf}
 *                 for an unavailable upper bound; never NaN
 * @param delta    the error probability: the bound fails with probability at most delta (each bound at its own
 *                 delta; several bounds from the same runs do not hold jointly unless deltas are split, e.g.
 *                 {@link Bounds#bonferroni(double, int)})
 * @param method   how it was computed
 * @param runs     the number of runs it rests on
 * @param note     a human-readable remark: which side, batch layout, why it is trivial or unavailable
 * @param side     whether the mean weight lies above it (a lower bound) or below it (an upper bound), each with
 *                 probability at least {@code 1 - delta}
 */
public record Bound(double logValue, double delta, BoundMethod method, long runs, String note, Side side) {

    /** What a bound asked for with a null method is told (a NullPointerException about an ordinal, before). */
    static final String NULL_METHOD = "the bound's method is null: pass BoundMethod.BETTING, PRODUCT or MARKOV";

    private static final double LN_10 = Math.log(10);

    /** Which side of the mean weight a bound holds. */
    public enum Side {
        /** The mean weight is at least the bound: the evidence bounds. */
        LOWER,
        /** The mean weight is at most the bound. */
        UPPER
    }

    /** Validates the components: no NaN value, delta in (0, 1). */
    public Bound {
        if (Double.isNaN(logValue)) {
            throw new IllegalArgumentException("bound is NaN");
        }
        Checks.delta(delta);
        if (method == null) {
            throw new IllegalArgumentException(NULL_METHOD);
        }
        if (side == null) {
            throw new IllegalArgumentException("side is null");
        }
        if (runs < 0) {
            throw new IllegalArgumentException("the number of runs a bound rests on must be >= 0, got " + runs);
        }
        note = note == null ? "" : note;
    }

    /** A lower bound: the mean weight is at least {@code exp(logValue)} with probability at least 1 - delta. */
    public Bound(double logValue, double delta, BoundMethod method, long runs, String note) {
        this(logValue, delta, method, runs, note, Side.LOWER);
    }

    /**
     * The bound on the linear scale, {@code exp(logValue)}: it underflows to 0 below about e^-745 and overflows to
     * infinity above about e^709 (a factor of 1000 nats), where {@link #logValue()} or {@link #text(int)} says it.
     */
    public double value() {
        return Math.exp(logValue);
    }

    /**
     * The bound on the linear scale as text with {@code digits} significant digits, its decimal exponent taken from
     * the log where {@code exp} would overflow or underflow a double: {@code 2.71828e+434} for a log value of 1000.46,
     * not "Infinity"; {@code 10^(4.34294e+307)} for a log value of 1e308, whose decimal exponent alone fills a
     * double; "0" and "Infinity" only for a log value of -inf and +inf.
     *
     * <p>The digits are rounded toward the side the bound holds: down for a lower bound, up for an upper one. So the
     * text is itself a bound at the same confidence: {@code 0.249999} for a lower bound of 0.2499996, where rounding
     * to nearest printed 0.250000 and claimed a little more than was computed.
     *
     * @param digits significant digits, 1 to 17 (a double holds no more)
     */
    public String text(int digits) {
        DirectedRounding.checkDigits(digits);
        if (logValue == Double.NEGATIVE_INFINITY) {
            return "0";
        }
        if (logValue == Double.POSITIVE_INFINITY) {
            return "Infinity";
        }
        double v = Math.exp(logValue);
        if (v >= Double.MIN_NORMAL && v < Double.POSITIVE_INFINITY) {
            return DirectedRounding.significant(v, digits, holdingSide());
        }
        double log10 = logValue / LN_10;
        if (Math.abs(log10) >= 1e15) { // no mantissa is left to print: a double's 16 digits all hold the exponent
            double outward = log10 + (side == Side.LOWER ? -4 : 4) * Math.ulp(log10); // past the division's rounding
            return "10^(" + DirectedRounding.significant(outward, digits, holdingSide()) + ")";
        }
        double exponent = Math.floor(log10);
        // log10's own rounding moves the mantissa by up to a few of log10's ulps times ln 10: step outside that
        double slack = LN_10 * 4 * Math.ulp(Math.abs(log10)) + 1e-15;
        double mantissa = Math.pow(10, log10 - exponent) * (side == Side.LOWER ? 1 - slack : 1 + slack);
        MathContext toHoldingSide = new MathContext(digits, holdingSide());
        BigDecimal m = BigDecimal.valueOf(mantissa).round(toHoldingSide);
        if (m.compareTo(BigDecimal.TEN) >= 0) {
            m = m.movePointLeft(1).round(toHoldingSide);
            exponent++;
        } else if (m.compareTo(BigDecimal.ONE) < 0) {
            m = m.movePointRight(1);
            exponent--;
        }
        return String.format(Locale.ROOT, "%se%s%d", m.setScale(digits - 1, holdingSide()).toPlainString(),
                exponent < 0 ? "-" : "+", (long) Math.abs(exponent));
    }

    /**
     * The bound's log as text: four decimals ({@code -27.1253}), or six significant digits where the log is a
     * million or more in size ({@code 1.00000e+308}, which four decimals wrote out as 309 digits). Rounded toward
     * the side the bound holds, as {@link #text(int)} is.
     */
    public String logText() {
        return Math.abs(logValue) < 1e6 ? DirectedRounding.fixed(logValue, 4, holdingSide()) : logSignificant(6);
    }

    /** The log to {@code digits} significant digits, rounded toward the side the bound holds. */
    private String logSignificant(int digits) {
        return DirectedRounding.significant(logValue, digits, holdingSide());
    }

    /** Down (toward -inf) for a lower bound, up for an upper one: the way a printed bound still holds. */
    private RoundingMode holdingSide() {
        return side == Side.LOWER ? RoundingMode.FLOOR : RoundingMode.CEILING;
    }

    /** The confidence level {@code 1 - delta}. */
    public double confidence() {
        return 1.0 - delta;
    }

    /**
     * The bound as a reader wants it: its value ({@link #text(int)}, 6 digits) and log, both rounded toward the side
     * the bound holds, then the confidence, the method and the runs, then the note ({@code 1.65821e-12 (log -27.1253)
     * with confidence 0.99, betting on 99,984 runs: lower bound, ...}).
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (log %s) with confidence %s, %s on %,d runs%s", text(6),
                logSignificant(6), confidenceText(), method.name().toLowerCase(Locale.ROOT), runs,
                note.isEmpty() ? "" : ": " + note);
    }

    /** The confidence as printed: 1 - delta where 1 - delta rounds to 1 (delta 1e-300 printed "confidence 1.0"). */
    private String confidenceText() {
        return confidence() < 1 && delta >= 1e-6 ? Double.toString(confidence())
                : "1 - " + String.format(Locale.ROOT, "%.3g", delta);
    }
}
