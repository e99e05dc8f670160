package dev.ariadne.core;

import java.io.Serializable;

/**
 * A sub-program that returns nothing, run in its own scope by {@link Prob#scoped}. Its sites' addresses are
 * prefixed by the scope, as in {@code step[3]/x}.
 */
@FunctionalInterface
public interface Block extends Serializable {

    /** Runs the block once, through {@code p}. */
    void run(Prob p);
}
