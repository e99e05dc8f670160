package dev.ariadne.core.dist;

/**
 * Parameter validation for distributions, the library's own and those users write. Each method returns its
 * argument when it is allowed and throws a {@link ParameterException} naming the distribution, the parameter and
 * the value otherwise, so a distribution validates in its constructor in one line per parameter:
 *
 * <pre>{@code
 * record Gumbel(double location, double scale) implements RealDist {
 *     public Gumbel {
 *         Check.finite("Gumbel", "location", location);
 *         Check.positive("Gumbel", "scale", scale);
 *     }
 *     ...
 * }
 * }</pre>
 *
 * NaN fails every check. Inside a model, the engine adds the site's address and the run to the message.
 */
public final class Check {

    private Check() {
    }

    /** A finite real number. */
    public static double finite(String dist, String param, double value) {
        if (!Double.isFinite(value)) {
            throw new ParameterException(dist, param, value, "finite");
        }
        return value;
    }

    /** A finite, strictly positive real number (scales, rates, shapes). */
    public static double positive(String dist, String param, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(dist, param, value, "finite and > 0");
        }
        return value;
    }

    /** A finite, non-negative real number. */
    public static double nonNegative(String dist, String param, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(dist, param, value, "finite and >= 0");
        }
        return value;
    }

    /** A probability: a number in [0, 1]. */
    public static double probability(String dist, String param, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ParameterException(dist, param, value, "in [0, 1]");
        }
        return value;
    }

    /** A probability that may not be zero: a number in (0, 1]. */
    public static double positiveProbability(String dist, String param, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new ParameterException(dist, param, value, "in (0, 1]");
        }
        return value;
    }

    /** A strictly positive integer. */
    public static int positiveInt(String dist, String param, int value) {
        if (value <= 0) {
            throw new ParameterException(dist, param, value, "> 0");
        }
        return value;
    }

    /** A non-negative integer. */
    public static int nonNegativeInt(String dist, String param, int value) {
        if (value < 0) {
            throw new ParameterException(dist, param, value, ">= 0");
        }
        return value;
    }

    /** A non-null array of at least {@code min} entries; the value reported is its length. */
    public static double[] length(String dist, String param, double[] values, int min) {
        if (values == null) {
            throw new ParameterException(dist, param, Double.NaN, "a non-null array", "null");
        }
        if (values.length < min) {
            throw new ParameterException(dist, param + ".length", values.length, ">= " + min);
        }
        return values;
    }
}
