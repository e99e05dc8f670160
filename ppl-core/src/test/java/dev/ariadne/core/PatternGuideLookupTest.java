package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Normal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A guide of many patterns finds a site's candidates by its name, not by testing every pattern (a fromMap guide of
 * 1,000 names took quadratic time): the first pattern in order that matches still wins, {@code *} patterns included.
 */
class PatternGuideLookupTest {

    /** A site at an address, as a guide sees it. */
    private record At(Address address) implements Site {
        @Override
        public String name() {
            return address.name();
        }

        @Override
        public int index() {
            return address.index();
        }

        @Override
        public Address scope() {
            return address.scope();
        }

        @Override
        public SiteKind kind() {
            return SiteKind.LATENT;
        }
    }

    private static final String[] PATTERNS = {"x[3]", "a[*]/x", "*[7]", "x[*]", "y", "**/z", "b/y", "w[2]", "*",
        "x", "z[1]", "v", "u[*]", "a[1]/x"};

    @Test
    void theFirstMatchingPatternInOrderWinsAsWhenEveryPatternIsTested() {
        for (int count : new int[] {5, 9, PATTERNS.length}) {
            Map<String, Dist> map = new LinkedHashMap<>();
            List<AddressPattern> parsed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                map.put(PATTERNS[i], new Normal(i, 1));
                parsed.add(AddressPattern.parse(PATTERNS[i]));
            }
            Guide chained = Guide.at(PATTERNS[0], new Normal(0, 1));
            for (int i = 1; i < count; i++) {
                chained = chained.orElse(Guide.at(PATTERNS[i], new Normal(i, 1)));
            }
            assertThat(chained).isInstanceOf(PatternGuide.class);
            for (Guide g : new Guide[] {Guide.fromMap(map), chained}) {
                check(g, parsed, count);
            }
        }
    }

    /**
     * A chain of Guide.at(...).orElse(...) is one guide of all the patterns, and a matched guide that leaves a site at
     * its prior hands it on to the patterns after it, as orElse does.
     */
    @Test
    void aChainHandsOnASiteItsMatchedGuideLeavesAtItsPrior() {
        Guide onlyIndexOne = Guide.bySite((site, h) -> site.index() == 1 ? new Normal(100, 1) : null);
        Guide chain = Guide.at("x[*]", onlyIndexOne).orElse(Guide.at("x[2]", new Normal(7, 1)));
        Dist prior = new Normal(-1, 1);
        assertThat(chain.propose(new At(Address.of(null, "x", 1)), prior, null)).isEqualTo(new Normal(100, 1));
        assertThat(chain.propose(new At(Address.of(null, "x", 2)), prior, null)).isEqualTo(new Normal(7, 1));
        assertThat(chain.propose(new At(Address.of(null, "x", 3)), prior, null)).isSameAs(prior);
        assertThat(chain.withoutPrior().propose(new At(Address.of(null, "x", 2)), null)).isEqualTo(new Normal(7, 1));
        assertThat(chain.patterns()).hasSize(2);
    }

    /**
     * One exact key per index of one name, with patterns of any index and any name among them: a site's candidates are
     * found by its name and index (8,000 keys x[i] were each tested at every site, 50 s for 300 runs), and the first
     * matching pattern in order still wins.
     */
    @Test
    void exactIndexedKeysAreFoundByIndexAndTheFirstMatchStillWins() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add("x[" + i + "]");
            if (i == 100) {
                keys.add("x[*]");
            }
            if (i == 200) {
                keys.add("*");
            }
        }
        keys.add("x");
        Map<String, Dist> map = new LinkedHashMap<>();
        List<AddressPattern> parsed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), new Normal(i, 1));
            parsed.add(AddressPattern.parse(keys.get(i)));
        }
        Guide g = Guide.fromMap(map);
        Dist prior = new Normal(-1, 1);
        for (String name : new String[] {"x", "y"}) {
            for (int index = -1; index < 320; index++) {
                Address a = Address.of(null, name, index);
                int expected = -1;
                for (int i = 0; i < parsed.size() && expected < 0; i++) {
                    if (parsed.get(i).matches(a)) {
                        expected = i;
                    }
                }
                assertThat(g.propose(new At(a), prior, null)).as("site %s", a)
                        .isEqualTo(expected < 0 ? prior : new Normal(expected, 1));
            }
        }
    }

    /** The overlap check of an unordered map finds the same first pair as comparing every pair. */
    @Test
    void theFirstOverlapIsThatOfEveryPairCompared() {
        String[][] sets = {{"x[1]", "x[2]", "y", "a/x[1]", "b[*]/x[1]"}, {"x[1]", "y", "x[*]"}, {"q", "x[3]", "*"},
            {"x[1]", "x[2]", "x[3]"}, {"**/x", "a/x[2]", "y[1]"}, {"y[2]", "*[2]", "y[3]"}, PATTERNS};
        for (String[] set : sets) {
            AddressPattern[] ps = java.util.Arrays.stream(set).map(AddressPattern::parse)
                    .toArray(AddressPattern[]::new);
            int[] expected = null;
            for (int a = 0; a < ps.length && expected == null; a++) {
                for (int b = a + 1; b < ps.length && expected == null; b++) {
                    if (ps[a].overlaps(ps[b])) {
                        expected = new int[] {a, b};
                    }
                }
            }
            assertThat(AddressPattern.firstOverlap(ps)).as(String.join(" ", set)).isEqualTo(expected);
        }
    }

    private static void check(Guide g, List<AddressPattern> parsed, int count) {
        Dist prior = new Normal(-1, 1);
        List<Address> sites = new ArrayList<>();
        Address a1 = Address.of(null, "a", 1);
        Address b = Address.of(null, "b", Address.NO_INDEX);
        for (String name : new String[] {"x", "y", "z", "w", "v", "u", "q"}) {
            for (int index : new int[] {Address.NO_INDEX, 1, 2, 3, 7}) {
                for (Address scope : new Address[] {null, a1, b}) {
                    sites.add(Address.of(scope, name, index));
                }
            }
        }
        for (Address a : sites) {
            int expected = -1;
            for (int i = 0; i < parsed.size() && expected < 0; i++) {
                if (parsed.get(i).matches(a)) {
                    expected = i;
                }
            }
            Dist q = g.propose(new At(a), prior, null);
            assertThat(q).as("%d patterns, site %s", count, a)
                    .isEqualTo(expected < 0 ? prior : new Normal(expected, 1));
        }
    }
}
