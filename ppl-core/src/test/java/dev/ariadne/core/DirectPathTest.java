package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direct path of a latent site (a lean runner with no handlers, no guide program, and no guide or one that
 * proposes without the prior, {@link Guide#withoutPrior()}) computes what the general path computes, bit for bit:
 * a recording runner always takes the general path, so the two are run side by side on the same runs.
 */
class DirectPathTest {

    private static final Categorical ASSIGNMENT = new Categorical(0.3, 0.7);
    private static final Normal MEAN = new Normal(0.4, 0.8);
    private static final Gamma RATE = new Gamma(3, 2);
    private static final Bernoulli COIN = new Bernoulli(0.35);

    /** Every scalar kind, priors made at their sites with parameters from earlier choices; a vector site too. */
    private static final Model<Double> MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 2));
        double rate = p.sample("rate", new Gamma(2, 1));
        double[] w = p.sample("w", new Dirichlet(1, 2));
        double s = mu;
        for (int i = 0; i < 6; i++) {
            int z = p.sample("z", i, new Categorical(w));
            boolean b = p.sample("b", i, new Bernoulli(0.2 + 0.1 * z));
            double x = p.sample("x", i, new Normal(z == 0 ? mu : -mu, 1 + rate));
            p.observe("y", i, new Normal(x, 0.5), 0.1 * i);
            p.observe("k", i, new Poisson(rate), i % 3);
            s += b ? x : z;
        }
        return s;
    };

    /** Proposes at some sites (by name), leaves the others at their prior. */
    private static final Guide.SiteProposal BY_NAME = (site, history) -> {
        switch (site.name()) {
            case "mu":
            case "x":
                return MEAN;
            case "rate":
                return RATE;
            case "z":
                return site.index() % 2 == 0 ? ASSIGNMENT : null;
            case "b":
                return COIN;
            default:
                return null;
        }
    };

    private static void sameRuns(Model<?> model, Guide guide) {
        Execution<?> ex = Execution.of(model);
        if (guide != null) {
            ex = ex.guide(guide);
        }
        Runner<?> direct = ex.leanRunner();
        Runner<?> general = ex.runner();
        for (long i = 0; i < 300; i++) {
            direct.run(17, i);
            general.run(17, i);
            assertThat(direct.logP()).as("log p of run %d", i).isEqualTo(general.logP());
            assertThat(direct.logQ()).as("log q of run %d", i).isEqualTo(general.logQ());
            assertThat(direct.logPrior()).isEqualTo(general.logPrior());
            assertThat(direct.failed()).isEqualTo(general.failed());
            assertThat(direct.usedProposal()).isEqualTo(general.usedProposal());
            assertThat(direct.value()).isEqualTo(general.value());
            assertThat(direct.siteCount()).isEqualTo(general.siteCount());
            for (int j = 0; j < direct.siteCount(); j++) {
                assertThat(direct.siteLogP(j)).isEqualTo(general.siteLogP(j));
                assertThat(direct.siteLogQ(j)).isEqualTo(general.siteLogQ(j));
            }
        }
    }

    @Test
    void withoutAGuideTheDirectPathDrawsAndScoresAsTheGeneralPath() {
        sameRuns(MODEL, null);
    }

    @Test
    void underAGuideThatProposesWithoutThePriorTheRunsAreTheGeneralPathsBitForBit() {
        sameRuns(MODEL, Guide.bySite(BY_NAME));
    }

    @Test
    void inAWholeRunDefensiveMixtureTheRunsThatFollowThePriorScoreTheProposalAsTheGeneralPathDoes() {
        Guide mixed = Guide.defensive(0.3, Guide.bySite(BY_NAME));
        assertThat(mixed.withoutPrior()).isNotNull();
        sameRuns(MODEL, mixed);
    }

    /**
     * A guide that reads the prior ({@code Guide.real}, {@code integer}, {@code bool}, or one written as a lambda) runs
     * its real, int and bool sites on the direct path too, handed the prior out of line ({@code PROPOSING}); it made
     * such runs take the general path, about 1.1 times as slow, before. Its proposals use the prior's parameters, it
     * returns the prior itself at some sites and null at others, and the runs are the general path's bit for bit.
     */
    @Test
    void underAGuideThatReadsThePriorTheRunsAreTheGeneralPathsBitForBit() {
        Guide readsPrior = Guide.real((site, prior, history) -> site.name().equals("rate") ? null
                : site.name().equals("x") && site.index() % 3 == 0 ? prior
                : new Normal(prior.mean() + 0.3, 1.2 * Math.sqrt(prior.variance())))
                .orElse(Guide.integer((site, prior, history) -> site.index() % 2 == 0 ? ASSIGNMENT : prior))
                .orElse(Guide.bool((site, prior, history) -> site.index() < 3 ? COIN : null));
        assertThat(readsPrior.withoutPrior()).isNull();
        sameRuns(MODEL, readsPrior);
        Guide lambda = (site, prior, history) -> prior instanceof Normal n ? new Normal(n.mean(), 2 * n.sd()) : prior;
        sameRuns(MODEL, lambda);
    }

    /** On that path a proposal that does not fit its prior is refused as on the others, naming the prior. */
    @Test
    void aGuideThatReadsThePriorHasItsMisfitRefusedNamingThePrior() {
        Model<Double> m = p -> p.sample("rate", new Gamma(2, 1));
        Guide wrong = Guide.real((site, prior, history) -> MEAN);
        assertThatThrownBy(() -> Execution.of(m).guide(wrong).leanRunner().run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("does not fit the prior Gamma(shape=2.0, rate=1.0)")
                .hasMessageContaining("at rate");
    }

    @Test
    void aBySiteGuideIsTheSameGuideAsTheOneThatReturnsThePriorWhereItReturnsNull() {
        Guide bySite = Guide.bySite(BY_NAME);
        Guide readsPrior = (site, prior, history) -> {
            Dist q = BY_NAME.propose(site, history);
            return q == null ? prior : q;
        };
        Runner<Double> a = Execution.of(MODEL).guide(bySite).leanRunner();
        Runner<Double> b = Execution.of(MODEL).guide(readsPrior).leanRunner();
        for (long i = 0; i < 200; i++) {
            assertThat(a.run(5, i).logWeight()).isEqualTo(b.run(5, i).logWeight());
        }
    }

    @Test
    void theCombinatorsKeepAGuideThatProposesWithoutThePriorAndOnlyThem() {
        Guide alone = Guide.bySite((site, history) -> MEAN);
        Guide readsPrior = (site, prior, history) -> prior;
        assertThat(alone.withoutPrior()).isNotNull();
        assertThat(readsPrior.withoutPrior()).isNull();
        assertThat(Guide.at("x[*]", MEAN).withoutPrior()).isNotNull();
        assertThat(Guide.fromMap(java.util.Map.of("x[*]", MEAN)).withoutPrior()).isNotNull();
        assertThat(Guide.at("x", alone).withoutPrior()).isNotNull();
        assertThat(Guide.at("x", readsPrior).withoutPrior()).isNull();
        assertThat(alone.orElse(Guide.at("y", MEAN)).withoutPrior()).isNotNull();
        assertThat(alone.orElse(readsPrior).withoutPrior()).isNull();
        assertThat(Guide.defensive(0.2, alone).orElse(Guide.at("y", MEAN)).withoutPrior()).isNotNull();
        assertThat(Guide.real((site, prior, history) -> prior).withoutPrior()).isNull();
        Guide combined = Guide.at("mu", MEAN).orElse(Guide.at("x[*]", MEAN));
        assertThat(combined.patterns()).hasSize(2);
        // The pattern dispatch without the prior proposes where the guide with it does.
        Model<Double> m = p -> p.sample("mu", new Normal(0, 1)) + p.sample("x", 0, new Normal(0, 1))
                + p.sample("y", new Normal(0, 1));
        Runner<Double> r = Execution.of(m).guide(combined).runner();
        r.run(1, 0);
        assertThat(r.trace().sites()).extracting(TraceSite::proposal).containsExactly(MEAN, MEAN, new Normal(0, 1));
    }

    @Test
    void aProposalThatDoesNotFitThePriorIsRefusedNamingThePriorOnTheDirectPathToo() {
        Model<Double> m = p -> p.sample("rate", new Gamma(2, 1));
        Guide wrong = Guide.bySite((site, history) -> MEAN);
        for (Runner<Double> r : List.of(Execution.of(m).guide(wrong).leanRunner(),
                Execution.of(m).guide(wrong).runner())) {
            assertThatThrownBy(() -> r.run(1, 0)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("does not fit the prior Gamma(shape=2.0, rate=1.0)")
                    .hasMessageContaining("at rate").hasMessageContaining("run 0 of seed 1");
        }
    }

    /**
     * The direct path caches a proposal's check by its support and the prior's shape, not by the proposal (which a
     * guide may make at every site): a proposal of another kind that shares the checked support is still refused.
     */
    @Test
    void aProposalOfAnotherKindSharingACheckedSupportIsRefusedAtALaterRun() {
        Model<Double> m = p -> p.sample("mu", new Normal(0, 1));
        IntDist sameSupport = new IntDist() {
            @Override
            public int sample(dev.ariadne.core.Rng rng) {
                return 0;
            }

            @Override
            public double logMass(int k) {
                return 0;
            }

            @Override
            public double mean() {
                return 0;
            }

            @Override
            public double variance() {
                return 0;
            }

            @Override
            public Support support() {
                return MEAN.support(); // the same object as the fitting proposal's
            }
        };
        boolean[] misfit = {false};
        Guide g = Guide.bySite((site, history) -> misfit[0] ? sameSupport : new Normal(0.4, 0.8));
        Runner<Double> r = Execution.of(m).guide(g).leanRunner();
        for (int run = 0; run < 3; run++) {
            r.run(1, run); // checked once, then by its support
        }
        misfit[0] = true;
        assertThatThrownBy(() -> r.run(1, 3)).isInstanceOf(ModelException.class)
                .hasMessageContaining("does not fit the prior").hasMessageContaining("at mu");
    }

    /** A distribution whose log density is NaN at every point: a bug of its author, which the engine reports. */
    private record Broken(double location) implements RealDist {
        @Override
        public double sample(dev.ariadne.core.Rng rng) {
            return location + rng.nextDouble();
        }

        @Override
        public double logDensity(double x) {
            return Double.NaN;
        }

        @Override
        public double mean() {
            return location + 0.5;
        }

        @Override
        public double variance() {
            return 1.0 / 12;
        }

        @Override
        public Support support() {
            return Support.REAL;
        }
    }

    @Test
    void aNaNLogDensityOnTheDirectPathIsAnErrorNamingTheSiteAndTheDistribution() {
        Model<Double> m = p -> p.sample("a", Normal.STANDARD) + p.sample("x", new Broken(3));
        assertThatThrownBy(() -> Execution.of(m).leanRunner().run(2, 4)).isInstanceOf(ModelException.class)
                .hasMessageContaining("log density is NaN at x").hasMessageContaining("Broken[location=3.0]")
                .hasMessageContaining("run 4 of seed 2");
    }

    /** The message of the error of run 0 of seed 1, on the direct path and on the general path. */
    private static List<String> messages(Model<?> m, Guide guide) {
        Execution<?> ex = guide == null ? Execution.of(m) : Execution.of(m).guide(guide);
        List<String> out = new java.util.ArrayList<>();
        for (Runner<?> r : List.of(ex.leanRunner(), ex.runner())) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> r.run(1, 0));
            assertThat(t).isInstanceOf(ModelException.class);
            out.add(t.getMessage());
        }
        return out;
    }

    /**
     * A parameter made invalid by an earlier choice, at a site on the direct path: the same error as on the general
     * path, naming the distribution, the parameter, the value, the run and the last site entered (the constructor
     * throws before its own site is entered, on both paths).
     */
    @Test
    void aBadParameterAtADirectSiteIsTheGeneralPathsErrorNamingDistributionParameterValueAndSite() {
        Model<Double> bad = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            return p.sample("x", new Normal(0, mu - 100));
        };
        for (Guide g : java.util.Arrays.asList(null, Guide.bySite(BY_NAME))) {
            List<String> m = messages(bad, g);
            assertThat(m.get(0)).isEqualTo(m.get(1)).contains("Normal: sd must be finite and > 0, got -100.")
                    .contains("run 0 of seed 1, at or after site mu");
        }
    }

    /**
     * A NaN log density at a site on the direct path, where the prior never leaves the site: the run is made again
     * on the general path, so the message is the general path's, naming the prior, the proposal and the value.
     */
    @Test
    void aNaNLogDensityAtADirectSiteIsExplainedAsOnTheGeneralPathWithPriorProposalAndValue() {
        Model<Double> m = p -> p.sample("a", Normal.STANDARD) + p.sample("x", new Broken(3));
        List<String> unguided = messages(m, null);
        assertThat(unguided.get(0)).isEqualTo(unguided.get(1)).contains("log density is NaN at x (prior Broken["
                + "location=3.0], proposal Broken[location=3.0], value 3.").contains("run 0 of seed 1");
        List<String> guided = messages(m, Guide.bySite(BY_NAME));
        assertThat(guided.get(0)).isEqualTo(guided.get(1)).contains("log density is NaN at x (prior Broken["
                + "location=3.0], proposal Normal(mean=0.4, sd=0.8), value 1.");
    }

    /**
     * An infinite or NaN log density at an observation is an error naming the site, its distribution and the value,
     * on the lean runner (which makes the run again on its recording twin for the distribution, as it is no longer
     * handed to the error's branch), the recording runner and a runner with a handler, with or without a guide; a run
     * that fails at an observation (log p -inf) is no error. An infinite one says what to observe instead: a new user's
     * failure time of 0 under a Weibull of shape 0.8 was told only "infinite log density".
     */
    @Test
    void anInfiniteOrNaNLogDensityAtAnObservationNamesItsDistributionOnEveryRunner() {
        Model<Double> infinite = p -> {
            double a = p.sample("a", Normal.STANDARD);
            p.observe("y", 2, new dev.ariadne.core.dist.Beta(0.5, 0.5), 0.0);
            return a;
        };
        Model<Double> nan = p -> {
            double a = p.sample("a", Normal.STANDARD);
            p.observe("y", new Broken(3), 3.0);
            return a;
        };
        for (Guide g : java.util.Arrays.asList(null, Guide.bySite(BY_NAME))) {
            List<String> m = messages(infinite, g);
            m.add(handledMessage(infinite, g));
            assertThat(m).allSatisfy(text -> assertThat(text).contains(
                    "infinite log density at y[2] (" + new dev.ariadne.core.dist.Beta(0.5, 0.5).describe()
                            + ", value 0.0").contains("run 0 of seed 1").contains("the density is unbounded at that "
                            + "value").contains("observe the probability of its rounding interval instead"));
            List<String> n = messages(nan, g);
            n.add(handledMessage(nan, g));
            assertThat(n).allSatisfy(text -> assertThat(text).contains("NaN log density at y (Broken[location=3.0],"
                    + " value 3.0"));
        }
        Model<Double> fails = p -> {
            double a = p.sample("a", Normal.STANDARD);
            p.observe("y", new dev.ariadne.core.dist.Uniform(0, 1), 2.0);
            return a;
        };
        assertThat(Execution.of(fails).leanRunner().run(1, 0).failed()).isTrue();
    }

    private static String handledMessage(Model<?> m, Guide guide) {
        Execution<?> ex = Execution.of(m).with(Handlers.scale(1));
        if (guide != null) {
            ex = ex.guide(guide);
        }
        Runner<?> r = ex.leanRunner();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> r.run(1, 0));
        assertThat(t).isInstanceOf(ModelException.class);
        return t.getMessage();
    }

    /**
     * The site a guide is handed on the direct path (the site's own slot) reads as the general path's view of the
     * current site: name, index, scope, kind, address and text, and the history before it, in scopes and at
     * indexed sites alike.
     */
    @Test
    void theSiteAGuideSeesOnTheDirectPathIsTheGeneralPaths() {
        Model<Double> scoped = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            return mu + p.call("inner", 2, q -> q.sample("x", 1, new Normal(mu, 1)) + q.sample("y", new Normal(0, 1)));
        };
        List<List<String>> seen = new java.util.ArrayList<>();
        for (boolean lean : new boolean[] {true, false}) {
            List<String> views = new java.util.ArrayList<>();
            Guide g = Guide.bySite((site, history) -> {
                views.add(site.name() + " " + site.index() + " " + site.scope() + " " + site.kind() + " "
                        + site.address() + " " + site + " " + history.size());
                return MEAN;
            });
            Execution<Double> ex = Execution.of(scoped).guide(g);
            Runner<Double> r = lean ? ex.leanRunner() : ex.runner();
            r.run(5, 0);
            r.run(5, 1);
            seen.add(views);
        }
        assertThat(seen.get(0)).isEqualTo(seen.get(1)).hasSize(6)
                .startsWith("mu -1 null LATENT mu mu 0", "x 1 inner[2] LATENT inner[2]/x[1] inner[2]/x[1] 1",
                        "y -1 inner[2] LATENT inner[2]/y inner[2]/y 2");
    }

    /**
     * A guided site on the direct path enters itself in its guide's step: a kept Prob is refused there from another
     * thread and after its run, even at a site its run's table would take on its fast path (run 1 repeats run 0's
     * sites a and b, and its intruder samples b at b's position; run 2 ends after a, and b is sampled after it).
     */
    @Test
    void aGuidedSiteOfAKeptProbIsRefusedFromAnotherThreadAndAfterItsRun() {
        java.util.concurrent.atomic.AtomicReference<Prob> kept = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> intruder =
                new java.util.concurrent.atomic.AtomicReference<>();
        Model<Double> model = p -> {
            kept.set(p);
            double a = p.sample("a", new Normal(0, 1));
            long run = ((Engine) p).runIndex;
            if (run == 1) {
                intruder.set(OnAnotherThread.thrown("intruder", () -> p.sample("b", new Normal(0, 1))));
            }
            return run <= 1 ? a + p.sample("b", new Normal(0, 1)) : a;
        };
        Runner<Double> runner = Execution.of(model).guide(Guide.bySite((site, history) -> MEAN)).leanRunner();
        runner.run(1, 0);
        runner.run(1, 1);
        assertThat(intruder.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from thread intruder");
        assertThat(runner.siteCount()).isEqualTo(2);
        runner.run(1, 2);
        assertThat(runner.siteCount()).isEqualTo(1);
        assertThatThrownBy(() -> kept.get().sample("b", new Normal(0, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
        assertThat(runner.siteCount()).isEqualTo(1);
    }
}
