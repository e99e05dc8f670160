package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import java.util.List;

/**
 * A guide that decides from the site and the run so far, never from the prior ({@link Guide#bySite}): its
 * proposal's null leaves the site at its prior. The engine calls the proposal directly
 * ({@link #withoutPrior()}), so the prior never leaves the site's own code.
 */
final class SiteGuide implements Guide {

    private static final long serialVersionUID = 1L;

    private final SiteProposal proposal;
    private final List<AddressPattern> patterns;

    SiteGuide(SiteProposal proposal) {
        this(proposal, List.of());
    }

    SiteGuide(SiteProposal proposal, List<AddressPattern> patterns) {
        this.proposal = proposal;
        this.patterns = patterns;
    }

    @Override
    public Dist propose(Site site, Dist prior, History history) {
        Dist q = proposal.propose(site, history);
        return q == null ? prior : q;
    }

    @Override
    public SiteProposal withoutPrior() {
        return proposal;
    }

    @Override
    public List<AddressPattern> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return "bySite(" + proposal + ")";
    }
}
