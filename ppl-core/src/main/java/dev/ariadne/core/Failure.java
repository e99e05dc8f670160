package dev.ariadne.core;

/**
 * Where and why a run failed: it has weight 0, which counts honestly in every estimate and bound.
 *
 * @param cause    why the run's weight is 0
 * @param address  the site at which it became 0
 * @param observed the value observed there when the site is an observation of one number (an Integer, a Boolean or
 *                 a Double) that its distribution gives probability 0 (a class outside a Categorical's categories,
 *                 a negative count); null otherwise
 */
public record Failure(FailureCause cause, Address address, Object observed) {

    /** A failure with no observed value to name (a false condition, a latent value outside its prior's support). */
    public Failure(FailureCause cause, Address address) {
        this(cause, address, null);
    }

    /** The failure at a site, naming the value observed there when the site observed one number. */
    static Failure at(FailureCause cause, Address address, SiteKind kind, Object value) {
        boolean named = kind == SiteKind.OBSERVED
                && (value instanceof Integer || value instanceof Boolean || value instanceof Double);
        return new Failure(cause, address, named ? value : null);
    }

    @Override
    public String toString() {
        return cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " at " + address
                + (observed == null ? "" : " (observed " + observed + ")");
    }
}
