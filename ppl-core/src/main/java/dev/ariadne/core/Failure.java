package dev.ariadne.core;

/**
 * Where and why a run failed: it has weight 0, which counts honestly in every estimate and bound.
 *
 * @param cause   why the run's weight is 0
 * @param address the site at which it became 0
 */
public record Failure(FailureCause cause, Address address) {

    @Override
    public String toString() {
        return cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " at " + address;
    }
}
