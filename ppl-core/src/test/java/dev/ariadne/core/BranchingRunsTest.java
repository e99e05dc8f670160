package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Geometric;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Uniform;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Models whose sites depend on their draws, run one after another on one runner (whose site table realigns each run
 * with the one before it) and each on a runner of its own: the same log p, log q, value, failure and history, site
 * for site, and the same error where a run uses an address twice.
 */
class BranchingRunsTest {

    private static final int RUNS = 400;

    /** A zero-inflated Poisson: a structural zero drawn at each zero count, a Poisson observation where there is none. */
    private static final Model<Double> ZERO_INFLATED = p -> {
        double pi = p.sample("pi", new Uniform(0, 1));
        double rate = p.sample("rate", new Uniform(0.5, 5));
        int[] counts = {0, 3, 0, 0, 2, 0, 5, 0, 1, 0, 0, 4, 0, 2, 0};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0 && p.sample("zero", i, new Bernoulli(pi))) {
                continue;
            }
            p.observe("y", i, new Poisson(rate), counts[i]);
        }
        return pi;
    };

    /** Spike and slab: a coefficient sampled in a scope of its own only where it is included; then 20 observations. */
    private static final Model<Double> SPIKE_AND_SLAB = p -> {
        double[] beta = new double[6];
        for (int j = 0; j < beta.length; j++) {
            if (p.sample("include", j, new Bernoulli(0.4))) {
                beta[j] = p.call("coef", j, q -> q.sample("beta", new Normal(0, 1)));
            }
        }
        for (int i = 0; i < 20; i++) {
            double mean = 0;
            for (int j = 0; j < beta.length; j++) {
                mean += beta[j] * Math.sin(i + j);
            }
            p.observe("y", i, new Normal(mean, 1), Math.cos(i));
        }
        return beta[0];
    };

    /** A random tree by recursion, each node in the scope of its parent; a condition that fails on some runs. */
    private static final Model<Integer> TREE = p -> {
        int size = grow(p, 0);
        p.condition("small", size < 12);
        return size;
    };

    private static int grow(Prob p, int depth) {
        int children = depth < 4 ? p.sample("children", new Geometric(0.55)) : 0;
        p.observe("leaf", new Normal(p.sample("x", new Normal(depth, 1)), 1), 0.5);
        int size = 1;
        for (int c = 0; c < Math.min(children, 3); c++) {
            size += p.call("child", c, q -> grow(q, depth + 1));
        }
        return size;
    }

    /** Sites in an order drawn at each run (keys first), and, on some runs, an address made twice. */
    private static final Model<Double> SHUFFLED = p -> {
        double[] keys = new double[12];
        Integer[] order = new Integer[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = p.sample("key", k, new Uniform(0, 1));
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
        double s = 0;
        for (int k : order) {
            s += p.sample("x", k, new Normal(0, 1));
        }
        if (keys[0] < 0.05) {
            p.sample("x", order[0], new Normal(0, 1)); // used twice
        }
        return s;
    };

    /** A guide that proposes at the zeros by reading the previous zero's draw by name, wherever it is. */
    private static final Guide READS_BACK = Guide.bySite((site, history) -> {
        if (!site.name().equals("zero")) {
            return null;
        }
        int before = site.index() - 2;
        boolean previous = before >= 0 && history.find("zero", before) >= 0 && history.bool("zero", before);
        return new Bernoulli(previous ? 0.7 : 0.4);
    });

    @Test
    void aZeroInflatedPoissonRunsAsOnFreshRunners() {
        sameAsFresh(() -> Execution.of(ZERO_INFLATED), true);
        sameAsFresh(() -> Execution.of(ZERO_INFLATED).guide(READS_BACK), true);
        sameAsFresh(() -> Execution.of(ZERO_INFLATED).guide(READS_BACK), false);
    }

    @Test
    void spikeAndSlabRunsAsOnFreshRunners() {
        sameAsFresh(() -> Execution.of(SPIKE_AND_SLAB), true);
        sameAsFresh(() -> Execution.of(SPIKE_AND_SLAB), false);
    }

    @Test
    void aRandomTreeRunsAsOnFreshRunners() {
        sameAsFresh(() -> Execution.of(TREE), true);
        sameAsFresh(() -> Execution.of(TREE), false);
    }

    @Test
    void sitesInADrawnOrderRunAsOnFreshRunnersAndAnAddressUsedTwiceIsAnErrorOnBoth() {
        sameAsFresh(() -> Execution.of(SHUFFLED), true);
        sameAsFresh(() -> Execution.of(SHUFFLED), false);
    }

    private static void sameAsFresh(Supplier<Execution<?>> execution, boolean lean) {
        Runner<?> reused = lean ? execution.get().leanRunner() : execution.get().runner();
        int errors = 0;
        for (int run = 0; run < RUNS; run++) {
            long i = run;
            Runner<?> fresh = lean ? execution.get().leanRunner() : execution.get().runner();
            Throwable expected = catchThrowable(() -> fresh.run(5, i));
            Throwable actual = catchThrowable(() -> reused.run(5, i));
            if (expected != null) {
                errors++;
                assertThat(actual).as("run %d", i).isNotNull().hasMessage(expected.getMessage());
                continue;
            }
            assertThat(actual).as("run %d", i).isNull();
            assertThat(reused.logP()).as("log p of run %d", i).isEqualTo(fresh.logP());
            assertThat(reused.logQ()).as("log q of run %d", i).isEqualTo(fresh.logQ());
            assertThat(reused.failed()).as("run %d failed", i).isEqualTo(fresh.failed());
            assertThat(reused.value()).as("value of run %d", i).isEqualTo(fresh.value());
            History a = reused.history();
            History b = fresh.history();
            assertThat(a.size()).as("sites of run %d", i).isEqualTo(b.size());
            for (int k = 0; k < a.size(); k++) {
                assertThat(a.address(k)).as("run %d, site %d", i, k).isEqualTo(b.address(k));
                assertThat(a.value(k)).as("run %d, site %d", i, k).isEqualTo(b.value(k));
                assertThat(a.find(a.address(k))).as("run %d, %s found", i, a.address(k)).isEqualTo(k);
            }
            if (!lean) {
                assertThat(reused.trace().table()).as("trace of run %d", i).isEqualTo(fresh.trace().table());
            }
        }
        if (execution.get().model() == SHUFFLED) {
            assertThat(errors).as("runs that use an address twice").isPositive();
        }
    }
}
