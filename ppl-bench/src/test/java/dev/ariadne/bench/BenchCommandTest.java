package dev.ariadne.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The paired scaling measurement prints one line per implementation with its rounds, and refuses bad options. */
class BenchCommandTest {

    private static final Pattern LINE = Pattern.compile("\\{\"model\":\"rare\",\"executions\":4000,\"impl\":\"(\\w+)\","
            + "\"threads\":2,\"scaling\":([0-9.E-]+),\"rounds\":\\[([0-9.E,-]+)]}");

    @Test
    void scalingPrintsTheMedianOfPairedRoundsForBothImplementations() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchCommand.main(new String[] {"--model", "rare", "--executions", "4000", "--scaling", "--repeats", "3"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertThat(lines).hasSize(2);
        for (int k = 0; k < 2; k++) {
            Matcher m = LINE.matcher(lines[k]);
            assertThat(m.matches()).as(lines[k]).isTrue();
            assertThat(m.group(1)).isEqualTo(k == 0 ? "ariadne" : "handwritten");
            assertThat(Double.parseDouble(m.group(2))).isPositive().isFinite();
            assertThat(m.group(3).split(",")).hasSize(3);
        }
    }

    @Test
    void scalingNeedsAModelAndMoreThanOneThread() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BenchCommand.main(new String[] {"--scaling"}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--scaling needs --model NAME");
        assertThatThrownBy(() -> BenchCommand.main(new String[] {"--model", "rare", "--scaling", "--threads", "1"},
                out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads >= 2");
    }
}
