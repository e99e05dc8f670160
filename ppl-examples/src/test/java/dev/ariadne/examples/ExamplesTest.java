package dev.ariadne.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example runs to completion with a small sample count and its headline numbers agree with the exact
 * values within 5 standard errors wherever the effective sample size is at least 1000.
 */
class ExamplesTest {

    @TempDir
    Path out;

    static Stream<Example> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void runsAndAgreesWithTheExactValues(Example example) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Notebook nb = new Notebook(new PrintStream(text, true, StandardCharsets.UTF_8), false, 60_000, 7, out,
                false);
        example.run(nb);
        List<Figure> checked = nb.figures().stream().filter(Figure::checkable).toList();
        assertThat(checked).as("figures checkable against an exact value (ESS >= 1000)").isNotEmpty();
        for (Figure f : checked) {
            // 5 standard errors, which for zero-variance (perfect) guides are those of the figure's rounding
            assertThat(f.standardError())
                    .isGreaterThanOrEqualTo(Notebook.ROUNDING * Math.max(1, Math.abs(f.estimate())));
            assertThat(Math.abs(f.estimate() - f.exact())).as("%s: %s vs exact %s (se %s)", f.name(), f.estimate(),
                    f.exact(), f.standardError()).isLessThanOrEqualTo(5 * f.standardError());
        }
        assertThat(nb.notice()).isNotBlank();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("Notice:");
        for (Path plot : nb.plots()) {
            assertThat(plot).exists();
            byte[] head = Files.readAllBytes(plot);
            assertThat(head.length).isGreaterThan(1000);
            assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }
}
