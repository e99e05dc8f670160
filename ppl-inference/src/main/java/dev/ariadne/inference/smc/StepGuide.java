package dev.ariadne.inference.smc;

import dev.ariadne.core.dist.Dist;
import java.io.Serializable;

/**
 * A proposal for the latent choices of a state-space model: at each {@link Particle#sample} it sees the step, the
 * latent's name, the previous state and the step's observation, and returns the distribution the latent is drawn
 * from (same kind and support shape as the prior), or the prior itself (or null, as a model's guide may: the latent
 * is then drawn from its prior). The particle's weight is corrected by
 * {@code log p(x) - log q(x)}, so any proposal keeps the evidence estimate unbiased; one that looks at the
 * observation (the locally optimal proposal {@code p(x_t | x_(t-1), y_t)} where it can be computed) lowers its
 * variance.
 *
 * @param <S> the state
 * @param <O> the observation at each step
 */
@FunctionalInterface
public interface StepGuide<S, O> extends Serializable {

    /**
     * The proposal for the latent {@code site.name()} whose prior is {@code prior}.
     *
     * @param site  the step, the latent's name, the previous state and the observation (valid during this call)
     * @param prior the distribution the step draws it from
     */
    Dist propose(StepSite<S, O> site, Dist prior);
}
