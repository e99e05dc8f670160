package dev.ariadne.core;

import java.io.Serializable;

/**
 * A model program: a function that makes random choices and states evidence through {@link Prob}, and returns a
 * value. Run under a guide, it defines the joint density p(x, e) of its latent choices x and its evidence e; the
 * posterior over x (and so over the return value) is p(x | e).
 *
 * <p>Models are {@link Serializable} so that shards of runs can execute anywhere. A lambda that captures
 * {@code this}, a random stream or another non-serialisable object fails {@link Models#requireSerializable}.
 *
 * @param <T> the type of the value the model returns
 */
@FunctionalInterface
public interface Model<T> extends Serializable {

    /** Runs the model once, making every random choice and stating every piece of evidence through {@code p}. */
    T run(Prob p);
}
