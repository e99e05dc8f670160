package dev.ariadne.inference.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Handlers;
import dev.ariadne.core.Model;
import dev.ariadne.core.Prob;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.enumerate.EnumerationResult;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Metamorphic relations: transformations of a model whose effect on P(e) and on every run is known exactly. They
 * are checked run by run (same seed and run index, so the same random stream) and by exact enumeration, so no
 * assertion here is statistical: the false-failure rate is 0 and tolerances are floating-point rounding only.
 * Each relation is also checked to be able to fail: a deliberately wrong transformation must change the answer.
 */
class MetamorphicTest {

    static final long SEED = 0xFACE;
    static final int RUNS = 2000;
    /** Rounding of sums of a dozen log terms of size up to ~100. */
    static final double ROUNDING = 1e-11;

    /** A discrete model with three factors, a condition and an observation: finite, so it enumerates. */
    static Model<Integer> discrete(double factorShift, boolean extraZeroFactor) {
        return p -> {
            int k = p.sample("k", new Categorical(0.2, 0.5, 0.3));
            boolean b = p.sample("b", new Bernoulli(0.3 + 0.2 * k));
            int n = p.sample("n", new Binomial(3, b ? 0.7 : 0.2));
            p.factor("f", 0, 0.3 * n - 0.5 + factorShift);
            p.factor("f", 1, (b ? -0.2 : 0.4) + factorShift);
            if (extraZeroFactor) {
                p.factor("zero", 0.0);
            }
            p.condition("notAll", n + k < 5);
            p.observe("obs", new Poisson(1 + n), k + 1);
            p.factor("f", 2, -0.1 * k * n + factorShift);
            return 10 * k + n;
        };
    }

