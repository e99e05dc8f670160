package dev.ariadne.examples;

import dev.ariadne.core.Model;
import dev.ariadne.core.Prob;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Uniform;
import dev.ariadne.inference.rare.SubsetResult;
import dev.ariadne.inference.rare.SubsetSimulation;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.Strategy;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * The rare-event figures of PERFORMANCE.md (issue 15): each model written as a user would, with nothing but the
 * model, its condition (with its margin, or plain) and the defaults, except a certification at 99% on 10^5 fresh
 * runs and two threads. For each: wall and CPU time of search and certification together, the runs used, and the
 * certified bound over the exact P(e). A benchmark, not a test: it asserts nothing and is never part of a suite
 * (its name does not end in Test); run it by name, choosing methods and models with system properties:
 *
 * <pre>
 * mvn -B -q -pl ppl-examples -am test -Dtest=RareEventFigures -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Drare.methods=margin,plain,subset -Drare.models=sum10-22,sum10-30,exp20-80,sum50-60
 * </pre>
 *
 * Models: the four (sum10-22, sum10-30, exp20-80, sum50-60) and five it did not list (max10-6: the largest
 * of ten normals passes 6; prod10: the product of ten uniforms is at most 1e-30; gamma30-110: thirty Gamma(2, 1)
 * summing past 110; walk10: a Gaussian random walk whose tenth step passes 25; sum100-80).
 */
class RareEventFigures {

    /** A model of the figures: the evidence with its margin or plain, and the exact log P(e). */
    record Case(Function<Boolean, Model<Double>> model, double logZ) {
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("sum10-22", new Case(m -> sum(10, 22, m, false), -27.078377593191));
        CASES.put("sum10-30", new Case(m -> sum(10, 30, m, false), -48.179661533688));
        CASES.put("exp20-80", new Case(m -> sum(20, 80, m, true), -35.815114841396));
        CASES.put("sum50-60", new Case(m -> sum(50, 60, m, false), -39.070708353783));
        CASES.put("max10-6", new Case(RareEventFigures::max, Math.log(-Math.expm1(10 * Math.log1p(-phiBar(6))))));
        CASES.put("prod10", new Case(RareEventFigures::product, logProductTail(10, 1e-30)));
        CASES.put("gamma30-110", new Case(RareEventFigures::gammaSum,
                Math.log(org.apache.commons.math3.special.Gamma.regularizedGammaQ(60, 110))));
        CASES.put("walk10", new Case(RareEventFigures::walk, Math.log(phiBar(25 / Math.sqrt(11)))));
        CASES.put("sum100-80", new Case(m -> sum(100, 80, m, false), Math.log(phiBar(8))));
    }

    static double phiBar(double x) {
        return 0.5 * Erf.erfc(x / Math.sqrt(2));
    }

    /** log P(U_1 ... U_n <= t) = log(t sum_{k < n} log(1/t)^k / k!). */
    static double logProductTail(int n, double t) {
        double l = Math.log(1 / t);
        double s = 0;
        double term = 1;
        for (int k = 0; k < n; k++) {
            s += term;
            term *= l / (k + 1);
        }
        return Math.log(t) + Math.log(s);
    }

    /** The evidence score >= threshold, with its margin or as a plain condition. */
    static void evidence(Prob p, String name, double score, double threshold, boolean margin) {
        if (margin) {
            p.condition(name, score, threshold);
        } else {
            p.condition(name, score >= threshold);
        }
    }

    static Model<Double> sum(int n, double threshold, boolean margin, boolean exponential) {
        return p -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += exponential ? p.sample("x", i, new Exponential(1)) : p.sample("z", i, new Normal(0, 1));
            }
            evidence(p, "tail", s, threshold, margin);
            return s;
        };
    }

    static Model<Double> max(boolean margin) {
        return p -> {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 10; i++) {
                m = Math.max(m, p.sample("z", i, new Normal(0, 1)));
            }
            evidence(p, "max", m, 6.0, margin);
            return m;
        };
    }

    static Model<Double> product(boolean margin) {
        return p -> {
            double prod = 1;
            for (int i = 0; i < 10; i++) {
                prod *= p.sample("u", i, new Uniform(0, 1));
            }
            evidence(p, "tiny", -prod, -1e-30, margin);
            return prod;
        };
    }

    static Model<Double> gammaSum(boolean margin) {
        return p -> {
            double s = 0;
            for (int i = 0; i < 30; i++) {
                s += p.sample("x", i, new Gamma(2, 1));
            }
            evidence(p, "tail", s, 110.0, margin);
            return s;
        };
    }

    static Model<Double> walk(boolean margin) {
        return p -> {
            double z = p.sample("z", 0, new Normal(0, 1));
            for (int i = 1; i <= 10; i++) {
                z = p.sample("z", i, new Normal(z, 1));
            }
            evidence(p, "end", z, 25.0, margin);
            return z;
        };
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Test
    void figures() {
        String[] methods = System.getProperty("rare.methods", "margin,plain,subset").split(",");
        String[] models = System.getProperty("rare.models", String.join(",", CASES.keySet())).split(",");
        System.out.println("| model | method | wall s | CPU s | runs (search/pilot + certification) | L / P(e) "
                + "| log Z-hat - log P(e) | stop |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String name : models) {
            Case c = CASES.get(name);
            for (String method : methods) {
                long cpu = cpuNanos();
                long t0 = System.nanoTime();
                String runs;
                double logL;
                double logZ;
                String stop;
                if (method.equals("subset")) {
                    SubsetResult r = SubsetSimulation.of(c.model().apply(true)).parallelism(2).run();
                    runs = String.format(Locale.ROOT, "%,d + %,d", r.pilotRuns(), r.sweepRuns());
                    logL = r.lowerBound(0.01).logValue();
                    logZ = r.logEvidence().value();
                    stop = r.levels().length + " levels" + r.failure().map(f -> "; " + f).orElse("");
                } else {
                    SearchResult r = GuideSearch.of(c.model().apply(method.equals("margin")), GuideFamily.meanField())
                            .strategy(Strategy.crossEntropy()).parallelism(2).certify(100_000, 0.01).run();
                    runs = String.format(Locale.ROOT, "%,d + %,d", r.runsUsed(), r.certified().runs());
                    logL = r.certified().evidenceBound().logValue();
                    logZ = r.certified().logEvidence().value();
                    stop = r.stopReason();
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpuSeconds = (cpuNanos() - cpu) / 1e9;
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | %.3f | %.3f | %s |%n", name, method,
                        wall, cpuSeconds, runs, Math.exp(logL - c.logZ()), logZ - c.logZ(),
                        stop.length() > 90 ? stop.substring(0, 90) + "..." : stop);
            }
        }
    }
}
