package dev.ariadne.bench;

import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.Poisson;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a distribution made at each site with repeated parameters, as a user writes it, three ways per
 * simulated run: made at each site (its constants from the thread's one-entry cache), the per-call formula (what
 * a distribution that recomputes its constants at each call costs, as they did before), and the constant hoisted by
 * hand (what the baselines do). Poisson: 5 rates, 20 counts each; Beta: one (a, b), 10 densities.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DistributionConstantsBenchmark {

    private static final int[] COUNTS = new int[20];
    private final double[] rates = new double[5];
    private final double[] xs = new double[10];
    private double a;
    private double b;
    private final SplittableRandom random = new SplittableRandom(1);

    static {
        for (int j = 0; j < COUNTS.length; j++) {
            COUNTS[j] = (j * 7) % 13;
        }
    }

    @Setup(org.openjdk.jmh.annotations.Level.Invocation)
    public void newRun() {
        for (int g = 0; g < rates.length; g++) {
            rates[g] = 1 + 9 * random.nextDouble();
        }
        a = 1 + random.nextDouble();
        b = 2 + random.nextDouble();
        for (int j = 0; j < xs.length; j++) {
            xs[j] = 0.05 + 0.09 * j;
        }
    }

    /** {@code new Poisson(rate).logMass(k)} at each count. */
    @Benchmark
    public double poissonMadeAtEachCount() {
        double s = 0;
        for (double rate : rates) {
            for (int k : COUNTS) {
                s += new Poisson(rate).logMass(k);
            }
        }
        return s;
    }

    /** The log mass with the log of the rate taken at each count. */
    @Benchmark
    public double poissonLogAtEachCount() {
        double s = 0;
        for (double rate : rates) {
            for (int k : COUNTS) {
                s += k * Math.log(rate) - rate - LogMath.logFactorial(k);
            }
        }
        return s;
    }

    /** The log mass with the log of the rate taken once per rate. */
    @Benchmark
    public double poissonLogHoisted() {
        double s = 0;
        for (double rate : rates) {
            double logRate = Math.log(rate);
            for (int k : COUNTS) {
                s += k * logRate - rate - LogMath.logFactorial(k);
            }
        }
        return s;
    }

    /** {@code new Beta(a, b).logDensity(x)} at each of 10 sites. */
    @Benchmark
    public double betaMadeAtEachSite() {
        double s = 0;
        for (double x : xs) {
            s += new Beta(a, b).logDensity(x);
        }
        return s;
    }

    /** The beta log density with log B(a, b) computed at each site. */
    @Benchmark
    public double betaLogBetaAtEachSite() {
        double s = 0;
        for (double x : xs) {
            s += -LogMath.logBeta(a, b) + (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x);
        }
        return s;
    }
}
