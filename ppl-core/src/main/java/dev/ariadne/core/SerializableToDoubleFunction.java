package dev.ariadne.core;

import java.io.Serializable;
import java.util.function.ToDoubleFunction;

/**
 * A real function of a model's return value or of a run's history (an expectation E[f | e], a tracked quantity, a
 * rare-event level), that can be shipped with the model to run anywhere. A lambda written where one is expected,
 * such as {@code expectation("mu", mu -> mu)}, is serialisable by itself; like a {@link Model}, it must not capture
 * {@code this}, a random stream or another non-serialisable object ({@link Models#requireSerializable} names one).
 *
 * @param <T> the function's argument
 */
@FunctionalInterface
public interface SerializableToDoubleFunction<T> extends ToDoubleFunction<T>, Serializable {
}
