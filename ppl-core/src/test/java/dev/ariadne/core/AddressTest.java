package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {

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
}
