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
     * For many patterns, the candidates of each literal name ({@link Named}): a guide of one pattern per site
     * ({@code Guide.fromMap} of 1,000 names) tested every pattern at every site, and a run of 1,000 sites took 9 ms;
     * one of 8,000 indexed keys {@code x[i]} of one name took 50 s for 300 runs (an adversarial tester). Empty for few
     * patterns, which are all scanned.
     */
    private final Map<String, Named> byName;
    /**
     * The indices of the patterns a site whose name no pattern names may match: those of any name ({@code *}), in
     * order; every pattern's, for few patterns.
     */
    private final int[] anyName;

    /**
     * The patterns a site of one literal name may match, in order, by its index: for each index some pattern names
     * exactly ({@code x[3]}), those patterns with the name's patterns of any index and those of any name; for other
     * indices, the latter two alone. Looked up by binary search: no key is made at a site.
     */
    private record Named(int[] indices, int[][] exact, int[] others) {
        int[] candidates(int index) {
            int at = java.util.Arrays.binarySearch(indices, index);
            return at >= 0 ? exact[at] : others;
        }
    }

    PatternGuide(AddressPattern[] patterns, Guide[] guides) {
        this.patterns = patterns.clone();
        this.guides = guides.clone();
        if (patterns.length <= SCANNED) {
            byName = Collections.emptyMap();
            anyName = java.util.stream.IntStream.range(0, patterns.length).toArray();
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
        lists.forEach((name, named) -> byName.put(name, named(patterns, named, any)));
        anyName = any.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The candidates of one name's patterns {@code named} (in order), with {@code any}, those of any name. */
    private static Named named(AddressPattern[] patterns, List<Integer> named, List<Integer> any) {
        List<Integer> others = new ArrayList<>(any);
        java.util.TreeMap<Integer, List<Integer>> byIndex = new java.util.TreeMap<>();
        for (int i : named) {
            if (patterns[i].matchesAnyIndex()) {
                others.add(i);
            } else {
                byIndex.computeIfAbsent(patterns[i].siteIndex(), k -> new ArrayList<>()).add(i);
            }
        }
        int[] sortedOthers = others.stream().sorted().mapToInt(Integer::intValue).toArray();
        int[] indices = new int[byIndex.size()];
        int[][] exact = new int[byIndex.size()][];
        int j = 0;
        for (Map.Entry<Integer, List<Integer>> e : byIndex.entrySet()) {
            indices[j] = e.getKey();
            exact[j++] = java.util.stream.IntStream.concat(e.getValue().stream().mapToInt(Integer::intValue),
                    java.util.Arrays.stream(sortedOthers)).sorted().toArray();
        }
        return new Named(indices, exact, sortedOthers);
    }

    /**
     * The indices of the patterns that may match the site, in order: all of them, or, for many, those of its name
     * and index and those of any name.
     */
    private int[] candidates(Site site) {
        Named named = byName.get(site.name());
        return named != null ? named.candidates(site.index()) : anyName;
    }

    /**
     * The proposal of the first pattern in order that matches the site and whose guide proposes something there (a
     * guide that leaves a matched site at its prior hands it on, as {@link Guide#orElse} does); the prior where none
     * does.
     */
    @Override
    public Dist propose(Site site, Dist prior, History history) {
        for (int i : candidates(site)) {
            if (site.matches(patterns[i])) {
                Dist d = guides[i].propose(site, prior, history);
                if (d != prior) {
                    return d;
                }
            }
        }
        return prior;
    }

    /**
     * This guide's patterns, then {@code next}'s, as one guide: what {@code this.orElse(next)} proposes, with the
     * lookup by name over all of them. Chains of {@code Guide.at(...).orElse(...)} nested a guide per pattern, each
     * tried in turn: 1,000 of them cost 7.5 microseconds a site (a hunter).
     */
    PatternGuide then(PatternGuide next) {
        AddressPattern[] ps = java.util.Arrays.copyOf(patterns, patterns.length + next.patterns.length);
        System.arraycopy(next.patterns, 0, ps, patterns.length, next.patterns.length);
        Guide[] gs = java.util.Arrays.copyOf(guides, guides.length + next.guides.length);
        System.arraycopy(next.guides, 0, gs, guides.length, next.guides.length);
        return new PatternGuide(ps, gs);
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
            for (int i : candidates(site)) {
                if (site.matches(patterns[i])) {
                    Dist d = alone[i].propose(site, history);
                    if (d != null) {
                        return d;
                    }
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
