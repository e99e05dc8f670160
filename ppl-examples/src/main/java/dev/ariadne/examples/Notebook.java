package dev.ariadne.examples;

import dev.ariadne.inference.Diagnostics;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.ProgressListener;
import dev.ariadne.inference.smc.SmcDiagnostics;
import dev.ariadne.inference.smc.SmcResult;
import dev.ariadne.inference.stats.DirectedRounding;
import dev.ariadne.inference.stats.ParetoKHat;
import dev.ariadne.search.Certification;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What an example writes to: the narrative and tables (silent in JSON mode), the headline figures its test
 * checks, the plots it writes and the one line the reader should notice. It also carries the run settings the
 * user chose on the command line.
 */
public final class Notebook {

    private final PrintStream out;
    private final boolean json;
    private final long samples;
    private final long seed;
    private final Path outDir;
    private final boolean progress;
    private final List<Figure> figures = new ArrayList<>();
    private final List<Path> plots = new ArrayList<>();
    private final List<String> skippedPlots = new ArrayList<>();
    private final List<String> failedPlots = new ArrayList<>();
    private String notice = "";

    /**
     * @param out      where the narrative goes
     * @param json     whether the runner prints JSON instead of the narrative
     * @param samples  the user's sample count, or 0 for each example's default
     * @param seed     the seed
     * @param outDir   where plots are written
     * @param progress whether to draw progress bars
     */
    public Notebook(PrintStream out, boolean json, long samples, long seed, Path outDir, boolean progress) {
        this.out = out;
        this.json = json;
        this.samples = samples;
        this.seed = seed;
        this.outDir = outDir;
        this.progress = progress && !json;
    }

    /** The number of runs to make: the user's choice, else the example's default. */
    public long samples(long exampleDefault) {
        return samples > 0 ? samples : exampleDefault;
    }

    /** The seed for the example's runs. */
    public long seed() {
        return seed;
    }

    /** A progress listener for a long call (silent unless on a terminal). */
    public ProgressListener progress(String label) {
        return new ProgressBar(System.err, progress, label, "runs");
    }

    /** A progress callback for a guide search of {@code steps} steps (silent unless on a terminal). */
    public java.util.function.Consumer<dev.ariadne.search.SearchStep> searchProgress(String label, int steps) {
        ProgressBar bar = new ProgressBar(System.err, progress, label, "steps");
        return s -> bar.onProgress(Math.min(s.step(), steps), steps);
    }

    /** Prints a heading. */
    public void heading(String text) {
        if (!json) {
            out.println();
            out.println("== " + text + " ==");
        }
    }

    /** Prints a paragraph of narrative. */
    public void say(String text) {
        if (!json) {
            out.println(text);
        }
    }

    /** Prints a formatted line of narrative. */
    public void sayf(String format, Object... args) {
        say(String.format(Locale.ROOT, format, args));
    }

    /** Prints a table with a header row. */
    public void table(String[] header, List<String[]> rows) {
        if (json) {
            return;
        }
        int[] w = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            w[c] = header[c].length();
            for (String[] r : rows) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder rule = new StringBuilder();
        printRow(header, w);
        for (int c = 0; c < header.length; c++) {
            rule.append("-".repeat(w[c])).append(c + 1 < header.length ? "  " : "");
        }
        out.println("  " + rule);
        rows.forEach(r -> printRow(r, w));
    }

    private void printRow(String[] r, int[] w) {
        StringBuilder sb = new StringBuilder("  ");
        for (int c = 0; c < r.length; c++) {
            sb.append(String.format(Locale.ROOT, c == 0 ? "%-" + w[c] + "s" : "%" + w[c] + "s", r[c]));
            if (c + 1 < r.length) {
                sb.append("  ");
            }
        }
        out.println(sb);
    }

    /** Records a headline figure (and prints it with the exact value beside it). */
    public void figure(String name, double estimate, double standardError, double exact, double ess) {
        figure(name, estimate, standardError, exact, ess, true);
    }

    /**
     * Records a headline figure, {@code trusted} or not: an untrusted one's standard error is not to be relied on
     * (chains that disagree, weights whose variance may be infinite), so it is printed but not checked.
     */
    public void figure(String name, double estimate, double standardError, double exact, double ess,
                       boolean trusted) {
        // No figure is known closer than the rounding of the sums that made it: a perfect guide's free energy was
        // written with a standard error of 1.1e-18, and read 51 to 100 of them from its exact value (an adversarial
        // tester reading the JSON), the distance being rounding alone
        standardError = Math.max(standardError, ROUNDING * Math.max(1, Math.abs(estimate)));
        figures.add(new Figure(name, estimate, standardError, exact, ess, trusted));
        String se = Double.isFinite(standardError) ? String.format(Locale.ROOT, " +- %.3g", standardError) : "";
        String ex = Double.isNaN(exact) ? "" : String.format(Locale.ROOT, "   (exact %.6g)", exact);
        sayf("  %-40s %.6g%s%s", name, estimate, se, ex);
    }

