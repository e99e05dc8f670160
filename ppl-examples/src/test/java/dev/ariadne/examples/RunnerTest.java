package dev.ariadne.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: its listing, its JSON, and one-line errors with a non-zero exit. */
class RunnerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** {@code --help} after a command prints that command's usage and exits 0, though its name is required. */
    @Test
    void helpAfterACommandPrintsItsUsage() {
        assertThat(run("run", "--help")).isZero();
        assertThat(stdout()).contains("Usage: ariadne run").contains("--samples").contains("<name>");
        assertThat(stderr()).isEmpty();
        out.reset();
        assertThat(run("bench", "-h")).isZero();
        assertThat(stdout()).contains("Usage: ariadne bench").contains("--executions");
        out.reset();
        assertThat(run("tour", "--version")).isZero();
        assertThat(stdout()).contains("Ariadne 0.1.0");
    }

    @Test
    void listsEveryExampleInOrder() {
        assertThat(run("list")).isZero();
        for (Example e : Examples.all()) {
            assertThat(stdout()).contains(e.name());
        }
    }

    /** The titles start in one column, however long the longest name ("linear-regression" overran it). */
    @Test
    void listsTitlesInOneColumn() {
        assertThat(run("list")).isZero();
        String[] lines = stdout().stripTrailing().split("\\R");
        List<Example> all = Examples.all();
        assertThat(lines).hasSameSizeAs(all);
        int column = lines[0].indexOf(all.get(0).title());
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i].indexOf(all.get(i).title())).as(lines[i]).isEqualTo(column);
        }
    }

    @Test
    void runWithJsonPrintsOneParsableLineWithTheFigures() throws IOException {
        assertThat(run("run", "two-coins", "--samples", "5000", "--seed", "3", "--out", dir.toString(), "--json"))
                .isZero();
        String[] lines = stdout().strip().split("\\R");
        assertThat(lines).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertThat(json.get("example").asText()).isEqualTo("two-coins");
        assertThat(json.get("figures").size()).isPositive();
        assertThat(json.get("figures").get(0).get("exact").asDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(json.get("notice").asText()).isNotBlank();
        assertThat(stderr()).isEmpty();
    }

    /** Below the runs that judge the tail, a figure keeps its real ESS and says that it is not to be trusted. */
    @Test
    void aFigureWhoseTailIsNotJudgedKeepsItsEssAndIsNotTrusted() throws IOException {
        assertThat(run("run", "burglary", "--samples", "1000", "--seed", "3", "--out", dir.toString(), "--json"))
                .isZero();
        JsonNode figures = new ObjectMapper().readTree(stdout().strip()).get("figures");
        boolean sawUntrusted = false;
        for (JsonNode f : figures) {
            if (f.get("name").asText().contains("[tail not judged")) {
                sawUntrusted = true;
                assertThat(f.get("trusted").asBoolean()).isFalse();
                assertThat(f.get("ess").asDouble()).isGreaterThan(1);
            }
        }
        assertThat(sawUntrusted).isTrue();
    }

    /**
     * With 200 samples the hierarchical example's four chains disagree: its MCMC figures said "[chains disagree]"
     * in their names but "trusted": true in the JSON (found by a new user). A figure with an MCMC verdict is not
     * trusted.
     */
    @Test
    void anMcmcFigureWithAVerdictIsNotTrusted() throws IOException {
        assertThat(run("run", "hierarchical", "--samples", "200", "--seed", "1", "--out", dir.toString(), "--json"))
                .isZero();
        JsonNode figures = new ObjectMapper().readTree(stdout().strip()).get("figures");
        int mcmc = 0;
        for (JsonNode f : figures) {
            String name = f.get("name").asText();
            if (name.contains("MCMC")) {
                mcmc++;
                assertThat(f.get("trusted").asBoolean()).as(name).isEqualTo(!name.contains("["));
            }
        }
        assertThat(mcmc).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(stdout().strip()).get("notice").asText()).doesNotContain("chains agree");
    }

    @Test
    void anUnknownExampleIsAOneLineError() {
        // A usage error, exit 2, as a bad number is (it exited 1, found by a new user).
        assertThat(run("run", "three-coins", "--out", dir.toString())).isEqualTo(2);
        assertThat(stderr().strip()).startsWith("error: unknown example 'three-coins'").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    /** {@code list} numbers the examples, and {@code run 1} was refused as an unknown example (an outside tester). */
    @Test
    void anExampleRunsByItsNumberInTheList() {
        assertThat(Examples.byName("1").name()).isEqualTo(Examples.all().get(0).name());
        assertThat(Examples.byName(String.valueOf(Examples.all().size())).name())
                .isEqualTo(Examples.all().get(Examples.all().size() - 1).name());
        assertThat(run("run", "99", "--out", dir.toString())).isEqualTo(2);
        assertThat(stderr().strip()).startsWith("error: no example number 99: they are numbered 1 to "
                + Examples.all().size());
    }

    /**
     * Found by a new user: a misspelt option got no suggestion; an example that writes no plot left an empty output
     * folder; and one whose plot needs more runs than asked dropped it without a word.
     */
    @Test
    void aMisspeltOptionIsAnsweredWithTheNearestAndNoPlotIsNeverSilent() throws IOException {
        assertThat(run("run", "two-coins", "--sample", "100")).isEqualTo(2);
        assertThat(stderr()).contains("error: Unknown options: '--sample', '100'").contains("did you mean --samples?");
        Path fresh = dir.resolve("fresh");
        assertThat(run("run", "sprinkler", "--samples", "3000", "--out", fresh.toString())).isZero();
        assertThat(fresh).as("no plot, no folder").doesNotExist();
        out.reset();
        assertThat(run("run", "two-coins", "--samples", "100", "--out", fresh.toString())).isZero();
        assertThat(stdout()).contains("(No plot two-coins-bound.png: it needs the bound at two run counts or more");
        out.reset();
        assertThat(run("run", "two-coins", "--samples", "100", "--json", "--out", fresh.toString())).isZero();
        JsonNode root = new ObjectMapper().readTree(stdout().strip());
        assertThat(root.get("plots")).isEmpty();
        assertThat(root.get("skippedPlots").get(0).asText()).startsWith("two-coins-bound.png: it needs the bound");
        Files.createDirectories(fresh);
        assertThat(run("run", "sprinkler", "--samples", "3000", "--out", fresh.toString())).isZero();
        assertThat(fresh).as("a folder that was there stays").isDirectory();
    }

    /**
     * A run that draws no plot left an earlier run's plot of that name in the folder, unmentioned, where a reader takes
     * it for this run's (an adversarial tester): it is removed, and the line that says why there is no plot says so.
     */
    @Test
    void aPlotThisRunDidNotDrawIsNotLeftFromAnEarlierRun() throws IOException {
        Path out = dir.resolve("stale");
        Files.createDirectories(out);
        Path earlier = out.resolve("two-coins-bound.png");
        Files.writeString(earlier, "STALE");
        assertThat(run("run", "two-coins", "--samples", "100", "--out", out.toString())).isZero();
        assertThat(earlier).doesNotExist();
        assertThat(stdout()).contains("(No plot two-coins-bound.png: it needs the bound at two run counts or more")
                .contains("; the two-coins-bound.png an earlier run left there was removed.)");
    }

    /**
     * A plot that cannot be written (here a folder of its name) threw out of the example, and its JSON, figures and
     * all, was never printed (an adversarial tester). The figures come out now, the plot is listed with why, and the
     * runner exits 1 naming it.
     */
    @Test
    void aPlotThatCannotBeWrittenKeepsTheFiguresAndFails() throws IOException {
        Path out = dir.resolve("blocked");
        Files.createDirectories(out.resolve("coin-bias-posterior.png"));
        assertThat(run("run", "coin-bias", "--samples", "3000", "--json", "--out", out.toString())).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(stdout().strip());
        assertThat(root.get("figures")).isNotEmpty();
        assertThat(root.get("plots").toString()).contains("coin-bias-free-energy.png")
                .doesNotContain("coin-bias-posterior.png");
        assertThat(root.get("failedPlots").get(0).asText()).startsWith("the plot coin-bias-posterior.png: ")
                .contains("not a regular file");
        assertThat(stderr().strip()).startsWith("error: the figures are out, but 1 plot could not be written: the "
                + "plot coin-bias-posterior.png").doesNotContain("\n");
        assertThat(out.resolve("coin-bias-free-energy.png")).isRegularFile();
    }

    /** No command printed the usage on standard output and exited 0 (found by a new user). */
    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(stderr().strip()).startsWith("error: no command given; usage: ariadne [list | run NAME | tour");
        assertThat(stdout()).isEmpty();
    }

    /** An output folder that is an existing file was "cannot create the output folder (FileAlreadyExistsException)". */
    @Test
    void anOutputFolderThatIsAFileIsNamedAsSuch() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        // a usage error, exit 2 as an unknown example's (it was 1, an execution error)
        assertThat(run("run", "two-coins", "--samples", "100", "--out", file.toString())).isEqualTo(2);
        assertThat(stderr().strip()).contains("is a file, not a folder").doesNotContain("Exception");
    }

    /** A link to nowhere as the output folder read "(FileAlreadyExistsException: dangl)", exit 1 (a tester). */
    @Test
    void anOutputFolderThatIsADanglingLinkIsNamedAsSuch() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangl"), dir.resolve("nowhere"));
        assertThat(run("run", "two-coins", "--samples", "100", "--out", link.toString())).isEqualTo(2);
        assertThat(stderr().strip()).contains("is a symbolic link to a folder that does not exist")
                .doesNotContain("Exception");
    }

    /** An empty output folder was the working one, which the plots filled unasked (an outside tester). */
    @Test
    void anEmptyOutputFolderIsAUsageError() {
        assertThat(run("run", "two-coins", "--samples", "100", "--out", "")).isEqualTo(2);
        assertThat(stderr().strip()).contains("the output folder is empty: give --out a folder");
    }

    @Test
    void badNumbersAreOneLineErrors() {
        assertThat(run("run", "two-coins", "--samples", "many")).isNotZero();
        assertThat(stderr().strip()).startsWith("error:").contains("many").doesNotContain("\n");
        err.reset();
        assertThat(run("run", "two-coins", "--samples", "-5")).isNotZero();
        assertThat(stderr().strip()).isEqualTo("error: --samples must be > 0, got -5");
        err.reset();
        assertThat(run("tour", "--seed", "x1")).isNotZero();
        assertThat(stderr().strip()).startsWith("error:").doesNotContain("\n");
    }

    @Test
    void lostOutputIsAnErrorNotASuccess() {
        // Standard output closed or full: every write fails, which a PrintStream only records.
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        int status = Main.execute(new String[] {"list"}, new PrintStream(broken, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isNotZero();
        assertThat(stderr().strip()).isEqualTo("error: the output could not be written (standard output closed, "
                + "full or broken): what was printed is incomplete");
    }

    @Test
    void sampleCountsAtTheExtremesGetClearAnswers() {
        assertThat(run("run", "two-coins", "--samples", "9223372036854775807")).isNotZero();
        assertThat(stderr().strip()).isEqualTo("error: --samples must be at most 1000000000000 (10^12 runs per "
                + "inference; an example makes several), got 9223372036854775807");
        err.reset();
        assertThat(run("bench", "--executions", "9223372036854775807")).isNotZero();
        assertThat(stderr().strip()).isEqualTo("error: --executions must be at most 1000000000000 (10^12 runs a "
                + "measurement, as --samples of run), got 9223372036854775807");
        err.reset();
        // One run is enough for two-coins (its exact guide gets max(1, n / 10) runs).
        assertThat(run("run", "two-coins", "--samples", "1", "--seed", "1", "--json", "--out", dir.toString()))
                .isZero();
        assertThat(stderr()).isEmpty();
        // Too few runs for an example's evidence: it says so and goes on (it failed, where every other example coped:
        // an adversarial tester).
        assertThat(run("run", "unknown-rules", "--samples", "10", "--seed", "1", "--out", dir.toString())).isZero();
        assertThat(stdout()).contains("no run of the 10 reproduced the terms, so P(e) and P(next term is 9 | e) have "
                + "no estimate from the prior")
                // its closing line said the share rose "from 0.0% to 0.0%" and "every method agrees" (a tester)
                .contains("runs were too few for sampling to estimate it").doesNotContain("every method agrees");
        out.reset();
        // hmm's closing line said the guide had the lower free energy and larger ESS beside a table of the opposite
        assertThat(run("run", "hmm", "--samples", "1", "--seed", "1", "--out", dir.toString())).isZero();
        assertThat(stdout()).contains("the figures do not tell the two proposals apart")
                .doesNotContain("has a lower free energy and a larger ESS");
    }

    /** An example that fails as a too-small run of one did: its model's evidence met by no run. */
    private static Example failing() {
        return new Example() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public String title() {
                return "an example whose evidence no run meets";
            }

            @Override
            public void run(Notebook nb) {
                throw new IllegalStateException("no run satisfied the evidence");
            }
        };
    }

    /**
     * An adversarial tester's tour with --samples 1 stopped at the eleventh example, and the three after it never ran.
     * A tour now says which example failed, goes on, and fails at its end naming every one that failed.
     */
    @Test
    void aTourGoesOnPastAFailingExampleAndFailsAtItsEnd() {
        Main.RunOptions options = new Main.RunOptions();
        options.samples = 10;
        options.seed = 1;
        options.out = dir.toString();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(text, true, StandardCharsets.UTF_8);
        List<Example> two = List.of(failing(), Examples.byName("two-coins"));
        assertThatThrownBy(() -> Main.runAll(two, options, printed)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("1 of 2 examples failed: failing (--samples 10): ");
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("failed: failing (--samples 10): ").contains("; the tour goes on")
                .contains("# 2/2  two-coins");
    }

    /**
     * A folder under a file is a usage error in one line, as the folder's being a file is: it was exit 1, quoting
     * Java's FileSystemException (an adversarial tester).
     */
    @Test
    void anOutputFolderUnderAFileIsAOneLineUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        assertThat(run("run", "two-coins", "--samples", "1000", "--out", file.resolve("plots").toString()))
                .isEqualTo(2);
        assertThat(stderr().strip()).startsWith("error: the output folder").contains("lies under '"
                + file.toAbsolutePath() + "', a file, not a folder").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void benchPrintsOneJsonLinePerImplementation() throws IOException {
        assertThat(run("bench", "--model", "rare", "--executions", "20000")).isZero();
        String[] lines = stdout().strip().split("\\R");
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode ariadne = mapper.readTree(lines[0]);
        JsonNode hand = mapper.readTree(lines[1]);
        assertThat(ariadne.get("model").asText()).isEqualTo("rare");
        assertThat(ariadne.get("impl").asText()).isEqualTo("ariadne");
        assertThat(hand.get("impl").asText()).isEqualTo("handwritten");
        assertThat(ariadne.get("executions").asLong()).isEqualTo(20000);
        assertThat(ariadne.get("threads").asInt()).isEqualTo(1);
        assertThat(ariadne.get("execPerSec").asDouble()).isPositive();
        assertThat(ariadne.has("logZ")).isTrue();
    }

    @Test
    void benchRejectsUnknownModelsAndBadNumbersInOneLine() {
        assertThat(run("bench", "--model", "gauss")).as("a usage error, as a bad number is").isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("error: unknown model 'gauss'; choose one of linreg, rare, hmm, logreg, "
                + "mixture, poisson, betabin, groups, hmm-smc");
        err.reset();
        assertThat(run("bench", "--threads", "0")).isNotZero();
        assertThat(stderr().strip()).isEqualTo("error: --threads must be > 0, got 0");
        err.reset();
        assertThat(run("bench", "--threads", "99999")).isNotZero();
        assertThat(stderr().strip()).isEqualTo("error: --threads must be at most 256 (Ariadne runs at most that many), "
                + "got 99999");
    }
}
