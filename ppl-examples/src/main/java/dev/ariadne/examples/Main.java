package dev.ariadne.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.inference.run.LocalBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The command-line runner: {@code list}, {@code run NAME}, {@code tour}. Errors (an unknown example, a bad number,
 * an output folder that cannot be written) print one line and exit non-zero, never a stack trace. Output that
 * could not be written (standard output closed, a full disk, a broken pipe) is an error too: the runner says so on
 * standard error and exits non-zero, so a script never mistakes a truncated result for a complete one.
 */
@Command(name = "ariadne", mixinStandardHelpOptions = true, version = "Ariadne 0.1.0",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Probabilistic programming in Java: guided models, certified bounds, searched guides.",
        subcommands = {Main.ListCommand.class, Main.RunCommand.class, Main.TourCommand.class, Main.BenchCommand.class})
public final class Main implements Callable<Integer> {

    /** The most runs per inference {@code --samples} accepts: beyond it the examples would run for days. */
    static final long MAX_SAMPLES = 1_000_000_000_000L;

    private final PrintStream out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Main(PrintStream out) {
        this.out = out;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(out), new Factory(out));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                List<String> near = unmatched.getSuggestions();
                if (!near.isEmpty()) {
                    err.println("did you mean " + String.join(" or ", near) + "?");
                }
            }
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("error: " + oneLine(ex));
            return 1;
        });
        int status = cl.execute(args);
        // A PrintStream swallows write errors and only records them: ask, or lost output would exit 0.
        if (out.checkError()) {
            err.println("error: the output could not be written (standard output closed, full or broken): what was "
                    + "printed is incomplete");
            return status == 0 ? 1 : status;
        }
        return status;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replace(System.lineSeparator(), " ");
    }

    /** No command: a usage error (exit 2), with the usage on standard error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "no command given; usage: ariadne [list | run NAME | tour | bench] (--help for options)");
    }

    /** Creates commands with the runner's output stream. */
    private static final class Factory implements CommandLine.IFactory {
        private final PrintStream out;

        Factory(PrintStream out) {
            this.out = out;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ListCommand.class) {
                return cls.cast(new ListCommand(out));
            }
            if (cls == RunCommand.class) {
                return cls.cast(new RunCommand(out));
            }
            if (cls == TourCommand.class) {
                return cls.cast(new TourCommand(out));
            }
            if (cls == BenchCommand.class) {
                return cls.cast(new BenchCommand(out));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** The options every example run shares. */
    static class RunOptions {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        long samples;

        @Option(names = "--seed", description = "the seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
        long seed;

        @Option(names = "--out", description = "folder for plots (default: ${DEFAULT-VALUE})",
                defaultValue = "ariadne-out")
        String out;

        @Option(names = "--json", description = "print the headline numbers as JSON, without narrative")
        boolean json;

        @Option(names = "--samples", description = "runs per inference (default: each example's own; a "
                + "certification of rare evidence keeps at least its own, as rare-event's 100,000); hmm-filter "
                + "reads it as a budget: a tenth of it as importance-sampling runs, 1,000 to 100,000, and the rest "
                + "as 100 sweeps of at least 200 particles")
        void setSamples(long n) {
            if (n <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be > 0, got " + n);
            }
            if (n > MAX_SAMPLES) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be at most "
                        + MAX_SAMPLES + " (10^12 runs per inference; an example makes several), got " + n);
            }
            samples = n;
        }

        Path outDir() {
            if (out.isBlank()) {
                // an empty path is the working folder, which the plots would then fill unasked (an outside tester)
                throw new CommandLine.ParameterException(spec.commandLine(), "the output folder is empty: give --out "
                        + "a folder (--out . for the working one)");
            }
            Path dir;
            try {
                dir = Path.of(out);
            } catch (InvalidPathException e) {
                // usage errors (exit 2), as an unknown example or a bad number is; a folder that cannot be made is not
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot use the output folder '" + out
                        + "': " + e.getMessage());
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the output folder '" + out + "' is a "
                        + "file, not a folder: give --out a folder to create or one that exists");
            }
            if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
                // Java's FileAlreadyExistsException, exit 1, for a link to nowhere or a loop (an adversarial tester)
                throw new CommandLine.ParameterException(spec.commandLine(), "the output folder '" + out + "' is a "
                        + "symbolic link to a folder that does not exist (or a loop of links): give --out a folder to "
                        + "create or one that exists");
            }
            for (Path up = dir.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
                if (Files.exists(up) && !Files.isDirectory(up)) {
                    // a usage error as the folder's being a file is (exit 2); it was exit 1, quoting Java's
                    // FileSystemException (an adversarial tester)
                    throw new CommandLine.ParameterException(spec.commandLine(), "the output folder '" + out
                            + "' lies under '" + up + "', a file, not a folder: give --out a folder to create or one "
                            + "that exists");
                }
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException | SecurityException e) {
                throw new IllegalArgumentException("cannot create the output folder '" + out + "' ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new IllegalArgumentException("cannot write to the output folder '" + out + "'");
            }
            return dir;
        }
    }

    /** {@code list}: the examples in tour order. */
    @Command(name = "list", description = "List the examples.")
    static final class ListCommand implements Callable<Integer> {
        private final PrintStream out;

        ListCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            int width = 0;
            for (Example e : Examples.all()) {
                width = Math.max(width, e.name().length());
            }
            int i = 1;
            for (Example e : Examples.all()) {
                out.printf(Locale.ROOT, "%2d  %-" + width + "s  %s%n", i++, e.name(), e.title());
            }
            return 0;
        }
    }

    /** {@code run NAME}: one example. */
    @Command(name = "run", description = "Run one example.")
    static final class RunCommand extends RunOptions implements Callable<Integer> {
        private final PrintStream out;

        String name;

        /** An unknown name is a usage error (exit 2), as a bad number is, refused before anything runs. */
        @Parameters(index = "0", description = "the example's name (see list)")
        void setName(String n) {
            try {
                Examples.byName(n);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            name = n;
        }

        RunCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            Example e = Examples.byName(name);
            return runAll(List.of(e), this, out);
        }
    }

    /** {@code tour}: every example in order. */
    @Command(name = "tour", description = "Run every example in order, with its narrative.")
    static final class TourCommand extends RunOptions implements Callable<Integer> {
        private final PrintStream out;

        TourCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            if (!json) {
                out.println("Ariadne: a tour of guided probabilistic programs (" + Examples.all().size()
                        + " examples)");
            }
            return runAll(Examples.all(), this, out);
        }
    }

    /** {@code bench}: the reference workloads, one JSON line per model and implementation. */
    @Command(name = "bench", description = "Time the workloads (linreg, rare, hmm, logreg, mixture, poisson, "
            + "betabin, groups, hmm-smc) against a hand-written Java baseline; one JSON line each, after warm-up.")
    static final class BenchCommand implements Callable<Integer> {
        private final PrintStream out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        String model;

        long executions = dev.ariadne.bench.BenchCommand.DEFAULT_EXECUTIONS;
        int threads = 1;

        BenchCommand(PrintStream out) {
            this.out = out;
        }

        /** An unknown name is a usage error (exit 2), as a bad number is, and is refused before anything runs. */
        @Option(names = "--model", description = "linreg, rare, hmm, logreg, mixture, poisson, betabin, groups or hmm-smc "
                + "(default: all)")
        void setModel(String name) {
            try {
                dev.ariadne.bench.BenchCommand.checkModel(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            model = name;
        }

        @Option(names = "--executions", description = "runs per measurement (default: 1000000)")
        void setExecutions(long n) {
            if (n <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--executions must be > 0, got " + n);
            }
            if (n > MAX_SAMPLES) {
                // 2^63 - 1 ran for three minutes and died of a full heap with a bare stack trace (an adversarial
                // tester)
                throw new CommandLine.ParameterException(spec.commandLine(), "--executions must be at most "
                        + MAX_SAMPLES + " (10^12 runs a measurement, as --samples of run), got " + n);
            }
            executions = n;
        }

        @Option(names = "--threads", description = "worker threads, 1 to 256 (default: 1)")
        void setThreads(int k) {
            if (k <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be > 0, got " + k);
            }
            if (k > LocalBackend.MAX_THREADS) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at most "
                        + LocalBackend.MAX_THREADS + " (Ariadne runs at most that many), got " + k);
            }
            threads = k;
        }

        @Option(names = "--after-check", description = "first run Importance.check on each workload in its JVM, as a "
                + "user does before a long run, so that the lines measure the fast path after the general path ran")
        boolean afterCheck;

        @Override
        public Integer call() {
            dev.ariadne.bench.BenchCommand.run(model, executions, threads,
                    dev.ariadne.bench.BenchCommand.DEFAULT_REPEATS, true, false, afterCheck, out);
            return 0;
        }
    }

    static int runAll(List<Example> examples, RunOptions o, PrintStream out) {
        boolean made;
        try {
            made = !Files.exists(Path.of(o.out));
        } catch (InvalidPathException e) {
            made = false; // outDir says why
        }
        Path dir = o.outDir();
        try {
            return runAll(examples, o, out, dir);
        } finally {
            if (made) {
                removeIfEmpty(dir); // a run that wrote no plot leaves no empty folder behind
            }
        }
    }

    private static void removeIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException | SecurityException ignored) {
            // the folder stays: harmless
        }
    }

    private static int runAll(List<Example> examples, RunOptions o, PrintStream out, Path dir) {
        ObjectMapper mapper = new ObjectMapper();
        int i = 1;
        List<String> failed = new ArrayList<>();
        List<String> unwritten = new ArrayList<>();
        for (Example e : examples) {
            Notebook nb = new Notebook(out, o.json, o.samples, o.seed, dir, ProgressBar.terminal());
            if (!o.json) {
                out.println();
                out.println("#".repeat(78));
                out.printf(Locale.ROOT, "# %d/%d  %s: %s%n", i, examples.size(), e.name(), e.title());
                out.println("#".repeat(78));
            }
            try {
                e.run(nb);
            } catch (RuntimeException ex) {
                // Say which example failed and with how many runs: a tiny --samples is a common cause.
                String why = e.name() + (o.samples > 0 ? " (--samples " + o.samples + ")" : "") + ": " + oneLine(ex);
                if (examples.size() == 1) {
                    throw new IllegalStateException(why, ex);
                }
                // A tour says so and goes on to the next example; it fails at its end.
                failed.add(why);
                if (o.json) {
                    ObjectNode root = mapper.createObjectNode();
                    root.put("example", e.name());
                    root.put("error", why);
                    out.println(root);
                } else {
                    out.println("failed: " + why + "; the tour goes on");
                }
                i++;
                continue;
            }
            if (o.json) {
                out.println(toJson(mapper, e, nb));
            } else if (!nb.plots().isEmpty()) {
                out.println("Plots: " + String.join(", ", nb.plots().stream().map(Path::toString).toList()));
            }
            unwritten.addAll(nb.failedPlots());
            i++;
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + examples.size() + " examples failed: "
                    + String.join("; ", failed) + (unwritten.isEmpty() ? "" : "; and " + unwrittenPlots(unwritten)));
        }
        if (!unwritten.isEmpty()) {
            throw new IllegalStateException("the figures are out, but " + unwrittenPlots(unwritten));
        }
        return 0;
    }

    private static String unwrittenPlots(List<String> why) {
        return (why.size() == 1 ? "1 plot" : why.size() + " plots") + " could not be written: "
                + String.join("; ", why);
    }

    private static String toJson(ObjectMapper mapper, Example e, Notebook nb) {
        ObjectNode root = mapper.createObjectNode();
        root.put("example", e.name());
        root.put("title", e.title());
        ArrayNode figures = root.putArray("figures");
        for (Figure f : nb.figures()) {
            ObjectNode n = figures.addObject();
            n.put("name", f.name());
            n.put("estimate", f.estimate());
            putFinite(n, "standardError", f.standardError());
            putFinite(n, "exact", f.exact());
            putFinite(n, "ess", f.ess());
            n.put("trusted", f.trusted());
        }
        ArrayNode plots = root.putArray("plots");
        nb.plots().forEach(p -> plots.add(p.toString()));
        if (!nb.skippedPlots().isEmpty()) {
            ArrayNode skipped = root.putArray("skippedPlots");
            nb.skippedPlots().forEach(skipped::add);
        }
        if (!nb.failedPlots().isEmpty()) {
            ArrayNode unwritten = root.putArray("failedPlots");
            nb.failedPlots().forEach(unwritten::add);
        }
        root.put("notice", nb.notice());
        try {
            return mapper.writeValueAsString(root);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void putFinite(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
