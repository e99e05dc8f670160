package dev.ariadne.inference.smc;

/**
 * What a {@link StepGuide} sees at a latent choice of a state-space model. Valid during the call only.
 *
 * @param <S> the state
 * @param <O> the observation at each step
 */
public interface StepSite<S, O> {

    /** The time step t, from 0. */
    int step();

    /** The latent's name, as given to {@link Particle#sample}. */
    String name();

    /** The particle's index. */
    int particle();

    /** The state at step t - 1; null at step 0. For a real state it is boxed: read {@link #previousReal()}. */
    S previous();

    /** The real state at step t - 1 ({@code NaN} at step 0, and for states that are not real numbers). */
    double previousReal();

    /** The observation of step t. */
    O observation();
}
