package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A guide that dispatches on address patterns: the first pattern that matches a site picks the guide there; the
 * prior where none matches. It reports its patterns ({@link #patterns()}), so that a pattern matching no site
 * (a typo such as {@code lamda}) can be named instead of leaving those sites silently at their prior.
 */
final class PatternGuide implements Guide {

    private static final long serialVersionUID = 1L;

    private final AddressPattern[] patterns;
    private final Guide[] guides;

    PatternGuide(AddressPattern[] patterns, Guide[] guides) {
        this.patterns = patterns.clone();
        this.guides = guides.clone();
    }

    @Override
    public Dist propose(Site site, Dist prior, History history) {
        for (int i = 0; i < patterns.length; i++) {
            if (site.matches(patterns[i])) {
                return guides[i].propose(site, prior, history);
            }
        }
        return prior;
    }

    /** The same dispatch without the prior, when every guide it dispatches to proposes without it. */
    @Override
    public SiteProposal withoutPrior() {
        SiteProposal[] alone = new SiteProposal[guides.length];
        for (int i = 0; i < guides.length; i++) {
            alone[i] = guides[i].withoutPrior();
            if (alone[i] == null) {
                return null;
            }
        }
        AddressPattern[] ps = patterns;
        return (site, history) -> {
            for (int i = 0; i < ps.length; i++) {
                if (site.matches(ps[i])) {
                    return alone[i].propose(site, history);
                }
            }
            return null;
        };
    }

    @Override
    public List<AddressPattern> patterns() {
        List<AddressPattern> all = new ArrayList<>();
        for (int i = 0; i < patterns.length; i++) {
            all.add(patterns[i]);
            all.addAll(guides[i].patterns());
        }
        return Collections.unmodifiableList(all);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("at(");
        for (int i = 0; i < patterns.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(patterns[i]);
        }
        return sb.append(")").toString();
    }
}
