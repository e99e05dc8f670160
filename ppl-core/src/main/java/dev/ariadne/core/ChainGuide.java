package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Guides tried in order ({@link Guide#orElse} of guides other than two pattern guides): the first that proposes
 * something at a site gives the proposal there; a guide that leaves the site at its prior hands it on. One array,
 * not a guide nested in a guide per {@code orElse}: a chain of 10,000 {@code Guide.bySite} guides overflowed the
 * stack at its first site, which was reported as a guide that recurses without end (an adversarial tester).
 */
final class ChainGuide implements Guide {

    private static final long serialVersionUID = 1L;

    private final Guide[] parts;
    private final List<AddressPattern> patterns;

    private ChainGuide(Guide[] parts) {
        this.parts = parts;
        List<AddressPattern> all = new ArrayList<>();
        for (Guide g : parts) {
            all.addAll(g.patterns());
        }
        this.patterns = Collections.unmodifiableList(all);
    }

    /** {@code first}, then {@code next}: a chain's parts joined into one array. */
    static ChainGuide of(Guide first, Guide next) {
        Guide[] a = first instanceof ChainGuide c ? c.parts : new Guide[] {first};
        Guide[] b = next instanceof ChainGuide c ? c.parts : new Guide[] {next};
        Guide[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return new ChainGuide(both);
    }

    @Override
    public Dist propose(Site site, Dist prior, History history) {
        for (Guide g : parts) {
            Dist d = g.propose(site, prior, history);
            if (d != prior) {
                return d;
            }
        }
        return prior;
    }

    /** The parts' proposals without the prior, tried in order, where every part has one; null otherwise. */
    @Override
    public SiteProposal withoutPrior() {
        SiteProposal[] alone = withoutPrior(parts);
        if (alone == null) {
            return null;
        }
        if (alone.length == 2) {
            // the common chain of two, without a loop
            SiteProposal first = alone[0];
            SiteProposal then = alone[1];
            return (site, history) -> {
                Dist d = first.propose(site, history);
                return d != null ? d : then.propose(site, history);
            };
        }
        return (site, history) -> {
            for (SiteProposal p : alone) {
                Dist d = p.propose(site, history);
                if (d != null) {
                    return d;
                }
            }
            return null;
        };
    }

    /** Each guide's proposal without the prior ({@link Guide#withoutPrior}), or null where one has none. */
    static SiteProposal[] withoutPrior(Guide[] guides) {
        SiteProposal[] alone = new SiteProposal[guides.length];
        for (int i = 0; i < guides.length; i++) {
            alone[i] = guides[i].withoutPrior();
            if (alone[i] == null) {
                return null;
            }
        }
        return alone;
    }

    @Override
    public List<AddressPattern> patterns() {
        return patterns;
    }
}
