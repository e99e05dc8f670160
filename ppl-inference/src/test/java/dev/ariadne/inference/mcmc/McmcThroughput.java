package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Handler;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The cost of an MH step against one importance run of the same model, in one JVM, on the two reference
 * workloads of the bench (written here as ppl-bench's Linreg and Hmm write them: one final factor; copied, because
 * this harness times the package's replay on its own, and ppl-bench depends on this module). Not part of
 * any suite (its name does not end in Test); run it by name:
 * {@code mvn -B -q -pl ppl-inference -am test -Dtest=McmcThroughput -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Each variant is timed for about 0.3 s per round, the variants interleaved, over 7 rounds after a warm-up;
 * the medians of ns per operation are printed with their ratio to the importance run. What each variant adds:
 * <ul>
 *   <li>importance: a run of the fused path (no handler) under the workload's proposal;</li>
 *   <li>handler path: the same model with a handler that does nothing, which moves every site onto the general
 *       path (a message per site, the handler's two calls);</li>
 *   <li>replay: the MCMC replay re-running a fixed state with no edit, on the engine's path ({@code Runner.replay}:
 *       each choice taken by position, each site recorded from the replay's slots), and the same through the
 *       replay handler alone (every choice found by position and set by value, each site recorded, the values read
 *       back), as every step was made before the engine's path;</li>
 *   <li>MH step: a whole single-site step (site choice, proposal, replay, acceptance ratio) after warm-up, each
 *       way.</li>
 * </ul>
 * Performance is never asserted.
 */
class McmcThroughput {

    static final int LINREG_N = 100;
    static final double[] XS = new double[LINREG_N];
    static final double[] YS = new double[LINREG_N];

    static {
        for (int i = 0; i < LINREG_N; i++) {
            XS[i] = -2 + 4.0 * i / (LINREG_N - 1);
            YS[i] = 0.7 * XS[i] - 0.3 + 0.5 * Math.sin(7 * XS[i]);
        }
    }

    static final Normal PRIOR = new Normal(0, 2);
    static final Normal GUIDE_A = new Normal(0.7, 0.1);
    static final Normal GUIDE_B = new Normal(-0.3, 0.1);

    static final Model<Double> LINREG = p -> {
        double a = p.sample("a", PRIOR);
        double b = p.sample("b", PRIOR);
        double ll = 0;
        for (int i = 0; i < LINREG_N; i++) {
            ll += new Normal(a * XS[i] + b, 0.5).logDensity(YS[i]);
        }
        p.factor("ll", ll);
        return a;
    };

    static final Guide LINREG_GUIDE = (site, prior, history) -> site.name().equals("a") ? GUIDE_A
            : site.name().equals("b") ? GUIDE_B : prior;

    static final int T = 50;
    static final double[] OBS = new double[T];

    static {
        for (int t = 0; t < T; t++) {
            OBS[t] = Math.sin(t / 3.0) > 0 ? 1.0 : -1.0;
        }
    }

    static final Bernoulli START = new Bernoulli(0.5);
    static final Bernoulli STAY = new Bernoulli(0.9);
    static final Bernoulli LEAVE = new Bernoulli(0.1);
    static final Normal UP = new Normal(1, 1);
    static final Normal DOWN = new Normal(-1, 1);

    static final Model<Boolean> HMM = p -> {
        boolean s0 = p.sample("s", 0, START);
        double ll = (s0 ? UP : DOWN).logDensity(OBS[0]);
        boolean s = s0;
        for (int t = 1; t < T; t++) {
            s = p.sample("s", t, s ? STAY : LEAVE);
            ll += (s ? UP : DOWN).logDensity(OBS[t]);
        }
        p.factor("ll", ll);
        return s0;
    };

    static volatile double sink;

    @Test
    void measure() {
        report("linreg", LINREG, LINREG_GUIDE);
        report("hmm", HMM, null);
    }

    private static <T> void report(String name, Model<T> model, Guide guide) {
        Map<String, LongSupplier> variants = new LinkedHashMap<>();
        Execution<T> exec = guide == null ? Execution.of(model) : Execution.of(model).guide(guide);
        Runner<T> importance = exec.leanRunner();
        long[] i1 = {0};
        variants.put("importance run", () -> {
            importance.run(1, i1[0]++);
            sink += importance.logWeight();
            return 1;
        });
        Runner<T> noop = Execution.of(model).with(new Handler() {
        }).leanRunner();
        long[] i2 = {0};
        variants.put("handler path (no-op handler)", () -> {
            noop.run(1, i2[0]++);
            sink += noop.logWeight();
            return 1;
        });
        Rerunner<T> rerunner = new Rerunner<>(model, Target.posterior());
        TraceState<T> fixed = rerunner.fromPrior(new TraceState<>());
        TraceState<T> into = new TraceState<>();
        variants.put("replay of a state, no edit", () -> {
            rerunner.replay(fixed, -1, null, into);
            sink += into.logTarget;
            return 1;
        });
        Rerunner<T> handled = new Rerunner<>(model, Target.posterior());
        handled.engineReplay = false;
        variants.put("the same through the Replayer handler", () -> {
            handled.replay(fixed, -1, null, into);
            sink += into.logTarget;
            return 1;
        });
        List<Kernel> kernels = guide == null ? List.of(Kernels.singleSite(), Kernels.gibbs())
                : List.of(Kernels.singleSite());
        for (Kernel k : kernels) {
            for (boolean viaHandler : new boolean[] {false, true}) {
                Chain<T> chain = Chain.of(model, k, Target.posterior());
                if (viaHandler) {
                    chain.handlerReplaysOnly();
                }
                chain.startFromPrior();
                chain.step(5_000);
                chain.endWarmup();
                variants.put("MH step, " + k.describe() + (viaHandler ? ", through the Replayer handler" : ""), () -> {
                    chain.step();
                    sink += chain.state().logTarget();
                    return 1;
                });
            }
        }
        Map<String, List<Double>> ns = new LinkedHashMap<>();
        variants.keySet().forEach(v -> ns.put(v, new ArrayList<>()));
        for (int round = -2; round < 7; round++) {
            for (Map.Entry<String, LongSupplier> v : variants.entrySet()) {
                double t = time(v.getValue(), round < 0 ? 0.5 : 0.3);
                if (round >= 0) {
                    ns.get(v.getKey()).add(t);
                }
            }
        }
        double base = median(ns.get("importance run"));
        System.out.printf(Locale.ROOT, "%n%s (median ns per operation over 7 interleaved rounds; range)%n", name);
        ns.forEach((v, list) -> {
            double[] s = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-72s %9.0f ns  (%.0f..%.0f)  %5.2fx the importance run, %,.0f /s%n", v,
                    median(list), s[0], s[s.length - 1], median(list) / base, 1e9 / median(list));
        });
    }

    private static double time(LongSupplier op, double seconds) {
        long ops = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                ops += op.getAsLong();
            }
            now = System.nanoTime();
        } while (now < end);
        return (double) (now - start) / ops;
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
