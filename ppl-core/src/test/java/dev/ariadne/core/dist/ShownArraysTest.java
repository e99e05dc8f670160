package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values in messages are shown by their entries, never by an array's identity ({@code [I@200a570f}). */
class ShownArraysTest {

    @Test
    void arraysAreShownByTheirEntriesAndLongOnesShortened() {
        assertThat(ShownArrays.value(new int[] {0, 2})).isEqualTo("[0, 2]");
        assertThat(ShownArrays.value(new boolean[] {true})).isEqualTo("[true]");
        assertThat(ShownArrays.value(new long[] {3L})).isEqualTo("[3]");
        assertThat(ShownArrays.value(new double[] {0.5})).isEqualTo("[0.5]");
        assertThat(ShownArrays.value(new Object[] {"a", new int[] {1}, null})).isEqualTo("[a, [1], null]");
        assertThat(ShownArrays.value(new int[20])).startsWith("[0, 0, 0").contains("(20 values in all)")
                .endsWith("0, 0]");
        assertThat(ShownArrays.value(7)).isEqualTo("7");
        assertThat(ShownArrays.value(null)).isEqualTo("null");
    }
}