    /** Normal-normal with extra factors: continuous, so checked run by run under a guide. */
    static Model<Double> continuous(double factorShift, boolean extraZeroFactor) {
        return p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            double s = p.sample("s", new Normal(mu, 0.5));
            p.factor("f", 0, -0.5 * (s - 1) * (s - 1) + factorShift);
            if (extraZeroFactor) {
                p.factor("zero", 0.0);
            }
            p.observe("y", new Normal(mu + s, 1), 1.7);
            p.factor("f", 1, -Math.abs(mu) + factorShift);
            return mu;
        };
    }

    static final Guide GUIDE = Guide.at("mu", new Normal(0.5, 0.8)).orElse(Guide.at("s", new Normal(0.6, 0.7)));

    /** Asserts that for every run the log weight of b is that of a plus {@code shift} (and the values agree). */
    static <T> void assertRunsShifted(Model<T> a, Model<T> b, Guide g, double shift) {
        Runner<T> ra = Execution.of(a).guide(g).runner();
        Runner<T> rb = Execution.of(b).guide(g).runner();
        for (int i = 0; i < RUNS; i++) {
            ra.run(SEED, i);
            rb.run(SEED, i);
            assertThat(rb.failed()).isEqualTo(ra.failed());
            assertThat(rb.value()).isEqualTo(ra.value());
            assertThat(rb.logQ()).isEqualTo(ra.logQ());
            if (!ra.failed()) {
                assertThat(rb.logWeight()).as("run %d", i).isCloseTo(ra.logWeight() + shift, offset(ROUNDING));
            }
        }
    }

    @Test
    void aFactorOfZeroChangesNothing() {
        EnumerationResult<Integer> base = Enumerate.of(discrete(0, false)).run();
        EnumerationResult<Integer> extra = Enumerate.of(discrete(0, true)).run();
        assertThat(extra.logEvidence()).isEqualTo(base.logEvidence());
        assertThat(extra.posterior()).isEqualTo(base.posterior());
        assertRunsShifted(discrete(0, false), discrete(0, true), Guide.prior(), 0);
        assertRunsShifted(continuous(0, false), continuous(0, true), GUIDE, 0);
        // The whole importance-sampling result is unchanged, bit for bit.
        var ia = Importance.of(continuous(0, false)).guide(GUIDE).samples(RUNS).seed(SEED).run();
        var ib = Importance.of(continuous(0, true)).guide(GUIDE).samples(RUNS).seed(SEED).run();
        assertThat(ib.logEvidence().value()).isEqualTo(ia.logEvidence().value());
        assertThat(ib.lowerBound(0.05).logValue()).isEqualTo(ia.lowerBound(0.05).logValue());
    }

    @Test
    void shiftingEveryFactorByCShiftsLogEvidenceByCTimesTheNumberOfFactors() {
        double c = 0.37;
        EnumerationResult<Integer> base = Enumerate.of(discrete(0, false)).run();
        EnumerationResult<Integer> shifted = Enumerate.of(discrete(c, false)).run();
        // Three factors on every path that reaches the end; paths that fail the condition have weight 0 anyway.
        assertThat(shifted.logEvidence()).isCloseTo(base.logEvidence() + 3 * c, offset(ROUNDING));
        base.posterior().forEach((v, pr) -> assertThat(shifted.posterior().get(v)).isCloseTo(pr, offset(1e-12)));
        assertRunsShifted(continuous(0, false), continuous(c, false), GUIDE, 2 * c);
        var ia = Importance.of(continuous(0, false)).guide(GUIDE).samples(RUNS).seed(SEED).run();
        var ib = Importance.of(continuous(c, false)).guide(GUIDE).samples(RUNS).seed(SEED).run();
        assertThat(ib.logEvidence().value()).isCloseTo(ia.logEvidence().value() + 2 * c, offset(ROUNDING));
        assertThat(ib.freeEnergy().value()).isCloseTo(ia.freeEnergy().value() - 2 * c, offset(ROUNDING));
        // The check can fail: a shift on one factor only is not 3c.
        Model<Integer> oneShifted = p -> {
            int v = discrete(0, false).run(p);
            p.factor("extra", c);
            return v;
        };
        assertThat(Math.abs(Enumerate.of(oneShifted).run().logEvidence() - base.logEvidence() - 3 * c))
                .isGreaterThan(0.1);
    }

    static final double[] Y = {0.8, 1.2, 1.9, 0.4, 1.1};

    /** Normal-normal with y sampled, to be conditioned from outside by address. */
    static final Model<Double> NORMAL_SAMPLED_Y = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        for (int i = 0; i < Y.length; i++) {
            p.sample("y", i, new Normal(mu, 1));
        }
        return mu;
    };

    @Test
    void conditioningOnAValueEqualsObservingIt() {
        Map<String, Object> data = new HashMap<>();
        for (int i = 0; i < Y.length; i++) {
            data.put("y[" + i + "]", Y[i]);
        }
        Guide g = Guide.at("mu", new Normal(0.9, 0.5));
        Runner<Double> observed = Execution.of(GroundTruth.NORMAL_NORMAL).guide(g).runner();
        Runner<Double> conditioned = Execution.of(NORMAL_SAMPLED_Y).guide(g).with(Handlers.condition(data)).runner();
        for (int i = 0; i < RUNS; i++) {
            observed.run(SEED, i);
            conditioned.run(SEED, i);
            assertThat(conditioned.value()).isEqualTo(observed.value());
            assertThat(conditioned.logWeight()).isCloseTo(observed.logWeight(), offset(ROUNDING));
        }
        // Discrete: the sprinkler with "wet" sampled then conditioned by the handler, by a hard condition on the
        // sampled value, and observed, all have the same exact P(e) and posterior.
        Model<Boolean> wetSampled = p -> sprinkler(p, false);
        Model<Boolean> wetObserved = p -> sprinkler(p, true);
        Model<Boolean> wetHardCondition = p -> {
            boolean s = sprinklerLatent(p);
            return s;
        };
        EnumerationResult<Boolean> a = Enumerate.of(wetObserved).run();
        EnumerationResult<Boolean> b = Enumerate.of(wetSampled).with(Handlers.condition(Map.of("wet", true))).run();
        EnumerationResult<Boolean> c = Enumerate.of(wetHardCondition).run();
        assertThat(a.evidence()).isCloseTo(GroundTruth.SPRINKLER_P_E, offset(1e-12));
        assertThat(b.evidence()).isCloseTo(a.evidence(), offset(1e-15));
        assertThat(c.evidence()).isCloseTo(a.evidence(), offset(1e-15));
        assertThat(b.probability(s -> s)).isCloseTo(GroundTruth.SPRINKLER_P_S_GIVEN_W, offset(1e-12));
        assertThat(c.probability(s -> s)).isCloseTo(GroundTruth.SPRINKLER_P_S_GIVEN_W, offset(1e-12));
        // The check can fail: conditioning on the other value gives a different answer.
        EnumerationResult<Boolean> wrong = Enumerate.of(wetSampled).with(Handlers.condition(Map.of("wet", false))).run();
        assertThat(Math.abs(wrong.evidence() - a.evidence())).isGreaterThan(0.1);
    }

    /** The sprinkler network; returns whether the sprinkler was on. */
    static boolean sprinkler(Prob p, boolean observeWet) {
        boolean cloudy = p.sample("cloudy", new Bernoulli(0.5));
        boolean sprinkler = p.sample("sprinkler", new Bernoulli(cloudy ? 0.1 : 0.5));
        boolean rain = p.sample("rain", new Bernoulli(cloudy ? 0.8 : 0.2));
        double pWet = sprinkler && rain ? 0.99 : sprinkler || rain ? 0.9 : 0.0;
        if (observeWet) {
            p.observe("wet", new Bernoulli(pWet), true);
        } else {
            p.sample("wet", new Bernoulli(pWet));
        }
        return sprinkler;
    }

    /** The sprinkler with wet sampled as a latent choice and then required by a hard condition. */
    static boolean sprinklerLatent(Prob p) {
        boolean cloudy = p.sample("cloudy", new Bernoulli(0.5));
        boolean sprinkler = p.sample("sprinkler", new Bernoulli(cloudy ? 0.1 : 0.5));
        boolean rain = p.sample("rain", new Bernoulli(cloudy ? 0.8 : 0.2));
        double pWet = sprinkler && rain ? 0.99 : sprinkler || rain ? 0.9 : 0.0;
        boolean wet = p.sample("wetLatent", new Bernoulli(pWet));
        p.condition("wet", wet);
        return sprinkler;
    }

    /** The HMM flat, and split into one call per time step. */
    static final double[][] T = {{0.4, 0.4, 0.2}, {0.2, 0.3, 0.5}, {0.9, 0.05, 0.05}};
    static final double[][] E = {{0.1, 0.2, 0.7}, {0.2, 0.7, 0.1}, {0.7, 0.2, 0.1}};
    static final double[] INIT = {0.2, 0.3, 0.5};
    static final int[] OBS = {0, 0, 1, 2};

    static final Model<Integer> HMM_FLAT = p -> {
        int state = -1;
        for (int t = 0; t < OBS.length; t++) {
            state = p.sample("state", t, t == 0 ? new Categorical(INIT) : new Categorical(T[state]));
            p.observe("symbol", t, new Categorical(E[state]), OBS[t]);
        }
        return state;
    };

    static Model<Integer> step(int t, int previous) {
        return p -> {
            int s = p.sample("state", previous < 0 ? new Categorical(INIT) : new Categorical(T[previous]));
            p.observe("symbol", new Categorical(E[s]), OBS[t]);
            return s;
        };
    }

    static final Model<Integer> HMM_SPLIT = p -> {
        int state = -1;
        for (int t = 0; t < OBS.length; t++) {
            state = p.call("step", t, step(t, state));
        }
        return state;
    };

    @Test
    void aModelSplitWithCallEqualsTheFlatOne() {
        EnumerationResult<Integer> flat = Enumerate.of(HMM_FLAT).run();
        EnumerationResult<Integer> split = Enumerate.of(HMM_SPLIT).run();
        assertThat(flat.logEvidence()).isCloseTo(GroundTruth.HMM_LOG_Z, offset(1e-11));
        assertThat(split.logEvidence()).isCloseTo(flat.logEvidence(), offset(1e-14));
        flat.posterior().forEach((v, pr) -> assertThat(split.posterior().get(v)).isCloseTo(pr, offset(1e-14)));
        // Run by run under the prior: same stream, same choices, same weights; and the split model's sites are
        // addressed inside their scope.
        Runner<Integer> rf = Execution.of(HMM_FLAT).runner();
        Runner<Integer> rs = Execution.of(HMM_SPLIT).runner();
        for (int i = 0; i < RUNS; i++) {
            rf.run(SEED, i);
            rs.run(SEED, i);
            assertThat(rs.value()).isEqualTo(rf.value());
            assertThat(rs.logWeight()).isEqualTo(rf.logWeight());
        }
        assertThat(rs.siteAddress(0).toString()).isEqualTo("step[0]/state");
        // Continuous, split into nested scopes with a guide addressed by scope.
        Model<Double> flatC = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observeAll("y", new Normal(mu, 1), Y);
            return mu;
        };
        Model<Double> splitC = p -> {
            double mu = p.call("prior", q -> q.sample("mu", new Normal(0, 1)));
            p.scoped("lik", q -> q.observeAll("y", new Normal(mu, 1), Y));
            return mu;
        };
        Runner<Double> a = Execution.of(flatC).guide(Guide.at("mu", new Normal(0.9, 0.5))).runner();
        Runner<Double> b = Execution.of(splitC).guide(Guide.at("prior/mu", new Normal(0.9, 0.5))).runner();
        for (int i = 0; i < RUNS; i++) {
            a.run(SEED, i);
            b.run(SEED, i);
            assertThat(b.value()).isEqualTo(a.value());
            assertThat(b.logWeight()).isCloseTo(a.logWeight(), offset(ROUNDING));
        }
        // The check can fail: splitting that drops a step's observation changes P(e).
        Model<Integer> broken = p -> {
            int state = -1;
            for (int t = 0; t < OBS.length - 1; t++) {
                state = p.call("step", t, step(t, state));
            }
            return state;
        };
        assertThat(Math.abs(Enumerate.of(broken).run().logEvidence() - flat.logEvidence())).isGreaterThan(0.1);
    }
}
