package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;

/**
 * One site of a recorded run.
 *
 * @param address  where it happened
 * @param kind     latent, observed, factor or condition
 * @param prior    the model's distribution (null for factors and conditions)
 * @param proposal the distribution the value was drawn from (the prior when unguided; null unless latent)
 * @param value    the value (boxed: Double, Integer, Boolean, double[], int[], boolean[] or the object); a factor's
 *                 value is its log weight, a plain condition's whether it held, and a margin condition's its
 *                 {@link Margin} (score and threshold)
 * @param logP     this site's contribution to log p(x, e)
 * @param logQ     this site's contribution to log q(x) (0 unless latent)
 */
public record TraceSite(Address address, SiteKind kind, Dist prior, Dist proposal, Object value, double logP,
                        double logQ) {

    /** log q - log p at this site: its share of the run's free energy. */
    public double logQMinusLogP() {
        return logQ - logP;
    }
}
