package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A pattern compares a site's name by identity first and refuses a name of another hash without comparing the text:
 * both shortcuts must give what comparing the text gives, for names that are other objects of the same text, names
 * that share a hash, and a pattern that was serialized (whose name is then not the literal's object).
 */
class AddressPatternNamesTest {

    /** The same text as another String object, as a name built at run time is. */
    private static String copyOf(String s) {
        return new String(s.toCharArray());
    }

    /**
     * A suggestion rewrites fewer letters than the name has: 'x', right but made on a branch the runs read had not
     * reached, was asked "did you mean b?" (an outside statistician); a typo of a longer name is still answered.
     */
    @Test
    void aNameIsSuggestedOnlyWhereItIsNotRewrittenWhole() {
        assertThat(AddressPattern.nearestName("x", java.util.List.of("b"))).isEmpty();
        assertThat(AddressPattern.nearestName("x[*]", java.util.List.of("b[3]"))).isEmpty();
        assertThat(AddressPattern.nearestName("muu", java.util.List.of("mu", "b"))).hasValue("mu");
        assertThat(AddressPattern.nearestName("i", java.util.List.of("I", "D"))).hasValue("I");
        assertThat(AddressPattern.nearestName("bais", java.util.List.of("bias"))).hasValue("bias");
    }

    @Test
    void aNameOfTheSameTextInAnotherObjectMatches() {
        AddressPattern p = AddressPattern.parse("step[*]/x[*]");
        String x = copyOf("x");
        String step = copyOf("step");
        assertThat(x).isNotSameAs("x");
        assertThat(p.matches(Address.of(step, 2), x, 3)).isTrue();
        assertThat(p.matches(Address.of("step", 2), "x", 3)).isTrue();
    }

    @Test
    void aNameWithTheSameHashButOtherTextIsRefused() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        AddressPattern p = AddressPattern.parse("Aa[*]");
        assertThat(p.matches(null, "BB", 1)).isFalse();
        assertThat(p.matches(null, copyOf("Aa"), 1)).isTrue();
        AddressPattern scoped = AddressPattern.parse("Aa[*]/z");
        assertThat(scoped.matches(Address.of("BB", 1), "z", Address.NO_INDEX)).isFalse();
        assertThat(scoped.matches(Address.of(copyOf("Aa"), 1), "z", Address.NO_INDEX)).isTrue();
    }

    /** An index beyond an int's threw a bare NumberFormatException naming no pattern (an adversarial tester). */
    @Test
    void anIndexBeyondAnIntIsRefusedNamingThePattern() {
        assertThatThrownBy(() -> AddressPattern.parse("x[2147483648]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed address pattern 'x[2147483648]' at 'x[2147483648]': the index 2147483648 is "
                        + "beyond the largest a site can have, 2147483647");
        assertThat(AddressPattern.parse("x[2147483647]").matches(Address.of("x", Integer.MAX_VALUE))).isTrue();
    }

    /**
     * Guide.at("x[07]") guided x[7], while a guide file's key z[00] matched nothing: no address prints an index so, and
     * both a pattern and an address written with one are refused, naming the address to write.
     */
    @Test
    void anIndexWithALeadingZeroIsRefusedNamingTheAddressToWrite() {
        assertThatThrownBy(() -> AddressPattern.parse("x[07]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leading zeros").hasMessageEndingWith("write x[7]");
        assertThatThrownBy(() -> AddressPattern.parse("s[*]/x[00]")).hasMessageEndingWith("write s[*]/x[0]");
        assertThatThrownBy(() -> Address.parse("a[010]/z[3]")).hasMessageEndingWith("write a[10]/z[3]");
        assertThatThrownBy(() -> Guide.at("x[07]", Guide.prior())).hasMessageContaining("write x[7]");
        // the text it names parses: any other fault of the text is told first (a hunt)
        assertThatThrownBy(() -> AddressPattern.parse("x[07]/rate*")).hasMessageNotContaining("write");
        assertThatThrownBy(() -> AddressPattern.parse("x[07]/**")).hasMessageNotContaining("write x[7]/**");
        assertThatThrownBy(() -> AddressPattern.parse("x[02147483648]")).hasMessageContaining("beyond the largest");
        assertThatThrownBy(() -> Address.parse("z[007]/w[*]")).hasMessageContaining("not an address (a pattern?)");
        assertThat(AddressPattern.parse("x[0]").matches(Address.of("x", 0))).isTrue();
        assertThat(AddressPattern.parse("x[100]").matches(Address.of("x", 100))).isTrue();
    }

    @Test
    void aNullNameIsRefused() {
        assertThat(AddressPattern.parse("x[*]").matches(null, null, 1)).isFalse();
    }

    @Test
    void aSerializedPatternMatchesAsBefore() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(AddressPattern.parse("g[*]/w[*]"));
        }
        AddressPattern p;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            p = (AddressPattern) in.readObject();
        }
        assertThat(p.matches(Address.of("g", 0), "w", 4)).isTrue();
        assertThat(p.matches(Address.of(copyOf("g"), 0), copyOf("w"), 4)).isTrue();
        assertThat(p.matches(Address.of("g", 0), "v", 4)).isFalse();
        assertThat(p.matches(Address.of("h", 0), "w", 4)).isFalse();
    }

    /** A pattern whose name no site can have is refused: one holding a NUL was taken and printed as "x [1]". */
    @Test
    void aPatternNamingWhatNoSiteCanBeNamedIsRefused() {
        assertThatThrownBy(() -> AddressPattern.parse("x\u0000[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character U+0000").hasMessageContaining("no site can be named by it");
        assertThatThrownBy(() -> Guide.at("step[*]/mu\u200B", dev.ariadne.core.dist.Normal.STANDARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+200B");
        assertThat(AddressPattern.parse("step[*]/x y[2]").matches(Address.of(null, "step", 4), "x y", 2)).isTrue();
        // a format character past the Basic Multilingual Plane (the tag space U+E0020) printed "a\uDB40\uDC20b" as
        // "ab", in names and patterns alike; an emoji, a symbol of two chars too, is a name
        assertThat(Address.whyNotAName("a\uDB40\uDC20b")).contains("U+E0020");
        assertThatThrownBy(() -> AddressPattern.parse("a\uDB40\uDC20b")).hasMessageContaining("U+E0020");
        assertThat(Address.whyNotAName("rate\uD83D\uDE00")).isNull();
    }
}
