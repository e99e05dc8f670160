package dev.ariadne.examples;

/**
 * A headline number of an example: an estimate, its standard error and the exact value where one is known. The
 * example's test checks it within 5 standard errors wherever the effective sample size is at least 1000.
 *
 * @param name          what the number is
 * @param estimate      the estimate
 * @param standardError its standard error (+inf when none applies, such as for a bound)
 * @param exact         the exact value, or NaN when none is known
 * @param ess           the effective sample size behind it (+inf for exact methods)
 * @param trusted       false when the weights' tail is heavy or too few runs were made to judge it: the standard
 *                      error is then not to be trusted, and the figure is printed with a warning and not checked
 */
public record Figure(String name, double estimate, double standardError, double exact, double ess,
                     boolean trusted) {

    /** Whether an exact value is known. */
    public boolean hasExact() {
        return !Double.isNaN(exact);
    }

    /**
     * Whether the 5-standard-error check applies: an exact value, a trusted and finite standard error and
     * ESS >= 1000.
     */
    public boolean checkable() {
        return trusted && hasExact() && Double.isFinite(standardError) && ess >= 1000;
    }
}
