package dev.ariadne.bench;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Prob;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Models written out site by site against the same models in a loop, per site: a chain of 40 normal latents, each
 * but the first observed once (79 sites, every distribution made at its site), written out one site after another
 * ({@link #straight}), in a loop ({@link #loop}), written out in methods of four pairs of sites
 * ({@link #straightInParts}), and in a loop whose body is four pairs written out ({@link #loopInFours}); the
 * written-out chain and its loop under a {@code Guide.bySite} proposal; and a chain of int latents (a Poisson and a
 * Binomial taking turns, each observed by a Poisson) written out and in a loop. Each pair draws the same values and
 * scores the same run (the addresses differ only in their form). With {@code -prof gc}, {@code gc.alloc.rate.norm}
 * over 79 is the bytes a site allocates.
 *
 * <p>The models are written out on purpose (generated once, not by reflection): C2 inlines at most 8,000 bytes of
 * bytecode into one compiled method, so a model written out site by site compiles differently from its loop
 * (PERFORMANCE.md, "Straight-line models, second round").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StraightLineBenchmark {

    static final int K = 40;
    static final int SITES = 2 * K - 1;
    private static final Normal PROPOSAL = new Normal(0.2, 1.1);

    private Runner<?> straight;
    private Runner<?> loop;
    private Runner<?> straightInParts;
    private Runner<?> loopInFours;
    private Runner<?> straightGuided;
    private Runner<?> loopGuided;
    private Runner<?> straightInt;
    private Runner<?> loopInt;
    private long run;

    static double straightChain(Prob p) {
        double x0 = p.sample("x0", new Normal(0, 1));
        double x1 = p.sample("x1", new Normal(0.5 * x0, 1));
        p.observe("y1", new Normal(x1, 0.5), 0.1);
        double x2 = p.sample("x2", new Normal(0.5 * x1, 1));
        p.observe("y2", new Normal(x2, 0.5), 0.2);
        double x3 = p.sample("x3", new Normal(0.5 * x2, 1));
        p.observe("y3", new Normal(x3, 0.5), 0.3);
        double x4 = p.sample("x4", new Normal(0.5 * x3, 1));
        p.observe("y4", new Normal(x4, 0.5), 0.4);
        double x5 = p.sample("x5", new Normal(0.5 * x4, 1));
        p.observe("y5", new Normal(x5, 0.5), 0.5);
        double x6 = p.sample("x6", new Normal(0.5 * x5, 1));
        p.observe("y6", new Normal(x6, 0.5), 0.6);
        double x7 = p.sample("x7", new Normal(0.5 * x6, 1));
        p.observe("y7", new Normal(x7, 0.5), 0.7);
        double x8 = p.sample("x8", new Normal(0.5 * x7, 1));
        p.observe("y8", new Normal(x8, 0.5), 0.8);
        double x9 = p.sample("x9", new Normal(0.5 * x8, 1));
        p.observe("y9", new Normal(x9, 0.5), 0.9);
        double x10 = p.sample("x10", new Normal(0.5 * x9, 1));
        p.observe("y10", new Normal(x10, 0.5), 1.0);
        double x11 = p.sample("x11", new Normal(0.5 * x10, 1));
        p.observe("y11", new Normal(x11, 0.5), 1.1);
        double x12 = p.sample("x12", new Normal(0.5 * x11, 1));
        p.observe("y12", new Normal(x12, 0.5), 1.2);
        double x13 = p.sample("x13", new Normal(0.5 * x12, 1));
        p.observe("y13", new Normal(x13, 0.5), 1.3);
        double x14 = p.sample("x14", new Normal(0.5 * x13, 1));
        p.observe("y14", new Normal(x14, 0.5), 1.4);
        double x15 = p.sample("x15", new Normal(0.5 * x14, 1));
        p.observe("y15", new Normal(x15, 0.5), 1.5);
        double x16 = p.sample("x16", new Normal(0.5 * x15, 1));
        p.observe("y16", new Normal(x16, 0.5), 1.6);
        double x17 = p.sample("x17", new Normal(0.5 * x16, 1));
        p.observe("y17", new Normal(x17, 0.5), 1.7);
        double x18 = p.sample("x18", new Normal(0.5 * x17, 1));
        p.observe("y18", new Normal(x18, 0.5), 1.8);
        double x19 = p.sample("x19", new Normal(0.5 * x18, 1));
        p.observe("y19", new Normal(x19, 0.5), 1.9);
        double x20 = p.sample("x20", new Normal(0.5 * x19, 1));
        p.observe("y20", new Normal(x20, 0.5), 2.0);
        double x21 = p.sample("x21", new Normal(0.5 * x20, 1));
        p.observe("y21", new Normal(x21, 0.5), 2.1);
        double x22 = p.sample("x22", new Normal(0.5 * x21, 1));
        p.observe("y22", new Normal(x22, 0.5), 2.2);
        double x23 = p.sample("x23", new Normal(0.5 * x22, 1));
        p.observe("y23", new Normal(x23, 0.5), 2.3);
        double x24 = p.sample("x24", new Normal(0.5 * x23, 1));
        p.observe("y24", new Normal(x24, 0.5), 2.4);
        double x25 = p.sample("x25", new Normal(0.5 * x24, 1));
        p.observe("y25", new Normal(x25, 0.5), 2.5);
        double x26 = p.sample("x26", new Normal(0.5 * x25, 1));
        p.observe("y26", new Normal(x26, 0.5), 2.6);
        double x27 = p.sample("x27", new Normal(0.5 * x26, 1));
        p.observe("y27", new Normal(x27, 0.5), 2.7);
        double x28 = p.sample("x28", new Normal(0.5 * x27, 1));
        p.observe("y28", new Normal(x28, 0.5), 2.8);
        double x29 = p.sample("x29", new Normal(0.5 * x28, 1));
        p.observe("y29", new Normal(x29, 0.5), 2.9);
        double x30 = p.sample("x30", new Normal(0.5 * x29, 1));
        p.observe("y30", new Normal(x30, 0.5), 3.0);
        double x31 = p.sample("x31", new Normal(0.5 * x30, 1));
        p.observe("y31", new Normal(x31, 0.5), 3.1);
        double x32 = p.sample("x32", new Normal(0.5 * x31, 1));
        p.observe("y32", new Normal(x32, 0.5), 3.2);
        double x33 = p.sample("x33", new Normal(0.5 * x32, 1));
        p.observe("y33", new Normal(x33, 0.5), 3.3);
        double x34 = p.sample("x34", new Normal(0.5 * x33, 1));
        p.observe("y34", new Normal(x34, 0.5), 3.4);
        double x35 = p.sample("x35", new Normal(0.5 * x34, 1));
        p.observe("y35", new Normal(x35, 0.5), 3.5);
        double x36 = p.sample("x36", new Normal(0.5 * x35, 1));
        p.observe("y36", new Normal(x36, 0.5), 3.6);
        double x37 = p.sample("x37", new Normal(0.5 * x36, 1));
        p.observe("y37", new Normal(x37, 0.5), 3.7);
        double x38 = p.sample("x38", new Normal(0.5 * x37, 1));
        p.observe("y38", new Normal(x38, 0.5), 3.8);
        double x39 = p.sample("x39", new Normal(0.5 * x38, 1));
        p.observe("y39", new Normal(x39, 0.5), 3.9);
        return x39;
    }

    static double loopChain(Prob p) {
        double x = p.sample("x", 0, new Normal(0, 1));
        for (int k = 1; k < K; k++) {
            x = p.sample("x", k, new Normal(0.5 * x, 1));
            p.observe("y", k, new Normal(x, 0.5), 0.1 * k);
        }
        return x;
    }

    /** The loop with four pairs of sites written out in its body: the code of one part, run ten times. */
    static double loopInFoursChain(Prob p) {
        double x = p.sample("x", 0, new Normal(0, 1));
        int k = 1;
        for (; k + 3 < K; k += 4) {
            x = p.sample("x", k, new Normal(0.5 * x, 1));
            p.observe("y", k, new Normal(x, 0.5), 0.1 * k);
            x = p.sample("x", k + 1, new Normal(0.5 * x, 1));
            p.observe("y", k + 1, new Normal(x, 0.5), 0.1 * (k + 1));
            x = p.sample("x", k + 2, new Normal(0.5 * x, 1));
            p.observe("y", k + 2, new Normal(x, 0.5), 0.1 * (k + 2));
            x = p.sample("x", k + 3, new Normal(0.5 * x, 1));
            p.observe("y", k + 3, new Normal(x, 0.5), 0.1 * (k + 3));
        }
        for (; k < K; k++) {
            x = p.sample("x", k, new Normal(0.5 * x, 1));
            p.observe("y", k, new Normal(x, 0.5), 0.1 * k);
        }
        return x;
    }

    static double chainInParts(Prob p) {
        double x = p.sample("x0", new Normal(0, 1));
        x = part0(p, x);
        x = part1(p, x);
        x = part2(p, x);
        x = part3(p, x);
        x = part4(p, x);
        x = part5(p, x);
        x = part6(p, x);
        x = part7(p, x);
        x = part8(p, x);
        x = part9(p, x);
        return x;
    }

    private static double part0(Prob p, double x0) {
        double x1 = p.sample("x1", new Normal(0.5 * x0, 1));
        p.observe("y1", new Normal(x1, 0.5), 0.1);
        double x2 = p.sample("x2", new Normal(0.5 * x1, 1));
        p.observe("y2", new Normal(x2, 0.5), 0.2);
        double x3 = p.sample("x3", new Normal(0.5 * x2, 1));
        p.observe("y3", new Normal(x3, 0.5), 0.3);
        double x4 = p.sample("x4", new Normal(0.5 * x3, 1));
        p.observe("y4", new Normal(x4, 0.5), 0.4);
        return x4;
    }

    private static double part1(Prob p, double x4) {
        double x5 = p.sample("x5", new Normal(0.5 * x4, 1));
        p.observe("y5", new Normal(x5, 0.5), 0.5);
        double x6 = p.sample("x6", new Normal(0.5 * x5, 1));
        p.observe("y6", new Normal(x6, 0.5), 0.6);
        double x7 = p.sample("x7", new Normal(0.5 * x6, 1));
        p.observe("y7", new Normal(x7, 0.5), 0.7);
        double x8 = p.sample("x8", new Normal(0.5 * x7, 1));
        p.observe("y8", new Normal(x8, 0.5), 0.8);
        return x8;
    }

    private static double part2(Prob p, double x8) {
        double x9 = p.sample("x9", new Normal(0.5 * x8, 1));
        p.observe("y9", new Normal(x9, 0.5), 0.9);
        double x10 = p.sample("x10", new Normal(0.5 * x9, 1));
        p.observe("y10", new Normal(x10, 0.5), 1.0);
        double x11 = p.sample("x11", new Normal(0.5 * x10, 1));
        p.observe("y11", new Normal(x11, 0.5), 1.1);
        double x12 = p.sample("x12", new Normal(0.5 * x11, 1));
        p.observe("y12", new Normal(x12, 0.5), 1.2);
        return x12;
    }

    private static double part3(Prob p, double x12) {
        double x13 = p.sample("x13", new Normal(0.5 * x12, 1));
        p.observe("y13", new Normal(x13, 0.5), 1.3);
        double x14 = p.sample("x14", new Normal(0.5 * x13, 1));
        p.observe("y14", new Normal(x14, 0.5), 1.4);
        double x15 = p.sample("x15", new Normal(0.5 * x14, 1));
        p.observe("y15", new Normal(x15, 0.5), 1.5);
        double x16 = p.sample("x16", new Normal(0.5 * x15, 1));
        p.observe("y16", new Normal(x16, 0.5), 1.6);
        return x16;
    }

    private static double part4(Prob p, double x16) {
        double x17 = p.sample("x17", new Normal(0.5 * x16, 1));
        p.observe("y17", new Normal(x17, 0.5), 1.7);
        double x18 = p.sample("x18", new Normal(0.5 * x17, 1));
        p.observe("y18", new Normal(x18, 0.5), 1.8);
        double x19 = p.sample("x19", new Normal(0.5 * x18, 1));
        p.observe("y19", new Normal(x19, 0.5), 1.9);
        double x20 = p.sample("x20", new Normal(0.5 * x19, 1));
        p.observe("y20", new Normal(x20, 0.5), 2.0);
        return x20;
    }

    private static double part5(Prob p, double x20) {
        double x21 = p.sample("x21", new Normal(0.5 * x20, 1));
        p.observe("y21", new Normal(x21, 0.5), 2.1);
        double x22 = p.sample("x22", new Normal(0.5 * x21, 1));
        p.observe("y22", new Normal(x22, 0.5), 2.2);
        double x23 = p.sample("x23", new Normal(0.5 * x22, 1));
        p.observe("y23", new Normal(x23, 0.5), 2.3);
        double x24 = p.sample("x24", new Normal(0.5 * x23, 1));
        p.observe("y24", new Normal(x24, 0.5), 2.4);
        return x24;
    }

    private static double part6(Prob p, double x24) {
        double x25 = p.sample("x25", new Normal(0.5 * x24, 1));
        p.observe("y25", new Normal(x25, 0.5), 2.5);
        double x26 = p.sample("x26", new Normal(0.5 * x25, 1));
        p.observe("y26", new Normal(x26, 0.5), 2.6);
        double x27 = p.sample("x27", new Normal(0.5 * x26, 1));
        p.observe("y27", new Normal(x27, 0.5), 2.7);
        double x28 = p.sample("x28", new Normal(0.5 * x27, 1));
        p.observe("y28", new Normal(x28, 0.5), 2.8);
        return x28;
    }

    private static double part7(Prob p, double x28) {
        double x29 = p.sample("x29", new Normal(0.5 * x28, 1));
        p.observe("y29", new Normal(x29, 0.5), 2.9);
        double x30 = p.sample("x30", new Normal(0.5 * x29, 1));
        p.observe("y30", new Normal(x30, 0.5), 3.0);
        double x31 = p.sample("x31", new Normal(0.5 * x30, 1));
        p.observe("y31", new Normal(x31, 0.5), 3.1);
        double x32 = p.sample("x32", new Normal(0.5 * x31, 1));
        p.observe("y32", new Normal(x32, 0.5), 3.2);
        return x32;
    }

    private static double part8(Prob p, double x32) {
        double x33 = p.sample("x33", new Normal(0.5 * x32, 1));
        p.observe("y33", new Normal(x33, 0.5), 3.3);
        double x34 = p.sample("x34", new Normal(0.5 * x33, 1));
        p.observe("y34", new Normal(x34, 0.5), 3.4);
        double x35 = p.sample("x35", new Normal(0.5 * x34, 1));
        p.observe("y35", new Normal(x35, 0.5), 3.5);
        double x36 = p.sample("x36", new Normal(0.5 * x35, 1));
        p.observe("y36", new Normal(x36, 0.5), 3.6);
        return x36;
    }

    private static double part9(Prob p, double x36) {
        double x37 = p.sample("x37", new Normal(0.5 * x36, 1));
        p.observe("y37", new Normal(x37, 0.5), 3.7);
        double x38 = p.sample("x38", new Normal(0.5 * x37, 1));
        p.observe("y38", new Normal(x38, 0.5), 3.8);
        double x39 = p.sample("x39", new Normal(0.5 * x38, 1));
        p.observe("y39", new Normal(x39, 0.5), 3.9);
        return x39;
    }

    static double straightIntChain(Prob p) {
        int k0 = p.sample("k0", new Poisson(1));
        int k1 = p.sample("k1", new Binomial(k0 + 2, 0.5));
        p.observe("y1", new Poisson(k1 + 0.5), 1);
        int k2 = p.sample("k2", new Poisson(1 + 0.5 * k1));
        p.observe("y2", new Poisson(k2 + 0.5), 2);
        int k3 = p.sample("k3", new Binomial(k2 + 2, 0.5));
        p.observe("y3", new Poisson(k3 + 0.5), 3);
        int k4 = p.sample("k4", new Poisson(1 + 0.5 * k3));
        p.observe("y4", new Poisson(k4 + 0.5), 0);
        int k5 = p.sample("k5", new Binomial(k4 + 2, 0.5));
        p.observe("y5", new Poisson(k5 + 0.5), 1);
        int k6 = p.sample("k6", new Poisson(1 + 0.5 * k5));
        p.observe("y6", new Poisson(k6 + 0.5), 2);
        int k7 = p.sample("k7", new Binomial(k6 + 2, 0.5));
        p.observe("y7", new Poisson(k7 + 0.5), 3);
        int k8 = p.sample("k8", new Poisson(1 + 0.5 * k7));
        p.observe("y8", new Poisson(k8 + 0.5), 0);
        int k9 = p.sample("k9", new Binomial(k8 + 2, 0.5));
        p.observe("y9", new Poisson(k9 + 0.5), 1);
        int k10 = p.sample("k10", new Poisson(1 + 0.5 * k9));
        p.observe("y10", new Poisson(k10 + 0.5), 2);
        int k11 = p.sample("k11", new Binomial(k10 + 2, 0.5));
        p.observe("y11", new Poisson(k11 + 0.5), 3);
        int k12 = p.sample("k12", new Poisson(1 + 0.5 * k11));
        p.observe("y12", new Poisson(k12 + 0.5), 0);
        int k13 = p.sample("k13", new Binomial(k12 + 2, 0.5));
        p.observe("y13", new Poisson(k13 + 0.5), 1);
        int k14 = p.sample("k14", new Poisson(1 + 0.5 * k13));
        p.observe("y14", new Poisson(k14 + 0.5), 2);
        int k15 = p.sample("k15", new Binomial(k14 + 2, 0.5));
        p.observe("y15", new Poisson(k15 + 0.5), 3);
        int k16 = p.sample("k16", new Poisson(1 + 0.5 * k15));
        p.observe("y16", new Poisson(k16 + 0.5), 0);
        int k17 = p.sample("k17", new Binomial(k16 + 2, 0.5));
        p.observe("y17", new Poisson(k17 + 0.5), 1);
        int k18 = p.sample("k18", new Poisson(1 + 0.5 * k17));
        p.observe("y18", new Poisson(k18 + 0.5), 2);
        int k19 = p.sample("k19", new Binomial(k18 + 2, 0.5));
        p.observe("y19", new Poisson(k19 + 0.5), 3);
        int k20 = p.sample("k20", new Poisson(1 + 0.5 * k19));
        p.observe("y20", new Poisson(k20 + 0.5), 0);
        int k21 = p.sample("k21", new Binomial(k20 + 2, 0.5));
        p.observe("y21", new Poisson(k21 + 0.5), 1);
        int k22 = p.sample("k22", new Poisson(1 + 0.5 * k21));
        p.observe("y22", new Poisson(k22 + 0.5), 2);
        int k23 = p.sample("k23", new Binomial(k22 + 2, 0.5));
        p.observe("y23", new Poisson(k23 + 0.5), 3);
        int k24 = p.sample("k24", new Poisson(1 + 0.5 * k23));
        p.observe("y24", new Poisson(k24 + 0.5), 0);
        int k25 = p.sample("k25", new Binomial(k24 + 2, 0.5));
        p.observe("y25", new Poisson(k25 + 0.5), 1);
        int k26 = p.sample("k26", new Poisson(1 + 0.5 * k25));
        p.observe("y26", new Poisson(k26 + 0.5), 2);
        int k27 = p.sample("k27", new Binomial(k26 + 2, 0.5));
        p.observe("y27", new Poisson(k27 + 0.5), 3);
        int k28 = p.sample("k28", new Poisson(1 + 0.5 * k27));
        p.observe("y28", new Poisson(k28 + 0.5), 0);
        int k29 = p.sample("k29", new Binomial(k28 + 2, 0.5));
        p.observe("y29", new Poisson(k29 + 0.5), 1);
        int k30 = p.sample("k30", new Poisson(1 + 0.5 * k29));
        p.observe("y30", new Poisson(k30 + 0.5), 2);
        int k31 = p.sample("k31", new Binomial(k30 + 2, 0.5));
        p.observe("y31", new Poisson(k31 + 0.5), 3);
        int k32 = p.sample("k32", new Poisson(1 + 0.5 * k31));
        p.observe("y32", new Poisson(k32 + 0.5), 0);
        int k33 = p.sample("k33", new Binomial(k32 + 2, 0.5));
        p.observe("y33", new Poisson(k33 + 0.5), 1);
        int k34 = p.sample("k34", new Poisson(1 + 0.5 * k33));
        p.observe("y34", new Poisson(k34 + 0.5), 2);
        int k35 = p.sample("k35", new Binomial(k34 + 2, 0.5));
        p.observe("y35", new Poisson(k35 + 0.5), 3);
        int k36 = p.sample("k36", new Poisson(1 + 0.5 * k35));
        p.observe("y36", new Poisson(k36 + 0.5), 0);
        int k37 = p.sample("k37", new Binomial(k36 + 2, 0.5));
        p.observe("y37", new Poisson(k37 + 0.5), 1);
        int k38 = p.sample("k38", new Poisson(1 + 0.5 * k37));
        p.observe("y38", new Poisson(k38 + 0.5), 2);
        int k39 = p.sample("k39", new Binomial(k38 + 2, 0.5));
        p.observe("y39", new Poisson(k39 + 0.5), 3);
        return (double) k39;
    }

    static double loopIntChain(Prob p) {
        int k = p.sample("k", 0, new Poisson(1));
        for (int i = 1; i < K; i++) {
            k = i % 2 == 0 ? p.sample("k", i, new Poisson(1 + 0.5 * k)) : p.sample("k", i, new Binomial(k + 2, 0.5));
            p.observe("y", i, new Poisson(k + 0.5), i % 4);
        }
        return k;
    }

    @Setup
    public void setUp() {
        Guide bySite = Guide.bySite((site, history) -> PROPOSAL);
        straight = Execution.of(StraightLineBenchmark::straightChain).leanRunner();
        loop = Execution.of(StraightLineBenchmark::loopChain).leanRunner();
        straightInParts = Execution.of(StraightLineBenchmark::chainInParts).leanRunner();
        loopInFours = Execution.of(StraightLineBenchmark::loopInFoursChain).leanRunner();
        straightGuided = Execution.of(StraightLineBenchmark::straightChain).guide(bySite).leanRunner();
        loopGuided = Execution.of(StraightLineBenchmark::loopChain).guide(bySite).leanRunner();
        straightInt = Execution.of(StraightLineBenchmark::straightIntChain).leanRunner();
        loopInt = Execution.of(StraightLineBenchmark::loopIntChain).leanRunner();
    }

    /** The normal chain written out site by site. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double straight() {
        return straight.run(1, run++).logWeight();
    }

    /** The same chain in a loop. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double loop() {
        return loop.run(1, run++).logWeight();
    }

    /** The chain written out in methods of four pairs of sites, each compiled on its own budget. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double straightInParts() {
        return straightInParts.run(1, run++).logWeight();
    }

    /**
     * The loop with four pairs written out in its body, the same code as one of {@link #straightInParts}'s parts:
     * against that, what ten copies of the code (instead of one run ten times) cost.
     */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double loopInFours() {
        return loopInFours.run(1, run++).logWeight();
    }

    /** The written-out chain, each latent drawn from a {@code Guide.bySite} proposal. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double straightGuided() {
        return straightGuided.run(1, run++).logWeight();
    }

    /** The loop, each latent drawn from the same proposal. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double loopGuided() {
        return loopGuided.run(1, run++).logWeight();
    }

    /** The int chain written out site by site. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double straightInt() {
        return straightInt.run(1, run++).logWeight();
    }

    /** The int chain in a loop. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double loopInt() {
        return loopInt.run(1, run++).logWeight();
    }
}
