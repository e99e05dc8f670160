package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A guide that dispatches on address patterns: the first pattern that matches a site picks the guide there; the
 * prior where none matches. It reports its patterns ({@link #patterns()}), so that a pattern matching no site
 * (a typo such as {@code lamda}) can be named instead of leaving those sites silently at their prior.
 */
final class PatternGuide implements Guide {

    private static final long serialVersionUID = 1L;

    /** Above this many patterns a site's candidates are found by its name, not by testing every pattern. */
    static final int SCANNED = 8;

    private final AddressPattern[] patterns;
    private final Guide[] guides;
    /**
     * For many patterns, the indices of those of each literal name, in order, with those of any name merged in: a
     * guide of one pattern per site ({@code Guide.fromMap} of 1,000 names) tested every pattern at every site, and a
     * run of 1,000 sites took 9 ms. Null for few patterns, which are scanned.
     */
    private final Map<String, int[]> byName;
    /** The indices of the patterns of any name ({@code *}), in order; with {@link #byName} only. */
    private final int[] anyName;

    PatternGuide(AddressPattern[] patterns, Guide[] guides) {
        this.patterns = patterns.clone();
        this.guides = guides.clone();
        if (patterns.length <= SCANNED) {
            byName = null;
            anyName = null;
            return;
        }
        Map<String, List<Integer>> lists = new HashMap<>();
        List<Integer> any = new ArrayList<>();
        for (int i = 0; i < patterns.length; i++) {
            if (patterns[i].matchesAnyName()) {
                any.add(i);
            } else {
                lists.computeIfAbsent(patterns[i].siteName(), n -> new ArrayList<>()).add(i);
            }
        }
        byName = new HashMap<>();
        lists.forEach((name, named) -> {
            List<Integer> merged = new ArrayList<>(named);
            merged.addAll(any);
            byName.put(name, merged.stream().sorted().mapToInt(Integer::intValue).toArray());
        });
        anyName = any.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The index of the first pattern that matches the site, or -1. */
    private int first(Site site) {
        if (byName == null) {
            for (int i = 0; i < patterns.length; i++) {
                if (site.matches(patterns[i])) {
                    return i;
                }
            }
            return -1;
        }
        int[] candidates = byName.get(site.name());
        if (candidates == null) {
            candidates = anyName;
        }
        for (int i : candidates) {
            if (site.matches(patterns[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Dist propose(Site site, Dist prior, History history) {
        int i = first(site);
        return i < 0 ? prior : guides[i].propose(site, prior, history);
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
        return (site, history) -> {
            int i = first(site);
            return i < 0 ? null : alone[i].propose(site, history);
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
