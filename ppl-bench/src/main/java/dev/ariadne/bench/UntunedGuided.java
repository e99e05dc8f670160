package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A model that no workload names and nothing was tuned against, for measuring the engine's cost per guided site:
 * x_i ~ N(0.1 i, 1 + 0.05 i) for i &lt; 20, each prior made at its site, guided by {@code Guide.bySite} proposals
 * N(0.1 i + 0.2, 1 + 0.05 i), and y = 1.2 observed under N(mean of the x_i, 0.5), its distribution made at the
 * site. The mean of the x_i is normal, so the exact evidence is N(1.2; 0.95, 0.25 + sum_i (1 + 0.05 i)^2 / 400).
 *
 * <p>Its hand-written loop ({@link #logWeight}) computes the same log weights bit for bit from the same stream, with
 * a prior's 1 / sd and log sd computed at its site as the model's {@code new Normal} does, and the proposals'
 * hoisted (they are constants of the guide). Run {@link #main} for the in-JVM ratio of the two (CPU time of the
 * calling thread, one thread, alternating).
 */
public final class UntunedGuided {

    static final int K = 20;
    static final double Y = 1.2;
    static final double NOISE = 0.5;
    private static final Normal[] PROPOSALS = new Normal[K];
    private static final double[] Q_INV_SD = new double[K];
    private static final double[] Q_LOG_SD = new double[K];

    static {
        for (int i = 0; i < K; i++) {
            PROPOSALS[i] = new Normal(proposalMean(i), sd(i));
            Q_INV_SD[i] = 1 / sd(i);
            Q_LOG_SD[i] = Math.log(sd(i));
        }
    }

    private UntunedGuided() {
    }

    private static double sd(int i) {
        return 1.0 + 0.05 * i;
    }

    private static double proposalMean(int i) {
        return 0.1 * i + 0.2;
    }

    /** The model: returns the sum of the x_i. */
    public static Model<Double> model() {
        return p -> {
            double s = 0;
            for (int i = 0; i < K; i++) {
                s += p.sample("x", i, new Normal(0.1 * i, 1.0 + 0.05 * i));
            }
            p.observe("y", new Normal(s / K, NOISE), Y);
            return s;
        };
    }

    /** The guide: x_i ~ N(0.1 i + 0.2, 1 + 0.05 i), by site index. */
    public static Guide guide() {
        return Guide.bySite((site, history) -> PROPOSALS[site.index()]);
    }

    /** The exact log evidence log N(1.2; 0.95, 0.25 + sum_i sd_i^2 / 400). */
    static double exactLogZ() {
        double var = NOISE * NOISE;
        double mean = 0;
        for (int i = 0; i < K; i++) {
            var += sd(i) * sd(i) / (K * K);
            mean += 0.1 * i / K;
        }
        double z = (Y - mean) / Math.sqrt(var);
        return -0.5 * z * z - 0.5 * Math.log(var) - Densities.LN_SQRT_2PI;
    }

    /** The hand-written baseline: the log weight of one run drawn from {@code r}. */
    static double logWeight(Rng r) {
        double lp = 0;
        double lq = 0;
        double s = 0;
        for (int i = 0; i < K; i++) {
            double x = Densities.normalSample(r, proposalMean(i), sd(i));
            double sd = 1.0 + 0.05 * i;
            lp += Densities.normal(x, 0.1 * i, 1 / sd, Math.log(sd));
            lq += Densities.normal(x, proposalMean(i), Q_INV_SD[i], Q_LOG_SD[i]);
            s += x;
        }
        lp += Densities.normal(Y, s / K, 1 / NOISE, Math.log(NOISE));
        return lp - lq;
    }

    /** The hand-written baseline: runs [0, n) of {@code seed}; returns log Z-hat. */
    static double handWritten(long seed, long n) {
        LogMeanExp acc = new LogMeanExp();
        Workload.handWritten(UntunedGuided::logWeight, seed, 0, n, acc);
        return acc.logMean();
    }

    /** Ariadne as {@code BenchMain} calls it: one thread, nothing kept; returns log Z-hat. */
    static double ariadne(long seed, long n) {
        return Importance.of(model()).guide(guide()).samples(n).seed(seed).parallelism(1).keep(0)
                .siteBreakdownRuns(0).run().logEvidence().value();
    }

    /**
     * Times Ariadne and the hand-written loop alternately in this JVM (CPU time of this thread) and prints each
     * repeat's ratio and their median: {@code UntunedGuided [runs per repeat] [repeats]}, by default 300,000 and 11,
     * after three unrecorded repeats.
     */
    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 300_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] ratios = new double[repeats];
        for (int k = -3; k < repeats; k++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            double a = ariadne(1, n);
            long t1 = cpu.getCurrentThreadCpuTime();
            double h = handWritten(1, n);
            long t2 = cpu.getCurrentThreadCpuTime();
            if (k >= 0) {
                ratios[k] = (double) (t1 - t0) / (t2 - t1);
                System.out.printf(Locale.ROOT, "ariadne %.1f ns/run, hand-written %.1f ns/run, ratio %.3f;"
                        + " log Z-hat %.5f and %.5f, exact %.5f%n", (t1 - t0) / (double) n, (t2 - t1) / (double) n,
                        ratios[k], a, h, exactLogZ());
            }
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "median ratio %.3f [%.3f-%.3f]%n", ratios[repeats / 2], ratios[0],
                ratios[repeats - 1]);
    }
}
