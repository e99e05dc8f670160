package dev.ariadne.core;

import java.util.Optional;

/**
 * The complete record of one guided run: its return value, log p(x, e), log q(x), whether and where it failed,
 * and the trace of every site.
 *
 * @param value    the model's return value, or null if the run failed
 * @param logP     log p(x, e), the log joint density of the run's choices and evidence (-inf if it failed)
 * @param logQ     log q(x), the log density of the run's choices under the guide
 * @param failure  where and why the run has weight 0, or null
 * @param trace    every site of the run
 * @param seed     the seed
 * @param runIndex the run index
 * @param <T>      the model's return type
 */
public record RunRecord<T>(T value, double logP, double logQ, Failure failure, Trace trace, long seed,
                           long runIndex) {

    /** The log importance weight log p(x, e) - log q(x); -inf for a failed run. */
    public double logWeight() {
        return failure != null ? Double.NEGATIVE_INFINITY : logP - logQ;
    }

    /** Whether the run has weight 0. */
    public boolean failed() {
        return failure != null;
    }

    /** The failure, if any. */
    public Optional<Failure> failureIfAny() {
        return Optional.ofNullable(failure);
    }
}