    /** The relative rounding below which no figure's standard error is written. */
    static final double ROUNDING = 1e-12;

    /** Pareto k-hat above which the weights' variance may be infinite, and a standard error may mean nothing. */
    private static final double FINITE_VARIANCE_K = 0.5;

    /** Records a headline estimate against the exact value. */
    public void figure(String name, Estimate e, double exact, double ess) {
        figure(name, e.value(), e.standardError(), exact, ess);
    }

    /**
     * Records a headline estimate from an importance-sampling result. When the weights' tail is heavy (Pareto
     * k-hat above 0.5, where the weights' variance may be infinite, unless the tail is discrete with a large
     * ESS), or there are too few runs to judge it, or the diagnostics give any verdict (a tail no run drew, a value
     * the runs barely draw), the standard error is not trustworthy, so the figure is printed with a warning and not
     * checked.
     */
    public void figure(String name, Estimate e, double exact, ImportanceResult<?> from) {
        figure(name, e.value(), e.standardError(), exact, from);
    }

    /**
     * Records a certified guide's log P(e): as {@link #figure(String, Estimate, double, ImportanceResult)} on the
     * certifying runs, and not checked when subset simulation from the prior found a region the guide misses
     * ({@link Certification#missedRegion()}), which no diagnostic of those runs can see.
     */
    public void figure(String name, Certification c, double exact) {
        if (c.missedRegion().isPresent()) {
            figure(name + " [the guide misses a region of the event]", c.logEvidence().value(),
                    c.logEvidence().standardError(), exact, c.result().diagnostics().ess(), false);
            sayf("  warning: %s", c.missedRegion().get());
            return;
        }
        figure(name, c.logEvidence(), exact, c.result());
    }

    /**
     * Whether the diagnostics say nothing but that a discrete model's largest weights tie (k-hat then describes the
     * ties, and the verdict itself says to judge by the ESS): the one verdict that leaves the standard error standing.
     */
    private static boolean onlyTies(Diagnostics d) {
        return d.verdicts().stream().allMatch(v -> d.discreteTail() && v.startsWith("Pareto k-hat")
                && v.contains("the largest weights repeat a few values"));
    }

    /** As {@link #figure(String, Estimate, double, ImportanceResult)}, for an estimate given as numbers. */
    public void figure(String name, double estimate, double standardError, double exact, ImportanceResult<?> from) {
        Diagnostics d = from.diagnostics();
        boolean tailFine = d.tailOk() && (d.paretoK() <= FINITE_VARIANCE_K || d.discreteTail());
        if (tailFine && onlyTies(d)) {
            figure(name, estimate, standardError, exact, d.ess());
        } else if (tailFine) {
            // k-hat is fine, but a verdict read what the weights cannot show (a tail no run drew, a value the runs
            // barely draw): the standard error speaks only for the runs drawn.
            figure(name + " [a diagnostic verdict: see the report]", estimate, standardError, exact,
                    d.ess(), false);
        } else if (d.tailOk()) {
            figure(name + String.format(Locale.ROOT, " [standard error unreliable: k-hat %.2f > %s]",
                    d.paretoK(), FINITE_VARIANCE_K), estimate, standardError, exact, d.ess(), false);
        } else if (d.runs() < ParetoKHat.RUNS_TO_JUDGE) {
            figure(name + String.format(Locale.ROOT, " [tail not judged: %d runs]", d.runs()),
                    estimate, standardError, exact, d.ess(), false);
        } else if (d.discreteTail()) {
            // k-hat does not describe a discrete tail: its ESS below 1,000 is why (the label said "k-hat -5.47"; a
            // new user)
            figure(name + String.format(Locale.ROOT, " [unreliable: a discrete tail with ESS %.0f "
                    + "< 1,000]", d.ess()), estimate, standardError, exact, d.ess(), false);
        } else {
            figure(name + " [unreliable: " + kHat(d.paretoK()) + "]",
                    estimate, standardError, exact, d.ess(), false);
        }
    }

    /**
     * Records a headline estimate of SMC, trusted only where its diagnostics give no verdict: the annealed example's
     * figure was written "trusted" in the JSON while its report said its standard error was unreliable (a new user).
     * Its {@code ess} is the particles of all sweeps, the figure the example's check reads as its sample size; the
     * estimate's standard error comes from the sweeps' spread.
     */
    public void figure(String name, double estimate, double standardError, double exact, SmcResult<?> from) {
        SmcDiagnostics d = from.diagnostics();
        boolean trusted = d.verdicts().isEmpty();
        figure(trusted ? name : name + " [a diagnostic verdict: see the report]", estimate, standardError, exact,
                (double) from.particles() * d.sweeps(), trusted);
    }

