package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.Poisson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Continued runs ({@link Runner#continueRun}, {@link RunPrefix}): a run made again as far as its prefix replays the
 * prefix's values exactly, stops at the first latent site after an evidence site past the prefix, and scores only
 * what is past the prefix. Checked on a model with every kind of latent site, on the direct path (a lean runner, no
 * guide or a guide without the prior) and on the general path (a guide that reads the prior, a recording runner).
 */
class ContinuedRunTest {

    /** A choice among three words, uniformly: an object site. */
    private static final ObjDist<String> WORD = new ObjDist<>() {
        private final String[] words = {"ash", "elm", "oak"};

        @Override
        public String sample(Rng rng) {
            return words[(int) (rng.nextDouble() * 3)];
        }

        @Override
        public double logDensity(String x) {
            return Arrays.asList(words).contains(x) ? -Math.log(3) : Double.NEGATIVE_INFINITY;
        }
    };

    /**
     * A factor before the first latent site, then every kind of latent site with evidence between them; the first
     * group of latents has no evidence between its members, so it is one step.
     */
    private static final Model<Double> MODEL = p -> {
        p.factor("start", -0.25);
        double mu = p.sample("mu", new Normal(0, 2));
        double rate = p.sample("rate", new Gamma(2, 1));
        p.observe("first", new Normal(mu, 1), 0.3);
        double[] w = p.sample("w", new Dirichlet(1, 2));
        String word = p.sample("word", WORD);
        double s = mu + word.length();
        for (int i = 0; i < 4; i++) {
            int z = p.sample("z", i, new Categorical(w));
            boolean b = p.sample("b", i, new Bernoulli(0.2 + 0.1 * z));
            double x = p.sample("x", i, new Normal(z == 0 ? mu : -mu, 1 + rate));
            p.observe("y", i, new Normal(x, 0.5), 0.1 * i);
            p.observe("k", i, new Poisson(rate), i % 3);
            s += b ? x : z;
        }
        return s;
    };

    private static final Dist MEAN = new Normal(0.4, 0.8);

    private static final Guide.SiteProposal BY_NAME = (site, history) -> {
        switch (site.name()) {
            case "mu":
            case "x":
                return MEAN;
            case "rate":
                return new Gamma(3, 2);
            case "b":
                return new Bernoulli(0.35);
            default:
                return null;
        }
    };

    private static final Guide READS_PRIOR = (site, prior, history) -> {
        Dist q = BY_NAME.propose(site, history);
        return q == null ? prior : q;
    };

    /** What one step of a continued run showed: where it started and stopped, its scores, and its sites' values. */
    private static final class Step {
        final int from;
        final int to;
        final boolean stopped;
        final double logWeight;
        final double logP;
        final double logQ;
        final List<Object> values = new ArrayList<>();
        final Map<Address, Object> latents = new HashMap<>();

        Step(int from, Runner<?> r, boolean stopped) {
            this.from = from;
            this.stopped = stopped;
            this.to = r.siteCount();
            this.logWeight = r.logWeight();
            double p = 0;
            double q = 0;
            for (int s = from; s < to; s++) {
                p += r.siteLogP(s);
                q += r.siteLogQ(s);
            }
            this.logP = p;
            this.logQ = q;
            History h = r.history();
            for (int s = 0; s < to; s++) {
                values.add(h.value(s));
                if (r.siteKind(s) == SiteKind.LATENT) {
                    latents.put(r.siteAddress(s), h.value(s));
                }
            }
        }
    }

    private static List<Step> steps(Runner<Double> r, long seed) {
        RunPrefix prefix = new RunPrefix();
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            int from = prefix.sites();
            boolean stopped = r.continueRun(seed, k, prefix);
            Step step = new Step(from, r, stopped);
            steps.add(step);
            if (!stopped) {
                return steps;
            }
            assertThat(prefix.sites()).as("the prefix grows to the stopping site").isEqualTo(step.to);
            assertThat(r.value()).isNull();
            assertThat(r.failed()).isFalse();
        }
        throw new AssertionError("the model has 10 evidence sites: it must end within 50 steps");
    }

    private static void checkSteps(Runner<Double> r) {
        for (long seed = 1; seed <= 40; seed++) {
            List<Step> steps = steps(r, seed);
            // Evidence blocks: (start, first), then (y_i, k_i) for i = 0..3 with latents between them. The first step
            // takes start, mu, rate and first (the first latent site never stops a run) and stops at w; the last
            // runs to the model's return.
            assertThat(steps).hasSize(5);
            assertThat(steps.get(0).to).as("the first step stops at w, after start, mu, rate and first").isEqualTo(4);
            Step last = steps.get(steps.size() - 1);
            assertThat(last.stopped).isFalse();
            assertThat(r.failed()).isFalse();
            assertThat(r.value()).isNotNull();
            double logP = 0;
            for (int k = 0; k < steps.size(); k++) {
                Step step = steps.get(k);
                assertThat(step.logWeight).as("step %d's log weight is log p - log q over its sites", k)
                        .isCloseTo(step.logP - step.logQ, within(1e-12 * (1 + Math.abs(step.logWeight))));
                logP += step.logP;
                if (k > 0) {
                    Step before = steps.get(k - 1);
                    assertThat(step.from).isEqualTo(before.to);
                    for (int s = 0; s < before.to; s++) {
                        Object was = before.values.get(s);
                        Object now = step.values.get(s);
                        if (was instanceof double[]) {
                            assertThat((double[]) now).as("site %d replayed", s).containsExactly((double[]) was);
                        } else {
                            assertThat(now).as("site %d replayed in step %d", s, k).isEqualTo(was);
                        }
                    }
                }
            }
            // The steps' log p, taken together, is the whole run's: one ordinary run given the same values agrees.
            assertThat(logP).isCloseTo(wholeRunLogP(last.latents), within(1e-9 * (1 + Math.abs(logP))));
        }
    }

    /** log p of one ordinary run of the model whose latent sites are given these values by a handler. */
    private static double wholeRunLogP(Map<Address, Object> values) {
        Handler given = new Handler() {
            @Override
            protected void process(Message m) {
                if (m.kind() == SiteKind.LATENT) {
                    m.setValue(values.get(m.address()));
                }
            }
        };
        Runner<Double> r = Execution.of(MODEL).with(given).runner();
        r.run(0, 0);
        assertThat(r.failed()).isFalse();
        return r.logP();
    }

    @Test
    void withoutAGuideStepsReplayTheirPrefixAndScoreTheRest() {
        checkSteps(Execution.of(MODEL).leanRunner());
    }

    @Test
    void underAGuideWithoutThePriorTheDirectPathStepsTheSame() {
        checkSteps(Execution.of(MODEL).guide(Guide.bySite(BY_NAME)).leanRunner());
    }

    @Test
    void underAGuideThatReadsThePriorAndOnARecordingRunnerTheGeneralPathStepsTheSame() {
        checkSteps(Execution.of(MODEL).guide(READS_PRIOR).leanRunner());
        checkSteps(Execution.of(MODEL).guide(Guide.bySite(BY_NAME)).runner());
    }

    @Test
    void aStepWithWeightZeroEndsTheRunAsFailed() {
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("positive", x > 0);
            double y = p.sample("y", new Normal(x, 1));
            p.condition("above", y > x + 10);
            return p.sample("z", new Normal(y, 1));
        };
        Runner<Double> r = Execution.of(m).leanRunner();
        int failed = 0;
        for (long seed = 0; seed < 50; seed++) {
            RunPrefix prefix = new RunPrefix();
            if (!r.continueRun(seed, 0, prefix)) {
                assertThat(r.failed()).isTrue();
                assertThat(r.logWeight()).isEqualTo(Double.NEGATIVE_INFINITY);
                failed++;
                continue;
            }
            assertThat(prefix.sites()).isEqualTo(2);
            assertThat(r.continueRun(seed, 1, prefix)).as("y > x + 10 has probability 1e-23").isFalse();
            assertThat(r.failed()).isTrue();
        }
        assertThat(failed).as("about half the runs have x <= 0").isBetween(10, 40);
    }

    @Test
    void aModelWhoseRunIsNotDeterminedByItsChoicesIsCaughtWhenItsPrefixNoLongerLinesUp() {
        AtomicInteger calls = new AtomicInteger();
        Model<Double> m = p -> {
            double x = calls.getAndIncrement() % 2 == 0 ? p.sample("x", new Normal(0, 1))
                    : p.sample("n", new Poisson(2));
            p.observe("y", new Normal(x, 1), 0.5);
            return p.sample("z", new Normal(x, 1));
        };
        Runner<Double> r = Execution.of(m).leanRunner();
        RunPrefix prefix = new RunPrefix();
        assertThat(r.continueRun(1, 0, prefix)).isTrue();
        assertThatThrownBy(() -> r.continueRun(1, 1, prefix)).isInstanceOf(ModelException.class)
                .hasMessageContaining("latent site 1, at n, takes int values")
                .hasMessageContaining("prefix recorded a real value")
                .hasMessageContaining("determined by its random choices");

        AtomicInteger runs = new AtomicInteger();
        Model<Double> shorter = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            if (runs.getAndIncrement() > 0) {
                return x;
            }
            return p.sample("z", new Normal(x, 1));
        };
        Runner<Double> s = Execution.of(shorter).leanRunner();
        RunPrefix p2 = new RunPrefix();
        assertThat(s.continueRun(1, 0, p2)).isTrue();
        assertThatThrownBy(() -> s.continueRun(1, 1, p2)).isInstanceOf(ModelException.class)
                .hasMessageContaining("before reaching its prefix's end at site 2");
    }

    @Test
    void aRunnerWithHandlersCannotContinueRunsAndALeanRunnerKeepsNoTraceOfThem() {
        Runner<Double> handled = Execution.of(MODEL).with(Handlers.scale(0.5)).leanRunner();
        assertThatThrownBy(() -> handled.continueRun(1, 0, new RunPrefix()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("effect handlers");
        Runner<Double> lean = Execution.of(MODEL).leanRunner();
        lean.continueRun(1, 0, new RunPrefix());
        assertThatThrownBy(lean::trace).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Execution.runner()");
        lean.run(1, 0);
        assertThat(lean.trace().sites()).hasSize(lean.siteCount());

        Runner<Double> recording = Execution.of(MODEL).runner();
        RunPrefix prefix = new RunPrefix();
        recording.continueRun(1, 0, prefix);
        recording.continueRun(1, 1, prefix);
        Trace t = recording.trace();
        assertThat(t.sites()).as("the sites up to the stopping one, not it").hasSize(prefix.sites());
        assertThat(t.sites().get(0).address().toString()).isEqualTo("start");
        assertThat(t.sites().get(1).logP()).as("a replayed site is scored 0").isZero();
    }

    @Test
    void anErrorOnTheDirectPathOfAContinuedRunIsExplainedByTheSameContinuedRun() {
        Guide wrongKind = Guide.bySite((site, history) -> site.name().equals("b") ? MEAN : null);
        Runner<Double> r = Execution.of(MODEL).guide(wrongKind).leanRunner();
        RunPrefix prefix = new RunPrefix();
        assertThat(r.continueRun(3, 0, prefix)).isTrue();
        // The second step reaches b[0], where the guide's proposal is real: the direct path does not have the prior,
        // and the recording twin's same continued run names it.
        assertThatThrownBy(() -> r.continueRun(3, 1, prefix)).isInstanceOf(ModelException.class)
                .hasMessageContaining("does not fit the prior Bernoulli").hasMessageContaining("at b[0]")
                .hasMessageContaining("run 1 of seed 3");
    }

    @Test
    void aPrefixCopiesAndClears() {
        Runner<Double> r = Execution.of(MODEL).leanRunner();
        RunPrefix a = new RunPrefix();
        r.continueRun(5, 0, a);
        r.continueRun(5, 1, a);
        RunPrefix b = new RunPrefix();
        b.copyFrom(a);
        assertThat(b.sites()).isEqualTo(a.sites()).isPositive();
        r.continueRun(5, 2, a);
        double[] w = r.history().vector("w");
        r.continueRun(9, 2, b);
        assertThat(r.history().vector("w")).as("the copy replays the same vector").containsExactly(w);
        b.clear();
        assertThat(b.sites()).isZero();
        assertThat(b).hasToString("RunPrefix(0 sites, 0 latent)");
    }

    @Test
    void aModelThatCatchesTheStopAndGoesOnIsStoppedAtTheSameSiteWithTheSameScore() {
        Model<Double> careless = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            double z = 0;
            try {
                z = p.sample("z", new Normal(x, 1));
            } catch (Throwable t) {
                z = 7; // swallows everything, the engine's signal too
            }
            p.observe("w", new Normal(z, 1), 1.5);
            double u = p.sample("u", new Normal(z, 1));
            if (u > -100) {
                throw new IllegalStateException("never reached in a stopped run");
            }
            return u;
        };
        Model<Double> plain = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            return p.sample("z", new Normal(x, 1));
        };
        Runner<Double> a = Execution.of(careless).leanRunner();
        Runner<Double> b = Execution.of(plain).leanRunner();
        for (long seed = 0; seed < 20; seed++) {
            RunPrefix pa = new RunPrefix();
            RunPrefix pb = new RunPrefix();
            assertThat(a.continueRun(seed, 0, pa)).isTrue();
            assertThat(b.continueRun(seed, 0, pb)).isTrue();
            assertThat(pa.sites()).isEqualTo(2).isEqualTo(pb.sites());
            assertThat(a.logWeight()).as("the score at the stop, not after it").isEqualTo(b.logWeight());
            assertThat(a.siteCount()).isEqualTo(2);
            assertThat(a.value()).isNull();
        }
    }
}
