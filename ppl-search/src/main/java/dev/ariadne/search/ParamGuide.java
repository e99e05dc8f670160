package dev.ariadne.search;

import dev.ariadne.core.History;
import dev.ariadne.core.Site;
import dev.ariadne.core.dist.Dist;
import java.io.Serializable;

/**
 * A user-written parameterised guide: at each latent site it reads named parameters from a handle and returns
 * the proposal, exactly as a {@link dev.ariadne.core.Guide} would (same kind and support as the prior, or the
 * prior, or null, to leave the site alone). The search takes the gradient of log q in the parameters by central finite
 * differences with the run's values held fixed, or uses a gradient-free strategy; the model is never
 * differentiated.
 */
@FunctionalInterface
public interface ParamGuide extends Serializable {

    /** The proposal at this site under the parameters {@code theta}. */
    Dist propose(ParamHandle theta, Site site, Dist prior, History history);
}
