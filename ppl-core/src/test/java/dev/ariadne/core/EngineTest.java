package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.ParameterException;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Uniform;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EngineTest {

    static final double[] Y = {0.8, 1.2, 1.9, 0.4, 1.1};

    /** normal-normal: mu ~ N(0,1), y_i ~ N(mu, 1). */
    static final Model<Double> NORMAL_NORMAL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        for (int i = 0; i < Y.length; i++) {
            p.observe("y", i, new Normal(mu, 1), Y[i]);
        }
        return mu;
    };

    /** A model with every kind of site, scopes and a history-dependent structure. */
    static final Model<Double> MIXED = p -> {
        double mu = p.sample("mu", new Normal(0, 2));
        int k = p.sample("k", new Poisson(2.5));
        boolean b = p.sample("b", new Bernoulli(0.3));
        double[] w = p.sample("w", new Dirichlet(1, 2, 3));
        double total = mu + k + (b ? 1 : 0) + w[0];
        for (int t = 0; t < 3; t++) {
            int tt = t;
            total += p.call("step", t, q -> q.sample("z", new Normal(tt, 1)));
        }
        p.observe("y", new Normal(total, 1), 3.0);
        p.observe("c", new Categorical(0.2, 0.3, 0.5), 2);
        p.factor("f", -0.25);
        p.condition("ok", true);
        return total;
    };

    static final Guide MIXED_GUIDE = Guide.at("mu", new Normal(1, 0.5))
            .orElse(Guide.at("k", new Poisson(3)))
            .orElse(Guide.at("b", new Bernoulli(0.6)))
            .orElse(Guide.at("step[*]/z", Guide.real((site, prior, h) -> new Normal(prior.mean() + 0.5, 0.8))));

    @Test
    void logPSplitsIntoThePriorOfTheLatentSitesAndTheLikelihoodOfTheEvidence() {
        for (boolean lean : new boolean[] {false, true}) {
            Execution<Double> e = Execution.of(MIXED).guide(MIXED_GUIDE);
            Runner<Double> r = lean ? e.leanRunner() : e.runner();
            for (long i = 0; i < 20; i++) {
                r.run(7, i);
                double prior = 0;
                double likelihood = 0;
                for (int s = 0; s < r.siteCount(); s++) {
                    if (r.siteKind(s) == SiteKind.LATENT) {
                        prior += r.siteLogP(s);
                    } else {
                        likelihood += r.siteLogP(s);
                    }
                }
                assertThat(r.logPrior()).isCloseTo(prior, within(1e-12));
                assertThat(r.logLikelihood()).isCloseTo(likelihood, within(1e-12));
                assertThat(r.logPrior() + r.logLikelihood()).isCloseTo(r.logP(), within(1e-12));
            }
        }
        Runner<Boolean> failing = Execution.of((Model<Boolean>) p -> {
            p.condition("never", false);
            return true;
        }).runner();
        failing.run(1, 0);
        assertThat(failing.logLikelihood()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(failing.logPrior()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void onlyAWholeRunDefensiveMixtureReportsAPriorShare() {
        assertThat(Guide.prior().wholeRunPriorShare()).isZero();
        assertThat(MIXED_GUIDE.wholeRunPriorShare()).isZero();
        assertThat(Guide.defensive(0.25, MIXED_GUIDE).wholeRunPriorShare()).isEqualTo(0.25);
    }

    @Test
    void theSameSeedAndRunIndexReproduceTheSameTrace() {
        Execution<Double> e = Execution.of(MIXED).guide(MIXED_GUIDE);
        RunRecord<Double> a = e.run(11, 5);
        RunRecord<Double> b = e.run(11, 5);
        RunRecord<Double> c = e.run(11, 6);
        assertThat(a.trace().table()).isEqualTo(b.trace().table());
        assertThat(a.logWeight()).isEqualTo(b.logWeight());
        assertThat(a.trace().table()).isNotEqualTo(c.trace().table());
    }

    @Test
    void logPAndLogQAreTheSumsOfTheSites() {
        RunRecord<Double> r = Execution.of(MIXED).guide(MIXED_GUIDE).run(3, 1);
        double lp = 0;
        double lq = 0;
        for (TraceSite s : r.trace().sites()) {
            lp += s.logP();
            lq += s.logQ();
            if (s.kind() == SiteKind.LATENT && s.value() instanceof Double) {
                assertThat(s.logP()).isEqualTo(((dev.ariadne.core.dist.RealDist) s.prior()).logDensity((Double) s.value()));
                assertThat(s.logQ()).isEqualTo(((dev.ariadne.core.dist.RealDist) s.proposal()).logDensity((Double) s.value()));
            }
        }
        assertThat(r.logP()).isCloseTo(lp, within(1e-12));
        assertThat(r.logQ()).isCloseTo(lq, within(1e-12));
        assertThat(r.trace().site("step[2]/z")).isPresent();
        assertThat(r.trace().site("f").get().logP()).isEqualTo(-0.25);
        assertThat(r.trace().site("c").get().logP()).isCloseTo(Math.log(0.5), within(1e-15));
    }

    @Test
    void theGuideInterceptsExactlyTheSitesItNames() {
        RunRecord<Double> r = Execution.of(MIXED).guide(MIXED_GUIDE).run(3, 2);
        for (TraceSite s : r.trace().sites()) {
            if (s.kind() != SiteKind.LATENT) {
                assertThat(s.proposal()).isNull();
                continue;
            }
            boolean named = List.of("mu", "k", "b").contains(s.address().toString())
                    || s.address().toString().matches("step\\[\\d]/z");
            assertThat(s.proposal() != s.prior()).as(s.address().toString()).isEqualTo(named);
        }
    }

    @Test
    void theFusedPathAgreesWithTheComposedHandlers() {
        Runner<Double> fused = Execution.of(MIXED).guide(MIXED_GUIDE).runner();
        Runner<Double> composed = Execution.of(MIXED).with(Handlers.guide(MIXED_GUIDE)).runner();
        Runner<Double> traced = Execution.of(MIXED).with(Handlers.trace()).guide(MIXED_GUIDE).runner();
        for (int i = 0; i < 200; i++) {
            fused.run(9, i);
            composed.run(9, i);
            traced.run(9, i);
            assertThat(composed.value()).isEqualTo(fused.value());
            assertThat(composed.logP()).isEqualTo(fused.logP());
            assertThat(composed.logQ()).isEqualTo(fused.logQ());
            assertThat(traced.logWeight()).isEqualTo(fused.logWeight());
            assertThat(composed.trace().table()).isEqualTo(fused.trace().table());
        }
    }

    /** a ~ N(0, 1), b ~ N(a, 1), y = 1.5 ~ N(b, 0.5); returns b. */
    private static final Model<Double> CHAIN_OF_TWO = p -> {
        double a = p.sample("a", new Normal(0, 1));
        double b = p.sample("b", new Normal(a, 1));
        p.observe("y", new Normal(b, 0.5), 1.5);
        return b;
    };

    @Test
    void aGuideProgramGivesTheSameRecordAsTheEquivalentGuide() {
        Model<Double> model = CHAIN_OF_TWO;
        Guide guide = (site, prior, h) -> site.name().equals("a") ? new Normal(0.5, 0.7)
                : new Normal(0.8 * h.real("a", Address.NO_INDEX), 0.6);
        GuideProgram program = q -> {
            double a = q.sample("a", new Normal(0.5, 0.7));
            q.sample("b", new Normal(0.8 * a, 0.6));
        };
        for (int i = 0; i < 50; i++) {
            RunRecord<Double> g = Execution.of(model).guide(guide).run(5, i);
            RunRecord<Double> gp = Execution.of(model).guideProgram(program).run(5, i);
            assertThat(gp.value()).isEqualTo(g.value());
            assertThat(gp.logP()).isEqualTo(g.logP());
            assertThat(gp.logQ()).isEqualTo(g.logQ());
            assertThat(gp.trace().table()).isEqualTo(g.trace().table());
        }
    }

    /**
     * A guide program may sample the model's latents in another order (the README said "in the model's order"; a new
     * user's reversed program was accepted and exact): the model is replayed on its values by address, and each
     * run's log q is the program's own density, here of b first and then a given b.
     */
    @Test
    void aGuideProgramMaySampleInAnotherOrder() {
        Model<Double> model = CHAIN_OF_TWO;
        GuideProgram reversed = q -> {
            double b = q.sample("b", new Normal(1.2, 0.6));
            q.sample("a", new Normal(0.5 * b, 0.8));
        };
        for (int i = 0; i < 20; i++) {
            RunRecord<Double> r = Execution.of(model).guideProgram(reversed).run(3, i);
            double a = r.trace().site("a").orElseThrow().value() instanceof Double x ? x : Double.NaN;
            double b = r.trace().site("b").orElseThrow().value() instanceof Double x ? x : Double.NaN;
            assertThat(r.value()).isEqualTo(b);
            double logQ = new Normal(1.2, 0.6).logDensity(b) + new Normal(0.5 * b, 0.8).logDensity(a);
            double logP = new Normal(0, 1).logDensity(a) + new Normal(a, 1).logDensity(b)
                    + new Normal(b, 0.5).logDensity(1.5);
            assertThat(r.logQ()).isCloseTo(logQ, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(r.logP()).isCloseTo(logP, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aGuideProgramMayNotObserveNorSampleWhatTheModelNeverDoes() {
        GuideProgram observes = q -> q.observe("y", new Normal(0, 1), 1.0);
        assertThatThrownBy(() -> Execution.of(NORMAL_NORMAL).guideProgram(observes).run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("may only sample and call");
        GuideProgram extra = q -> {
            q.sample("mu", new Normal(0, 1));
            q.sample("nu", new Normal(0, 1));
        };
        assertThatThrownBy(() -> Execution.of(NORMAL_NORMAL).guideProgram(extra).run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("sampled nu, which the model did not sample in this run");
    }

    @Test
    void aLeanRunnerGivesTheSameRunsAndStillTraces() {
        Runner<Double> full = Execution.of(MIXED).guide(MIXED_GUIDE).runner();
        Runner<Double> lean = Execution.of(MIXED).guide(MIXED_GUIDE).leanRunner();
        for (int i = 0; i < 100; i++) {
            full.run(13, i);
            lean.run(13, i);
            assertThat(lean.value()).isEqualTo(full.value());
            assertThat(lean.logWeight()).isEqualTo(full.logWeight());
            if (i % 10 == 0) {
                assertThat(lean.trace().table()).isEqualTo(full.trace().table());
                assertThat(lean.record().trace().site("mu").get().prior()).isEqualTo(new Normal(0, 2));
            }
        }
    }

    @Test
    void replayReproducesARun() {
        RunRecord<Double> original = Execution.of(MIXED).guide(MIXED_GUIDE).run(21, 4);
        RunRecord<Double> replayed = Execution.of(MIXED).with(Handlers.replay(original.trace())).run(999, 0);
        assertThat(replayed.value()).isEqualTo(original.value());
        assertThat(replayed.logP()).isEqualTo(original.logP());
        assertThat(replayed.logQ()).isEqualTo(original.logQ());
    }

    /**
     * A choice drawn from its prior is replayed as drawn from its prior: scored under the recorded prior object as a
     * proposal, a Gamma(1e-6, 1)'s draw near 0 (nearly all of them are) was one the doubles cannot carry, and the
     * replayed run failed; annealed SMC, which starts its chains so, left out 2,394 of 2,400 prior draws (an
     * adversarial tester).
     */
    @Test
    void aChoiceDrawnFromItsPriorIsReplayedAsOne() {
        Model<Double> tiny = p -> {
            double x = p.sample("x", new Gamma(1e-6, 1));
            p.observe("y", new Poisson(x), 0);
            return x;
        };
        int nearZero = 0;
        for (long i = 0; i < 20; i++) {
            RunRecord<Double> original = Execution.of(tiny).run(3, i);
            assertThat(original.failed()).isFalse();
            nearZero += dev.ariadne.core.dist.Support.withinRoundingOfAnEnd(original.value(), 0,
                    Double.POSITIVE_INFINITY) ? 1 : 0;
            RunRecord<Double> replayed = Execution.of(tiny).with(Handlers.replay(original.trace())).run(999, 0);
            assertThat(replayed.failed()).as("run %d, x = %s", i, original.value()).isFalse();
            assertThat(replayed.logQ()).isEqualTo(replayed.trace().site("x").get().logP());
            assertThat(replayed.logP()).isEqualTo(original.logP());
        }
        assertThat(nearZero).as("draws the doubles cannot carry as a proposal's").isPositive();
    }

    @Test
    void conditionTurnsAChoiceIntoEvidence() {
        Model<Double> model = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            return p.sample("x", new Normal(mu, 1));
        };
        RunRecord<Double> r = Execution.of(model).with(Handlers.condition(Map.of("x", 2.0))).run(1, 0);
        TraceSite x = r.trace().site("x").get();
        assertThat(x.kind()).isEqualTo(SiteKind.OBSERVED);
        assertThat(r.value()).isEqualTo(2.0);
        double mu = (Double) r.trace().site("mu").get().value();
        assertThat(r.logWeight()).isCloseTo(new Normal(mu, 1).logDensity(2.0), within(1e-12));
        assertThatThrownBy(() -> Execution.of(model).with(Handlers.condition(Map.of("x", true))).run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("does not fit site x");
        // NaN data is refused where it is given, as p.observe refuses it (it was scored as a zero likelihood)
        assertThatThrownBy(() -> Handlers.condition(Map.of("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value given for x is or holds NaN");
        assertThatThrownBy(() -> Handlers.conditionWhereReached(Map.of("v", new double[] {1, Double.NaN})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value given for v");
    }

    @Test
    void blockHidesSitesFromHandlersFurtherOut() {
        Handlers.TraceHandler outer = Handlers.trace();
        Runner<Double> r = Execution.of(MIXED).with(Handlers.block("step[*]/z", "mu")).with(outer)
                .with(Handlers.guide(MIXED_GUIDE)).runner();
        r.run(4, 0);
        assertThat(outer.trace().site("mu")).isEmpty();
        assertThat(outer.trace().site("step[0]/z")).isEmpty();
        assertThat(outer.trace().site("k")).isPresent();
        Trace full = r.trace();
        assertThat(full.site("mu").get().proposal()).isSameAs(full.site("mu").get().prior());
        assertThat(full.site("k").get().proposal()).isNotSameAs(full.site("k").get().prior());
    }

    @Test
    void scaleTempersLogPButNotLogQ() {
        Runner<Double> plain = Execution.of(NORMAL_NORMAL).runner().run(2, 3);
        Runner<Double> half = Execution.of(NORMAL_NORMAL).with(Handlers.scale(0.5)).runner().run(2, 3);
        assertThat(half.value()).isEqualTo(plain.value());
        assertThat(half.logP()).isCloseTo(0.5 * plain.logP(), within(1e-12));
        assertThat(half.logQ()).isEqualTo(plain.logQ());
    }

    @Test
    void plateEqualsSeparateObservations() {
        Model<Double> plate = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observeAll("y", new Normal(mu, 1), Y);
            return mu;
        };
        for (int i = 0; i < 20; i++) {
            Runner<Double> a = Execution.of(plate).runner().run(8, i);
            Runner<Double> b = Execution.of(NORMAL_NORMAL).runner().run(8, i);
            assertThat(a.logP()).isCloseTo(b.logP(), within(1e-12));
        }
    }

    @Test
    void aFalseConditionGivesWeightZeroAndSaysWhere() {
        Model<Boolean> twoCoins = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            boolean b = p.sample("b", new Bernoulli(0.5));
            p.condition("atLeastOneHead", a || b);
            return a && b;
        };
        Runner<Boolean> r = Execution.of(twoCoins).runner();
        int failed = 0;
        for (int i = 0; i < 100; i++) {
            r.run(1, i);
            if (r.failed()) {
                failed++;
                assertThat(r.failure()).hasToString("condition false at atLeastOneHead");
                assertThat(r.logWeight()).isEqualTo(Double.NEGATIVE_INFINITY);
                assertThat(r.value()).isNull();
            } else {
                assertThat(r.logWeight()).isEqualTo(0.0);
            }
        }
        assertThat(failed).isBetween(1, 99);
    }

    @Test
    void aRunOfWeightZeroEndsAtItsNextSiteAndWhatItDoesBeforeDoesNotCount() {
        int[] reachedAfterTheNextSite = {0};
        Model<Double> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("positive", x > 0);
            // A guard that the condition makes safe: after a false condition this throws, and must not count.
            double logX = Math.log(x);
            if (logX != logX) {
                throw new IllegalStateException("log of a negative x");
            }
            p.observe("y", new Normal(logX, 1), 0.0);
            reachedAfterTheNextSite[0]++;
            return x;
        };
        for (Runner<Double> r : List.of(Execution.of(model).runner(), Execution.of(model).leanRunner())) {
            int failed = 0;
            int passed = 0;
            for (int i = 0; i < 200; i++) {
                r.run(5, i);
                if (r.failed()) {
                    failed++;
                    assertThat(r.failureCause()).isEqualTo(FailureCause.CONDITION_FALSE);
                    assertThat(r.value()).isNull();
                    assertThat(r.logWeight()).isEqualTo(Double.NEGATIVE_INFINITY);
                } else {
                    passed++;
                    assertThat(r.value()).isPositive();
                }
            }
            assertThat(failed).isBetween(50, 150);
            assertThat(reachedAfterTheNextSite[0]).isEqualTo(passed);
            reachedAfterTheNextSite[0] = 0;
        }
        // The trace of a failed run ends at the failing site: the next site was never entered.
        for (int i = 0; i < 200; i++) {
            RunRecord<Double> rec = Execution.of(model).run(5, i);
            if (rec.failed()) {
                assertThat(rec.trace().sites()).extracting(s -> s.address().toString())
                        .containsExactly("x", "positive");
                return;
            }
        }
        throw new AssertionError("no run failed");
    }

    /**
     * A proposal's draw where its own density is 0 and the prior's is not is a draw rounded onto an end of the
     * proposal's support (a logit-normal on [1e17, 1e17 + 16] drew its ends): the doubles cannot carry it, and it was
     * labelled "prior density 0 ... where its density underflows" (an outside statistician).
     */
    @Test
    void aProposalsDrawOfItsOwnDensityZeroIsUnrepresentableNotThePriors() {
        Model<Double> model = p -> p.sample("u", new Uniform(0, 1));
        dev.ariadne.core.dist.RealDist ends = new dev.ariadne.core.dist.RealDist() {
            @Override
            public double sample(Rng rng) {
                return rng.nextDouble() < 0.5 ? 0 : 0.5;
            }

            @Override
            public double logDensity(double x) {
                return x > 0 && x <= 1 ? 0 : Double.NEGATIVE_INFINITY;
            }

            @Override
            public double mean() {
                return 0.5;
            }

            @Override
            public double variance() {
                return 1 / 12.0;
            }

            @Override
            public dev.ariadne.core.dist.Support support() {
                return dev.ariadne.core.dist.Support.UNIT_INTERVAL;
            }
        };
        Runner<Double> r = Execution.of(model).guide(Guide.at("u", ends)).runner();
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            r.run(1, i);
            if (r.failed()) {
                failed++;
                assertThat(r.failureCause()).isEqualTo(FailureCause.UNREPRESENTABLE_DRAW);
                assertThat(r.failure().toString()).doesNotContain("prior density 0");
            }
        }
        assertThat(failed).isBetween(50, 150);
    }

    @Test
    void aProposalOutsideThePriorsSupportGivesWeightZeroNotAnError() {
        Model<Double> model = p -> p.sample("u", new Uniform(0, 1));
        // Wider than the prior on one side (a proposal must cover the prior's bounds: NarrowerProposalTest)
        Runner<Double> r = Execution.of(model).guide(Guide.at("u", new Uniform(-1, 1))).runner();
        int violations = 0;
        for (int i = 0; i < 200; i++) {
            r.run(1, i);
            if (r.failed()) {
                violations++;
                assertThat(r.failureCause()).isEqualTo(FailureCause.SUPPORT_VIOLATION);
                assertThat(r.failure().address()).isEqualTo(Address.of("u"));
            }
        }
        assertThat(violations).isBetween(50, 150);
    }

    @Test
    void aProposalOfAnotherKindOrSupportIsAnErrorNamingBoth() {
        Model<Double> model = p -> p.sample("s", new Gamma(2, 1));
        assertThatThrownBy(() -> Execution.of(model).guide(Guide.at("s", new Normal(1, 1))).run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("Normal(mean=1.0, sd=1.0)").hasMessageContaining("Gamma")
                .hasMessageContaining("at s").hasMessageContaining("support real")
                .hasMessageContaining("support positive");
        Model<Boolean> coin = p -> p.sample("c", new Bernoulli(0.5));
        assertThatThrownBy(() -> Execution.of(coin).guide(Guide.at("c", new Poisson(1))).run(1, 0))
                .hasMessageContaining("(int, support").hasMessageContaining("(bool, support");
        assertThatThrownBy(() -> Execution.of(coin).guide((s, prior, h) -> null).run(1, 0))
                .hasMessageContaining("the guide returned null at c")
                .hasMessageContaining("a guide made with Guide.bySite, real, integer or bool may return null");
    }

    /**
     * Guide.real, integer and bool leave a site at its prior where their proposal returns null, as Guide.bySite
     * does; they threw "return the prior to leave a site alone" (a new user, who had read that null means the prior).
     */
    @Test
    void theGuidesOfOneKindLeaveASiteAtItsPriorWhereTheyReturnNull() {
        Model<Double> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            double y = p.sample("y", new Normal(x, 1));
            int k = p.sample("k", new Poisson(2));
            boolean b = p.sample("b", new Bernoulli(0.3));
            return x + y + k + (b ? 1 : 0);
        };
        Guide guide = Guide.real((site, prior, h) -> site.name().equals("x") ? new Normal(1, 2) : null)
                .orElse(Guide.integer((site, prior, h) -> null)).orElse(Guide.bool((site, prior, h) -> null));
        RunRecord<Double> r = Execution.of(model).guide(guide).run(5, 0);
        assertThat(r.trace().site("x").orElseThrow().proposal()).isEqualTo(new Normal(1, 2));
        for (String prior : List.of("y", "k", "b")) {
            TraceSite s = r.trace().site(prior).orElseThrow();
            assertThat(s.logQ()).as(prior).isEqualTo(s.logP());
        }
    }

    @Test
    void reusingAnAddressIsAnErrorThatNamesIt() {
        Model<Double> model = p -> {
            p.scoped("s", 2, q -> {
                q.sample("x", 1, new Normal(0, 1));
                q.sample("x", 1, new Normal(0, 1));
            });
            return 0.0;
        };
        assertThatThrownBy(() -> Execution.of(model).run(7, 3)).isInstanceOf(ModelException.class)
                .hasMessageContaining("address s[2]/x[1] is used twice in one run")
                .hasMessageContaining("run 3 of seed 7").hasMessageNotContaining("give each site an index");
        Model<Double> loop = p -> {
            for (int i = 0; i < 3; i++) {
                p.observe("y", new Normal(0, 1), i);
            }
            return 0.0;
        };
        assertThatThrownBy(() -> Execution.of(loop).run(7, 3)).hasMessageContaining("address y is used twice in one "
                + "run (in a loop, give each site an index: p.sample(\"y\", i, ...) or p.observe(\"y\", i, ...))");
        Model<Double> distinct = p -> {
            for (int i = 0; i < 100; i++) {
                p.sample("x", i, new Normal(0, 1));
                p.scoped("x", i, q -> q.sample("x", new Normal(0, 1)));
            }
            return 0.0;
        };
        assertThat(Execution.of(distinct).run(1, 1).trace().sites()).hasSize(200);
    }

    @Test
    void aNullDistributionIsAnErrorEvenWhereTheRunRepeatsThePreviousOne() {
        Model<Double> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.factor("f", -x * x);
            Normal y = p.sample("b", new Bernoulli(0.5)) ? null : new Normal(x, 1);
            p.observe("y", y, 0.3);
            return x;
        };
        // Runs alternate at random between a distribution at y and none: a null one must be caught even when the
        // previous run had the same site, so that the run repeats the previous one up to y.
        Runner<Double> r = Execution.of(model).runner();
        int ok = 0;
        int refused = 0;
        for (int i = 0; i < 64; i++) {
            try {
                r.run(3, i);
                ok++;
            } catch (ModelException e) {
                refused++;
                assertThat(e).hasMessageContaining("site y: the distribution is null")
                        .hasMessageContaining("run " + i + " of seed 3");
            }
        }
        assertThat(ok).isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    void invalidParametersInsideAModelNameTheRunAndTheSite() {
        Model<Double> model = p -> {
            double s = p.sample("s", new Normal(0, 1));
            return p.sample("x", new Normal(0, s > 100 ? 1 : -1));
        };
        assertThatThrownBy(() -> Execution.of(model).run(5, 9)).isInstanceOf(ModelException.class)
                .hasMessageContaining("Normal: sd must be finite and > 0, got -1.0")
                .hasMessageContaining("run 9 of seed 5").hasMessageContaining("site s")
                .hasCauseInstanceOf(ParameterException.class);
    }

    @Test
    void exceptionsFromUserCodeKeepTheirCauseAndTheRun() {
        IllegalStateException boom = new IllegalStateException("boom");
        Model<Double> model = p -> {
            p.sample("a", new Normal(0, 1));
            throw boom;
        };
        assertThatThrownBy(() -> Execution.of(model).run(3, 4)).isInstanceOf(ModelException.class)
                .hasCause(boom).hasMessageContaining("run 4 of seed 3").hasMessageContaining("site a")
                .satisfies(e -> {
                    ModelException m = (ModelException) e;
                    assertThat(m.seed()).isEqualTo(3);
                    assertThat(m.runIndex()).isEqualTo(4);
                    assertThat(m.lastAddress()).isEqualTo(Address.of("a"));
                });
        Guide throwing = (site, prior, h) -> {
            throw boom;
        };
        assertThatThrownBy(() -> Execution.of(NORMAL_NORMAL).guide(throwing).run(3, 4))
                .hasMessageContaining("the guide threw").hasMessageContaining("while proposing at mu").hasCause(boom);
    }

    /**
     * A proposal that cannot draw (a Poisson of rate 2e9, whose draws may not fit an int) is the guide's fault, not
     * the model's: it was reported as "the model threw", beside a model whose own Poisson(3) is fine (an adversarial
     * tester). On the direct path (a runner) and on the general one (a recorded run) alike; a prior that cannot draw
     * is still the model's.
     */
    @Test
    void aProposalThatCannotDrawIsTheGuidesFault() {
        Model<Integer> counts = p -> p.sample("k", new Poisson(3));
        Execution<Integer> guided = Execution.of(counts).guide(Guide.at("k", new Poisson(2e9)));
        Runner<Integer> direct = guided.runner();
        for (Runnable run : List.<Runnable>of(() -> direct.run(1, 0), () -> guided.run(1, 0))) {
            assertThatThrownBy(run::run).isInstanceOf(ModelException.class)
                    .hasMessageContaining("the guide's proposal threw java.lang.ArithmeticException: Poisson(rate=2.0E9)")
                    .hasMessageContaining("while drawing or scoring at k")
                    .hasCauseInstanceOf(ArithmeticException.class);
        }
        Model<Integer> huge = p -> p.sample("k", new Poisson(2e9));
        assertThatThrownBy(() -> Execution.of(huge).run(1, 0)).hasMessageContaining("the model threw");
        assertThatThrownBy(() -> Execution.of(huge).runner().run(1, 0)).hasMessageContaining("the model threw");
    }

    @Test
    void anExceptionFromAHandlerSaysSo() {
        Handler broken = new Handler() {
            @Override
            protected void process(Message m) {
                throw new UnsupportedOperationException("broken handler");
            }
        };
        assertThatThrownBy(() -> Execution.of(NORMAL_NORMAL).with(broken).run(1, 2))
                .isInstanceOf(ModelException.class).hasMessageContaining("a handler threw")
                .hasMessageContaining("at mu").hasCauseInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aProbCannotBeUsedAfterItsRunNorFromAnotherThread() throws Exception {
        AtomicReference<Prob> kept = new AtomicReference<>();
        Model<Double> keeps = p -> {
            kept.set(p);
            return 0.0;
        };
        Execution.of(keeps).run(1, 0);
        assertThatThrownBy(() -> kept.get().sample("late", new Normal(0, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Model<Double> leaks = p -> {
            seen.set(OnAnotherThread.thrown("intruder", () -> p.sample("x", new Normal(0, 1))));
            return 0.0;
        };
        Execution.of(leaks).run(1, 0);
        assertThat(seen.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("from thread intruder");
    }

    /**
     * A kept Prob is refused at a site its run's table would take on its fast path: run 1 ends after one of run 0's
     * two sites, so after it the table's next site is run 0's second, "b", which a late observation of "b" repeats.
     */
    @Test
    void aProbIsRefusedAfterItsRunEvenAtASiteThatRepeatsThePreviousRuns() {
        AtomicReference<Prob> kept = new AtomicReference<>();
        Model<Double> shorter = p -> {
            kept.set(p);
            p.observe("a", new Normal(0, 1), 0.5);
            if (((Engine) p).runIndex == 0) {
                p.observe("b", new Normal(0, 1), 0.5);
            }
            return 0.0;
        };
        Runner<Double> runner = Execution.of(shorter).leanRunner();
        runner.run(1, 0);
        runner.run(1, 1);
        assertThat(runner.siteCount()).isEqualTo(1);
        assertThatThrownBy(() -> kept.get().observe("b", new Normal(0, 1), 0.5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
        assertThat(runner.siteCount()).isEqualTo(1);
    }

    @Test
    void theHistoryShowsEarlierChoicesButNotTheCurrentOne() {
        Model<Double> model = p -> {
            double a = p.sample("a", new Normal(0, 1));
            int k = p.sample("k", new Poisson(1));
            return p.sample("b", new Normal(a + k, 1));
        };
        Guide guide = (site, prior, h) -> {
            if (site.name().equals("b")) {
                assertThat(h.size()).isEqualTo(2);
                assertThat(h.find("b")).isEqualTo(-1);
                assertThat(h.kind(0)).isEqualTo(SiteKind.LATENT);
                return new Normal(h.real("a", Address.NO_INDEX) + h.integer("k", Address.NO_INDEX), 0.1);
            }
            return prior;
        };
        RunRecord<Double> r = Execution.of(model).guide(guide).run(2, 2);
        double a = (Double) r.trace().site("a").get().value();
        int k = (Integer) r.trace().site("k").get().value();
        assertThat(r.trace().site("b").get().proposal()).isEqualTo(new Normal(a + k, 0.1));
    }

    @Test
    void theDefensiveMixtureScoresTheWholeRunUnderTheMixture() {
        Guide inner = Guide.at("mu", new Normal(0.9, 0.4));
        double alpha = 0.2;
        Runner<Double> r = Execution.of(NORMAL_NORMAL).guide(Guide.defensive(alpha, inner)).runner();
        int n = 4000;
        int nearPrior = 0;
        for (int i = 0; i < n; i++) {
            r.run(6, i);
            double mu = r.value();
            double expected = LogMath.logAddExp(Math.log(alpha) + new Normal(0, 1).logDensity(mu),
                    Math.log(1 - alpha) + new Normal(0.9, 0.4).logDensity(mu));
            assertThat(r.logQ()).isCloseTo(expected, within(1e-12));
            if (Math.abs(mu - 0.9) > 1.6) {
                nearPrior++;
            }
        }
        // P(|mu - 0.9| > 1.6) under the mixture, from the two components' normal tails.
        double pPrior = 1 - (cdf((0.9 + 1.6)) - cdf(0.9 - 1.6));
        double pGuide = 2 * (1 - cdf(1.6 / 0.4));
        double pm = alpha * pPrior + (1 - alpha) * pGuide;
        double se = Math.sqrt(pm * (1 - pm) / n);
        assertThat(nearPrior / (double) n).isCloseTo(pm, within(5 * se));
    }

    private static double cdf(double z) {
        return org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).cumulativeProbability(z);
    }

    @Test
    void vectorSitesAreCopiedAndScored() {
        MultivariateNormal mvn = MultivariateNormal.diagonal(new double[] {0, 1}, new double[] {1, 2});
        Model<double[]> model = p -> {
            double[] x = p.sample("x", mvn);
            x[0] = 100;
            p.observe("y", mvn, new double[] {0.5, 0.5});
            return x;
        };
        RunRecord<double[]> r = Execution.of(model).run(1, 1);
        double[] traced = (double[]) r.trace().site("x").get().value();
        assertThat(traced[0]).isNotEqualTo(100);
        assertThat(r.trace().site("x").get().logP()).isCloseTo(mvn.logDensity(traced), within(1e-12));
        assertThat(r.trace().site("y").get().logP()).isCloseTo(mvn.logDensity(new double[] {0.5, 0.5}), within(1e-12));
    }

    @Test
    void factorsRejectNaNAndPositiveInfinity() {
        Model<Double> model = p -> {
            p.factor("f", Double.NaN);
            return 0.0;
        };
        assertThatThrownBy(() -> Execution.of(model).run(1, 0))
                .hasMessageContaining("factor f: the log weight must be finite or -inf, got NaN");
        Model<Double> zero = p -> {
            p.factor("f", Double.NEGATIVE_INFINITY);
            return 0.0;
        };
        assertThat(Execution.of(zero).run(1, 0).failure().cause()).isEqualTo(FailureCause.ZERO_LIKELIHOOD);
    }

    @Test
    void theTraceTableShowsEverySiteAndTheTotals() {
        String table = Execution.of(MIXED).guide(MIXED_GUIDE).run(1, 0).trace().table();
        assertThat(table).contains("address", "log p", "log q", "step[1]/z", "latent", "observed", "factor",
                "condition", "total", "Normal(mean=1.0, sd=0.5)");
    }

    @Test
    void betaPriorWithBetaProposalIsAllowed() {
        Model<Double> model = p -> p.sample("b", new Beta(2, 2));
        RunRecord<Double> r = Execution.of(model).guide(Guide.at("b", new Uniform(0, 1))).run(1, 0);
        assertThat(r.logQ()).isEqualTo(0.0);
        assertThat(r.logP()).isCloseTo(new Beta(2, 2).logDensity(r.value()), within(1e-12));
    }
}
