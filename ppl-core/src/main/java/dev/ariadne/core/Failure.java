package dev.ariadne.core;

/**
 * Where and why a run failed: it has weight 0, which counts honestly in every estimate and bound.
 *
 * @param cause    why the run's weight is 0
 * @param address  the site at which it became 0
 * @param observed the value observed there when the site is an observation of one number (an Integer, a Boolean or
 *                 a Double) or of a vector of at most {@value #NAMED_ENTRIES} entries (a {@code List<Double>}) that
 *                 its distribution gives probability 0 (a class outside a Categorical's categories, a negative
 *                 count, probabilities that do not sum to 1); null otherwise
 */
public record Failure(FailureCause cause, Address address, Object observed) {

    /** A failure with no observed value to name (a false condition, a latent value outside its prior's support). */
    public Failure(FailureCause cause, Address address) {
        this(cause, address, null);
    }

    /** The most entries of an observed vector a failure names. */
    public static final int NAMED_ENTRIES = 8;

    /**
     * The failure at a site, naming the value observed there when the site observed one number or a short vector
     * (as a list, so that two failures with the same values are equal).
     */
    static Failure at(FailureCause cause, Address address, SiteKind kind, Object value) {
        if (kind != SiteKind.OBSERVED) {
            return new Failure(cause, address, null);
        }
        if (value instanceof double[] v) {
            return new Failure(cause, address, v.length <= NAMED_ENTRIES
                    ? java.util.Arrays.stream(v).boxed().toList() : null);
        }
        boolean named = value instanceof Integer || value instanceof Boolean || value instanceof Double;
        return new Failure(cause, address, named ? value : null);
    }

    @Override
    public String toString() {
        return cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " at " + address
                + (observed == null ? "" : " (observed " + observed + ")");
    }
}
