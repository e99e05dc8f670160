package dev.ariadne.bench;

import java.io.PrintStream;

/**
 * The SMC throughput harness for the bench hmm ({@link HmmSmc}): after warm-up, times Ariadne's state-space form,
 * Ariadne's generic form and the hand-written bootstrap filter, alternating between them, and prints one JSON line
 * per implementation in the format of {@link BenchCommand} ("executions" counts particle-sweeps, as WebPPL's
 * {@code hmm-smc.wppl} reports its 10,000 particles):
 * <pre>{"model":"hmm-smc","executions":1000000,"seconds":0.9,"execPerSec":1111111.1,"logZ":-62.57,"impl":"ariadne","threads":1}</pre>
 * Implementations: {@code ariadne} (state-space form), {@code ariadne-generic} (any model, O(T^2) replay; it runs a
 * tenth of the sweeps, at least one, and its line counts those), {@code handwritten}.
 */
public final class SmcBench {

    private SmcBench() {
    }

    /**
     * Benchmarks the three implementations with {@code executions} particle-sweeps each (the generic form a tenth),
     * 10,000 particles per sweep, printing the medians of {@code repeats} timed runs.
     */
    public static void run(long executions, int repeats, boolean handWritten, boolean cpuTime, PrintStream out) {
        int n = HmmSmc.PARTICLES;
        int sweeps = (int) Math.max(1, Math.min(Integer.MAX_VALUE, executions / n));
        if ((long) sweeps * n != executions) {
            // past Integer.MAX_VALUE sweeps the count is capped, not rounded (an adversarial tester)
            boolean capped = executions / n > Integer.MAX_VALUE;
            System.err.printf(java.util.Locale.ROOT, "note: %s runs whole sweeps of %,d particles: --executions %,d "
                    + "is %s %,d%n", HmmSmc.NAME, n, executions, capped ? "capped at " + Integer.MAX_VALUE
                    + " sweeps," : "rounded to", (long) sweeps * n);
        }
        int genericSweeps = Math.max(1, sweeps / 10);
        long seed = BenchCommand.SEED;
        BenchCommand.warmUp(() -> HmmSmc.runStateSpace(n, 2, seed + 1));
        BenchCommand.warmUp(() -> HmmSmc.runGeneric(n / 10, 1, seed + 1));
        if (handWritten) {
            BenchCommand.warmUp(() -> HmmSmc.handWritten(n, 2, seed + 1));
        }
        double[][] seconds = new double[3][repeats];
        double[][] cpu = new double[3][repeats];
        double[] logZ = new double[3];
        for (int r = 0; r < repeats; r++) {
            for (int impl = 0; impl < 3; impl++) {
                if (impl == 2 && !handWritten) {
                    continue;
                }
                long c0 = BenchCommand.processCpuNanos();
                long t0 = System.nanoTime();
                logZ[impl] = impl == 0 ? HmmSmc.runStateSpace(n, sweeps, seed)
                        : impl == 1 ? HmmSmc.runGeneric(n, genericSweeps, seed)
                        : HmmSmc.logMeanExp(HmmSmc.handWritten(n, sweeps, seed));
                seconds[impl][r] = (System.nanoTime() - t0) * 1e-9;
                cpu[impl][r] = (BenchCommand.processCpuNanos() - c0) * 1e-9;
            }
        }
        String[] names = {"ariadne", "ariadne-generic", "handwritten"};
        long[] work = {(long) n * sweeps, (long) n * genericSweeps, (long) n * sweeps};
        for (int impl = 0; impl < 3; impl++) {
            if (impl == 2 && !handWritten) {
                continue;
            }
            out.println(BenchCommand.line(HmmSmc.NAME, work[impl], BenchCommand.median(seconds[impl]), logZ[impl],
                    names[impl], 1, cpuTime ? BenchCommand.median(cpu[impl]) : Double.NaN));
        }
        out.flush();
    }
}
