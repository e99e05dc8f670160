package dev.ariadne.bench;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guided-run throughput per workload: one run through a reusable {@link Runner} (the engine alone), one run
 * inside importance sampling (engine plus the streaming accumulators, averaged over a call of
 * {@value #BATCH} runs), and the hand-written baseline's run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class WorkloadBenchmark {

    static final int BATCH = 100_000;

    @Param({"linreg", "rare", "hmm", "logreg", "mixture", "poisson", "betabin"})
    public String model;

    private Workload workload;
    private Runner<?> runner;
    private Rng rng;
    private long run;

    @Setup
    public void setUp() {
        workload = Workload.named(model);
        Execution<?> e = Execution.of(workload.model());
        if (workload.guide() != null) {
            e = e.guide(workload.guide());
        }
        runner = e.runner();
        rng = Rng.forRun(1, 0);
    }

    /** One guided run through the engine, returning its log weight. */
    @Benchmark
    public double engineRun() {
        return runner.run(1, run++).logWeight();
    }

    /** One run inside Importance...keep(0).siteBreakdownRuns(0).run(), per run. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double importanceRun() {
        return workload.runAriadne(BATCH, run++, 1).logEvidence().value();
    }

    /** One run of the hand-written baseline. */
    @Benchmark
    public double handWrittenRun() {
        rng.reset(1, run++);
        switch (workload) {
            case LINREG:
                return Linreg.logWeight(rng);
            case RARE:
                return Rare.logWeight(rng);
            case HMM:
                return Hmm.logWeight(rng);
            case LOGREG:
                return LogisticRegression.logWeight(rng);
            case MIXTURE:
                return Mixture.logWeight(rng);
            case POISSON:
                return PoissonGroups.logWeight(rng);
            default:
                return BetaBinomial.logWeight(rng);
        }
    }
}
