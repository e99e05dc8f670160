package dev.ariadne.inference;

import java.util.Locale;

/**
 * A point estimate with its standard error and a label that says what kind of number it is (for example
 * "biased low", "approximate", "an estimate, not a bound"). Never NaN: an unavailable standard error is
 * {@code +inf}.
 *
 * @param value         the estimate
 * @param standardError its standard error ({@code +inf} when unknown)
 * @param label         what the number is, in a few words
 */
public record Estimate(double value, double standardError, String label) {

    /** Validates that neither number is NaN. */
    public Estimate {
        if (Double.isNaN(value) || Double.isNaN(standardError)) {
            throw new IllegalArgumentException("an estimate must not be NaN: " + value + " +- " + standardError
                    + " (" + label + ")");
        }
        label = label == null ? "" : label;
    }

    /** Whether {@code x} lies within {@code k} standard errors of the estimate. */
    public boolean within(double x, double k) {
        return Math.abs(x - value) <= k * standardError;
    }

    /** The value with its standard error, or with "no standard error" where none is known, and the label. */
    @Override
    public String toString() {
        if (Double.isInfinite(standardError)) {
            return String.format(Locale.ROOT, "%.6g (no standard error%s)", value,
                    label.isEmpty() ? "" : "; " + label);
        }
        return String.format(Locale.ROOT, "%s +- %.2g%s", shown(value, standardError), standardError,
                label.isEmpty() ? "" : " (" + label + ")");
    }

    /**
     * The value to six significant digits, or to the decimal of its standard error's second digit where six are
     * fewer than that: {@code -141894.11 +- 0.34}, not {@code -141894 +- 0.34}, which hides the digits the error
     * bar speaks of. An exact value (standard error 0) shows ten digits.
     */
    private static String shown(double value, double standardError) {
        if (standardError == 0) {
            return String.format(Locale.ROOT, "%.10g", value);
        }
        if (value != 0 && Double.isFinite(value) && standardError > 0) {
            int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(standardError)));
            int digits = (int) Math.floor(Math.log10(Math.abs(value))) + 1 + decimals;
            if (digits > 6 && digits <= 17) {
                return String.format(Locale.ROOT, "%." + decimals + "f", value);
            }
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
