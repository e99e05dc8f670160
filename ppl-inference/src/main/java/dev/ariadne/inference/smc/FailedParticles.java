package dev.ariadne.inference.smc;

import dev.ariadne.core.FailureCause;

/**
 * What a sweep of a model's runs records of its particles whose runs failed: where the first failed, and how many were
 * left at weight 0 for a proposal's draw the doubles cannot carry ({@link FailureCause#UNREPRESENTABLE_DRAW}), with
 * the first of those; handed to the sweep it ends in ({@link Sweep#firstFailure}, {@link Sweep#leftOut}).
 */
final class FailedParticles {

    private String first;
    private long leftOut;
    private String firstLeftOut;

    /** A particle's run failed for {@code cause}; {@code where} says which particle and the run's failure. */
    void add(String where, FailureCause cause) {
        if (first == null) {
            first = where;
        }
        if (cause == FailureCause.UNREPRESENTABLE_DRAW && leftOut++ == 0) {
            firstLeftOut = where;
        }
    }

    /** Records these failures in the sweep they happened in. */
    <T> Sweep<T> into(Sweep<T> sweep) {
        sweep.firstFailure = first;
        sweep.leftOut = leftOut;
        sweep.firstLeftOut = firstLeftOut;
        return sweep;
    }
}
