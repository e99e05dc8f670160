package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Rng;

/**
 * What a move works on in one chain: the current state, a spare state to propose into, the model's re-runs and
 * the kernel's own random stream (site choices, proposals, acceptance coins), separate from the streams of the
 * model runs.
 *
 * @param <T> the model's return type
 */
final class Sampler<T> {

    final Rerunner<T> rerunner;
    final Rng rng = Rng.forRun(0, 0);
    TraceState<T> current = new TraceState<>();
    TraceState<T> spare = new TraceState<>();
    boolean warmup = true;

    Sampler(Rerunner<T> rerunner) {
        this.rerunner = rerunner;
    }

    /** Makes the spare state, into which a proposal was recorded, the current one. */
    void acceptSpare() {
        TraceState<T> t = current;
        current = spare;
        spare = t;
    }

    /** Makes {@code proposal} the current state and returns the previous one, for the caller's buffer. */
    TraceState<T> accept(TraceState<T> proposal) {
        TraceState<T> t = current;
        current = proposal;
        return t;
    }

    /** Whether a proposal with log acceptance ratio {@code logRatio} is accepted (one uniform draw). */
    boolean coin(double logRatio) {
        if (logRatio >= 0) {
            return true;
        }
        if (logRatio == Double.NEGATIVE_INFINITY) {
            return false;
        }
        if (Double.isNaN(logRatio)) {
            throw new IllegalStateException("an acceptance ratio is NaN: a bug in a kernel, please report it");
        }
        return Math.log(rng.openUniform()) < logRatio;
    }
}
