package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.inference.Importance;

import dev.ariadne.inference.run.LocalBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The throughput harness: for each workload, warms up, then times Ariadne's importance sampler and the
 * hand-written baseline on the same runs and prints one JSON line each, in the format of the WebPPL reference
 * scripts plus {@code "impl"} and {@code "threads"}:
 * <pre>{"model":"rare","executions":1000000,"seconds":0.41,"execPerSec":2439024.3,"logZ":-34.25,"impl":"ariadne","threads":1}</pre>
 * The time is around the inference call only; with several repeats it is the median.
 */
public final class BenchCommand {

    /** The seed of every measured run. */
    public static final long SEED = 20240607L;
    /** The default number of executions per measurement. */
    public static final long DEFAULT_EXECUTIONS = 1_000_000;
    /** The default number of timed repeats (the median is printed). */
    public static final int DEFAULT_REPEATS = 3;

    /** The default number of paired rounds of {@link #scaling}. */
    public static final int DEFAULT_SCALING_ROUNDS = 9;

    private static final double WARMUP_SECONDS = 2.0;

    private BenchCommand() {
    }

    /**
     * Benchmarks {@code model} (a {@link Workload}'s label; null for all) with the default number of repeats.
     *
     * @param model      the workload's name, or null for all
     * @param executions runs per measurement
     * @param threads    threads for both Ariadne and the baseline
     * @param out        where the JSON lines go
     */
    public static void run(String model, long executions, int threads, PrintStream out) {
        run(model, executions, threads, DEFAULT_REPEATS, true, out);
    }

    /**
     * Benchmarks {@code model} (null for all), printing the median of {@code repeats} timed runs, and the
     * hand-written baseline's line too if {@code handWritten}.
     */
    public static void run(String model, long executions, int threads, int repeats, boolean handWritten,
                           PrintStream out) {
        run(model, executions, threads, repeats, handWritten, false, out);
    }

    /**
     * As above; with {@code cpuTime}, each line also carries {@code "cpuSeconds"}: the median CPU time of the
     * process over the timed call, which a loaded machine disturbs far less than the elapsed time.
     */
    public static void run(String model, long executions, int threads, int repeats, boolean handWritten,
                           boolean cpuTime, PrintStream out) {
        run(model, executions, threads, repeats, handWritten, cpuTime, false, out);
    }

    /**
     * As above; with {@code afterCheck}, each workload's JVM first runs {@code Importance.check} on its model and
     * guide (200 runs on the general path, which holds each site's prior, as a user is told to do before a long
     * run), so that the lines measure the direct path after the general path has run in the same JVM. On one
     * thread the Ariadne line also carries {@code "bytesPerRun"}: the median over the repeats of the bytes the
     * calling thread, which makes the runs, allocated per run.
     */
    public static void run(String model, long executions, int threads, int repeats, boolean handWritten,
                           boolean cpuTime, boolean afterCheck, PrintStream out) {
        if (executions <= 0) {
            throw new IllegalArgumentException("executions must be > 0, got " + executions);
        }
        if (threads <= 0 || threads > LocalBackend.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [1, " + LocalBackend.MAX_THREADS + "] (Ariadne "
                    + "runs at most that many, and the baseline starts one thread each), got " + threads);
        }
        if (repeats <= 0) {
            throw new IllegalArgumentException("repeats must be > 0, got " + repeats);
        }
        if (model == null) {
            // One JVM per workload, as JMH forks: in a shared JVM the engine's call sites see every workload's
            // types, and the JIT's profile for the later ones is polluted (linreg measured 2.7x slower so).
            for (String w : models()) {
                if (!forked(w, executions, threads, repeats, handWritten, cpuTime, afterCheck, out)) {
                    run(w, executions, threads, repeats, handWritten, cpuTime, afterCheck, out);
                }
            }
            return;
        }
        if (HmmSmc.NAME.equalsIgnoreCase(model)) {
            if (threads != 1) {
                throw new IllegalArgumentException(HmmSmc.NAME + " is measured on one thread, as WebPPL runs");
            }
            SmcBench.run(executions, repeats, handWritten, cpuTime, out);
            return;
        }
        for (Workload w : List.of(Workload.named(model))) {
            if (afterCheck) {
                Guide g = w.guide();
                Importance.check(w.model(), g == null ? Guide.prior() : g);
            }
            long warmRuns = Math.min(executions, 200_000);
            warmUp(() -> w.runAriadne(warmRuns, SEED + 1, threads));
            if (handWritten) {
                warmUp(() -> w.runHandWritten(warmRuns, SEED + 1, threads));
            }
            // Timed repeats alternate between the two implementations, so that a change in the machine's load
            // affects both alike.
            double[] seconds = new double[repeats];
            double[] cpu = new double[repeats];
            double[] hwSeconds = new double[repeats];
            double[] hwCpu = new double[repeats];
            double[] bytes = new double[repeats];
            double logZ = 0;
            double hwLogZ = 0;
            for (int r = 0; r < repeats; r++) {
                long b0 = allocatedBytes();
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                logZ = w.runAriadne(executions, SEED, threads).logEvidence().value();
                seconds[r] = (System.nanoTime() - t0) * 1e-9;
                cpu[r] = (processCpuNanos() - c0) * 1e-9;
                bytes[r] = b0 < 0 ? Double.NaN : (allocatedBytes() - b0) / (double) executions;
                if (handWritten) {
                    c0 = processCpuNanos();
                    t0 = System.nanoTime();
                    hwLogZ = w.runHandWritten(executions, SEED, threads);
                    hwSeconds[r] = (System.nanoTime() - t0) * 1e-9;
                    hwCpu[r] = (processCpuNanos() - c0) * 1e-9;
                }
            }
            out.println(line(w.label(), executions, median(seconds), logZ, "ariadne", threads,
                    cpuTime ? median(cpu) : Double.NaN, threads == 1 ? median(bytes) : Double.NaN));
            if (handWritten) {
                out.println(line(w.label(), executions, median(hwSeconds), hwLogZ, "handwritten", threads,
                        cpuTime ? median(hwCpu) : Double.NaN));
            }
            out.flush();
        }
    }

