package dev.ariadne.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Address patterns in order, found for a site by its name and index rather than by testing each: a guide of one
 * pattern per site ({@code Guide.fromMap} of 8,000 keys {@code x[i]}) tested every key at every site, 50 s for 300
 * runs, and the diagnostics that ask which of a guide file's 8,000 sites the runs made took as long again (an
 * adversarial tester). Few patterns are all tested, in order.
 */
public final class PatternIndex implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Above this many patterns a site's candidates are found by its name and index, not by testing every pattern. */
    static final int SCANNED = 8;

    private final AddressPattern[] patterns;
    /** The candidates of each literal name ({@link Named}); empty for few patterns, which are all tested. */
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
    private record Named(int[] indices, int[][] exact, int[] others) implements java.io.Serializable {
        int[] candidates(int index) {
            int at = Arrays.binarySearch(indices, index);
            return at >= 0 ? exact[at] : others;
        }
    }

    /** An index of {@code patterns}, in their order. */
    public PatternIndex(List<AddressPattern> patterns) {
        this.patterns = patterns.toArray(new AddressPattern[0]);
        if (this.patterns.length <= SCANNED) {
            byName = Collections.emptyMap();
            anyName = IntStream.range(0, this.patterns.length).toArray();
            return;
        }
        Map<String, List<Integer>> lists = new HashMap<>();
        List<Integer> any = new ArrayList<>();
        for (int i = 0; i < this.patterns.length; i++) {
            if (this.patterns[i].matchesAnyName()) {
                any.add(i);
            } else {
                lists.computeIfAbsent(this.patterns[i].siteName(), n -> new ArrayList<>()).add(i);
            }
        }
        byName = new HashMap<>();
        lists.forEach((name, named) -> byName.put(name, named(this.patterns, named, any)));
        anyName = any.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The candidates of one name's patterns {@code named} (in order), with {@code any}, those of any name. */
    private static Named named(AddressPattern[] patterns, List<Integer> named, List<Integer> any) {
        List<Integer> others = new ArrayList<>(any);
        TreeMap<Integer, List<Integer>> byIndex = new TreeMap<>();
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
            exact[j++] = IntStream.concat(e.getValue().stream().mapToInt(Integer::intValue),
                    Arrays.stream(sortedOthers)).sorted().toArray();
        }
        return new Named(indices, exact, sortedOthers);
    }

    /** The number of patterns. */
    public int size() {
        return patterns.length;
    }

    /** Pattern {@code i}, in the order given. */
    public AddressPattern get(int i) {
        return patterns[i];
    }

    /**
     * The indices of the patterns that may match a site of this name and index, in order: all of them, or, for many,
     * those of its name and index and those of any name. Each must still be tested against the site.
     */
    int[] candidates(String name, int index) {
        Named named = byName.get(name);
        return named != null ? named.candidates(index) : anyName;
    }

    /** The indices of the patterns that match the site at {@code scope/name[index]}, in order. */
    public int[] matching(Address scope, String name, int index) {
        return Arrays.stream(candidates(name, index)).filter(i -> patterns[i].matches(scope, name, index)).toArray();
    }

    /**
     * Which patterns, by position, match at least one of {@code addresses}: each address tests only its candidates,
     * so that a guide of one key per site and runs of as many sites cost their number, not its square.
     */
    public boolean[] matchedByAny(Iterable<Address> addresses) {
        boolean[] matched = new boolean[patterns.length];
        for (Address a : addresses) {
            for (int i : matching(a)) {
                matched[i] = true;
            }
        }
        return matched;
    }

    /** The indices of the patterns that match {@code address}, in order. */
    public int[] matching(Address address) {
        return matching(address.scope(), address.name(), address.index());
    }
}
