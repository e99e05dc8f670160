package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {

    /**
     * An address 20,000 scopes deep (a recursion's) prints without recursion, whole by toString and in short, its
     * middle counted, by toShortString; a short address is the same either way.
     */
    @Test
    void aDeepAddressPrintsWithoutRecursionAndInShort() {
        Address a = null;
        for (int i = 0; i < 20_000; i++) {
            a = Address.of(a, i % 2 == 0 ? "L" : "R", Address.NO_INDEX);
        }
        Address deep = Address.of(a, "x", 3);
        assertThat(deep.depth()).isEqualTo(20_001);
        String whole = deep.toString();
        assertThat(whole).startsWith("L/R/L/").endsWith("/R/x[3]").hasSize(2 * 20_000 + 4);
        String shortText = deep.toShortString();
        assertThat(shortText).startsWith("L/R/L/").endsWith("/R/x[3]").contains(" scopes ...").hasSizeLessThan(250);
        Address plain = Address.of(Address.of(null, "group", 2), "mu", Address.NO_INDEX);
        assertThat(plain.toShortString()).isEqualTo(plain.toString()).isEqualTo("group[2]/mu");
    }

    @Test
    void printsScopesAndIndices() {
        Address a = Address.of("scope", 2).child("name", 3);
        assertThat(a).hasToString("scope[2]/name[3]");
        assertThat(Address.of("bias")).hasToString("bias");
    }

    @Test
    void parsesWhatItPrintsAndComparesStructurally() {
        Address a = Address.parse("outer/step[12]/x[0]");
        assertThat(a).hasToString("outer/step[12]/x[0]");
        assertThat(a).isEqualTo(Address.of("outer").child("step", 12).child("x", 0));
        assertThat(a.hashCode()).isEqualTo(Address.of("outer").child("step", 12).child("x", 0).hashCode());
        assertThat(a).isNotEqualTo(Address.parse("outer/step[12]/x[1]"));
        assertThat(a).isNotEqualTo(Address.parse("step[12]/x[0]"));
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> Address.parse("x[")).hasMessageContaining("malformed address 'x['");
        assertThatThrownBy(() -> Address.parse("x[a]")).hasMessageContaining("index must be a number");
        assertThatThrownBy(() -> Address.parse("a//b")).hasMessageContaining("malformed address");
        assertThatThrownBy(() -> Address.of("x", -3)).hasMessageContaining("index must be >= 0, got -3");
    }

    @Test
    void patternsMatchIndicesAndScopes() {
        AddressPattern anyX = AddressPattern.parse("x[*]");
        assertThat(anyX.matches(Address.parse("x[4]"))).isTrue();
        assertThat(anyX.matches(Address.parse("x"))).isTrue();
        assertThat(anyX.matches(Address.parse("y[4]"))).isFalse();
        assertThat(anyX.matches(Address.parse("s/x[4]"))).isFalse();
        AddressPattern scoped = AddressPattern.parse("step[*]/z");
        assertThat(scoped.matches(Address.parse("step[3]/z"))).isTrue();
        assertThat(scoped.matches(Address.parse("step[3]/z[1]"))).isFalse();
        assertThat(scoped.matches(Address.parse("z"))).isFalse();
        AddressPattern anywhere = AddressPattern.parse("**/z[*]");
        assertThat(anywhere.matches(Address.parse("a[1]/b/z[2]"))).isTrue();
        assertThat(anywhere.matches(Address.parse("z"))).isTrue();
        assertThat(AddressPattern.parse("x[3]").matches(Address.parse("x[3]"))).isTrue();
        assertThat(AddressPattern.parse("x[3]").matches(Address.parse("x[2]"))).isFalse();
    }

    @Test
    void aStarPartIsAnyOneNameAndADoubleStarAnyNumberOfScopes() {
        AddressPattern oneDeep = AddressPattern.parse("*/rule");
        assertThat(oneDeep.matches(Address.parse("S/rule"))).isTrue();
        assertThat(oneDeep.matches(Address.parse("step[4]/rule"))).isTrue();
        assertThat(oneDeep.matches(Address.parse("rule"))).isFalse();
        assertThat(oneDeep.matches(Address.parse("S/L/rule"))).isFalse();
        assertThat(oneDeep.matches(Address.parse("S/rule[1]"))).isFalse();
        AddressPattern anyIndexThree = AddressPattern.parse("*[3]");
        assertThat(anyIndexThree.matches(Address.parse("x[3]"))).isTrue();
        assertThat(anyIndexThree.matches(Address.parse("x[2]"))).isFalse();
        assertThat(anyIndexThree.matches(Address.parse("s/x[3]"))).isFalse();
        AddressPattern inside = AddressPattern.parse("S/**/rule");
        assertThat(inside.matches(Address.parse("S/rule"))).isTrue();
        assertThat(inside.matches(Address.parse("S/L/R[2]/L/rule"))).isTrue();
        assertThat(inside.matches(Address.parse("T/L/rule"))).isFalse();
        assertThat(inside.matches(Address.parse("rule"))).isFalse();
        assertThat(inside.matches(Address.parse("X/S/L/rule"))).isFalse();
        AddressPattern middle = AddressPattern.parse("a/**/b/*/c[*]");
        assertThat(middle.matches(Address.parse("a/b/x/c[1]"))).isTrue();
        assertThat(middle.matches(Address.parse("a/q/b/b/x/c"))).isTrue();
        assertThat(middle.matches(Address.parse("a/b/c[1]"))).isFalse();
        assertThat(middle.matches(Address.parse("a/b/x/y/c[1]"))).isFalse();
        AddressPattern everyInside = AddressPattern.parse("a/**/*");
        assertThat(everyInside.matches(Address.parse("a/x"))).isTrue();
        assertThat(everyInside.matches(Address.parse("a/b[2]/x[7]"))).isTrue();
        assertThat(everyInside.matches(Address.parse("a"))).isFalse();
        assertThat(everyInside.matches(Address.parse("b/x"))).isFalse();
        AddressPattern twoDeep = AddressPattern.parse("**/**/z");
        assertThat(twoDeep.matches(Address.parse("z"))).isTrue();
        assertThat(twoDeep.matches(Address.parse("a/b/c/z"))).isTrue();
        assertThat(AddressPattern.parse("**/*").matches(Address.parse("a[1]/b/c[2]"))).isTrue();
        assertThat(AddressPattern.parse("**/*").matches(Address.parse("c"))).isTrue();
    }

    @Test
    void patternsThatWouldMisleadAreRefusedNamingThePart() {
        assertThatThrownBy(() -> AddressPattern.parse("a/**")).hasMessageContaining("'a/**'")
                .hasMessageContaining("a/**/*");
        assertThatThrownBy(() -> AddressPattern.parse("**")).hasMessageContaining("**/*");
        assertThatThrownBy(() -> AddressPattern.parse("**[2]/x")).hasMessageContaining("takes no index");
        assertThatThrownBy(() -> AddressPattern.parse("rate*")).hasMessageContaining("at 'rate*'")
                .hasMessageContaining("whole name");
        assertThatThrownBy(() -> AddressPattern.parse("s/*x[1]")).hasMessageContaining("at '*x[1]'");
        assertThatThrownBy(() -> AddressPattern.parse(" z")).hasMessageContaining("at ' z'")
                .hasMessageContaining("space");
        assertThatThrownBy(() -> AddressPattern.parse("a /z")).hasMessageContaining("at 'a '");
    }

    @Test
    void patternsOverlapWhereSomeAddressMatchesBoth() {
        String[][] overlapping = {{"**/z", "a/z"}, {"a/**/*", "a/z"}, {"*/z", "a[*]/z"}, {"x[*]", "x[3]"}, {"x", "x[*]"},
            {"**/*", "x[2]"}, {"a/**/c", "**/b/**/c"}, {"*", "q"}, {"**/z", "**/z"}};
        for (String[] pair : overlapping) {
            assertThat(AddressPattern.parse(pair[0]).overlaps(AddressPattern.parse(pair[1]))).as("%s, %s", pair[0],
                    pair[1]).isTrue();
            assertThat(AddressPattern.parse(pair[1]).overlaps(AddressPattern.parse(pair[0]))).isTrue();
        }
        String[][] apart = {{"x", "x[3]"}, {"x[2]", "x[3]"}, {"*/z", "z"}, {"*/z", "a/b/z"}, {"a/**/z", "b/z"},
            {"S/**/leaf", "S[0]/leaf"}, {"x", "y"}, {"a/*", "a"}};
        for (String[] pair : apart) {
            assertThat(AddressPattern.parse(pair[0]).overlaps(AddressPattern.parse(pair[1]))).as("%s, %s", pair[0],
                    pair[1]).isFalse();
            assertThat(AddressPattern.parse(pair[1]).overlaps(AddressPattern.parse(pair[0]))).isFalse();
        }
    }

    /**
     * A new user's {@code Map.of("**}{@code /z", q1, "a/z", q2, ...)} proposed at a/z from different distributions in
     * different JVMs (the map's order is drawn at start-up): overlapping patterns in a map without order are refused.
     */
    @Test
    void fromMapRefusesOverlappingPatternsInAMapWithoutOrder() {
        dev.ariadne.core.dist.Normal q = new dev.ariadne.core.dist.Normal(0, 1);
        assertThatThrownBy(() -> Guide.fromMap(java.util.Map.of("**/z", q, "a/z", q)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can match the same site")
                .hasMessageContaining("LinkedHashMap");
        java.util.Map<String, dev.ariadne.core.dist.Normal> ordered = new java.util.LinkedHashMap<>();
        ordered.put("a/z", q);
        ordered.put("**/z", q);
        assertThat(Guide.fromMap(ordered).patterns()).hasSize(2);
        assertThat(Guide.fromMap(new java.util.TreeMap<>(ordered)).patterns()).hasSize(2);
        assertThat(Guide.fromMap(java.util.Map.of("x[*]", q, "y[*]", q, "s[*]/x", q)).patterns()).hasSize(3);
    }

    /** An index beyond an int is the project's error, naming it (it was a raw NumberFormatException). */
    @Test
    void anIndexBeyondAnIntIsNamed() {
        assertThatThrownBy(() -> Address.parse("a[99999999999]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the index 99999999999 in a[99999999999] is beyond the largest int");
    }
}
