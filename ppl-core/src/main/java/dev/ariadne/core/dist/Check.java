package dev.ariadne.core.dist;

/**
 * Parameter validation shared by the distributions. Each method returns its argument when it is allowed and
 * throws a {@link ParameterException} naming the distribution and parameter otherwise. NaN fails every check.
 */
final class Check {

    private Check() {
    }

    /** A finite real number. */
    static double finite(String dist, String param, double value) {
        if (!Double.isFinite(value)) {
            throw new ParameterException(dist, param, value, "finite");
        }
        return value;
    }

    /** A finite, strictly positive real number (scales, rates, shapes). */
    static double positive(String dist, String param, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(dist, param, value, "finite and > 0");
        }
        return value;
    }

    /** A finite, non-negative real number. */
    static double nonNegative(String dist, String param, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(dist, param, value, "finite and >= 0");
        }
        return value;
    }

    /** A probability: a number in [0, 1]. */
    static double probability(String dist, String param, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ParameterException(dist, param, value, "in [0, 1]");
        }
        return value;
    }

    /** A probability that may not be zero: a number in (0, 1]. */
    static double positiveProbability(String dist, String param, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new ParameterException(dist, param, value, "in (0, 1]");
        }
        return value;
    }

    /** A strictly positive integer. */
    static int positiveInt(String dist, String param, int value) {
        if (value <= 0) {
            throw new ParameterException(dist, param, value, "> 0");
        }
        return value;
    }

    /** A non-negative integer. */
    static int nonNegativeInt(String dist, String param, int value) {
        if (value < 0) {
            throw new ParameterException(dist, param, value, ">= 0");
        }
        return value;
    }

    /** A non-null array of at least {@code min} entries; the value reported is its length. */
    static double[] length(String dist, String param, double[] values, int min) {
        if (values == null) {
            throw new ParameterException(dist, param, Double.NaN, "a non-null array", "null");
        }
        if (values.length < min) {
            throw new ParameterException(dist, param + ".length", values.length, ">= " + min);
        }
        return values;
    }
}
