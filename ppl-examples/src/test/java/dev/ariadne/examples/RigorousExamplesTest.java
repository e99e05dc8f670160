package dev.ariadne.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples that show the rigorous interval state the likelihood bound it rests on, and so still show it:
 * without the statement there is no interval (see RareBranchCoverageTest for why).
 */
class RigorousExamplesTest {

    @TempDir
    Path out;

    private String run(Example e) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        e.run(new Notebook(new PrintStream(text, true, StandardCharsets.UTF_8), false, 20_000, 7, out, false));
        return text.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoCoinsShowsItsInterval() {
        assertThat(run(new TwoCoins())).contains("rigorous: [").contains("weights at most 1: the stated "
                + "maxLogLikelihood(0)");
    }

    @Test
    void sprinklerShowsAnIntervalForEachHypothesis() {
        String text = run(new Sprinkler());
        assertThat(text.lines().filter(l -> l.contains(" | e)")).toList()).hasSize(2)
                .allMatch(l -> l.trim().endsWith("]"));
        assertThat(text).contains("maxLogLikelihood(0)");
    }

    @Test
    void burglaryShowsAnIntervalForThePriorAndTheDefensiveMixtureOnly() {
        String text = run(new Burglary());
        assertThat(text.lines().filter(l -> l.startsWith("  prior ") || l.startsWith("  defensive mixture")))
                .hasSize(2).allMatch(l -> l.trim().endsWith("]"));
        assertThat(text.lines().filter(l -> l.startsWith("  hand-written guide"))).allMatch(l -> l.trim()
                .endsWith("none"));
    }
}