    /**
     * Measures how {@code threads} threads scale against one, in pairs: each of {@code repeats} rounds times one
     * thread and then {@code threads} threads, for Ariadne and then for the hand-written baseline, and one line per
     * implementation gives the median over the rounds of (time on one thread / time on {@code threads}) with every
     * round's ratio. The two runs of a pair share the machine's momentary load, which on a shared machine moves
     * the separate medians of two invocations by more than the effect measured:
     * <pre>{"model":"rare","executions":3000000,"impl":"ariadne","threads":2,"scaling":1.76,"rounds":[1.55,2.0,...]}</pre>
     */
    public static void scaling(String model, long executions, int threads, int repeats, PrintStream out) {
        if (executions <= 0 || threads < 2 || repeats <= 0) {
            throw new IllegalArgumentException("scaling needs executions > 0, threads >= 2 and repeats > 0, got "
                    + executions + ", " + threads + ", " + repeats);
        }
        Workload w = Workload.named(model);
        long warmRuns = Math.min(executions, 200_000);
        warmUp(() -> {
            w.runAriadne(warmRuns, SEED + 1, 1);
            w.runAriadne(warmRuns, SEED + 1, threads);
            w.runHandWritten(warmRuns, SEED + 1, 1);
            w.runHandWritten(warmRuns, SEED + 1, threads);
        });
        double[] ariadne = new double[repeats];
        double[] handWritten = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            w.runAriadne(executions, SEED, 1);
            long t1 = System.nanoTime();
            w.runAriadne(executions, SEED, threads);
            long t2 = System.nanoTime();
            w.runHandWritten(executions, SEED, 1);
            long t3 = System.nanoTime();
            w.runHandWritten(executions, SEED, threads);
            long t4 = System.nanoTime();
            ariadne[r] = (double) (t1 - t0) / (t2 - t1);
            handWritten[r] = (double) (t3 - t2) / (t4 - t3);
        }
        out.println(scalingLine(w.label(), executions, "ariadne", threads, ariadne));
        out.println(scalingLine(w.label(), executions, "handwritten", threads, handWritten));
        out.flush();
    }

    private static String scalingLine(String model, long executions, String impl, int threads, double[] ratios) {
        StringBuilder rounds = new StringBuilder();
        for (double x : ratios) {
            rounds.append(rounds.length() == 0 ? "" : ",").append(number(Math.round(x * 100) / 100.0));
        }
        return "{\"model\":\"" + model + "\",\"executions\":" + executions + ",\"impl\":\"" + impl
                + "\",\"threads\":" + threads + ",\"scaling\":" + number(median(ratios)) + ",\"rounds\":["
                + rounds + "]}";
    }

    /** Every workload's name, in the order {@code bench} runs them: the importance workloads, then hmm-smc. */
    public static List<String> models() {
        List<String> names = new ArrayList<>();
        for (Workload w : Workload.values()) {
            names.add(w.label());
        }
        names.add(HmmSmc.NAME);
        return names;
    }

    /**
     * The workload named {@code name} (case-insensitive), as the command spells it.
     *
     * @throws IllegalArgumentException naming the known workloads
     */
    public static String checkModel(String name) {
        for (String m : models()) {
            if (m.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; choose one of " + String.join(", ", models()));
    }

    /**
     * Runs one workload in a fresh JVM with this one's class path and copies its lines to {@code out}.
     *
     * @return false when no child JVM could be started (the caller then measures in this JVM)
     */
    private static boolean forked(String w, long executions, int threads, int repeats, boolean handWritten,
                                  boolean cpuTime, boolean afterCheck, PrintStream out) {
        if (HmmSmc.NAME.equals(w) && threads != 1) {
            return true; // measured on one thread only
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                BenchMain.class.getName(), "--model", w, "--executions", Long.toString(executions),
                "--threads", Integer.toString(threads), "--repeats", Integer.toString(repeats)));
        if (!handWritten) {
            command.add("--no-handwritten");
        }
        if (cpuTime) {
            command.add("--cpu");
        }
        if (afterCheck) {
            command.add("--after-check");
        }
        Process child;
        try {
            child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return false;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(line);
            }
            out.flush();
            if (child.waitFor() != 0) {
                throw new IllegalStateException("the benchmark of " + w + " failed in its own JVM (exit "
                        + child.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the benchmark of " + w + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            throw new IllegalStateException("interrupted while benchmarking " + w, e);
        }
        return true;
    }

    /** The CPU time of this process (all threads, JIT and GC included), or 0 where the JVM cannot tell. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }

    /** Runs {@code r} at least three times and for at least the warm-up time. */
    static void warmUp(Runnable r) {
        long end = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        int rounds = 0;
        while (rounds < 3 || System.nanoTime() < end) {
            r.run();
            rounds++;
        }
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** One JSON line, keys in the reference scripts' order. */
    static String line(String model, long executions, double seconds, double logZ, String impl, int threads,
                       double cpuSeconds) {
        return line(model, executions, seconds, logZ, impl, threads, cpuSeconds, Double.NaN);
    }

    /** {@link #line(String, long, double, double, String, int, double)} with the bytes a run allocated (NaN: none). */
    static String line(String model, long executions, double seconds, double logZ, String impl, int threads,
                       double cpuSeconds, double bytesPerRun) {
        return "{\"model\":\"" + model + "\",\"executions\":" + executions + ",\"seconds\":" + number(seconds)
                + ",\"execPerSec\":" + number(executions / seconds) + ",\"logZ\":" + number(logZ) + ",\"impl\":\""
                + impl + "\",\"threads\":" + threads
                + (Double.isNaN(cpuSeconds) ? "" : ",\"cpuSeconds\":" + number(cpuSeconds))
                + (Double.isNaN(bytesPerRun) ? "" : ",\"bytesPerRun\":" + number(bytesPerRun)) + "}";
    }

    /**
     * The bytes the calling thread has allocated so far, or -1 where the JVM does not count them: on one thread the
     * importance sampler makes its runs on the calling thread.
     */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean counting && counting.isThreadAllocatedMemoryEnabled()) {
            return counting.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    /** A JSON number (null where JSON has none: NaN and infinities, as JSON.stringify does). */
    private static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%s", x);
    }

    /**
     * Parses {@code [--model NAME] [--executions N] [--threads K] [--repeats R] [--no-handwritten] [--cpu]
     * [--after-check] [--scaling]}; with {@code --scaling}, runs {@link #scaling} on the model (threads 2 unless
     * given).
     */
    static void main(String[] args, PrintStream out) {
        String model = null;
        long executions = DEFAULT_EXECUTIONS;
        int threads = 1;
        int repeats = DEFAULT_REPEATS;
        boolean handWritten = true;
        boolean cpuTime = false;
        boolean afterCheck = false;
        boolean scaling = false;
        Integer threadsGiven = null;
        Integer repeatsGiven = null;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--model":
                    model = value(rest, a);
                    break;
                case "--executions":
                    executions = (long) Double.parseDouble(value(rest, a));
                    break;
                case "--threads":
                    threads = Integer.parseInt(value(rest, a));
                    threadsGiven = threads;
                    break;
                case "--repeats":
                    repeats = Integer.parseInt(value(rest, a));
                    repeatsGiven = repeats;
                    break;
                case "--scaling":
                    scaling = true;
                    break;
                case "--no-handwritten":
                    handWritten = false;
                    break;
                case "--cpu":
                    cpuTime = true;
                    break;
                case "--after-check":
                    afterCheck = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a + "; usage: bench [--model NAME]"
                            + " [--executions N] [--threads K] [--repeats R] [--no-handwritten] [--cpu] [--after-check]"
                            + " [--scaling]");
            }
        }
        if (scaling) {
            if (model == null) {
                throw new IllegalArgumentException("--scaling needs --model NAME");
            }
            scaling(model, executions, threadsGiven == null ? 2 : threadsGiven,
                    repeatsGiven == null ? DEFAULT_SCALING_ROUNDS : repeatsGiven, out);
            return;
        }
        run(model, executions, threads, repeats, handWritten, cpuTime, afterCheck, out);
    }

    private static String value(List<String> rest, String option) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
