package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import java.util.List;

/** The shape shared by families with one parameter, the logit of a probability (Bernoulli, Binomial, Geometric). */
abstract class LogitFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    private static final List<String> NAMES = List.of("logit");

    /** One. */
    @Override
    public final int arity(Dist prior) {
        return 1;
    }

    /** {@code [logit]}. */
    @Override
    public final List<String> parameterNames(int arity) {
        return NAMES;
    }
}
