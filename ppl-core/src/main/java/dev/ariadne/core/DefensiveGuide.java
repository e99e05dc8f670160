package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;

/**
 * The whole-run defensive mixture q = alpha prior + (1 - alpha) guide. At the start of each run a coin with
 * probability alpha decides whether the whole run follows the prior; either way both components' densities are
 * accumulated so that log q is the log of the mixture density of the whole run. Its importance weights are at
 * most sup p(e | x) / alpha. Made by {@link Guide#defensive}, recognised by {@link #wholeRunPriorShare()}.
 */
final class DefensiveGuide implements Guide {

    private final double alpha;
    private final Guide guide;

    DefensiveGuide(double alpha, Guide guide) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("defensive mixture: alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
        this.guide = java.util.Objects.requireNonNull(guide, "guide");
    }

    @Override
    public double wholeRunPriorShare() {
        return alpha;
    }

    /** The mixed guide's patterns. */
    @Override
    public java.util.List<AddressPattern> patterns() {
        return guide.patterns();
    }

    /** The guide mixed with the prior. */
    @Override
    public Guide guideComponent() {
        return guide;
    }

    /** The guide component's proposal (the run decides whether to draw from it or from the prior). */
    @Override
    public Dist propose(Site site, Dist prior, History history) {
        return guide.propose(site, prior, history);
    }

    /** The guide component's proposal without the prior, if it has one. */
    @Override
    public SiteProposal withoutPrior() {
        return guide.withoutPrior();
    }

    @Override
    public String toString() {
        return "defensive(" + alpha + ", " + guide + ")";
    }
}
