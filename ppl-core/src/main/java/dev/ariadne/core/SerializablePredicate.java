package dev.ariadne.core;

import java.io.Serializable;
import java.util.function.Predicate;

/**
 * A test on a model's return value or on a run's history (a hypothesis h, whose P(h, e) and P(h | e) inference
 * estimates), that can be shipped with the model to run anywhere. A lambda written where one is expected, such as
 * {@code hypothesis("above", mu -> mu > 1)}, is serialisable by itself; like a {@link Model}, it must not capture
 * {@code this}, a random stream or another non-serialisable object ({@link Models#requireSerializable} names one).
 *
 * @param <T> what is tested
 */
@FunctionalInterface
public interface SerializablePredicate<T> extends Predicate<T>, Serializable {
}