    /** States the one thing the reader should notice. */
    public void notice(String text) {
        this.notice = text;
        say("");
        say("Notice: " + text);
    }

    /**
     * Draws a plot: {@code draw} writes the file of that name in the output folder, and the plot is recorded. A plot
     * that cannot be written (a folder of its name there, a full disk) is said, listed under {@link #failedPlots()},
     * and the example goes on: its figures are not lost to a picture, and the runner fails once they are out.
     */
    public void plot(String fileName, Consumer<Path> draw) {
        Path p = outDir.resolve(fileName);
        try {
            draw.accept(p);
            plots.add(p);
        } catch (UncheckedIOException e) {
            failedPlots.add(e.getMessage());
            say("(Not written: " + e.getMessage() + ".)");
        }
    }

    /** The plots that could not be written, each with why. */
    public List<String> failedPlots() {
        return Collections.unmodifiableList(failedPlots);
    }

    /**
     * Says that a plot was not drawn and why (too few runs for its points, say), so that a run that asked for fewer
     * runs is not left wondering where its plot went; the JSON output lists it under {@code skippedPlots}.
     */
    public void plotSkipped(String fileName, String why) {
        String stale = removeEarlier(outDir.resolve(fileName));
        skippedPlots.add(fileName + ": " + why + stale);
        say("(No plot " + fileName + ": " + why + stale + ".)");
    }

    /**
     * Removes a plot of that name that an earlier run left in the output folder, which would read as this run's (an
     * adversarial tester: a run of 500 runs left the plot of another seed's 10,000 beside its figures); says what
     * was done, or nothing where no such file was there.
     */
    private static String removeEarlier(Path plot) {
        if (!Files.isRegularFile(plot)) {
            return "";
        }
        try {
            Files.delete(plot);
            return "; the " + plot.getFileName() + " an earlier run left there was removed";
        } catch (IOException e) {
            return "; the " + plot.getFileName() + " there is an earlier run's, and could not be removed ("
                    + e.getMessage() + ")";
        }
    }

    /** The plots not drawn, each with its reason. */
    public List<String> skippedPlots() {
        return Collections.unmodifiableList(skippedPlots);
    }

    /** The output folder. */
    public Path outDir() {
        return outDir;
    }

    /** The figures recorded so far. */
    public List<Figure> figures() {
        return Collections.unmodifiableList(figures);
    }

    /** The plots written so far. */
    public List<Path> plots() {
        return Collections.unmodifiableList(plots);
    }

    /** The one-line notice. */
    public String notice() {
        return notice;
    }

    /** Formats a count-like figure (an ESS, a number of runs) for tables. */
    public static String count(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%,.0f", x) : String.valueOf(x);
    }

    /** Formats a number for tables. */
    public static String num(double x) {
        if (fixedRange(x)) {
            return String.format(Locale.ROOT, "%.5f", x);
        }
        return String.format(Locale.ROOT, "%.4e", x);
    }

    /**
     * Formats a lower bound's value or a lower end for tables as {@link #num} does, rounded down: still a bound (five
     * significant digits outside num's fixed range, as its {@code %.4e} prints them).
     */
    public static String lower(double x) {
        return !Double.isFinite(x) ? num(x) : fixedRange(x) ? DirectedRounding.downFixed(x, 5)
                : scientific(DirectedRounding.down(x, 5));
    }

    /** Formats an upper end for tables as {@link #num} does, rounded up: still a bound. */
    public static String upper(double x) {
        return !Double.isFinite(x) ? num(x) : fixedRange(x) ? DirectedRounding.upFixed(x, 5)
                : scientific(DirectedRounding.up(x, 5));
    }

    /** Five significant digits already rounded, in num's {@code %.4e} layout (exact: nothing is left to round). */
    private static String scientific(String fiveDigits) {
        return String.format(Locale.ROOT, "%.4e", new java.math.BigDecimal(fiveDigits));
    }

    /** Whether {@link #num} prints {@code x} with five decimals rather than in scientific form. */
    private static boolean fixedRange(double x) {
        return x == 0 || (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6);
    }

    /**
     * "k-hat 0.73", or where the runs give no tail to fit (a handful of runs, or weights all equal) "no k-hat: no
     * tail to fit": at one run the examples printed "k-hat -Infinity" (an adversarial tester).
     */
    public static String kHat(double k) {
        return Double.isFinite(k) ? String.format(Locale.ROOT, "k-hat %.2f", k) : "no k-hat: no tail to fit";
    }
}
