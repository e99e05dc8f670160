package dev.ariadne.core.dist;

/**
 * Thrown when a distribution is built with a parameter outside its allowed range, for example a normal
 * distribution with a negative standard deviation. The message always has the form
 * {@code Normal: sd must be finite and > 0, got -1.0}: the distribution, the parameter, what it must be, and the
 * value it was given. NaN is never an allowed parameter value.
 */
public final class ParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String distribution;
    private final String parameter;
    private final double value;
    private final boolean belowTheFloor;

    /**
     * A rejected real-valued parameter.
     *
     * @param distribution the distribution's name, such as {@code Normal}
     * @param parameter    the parameter's name, such as {@code sd} (or {@code weights[2]} for an array entry)
     * @param value        the rejected value
     * @param requirement  what the parameter must be, such as {@code finite and > 0}
     */
    public ParameterException(String distribution, String parameter, double value, String requirement) {
        this(distribution, parameter, value, requirement, Double.toString(value));
    }

    /**
     * A rejected integer-valued parameter; the value is printed as an integer.
     *
     * @param distribution the distribution's name
     * @param parameter    the parameter's name
     * @param value        the rejected value
     * @param requirement  what the parameter must be
     */
    public ParameterException(String distribution, String parameter, long value, String requirement) {
        this(distribution, parameter, value, requirement, Long.toString(value));
    }

    /**
     * A rejected parameter whose offending value needs describing in words (a whole matrix, a pair of entries).
     *
     * @param distribution the distribution's name
     * @param parameter    the parameter's name
     * @param value        the single number most responsible for the rejection, or NaN if there is none
     * @param requirement  what the parameter must be
     * @param got          how the given value is described after {@code got}
     */
    public ParameterException(String distribution, String parameter, double value, String requirement, String got) {
        this(distribution, parameter, value, requirement, got, false);
    }

    private ParameterException(String distribution, String parameter, double value, String requirement, String got,
                               boolean belowTheFloor) {
        super(distribution + ": " + parameter + " must be " + requirement + ", got " + got);
        this.distribution = distribution;
        this.parameter = parameter;
        this.value = value;
        this.belowTheFloor = belowTheFloor;
    }

    /**
     * A positive value below the floor {@code min} that the distribution's arithmetic needs ({@link #belowTheFloor}).
     */
    static ParameterException belowTheFloor(String distribution, String parameter, double value, double min) {
        return new ParameterException(distribution, parameter, value, "finite and >= " + min, Double.toString(value),
                value > 0 && value < min);
    }

    /** The name of the distribution that rejected the parameter, such as {@code Normal}. */
    public String distribution() {
        return distribution;
    }

    /** The name of the rejected parameter, such as {@code sd}. */
    public String parameter() {
        return parameter;
    }

    /** The rejected value (for integer parameters, converted to double). */
    public double value() {
        return value;
    }

    /**
     * Whether the value is positive but below a floor the distribution's arithmetic needs: a Normal's sd below
     * {@link Double#MIN_NORMAL}, whose reciprocal overflows, or a Beta's or Dirichlet's shape below 1e-300. Such a
     * value is what a prior with mass where the doubles end gives (a Gamma of shape 0.001 draws below 1e-308 about half
     * the time, and such a draw is put at the smallest positive double): the error of a run that drew one names that
     * draw and what to do.
     */
    public boolean belowTheFloor() {
        return belowTheFloor;
    }

    /**
     * Where the distribution was made, {@code " at File.java:line"} from the first frame of the trace outside the
     * distributions' package, or "" where the trace has no such frame with a file: a distribution is made before its
     * site is entered, so a site's name is not known when it is refused, but the line that made it is.
     */
    public String madeAt() {
        for (StackTraceElement f : getStackTrace()) {
            if (!f.getClassName().startsWith("dev.ariadne.core.dist.")) {
                return f.getFileName() == null || f.getLineNumber() < 0 ? ""
                        : " at " + f.getFileName() + ":" + f.getLineNumber();
            }
        }
        return "";
    }
}
