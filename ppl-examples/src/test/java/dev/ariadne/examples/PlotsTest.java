package dev.ariadne.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plot is written whole, through the atomic writer, into a folder made for it. */
class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void aPlotIsAWholePngAndNothingElseIsLeft() throws IOException {
        Path target = dir.resolve("sub").resolve("bound.png");
        Plots.boundVersusRuns(target, "t", new double[] {1, 2}, new double[] {-1, -0.5}, new double[] {-0.2, -0.1},
                0, 0.99);
        byte[] png = Files.readAllBytes(target);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        // A PNG ends with its IEND chunk: the file is complete.
        assertThat(new String(png, png.length - 8, 4, StandardCharsets.US_ASCII)).isEqualTo("IEND");
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertThat(s.toList()).containsExactly(target);
        }
    }
}
