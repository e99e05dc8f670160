package dev.ariadne.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.inference.Diagnostics;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.ImportanceResult;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The workloads estimate the exact evidence, their diagnostics are honest, and the baselines compute the same runs.
 * Each estimate is checked against the exact value only where the effective sample size is at least 1000, to
 * 5 standard errors (a false failure rate of 5.7e-7 each); the four user-style workloads reach an ESS of 22,000 to
 * 57,000 per 100,000 runs.
 */
class WorkloadsTest {

    private static final long SEED = 7;

    private static void agreesWithExact(Workload w, long runs) {
        ImportanceResult<?> r = w.runAriadne(runs, SEED, 2);
        Diagnostics d = r.diagnostics();
        assertThat(d.ess()).as("%s ESS", w).isGreaterThanOrEqualTo(1000);
        Estimate z = r.logEvidence();
        assertThat(Math.abs(z.value() - w.exactLogZ())).as("%s log Z %s vs exact %s", w, z, w.exactLogZ())
                .isLessThanOrEqualTo(5 * z.standardError());
    }

    @Test
    void linregEstimatesTheExactEvidence() {
        agreesWithExact(Workload.LINREG, 200_000);
    }

    @Test
    void rareEstimatesTheExactEvidence() {
        agreesWithExact(Workload.RARE, 200_000);
    }

    @Test
    void logisticRegressionEstimatesTheExactEvidence() {
        agreesWithExact(Workload.LOGREG, 100_000);
    }

    @Test
    void mixtureEstimatesTheExactEvidence() {
        agreesWithExact(Workload.MIXTURE, 100_000);
    }

    @Test
    void poissonEstimatesTheExactEvidence() {
        agreesWithExact(Workload.POISSON, 100_000);
    }

    @Test
    void betaBinomialEstimatesTheExactEvidence() {
        agreesWithExact(Workload.BETABIN, 100_000);
    }

    @Test
    void hmmDiagnosticsSayTheEstimateIsUnreliable() {
        Diagnostics d = Workload.HMM.runAriadne(200_000, SEED, 2).diagnostics();
        assertThat(d.paretoK()).isGreaterThan(0.7);
        assertThat(d.paretoOk()).isFalse();
        assertThat(d.ess()).isLessThan(200); // of 200,000 runs
    }

    private static void sameLogWeights(Workload w, ToDoubleFunction<Rng> handWritten) {
        Execution<?> e = Execution.of(w.model());
        if (w.guide() != null) {
            e = e.guide(w.guide());
        }
        // The recording runner takes the general path of every site, the lean one (importance sampling's) the
        // direct path where it can.
        Runner<?> runner = e.runner();
        Runner<?> lean = e.leanRunner();
        for (long i = 0; i < 2000; i++) {
            double ariadne = runner.run(SEED, i).logWeight();
            double plain = handWritten.applyAsDouble(Rng.forRun(SEED, i));
            assertThat(plain).as("%s run %d", w, i).isEqualTo(ariadne);
            assertThat(lean.run(SEED, i).logWeight()).as("%s run %d, lean runner", w, i).isEqualTo(ariadne);
        }
    }

    @Test
    void handWrittenBaselinesComputeTheSameLogWeightsBitForBit() {
        for (Workload w : Workload.values()) {
            sameLogWeights(w, w::handWrittenLogWeight);
        }
    }

    @Test
    void handWrittenLogZDoesNotDependOnThreads() {
        for (Workload w : Workload.values()) {
            double one = w.runHandWritten(20_000, SEED, 1);
            double two = w.runHandWritten(20_000, SEED, 2);
            assertThat(two).isCloseTo(one, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void linesFollowTheReferenceFormat() {
        assertThat(BenchCommand.line("rare", 1000, 0.5, -34.25, "ariadne", 2, Double.NaN)).isEqualTo(
                "{\"model\":\"rare\",\"executions\":1000,\"seconds\":0.5,\"execPerSec\":2000.0,\"logZ\":-34.25,"
                        + "\"impl\":\"ariadne\",\"threads\":2}");
        assertThat(BenchCommand.line("hmm", 10, 1, Double.NEGATIVE_INFINITY, "handwritten", 1, Double.NaN))
                .contains("\"logZ\":null");
        assertThat(BenchCommand.line("rare", 1000, 0.5, -34.25, "ariadne", 1, Double.NaN, 26.5))
                .endsWith(",\"threads\":1,\"bytesPerRun\":26.5}");
        assertThat(BenchCommand.median(new double[] {3, 1, 2})).isEqualTo(2);
    }

    /** The numbers of the array {@code var name = [...]} in a WebPPL program (nested arrays flattened). */
    private static double[] webPplArray(String program, String name) throws java.io.IOException {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("webppl", program + ".wppl"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("var " + name + " = \\[(.*?)\\];",
                java.util.regex.Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("%s in %s.wppl", name, program).isTrue();
        return java.util.Arrays.stream(m.group(1).replaceAll("[\\[\\]\\s]", "").split(","))
                .mapToDouble(Double::parseDouble).toArray();
    }

    private static double[] doubles(int[] xs) {
        return java.util.Arrays.stream(xs).asDoubleStream().toArray();
    }

    @Test
    void webPplProgramsCarryTheSameData() throws java.io.IOException {
        assertThat(webPplArray("logreg", "x1")).containsExactly(LogisticRegression.X1);
        assertThat(webPplArray("logreg", "x2")).containsExactly(LogisticRegression.X2);
        assertThat(webPplArray("logreg", "y")).containsExactly(doubles(LogisticRegression.Y));
        assertThat(webPplArray("logreg", "guideMean")).containsExactly(LogisticRegression.GUIDE_MEAN);
        assertThat(webPplArray("logreg", "guideSd")).containsExactly(LogisticRegression.GUIDE_SD);
        assertThat(webPplArray("mixture", "ys")).containsExactly(Mixture.Y);
        assertThat(webPplArray("poisson", "counts")).containsExactly(doubles(java.util.Arrays
                .stream(PoissonGroups.COUNTS).flatMapToInt(java.util.Arrays::stream).toArray()));
        assertThat(webPplArray("betabin", "trials")).containsExactly(doubles(BetaBinomial.TRIALS));
        assertThat(webPplArray("betabin", "successes")).containsExactly(doubles(BetaBinomial.SUCCESSES));
    }
}
