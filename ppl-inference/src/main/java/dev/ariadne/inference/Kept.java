package dev.ariadne.inference;

/**
 * A run kept by priority sampling: its return value and where it came from, so it can be replayed. Serialisable
 * when the value is.
 *
 * @param value     the model's return value
 * @param seed      the seed of the run
 * @param runIndex  the run's index
 * @param logWeight its log importance weight
 * @param <T>       the model's return type
 */
public record Kept<T>(T value, long seed, long runIndex, double logWeight) implements java.io.Serializable {
}
