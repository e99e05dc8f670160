package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Cauchy;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Geometric;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Uniform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the verdicts say, and never say (exact: the verdicts are rules over fixed-seed runs). */
class DiagnosticsVerdictsTest {

    /** How the verdict on a model that states no evidence begins. */
    private static final String NO_EVIDENCE = "no run of the per-site breakdown";

    /**
     * The burglary under a defensive guide that proposes the burglary and the alarm and leaves the earthquake at its
     * prior (0.002): the earthquake with the alarm and no burglary holds a sixth of P(e) and is drawn about 0.0006
     * times a run. In calls of 3,000 runs that did not draw it, log Z-hat read 18 to 21 standard errors low and the
     * diagnostics said nothing, in 56 of 300 calls (an outside statistician), while only values expected fewer than
     * 3 times were forced; the earthquake, expected 6 times, now is. No call more than 5 standard errors off is
     * silent (on the old code, about one call in five was: all but 0.2% of 30 calls would include one).
     */
    @Test
    void aValueDrawnAFewTimesWhoseShareNeedsARareCombinationIsNamed() {
        Guide guide = Guide.defensive(0.2, Guide.at("burglary", new Bernoulli(0.5))
                .orElse(Guide.at("alarm", new Bernoulli(0.6))));
        int silentAndFar = 0;
        for (long seed = 1; seed <= 30; seed++) {
            ImportanceResult<Boolean> r = Importance.of(GroundTruth.BURGLARY).guide(guide).maxLogLikelihood(0)
                    .samples(3000).seed(seed).run();
            Estimate z = r.logEvidence();
            boolean far = Math.abs(z.value() - Math.log(GroundTruth.BURGLARY_P_E)) > 5 * z.standardError();
            if (far && r.diagnostics().verdicts().isEmpty()) {
                silentAndFar++;
            }
        }
        assertThat(silentAndFar).as("calls more than 5 standard errors off, with nothing said").isZero();
    }

    /**
     * The same at 5,000 runs, where the earthquake is expected 10 times: values expected fewer than 10 times were
     * forced, and calls that drew the combination too seldom read log Z-hat about 60 standard errors low with nothing
     * said, in 12 of 400 (seeds 72 and 96 among them; a second outside statistician). Values expected fewer than 20
     * times are forced now; these calls are told that their estimate hangs on the earthquake.
     */
    @Test
    void aValueExpectedTenTimesWhoseShareTheCallMissedIsNamed() {
        Guide guide = Guide.defensive(0.2, Guide.at("burglary", new Bernoulli(0.5))
                .orElse(Guide.at("alarm", new Bernoulli(0.9))));
        for (long seed : new long[] {72, 96}) {
            ImportanceResult<Boolean> r = Importance.of(GroundTruth.BURGLARY).guide(guide).maxLogLikelihood(0)
                    .samples(5000).seed(seed).run();
            Estimate z = r.logEvidence();
            assertThat(Math.log(GroundTruth.BURGLARY_P_E) - z.value()).as("seed %d reads far low", seed)
                    .isGreaterThan(20 * z.standardError());
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).anyMatch(v -> v.startsWith("the estimate "
                    + "hangs on earthquake = true") && v.contains("5,000 runs expect to draw it 10.0 times"));
        }
    }

    /**
     * Under the prior, values drawn about 15 times carry their weight in the call's runs, and its standard error
     * holds their spread: a value of share 0.1 (z = 1 of prior 0.015, 1,000 runs) was said to be what the estimate
     * "hangs on" in 300 calls of 300, and a burglary network's alarm (0.001 without a burglary or an earthquake,
     * 0.016 in all), read as 0.001 over 30 trial runs that had neither, in 71 of 300 calls of 3,000 runs, every
     * estimate right (an outside statistician, once values expected fewer than 20 times were forced).
     */
    @Test
    void aValueTheCallDrawsOftenEnoughIsNotNamed() {
        double pr = 0.015;
        Model<Integer> rare = p -> {
            int z = p.sample("z", new dev.ariadne.core.dist.Categorical(1 - pr, pr));
            p.observe("y", new Normal(z == 1 ? 2 : 0, 1), 2.0);
            return z;
        };
        Model<Integer> alarm = p -> {
            boolean b = p.sample("b", new Bernoulli(0.01));
            boolean e = p.sample("e", new Bernoulli(0.02));
            boolean a = p.sample("a", new Bernoulli(b && e ? 0.95 : b ? 0.94 : e ? 0.29 : 0.001));
            p.observe("j", new Bernoulli(a ? 0.9 : 0.05), true);
            p.observe("m", new Bernoulli(a ? 0.7 : 0.01), true);
            return a ? 1 : 0;
        };
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(Importance.of(rare).samples(1000).seed(seed).run().diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.startsWith("the estimate hangs on") || v.startsWith("the estimate leaves out"));
        }
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(Importance.of(alarm).samples(3000).seed(seed).run().diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.startsWith("the estimate hangs on") || v.startsWith("the estimate leaves out"));
        }
    }

    @Test
    void belowTheFloorTheTailCannotBeJudgedAndNothingLooksWrongIsNeverSaid() {
        Diagnostics d = Importance.of(GroundTruth.NORMAL_NORMAL).guide(GroundTruth.NORMAL_NORMAL_EXACT).samples(2154)
                .run().diagnostics();
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("with 2154 runs the weights' tail cannot be judged yet"));
        assertThat(d.report()).doesNotContain("nothing looks wrong");
        assertThat(d.tailOk()).isFalse();
        Diagnostics enough = Importance.of(GroundTruth.NORMAL_NORMAL).guide(GroundTruth.NORMAL_NORMAL_EXACT)
                .samples(2155).run().diagnostics();
        assertThat(enough.verdicts()).isEmpty();
        assertThat(enough.report()).contains("nothing looks wrong");
    }

    /**
     * The estimate of the runs needed, exp(KL(p || q)) from self-normalised weights, never exceeds the runs made; with
     * 50 independent latents under the prior, a few runs carry all the weight and it sits at that ceiling (about
     * 2 x 10^4 of 2 x 10^4 runs) where the runs needed are astronomically more (exp(KL) with a KL of tens of nats).
     * The report says that it is a floor only; with the exact posterior as the guide it gives the figure alone. A
     * guide too narrow (sd 0.3 for a posterior of sd 0.71: infinite variance) reads about 2.3, far from the ceiling,
     * which a new user took as reassuring: the report says it is a floor there too, where the tail is heavy.
     */
    @Test
    void theRunsNeededAreCalledAFloorWhereTheEstimateSitsAtItsCeiling() {
        int items = 50;
        double[] y = new double[items];
        for (int i = 0; i < items; i++) {
            y[i] = 1.5 * Math.sin(i + 1.0);
        }
        Model<Double> independent = p -> {
            double s = 0;
            for (int i = 0; i < items; i++) {
                double mu = p.sample("mu", i, new Normal(0, 1));
                p.observe("y", i, new Normal(mu, 0.5), y[i]);
                s += mu;
            }
            return s;
        };
        Diagnostics heavy = Importance.of(independent).samples(20_000).seed(1).run().diagnostics();
        assertThat(heavy.runsNeeded()).isLessThanOrEqualTo(heavy.runs() * (1 + 1e-9));
        assertThat(heavy.paretoK()).isGreaterThan(heavy.paretoThreshold());
        assertThat(heavy.report()).contains("a floor only: this estimate never exceeds the runs made (20000) and the"
                + " tail is heavy");
        Diagnostics exact = Importance.of(GroundTruth.NORMAL_NORMAL).guide(GroundTruth.NORMAL_NORMAL_EXACT)
                .samples(5000).run().diagnostics();
        assertThat(exact.report()).contains("runs needed ~ 1.00 (exp KL(p || q): the runs before an estimate can be"
                + " accurate at all; its precision after that is the ESS's)").doesNotContain("a floor only");
        Model<Double> one = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu, 1), 1.0);
            return mu;
        };
        Diagnostics narrow = Importance.of(one).guide(Guide.at("mu", new Normal(0.7, 0.3))).samples(20_000).seed(1)
                .run().diagnostics();
        assertThat(narrow.paretoK()).isGreaterThan(narrow.paretoThreshold());
        assertThat(narrow.runsNeeded()).isLessThan(narrow.runs() / 10.0);
        assertThat(narrow.report()).contains("a floor only: the tail is heavy, and the runs that would raise it are "
                + "the ones the guide seldom proposes");
    }

    @Test
    void allEqualWeightsSaySoInsteadOfAKHat() {
        Diagnostics d = Importance.of(GroundTruth.NORMAL_NORMAL).guide(GroundTruth.NORMAL_NORMAL_EXACT).samples(5000)
                .run().diagnostics();
        assertThat(d.weightsEqual()).isTrue();
        assertThat(d.paretoK()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.report()).contains("all weights equal (no tail, so no Pareto k-hat)")
                .doesNotContain("Pareto k-hat 0.");
        // The exact posterior of beta-bernoulli as the guide: before, k-hat was fitted to the rounding of equal
        // weights (0.14 at 10^4 runs, 0.28 at 10^5).
        Diagnostics beta = Importance.of(GroundTruth.BETA_BERNOULLI).guide(Guide.at("bias",
                new dev.ariadne.core.dist.Beta(8, 4))).samples(10_000).run().diagnostics();
        assertThat(beta.weightsEqual()).isTrue();
        assertThat(beta.paretoK()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(beta.report()).contains("all weights equal");
        Diagnostics prior = Importance.of(GroundTruth.NORMAL_NORMAL).samples(5000).run().diagnostics();
        assertThat(prior.weightsEqual()).isFalse();
        assertThat(prior.report()).contains("Pareto k-hat");
        // Two coins under the prior: the accepted runs all weigh 1, the others 0, so all positive weights are
        // equal too; a discrete model whose largest weights tie without all being equal says "no tail".
        assertThat(Importance.of(GroundTruth.TWO_COINS).samples(5000).run().diagnostics().report())
                .contains("all positive weights equal");
        Model<Boolean> twoLevels = p -> {
            boolean b = p.sample("b", new dev.ariadne.core.dist.Bernoulli(0.5));
            p.observe("o", new dev.ariadne.core.dist.Bernoulli(b ? 0.9 : 0.1), true);
            return b;
        };
        assertThat(Importance.of(twoLevels).samples(5000).run().diagnostics().report())
                .contains("Pareto k-hat: no tail (the largest weights are all equal)").doesNotContain("Infinity");
    }

    @Test
    void theSiteLineNeverNamesAnEvidenceSiteNorAppearsWhenNothingIsWrong() {
        // Likelihood weighting of one precise observation: an ESS of about a tenth of the runs, bounded weights,
        // nothing wrong. The observe site carries all the variance of log q - log p and has no proposal to improve;
        // before, the verdicts said "site y carries 100% of the variance ...: its proposal is the one to improve".
        Model<Double> precise = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu, 0.1), 1.0);
            return mu;
        };
        Diagnostics d = Importance.of(precise).samples(20_000).run().diagnostics();
        SiteBreakdown y = d.sites().stream().filter(s -> s.address().toString().equals("y")).findFirst().orElseThrow();
        assertThat(y.varianceShare()).isGreaterThan(0.99);
        SiteBreakdown mu = d.sites().stream().filter(s -> s.address().toString().equals("mu")).findFirst()
                .orElseThrow();
        assertThat(mu.valueShare()).as("mu's value decides y's term").isGreaterThan(0.99);
        assertThat(d.sites().subList(0, 2)).as("the two lead the table").contains(y, mu);
        assertThat(d.ess()).isLessThan(0.5 * 20_000);
        assertThat(d.verdicts()).isEmpty();
        // Something wrong, and the evidence still carries the variance: the verdict names no site.
        Diagnostics few = Importance.of(GroundTruth.gaussianSum(8)).samples(10_000).run().diagnostics();
        assertThat(few.verdicts()).isNotEmpty().noneMatch(v -> v.contains("carries"));
    }

    @Test
    void theSiteLineNamesTheLatentSiteWhoseProposalIsWrong() {
        Model<Double> model = p -> {
            double a = p.sample("a", new Normal(0, 1));
            double b = p.sample("b", new Normal(0, 1));
            p.observe("y", new Normal(b, 0.1), 2.0);
            return a + b;
        };
        // b's proposal is far too narrow and off the posterior N(1.98, 0.0995^2): heavy-tailed weights.
        Diagnostics d = Importance.of(model).guide(Guide.at("b", new Normal(2.1, 0.03))).samples(20_000).run()
                .diagnostics();
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("site b carries"))
                .noneMatch(v -> v.contains("site y") || v.contains("site a "));
    }

    /**
     * A site made in some runs only, with an exact proposal: u ~ N(0, 10^4) proposed from its posterior given y = 1.5
     * (sd 0.1), made when z is true, and z proposed true in 999 runs of 1,000 where its posterior is about one half.
     * The run's log q - log p is then a function of z alone, so z's proposal is the one to improve; u's term, large
     * where it is made (its prior is 10^5 times wider than its proposal), covaries with z only through being made.
     * Taken whole, u's share was 159% (z's 100%, yB's -147%) and the verdict named u.
     */
    @Test
    void aSiteMadeInSomeRunsIsNotBlamedForTheBranchThatMakesIt() {
        double y = 1.5;
        double uPrecision = 1 / 1e8 + 1 / 0.01;
        Normal exact = new Normal(y / 0.01 / uPrecision, Math.sqrt(1 / uPrecision));
        Model<Boolean> branching = p -> {
            boolean z = p.sample("z", new Bernoulli(0.5));
            if (z) {
                double u = p.sample("u", new Normal(0, 1e4));
                p.observe("yA", new Normal(u, 0.1), y);
            } else {
                p.observe("yB", new Normal(0, 1e4), y);
            }
            return z;
        };
        Guide guide = Guide.bySite((site, history) -> site.name().equals("z") ? new Bernoulli(0.999) : exact);
        Diagnostics d = Importance.of(branching).guide(guide).samples(20_000).seed(3).run().diagnostics();
        SiteBreakdown u = d.sites().stream().filter(s -> s.address().toString().equals("u")).findFirst().orElseThrow();
        assertThat(u.totalShare()).as("u's covariance taken whole").isGreaterThan(0.5);
        assertThat(Math.abs(u.varianceShare())).as("u's share where made").isLessThan(0.05);
        assertThat(u.presenceShare()).isGreaterThan(0.5);
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("site z carries")).noneMatch(v -> v.contains("site u "));
        assertThat(d.report()).contains("by presence");
    }

    /**
     * A new user's model: b ~ Bernoulli(0.3), mu ~ N(0, 1), w ~ N(0, 1) made only where b is true, y1 ~ N(mu + w, 0.5)
     * = 2 and y2 ~ N(mu, 0.5) = 0.5, with exact proposals at b and mu and a narrow, shifted one at w. Where w is made
     * its term carries most of the variance; b, which decides whether w is made, carries the share of w's misfit too,
     * some 57% to w's 56% to 60%. The verdict names w (beside b where both pass one half); an earlier form said that
     * offsetting shares named no site.
     */
    @Test
    void aBadProposalAtASiteMadeInSomeRunsIsNamed() {
        double y1 = 2.0;
        double y2 = 0.5;
        Model<Boolean> model = p -> {
            boolean b = p.sample("b", new Bernoulli(0.3));
            double mu = p.sample("mu", new Normal(0, 1));
            double w = b ? p.sample("w", new Normal(0, 1)) : 0;
            p.observe("y1", new Normal(mu + w, 0.5), y1);
            p.observe("y2", new Normal(mu, 0.5), y2);
            return b;
        };
        // The exact posterior: of b from the two branches' bivariate normal evidence, of mu given b, of w given mu.
        double l0 = logBivariate(y1, y2, 1.25, 1, 1.25);
        double l1 = logBivariate(y1, y2, 2.25, 1, 1.25);
        double pb = 0.3 * Math.exp(l1) / (0.7 * Math.exp(l0) + 0.3 * Math.exp(l1));
        Guide guide = Guide.bySite((site, h) -> switch (site.name()) {
            case "b" -> new Bernoulli(pb);
            case "mu" -> h.bool("b") ? new Normal((4 * y1 + 20 * y2) / 29, Math.sqrt(5.0 / 29))
                    : new Normal(4 * (y1 + y2) / 9, Math.sqrt(1.0 / 9));
            default -> new Normal((4 * y1 - 4 * h.real("mu")) / 5 + Math.sqrt(0.2), 0.4 * Math.sqrt(0.2));
        });
        for (long seed : new long[] {1, 2, 3}) {
            Diagnostics d = Importance.of(model).guide(guide).samples(100_000).seed(seed).run().diagnostics();
            assertThat(d.verdicts()).as("seed %d", seed).anyMatch(v -> (v.startsWith("site w carries")
                    || v.startsWith("sites ") && v.contains(" w (")) && v.contains("one to improve"));
        }
    }

    /** The log density at (a, b) of a centred bivariate normal with covariance [[saa, sab], [sab, sbb]]. */
    private static double logBivariate(double a, double b, double saa, double sab, double sbb) {
        double det = saa * sbb - sab * sab;
        return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * (sbb * a * a - 2 * sab * a * b + saa * b * b) / det;
    }

    /** A cause d with prior 0.3 and a test that is positive with probability 0.9 given d, 0.2 without: P(d | e) 0.659. */
    static final Model<Boolean> CAUSE = p -> {
        boolean d = p.sample("d", new Bernoulli(0.3));
        p.observe("test", new Bernoulli(d ? 0.9 : 0.2), true);
        return d;
    };

    @Test
    void aValueTheGuideNeverProposesIsNamedThoughEveryWeightLooksHealthy() {
        // The guide proposes d = false with probability 1e-12: every run draws d = true, all weights are equal, the
        // self-normalised P(d | e) is 1 against 0.659, and no weight can show the missing value.
        ImportanceResult<Boolean> collapsed = Importance.of(CAUSE).guide(Guide.at("d", new Bernoulli(1 - 1e-12)))
                .samples(10_000).seed(5).hypothesis("d", d -> d).run();
        assertThat(collapsed.conditional("d").selfNormalised().orElseThrow().value()).isEqualTo(1.0);
        assertThat(collapsed.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the guide proposes d = false "
                + "with probability 1.00e-12 on average over the first 100 runs, where the prior gives it up to 0.700 "
                + "in those runs: at that rate 10,000 runs expect to draw it 1.00e-08 times"));
        // Where the runs are many enough to draw it (q N = 0.1 here, 1e-3 with 100 runs), or the prior is mixed
        // back in, or the guide proposes it often, nothing is said.
        Guide rare = Guide.at("d", new Bernoulli(1 - 1e-5));
        assertThat(Importance.of(CAUSE).guide(rare).samples(100).seed(5).run().diagnostics().verdicts())
                .anyMatch(v -> v.startsWith("the guide proposes d = false"));
        assertThat(Importance.of(CAUSE).guide(rare).samples(10_000).seed(5).run().diagnostics().verdicts())
                .noneMatch(v -> v.startsWith("the guide proposes"));
        // A proposal that cannot draw the value at all (its probability rounds to 1) says 0, not e^-Infinity.
        assertThat(Importance.of(CAUSE).guide(Guide.at("d", new Bernoulli(1.0))).samples(10_000).seed(5).run()
                .diagnostics().verdicts()).anyMatch(v -> v.startsWith("the guide proposes d = false with probability "
                + "0 on average over the first 100 runs, where the prior gives it up to 0.700 in those runs: at that "
                + "rate 10,000 runs expect to draw it 0 times"));
        // A guide whose proposal at d follows an earlier choice proposes d = false in half its runs, though almost
        // never in a run where a is true: averaged over the runs, it is proposed often, and nothing is said.
        Model<Boolean> twoModes = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            boolean d = p.sample("d", new Bernoulli(0.3));
            p.observe("test", new Bernoulli(d ? 0.9 : 0.2), a);
            return d;
        };
        Guide followsA = Guide.bySite((site, history) -> site.name().equals("d")
                ? new Bernoulli(history.bool("a") ? 1 - 1e-12 : 1e-12) : null);
        assertThat(Importance.of(twoModes).guide(followsA).samples(10_000).seed(5).run().diagnostics().verdicts())
                .noneMatch(v -> v.startsWith("the guide proposes"));
        assertThat(Importance.of(CAUSE).guide(Guide.defensive(0.1, Guide.at("d", new Bernoulli(1 - 1e-12))))
                .samples(10_000).seed(5).run().diagnostics().verdicts())
                .noneMatch(v -> v.startsWith("the guide proposes"));
        assertThat(Importance.of(CAUSE).guide(Guide.at("d", new Bernoulli(0.6))).samples(10_000).seed(5).run()
                .diagnostics().verdicts()).noneMatch(v -> v.startsWith("the guide proposes"));
    }

    /**
     * A discrete model drawn from its prior: its largest weights repeat a few values, so Pareto k-hat reads far above
     * its threshold and the verdict says it describes ties. The self-normalised estimate's label says the same, with
     * the effective sample size to judge it by, where it used to call the estimate unreliable for its k-hat, against
     * the verdict beside it (a new user's report).
     */
    @Test
    void aDiscreteModelsSelfNormalisedLabelAgreesWithTheTiesVerdict() {
        double[] rate = {1, 4, 10};
        double[][] move = {{0.7, 0.25, 0.05}, {0.2, 0.6, 0.2}, {0.05, 0.15, 0.8}};
        int[] counts = {3, 9, 11, 2, 12, 8};
        Model<Integer> regime = p -> {
            int g = p.sample("g", new Categorical(5, 3, 2));
            for (int i = 0; i < counts.length; i++) {
                int z = p.sample("z", i, new Categorical(move[g]));
                p.observe("y", i, new Poisson(rate[z]), counts[i]);
            }
            return g;
        };
        ImportanceResult<Integer> r = Importance.of(regime).samples(50_000).seed(1).hypothesis("g2", g -> g == 2)
                .run();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("k-hat describes ties here, not a tail"));
        String label = r.conditional("g2").selfNormalised().orElseThrow().label();
        assertThat(label).doesNotContain("Pareto k-hat is above its threshold")
                .containsPattern("an effective sample size of \\d+, under 1,000: read its standard error with care "
                        + "\\(k-hat describes the ties of a discrete model's weights here, not a tail\\)");
    }

    /**
     * A near-perfect guide whose weights are bounded where the runs go (a new user): lambda ~ Gamma(2, 0.5), five
     * counts observed zero-truncated (a Poisson and a factor -log(1 - e^-lambda) each), guided by Gamma(9.447, 4.598),
     * the optimum three searches found. Every weight lies within 0.61 to 1.51 times their median (ESS 19,968 of
     * 20,000), but the weights' largest pile up near the bound of that bulk (half of the M largest within 0.0001 of
     * the smallest of them), and k-hat read 3.7: "heavy-tailed, unreliable" in 100 seeds of 100, while the estimates'
     * z-scores were those of a good guide, and searches' certifications rejected their best guide. The largest weights
     * within a factor of 2 of each other are a pile, not a tail: the ESS is the figure, and nothing is said.
     */
    @Test
    void weightsThatPileUpNearABoundAreNotCalledHeavyTailed() {
        int[] ys = {1, 3, 2, 1, 4};
        Model<Double> truncated = p -> {
            double lambda = p.sample("lambda", new Gamma(2, 0.5));
            for (int i = 0; i < ys.length; i++) {
                p.observe("y", i, new Poisson(lambda), ys[i]);
                p.factor("trunc", i, -Math.log(-Math.expm1(-lambda)));
            }
            return lambda;
        };
        ImportanceResult<Double> r = Importance.of(truncated).guide(Guide.at("lambda", new Gamma(9.447, 4.598)))
                .samples(20_000).seed(1).run();
        Diagnostics d = r.diagnostics();
        assertThat(d.paretoK()).isGreaterThan(d.paretoThreshold());
        assertThat(d.discreteTail()).isTrue();
        assertThat(d.ess()).isGreaterThan(19_000);
        assertThat(d.verdicts()).isEmpty();
        assertThat(d.tailOk()).isTrue();
        assertThat(d.report()).contains("no tail to read").contains("nothing looks wrong");
        // exact log P(e) -8.493273 by quadrature (the new user's)
        assertThat(Math.abs(r.logEvidence().value() - -8.493273)).isLessThan(5 * r.logEvidence().standardError());
        // A guide of the same centre and half the width has a heavy tail that the runs reach: still named.
        ImportanceResult<Double> narrow = Importance.of(truncated).guide(Guide.at("lambda",
                new Gamma(4 * 9.447, 4 * 4.598))).samples(20_000).seed(1).run();
        assertThat(narrow.diagnostics().discreteTail()).isFalse();
        assertThat(narrow.diagnostics().verdicts()).isNotEmpty();
    }

    /**
     * Bounded weights piled near their bound, with an ESS under 1,000: a Beta(1, 1) prior as guide for a binomial's
     * probability (10 successes of 30), 3,000 runs, ESS about 900. "ESS under 1,000: read with care" was said in 500
     * calls of 500 whose standard errors were honest (an outside statistician; 400 calls here: z-scores of log Z-hat
     * of sd 0.98 and of P(t < 0.3 | e) of sd 1.04). The largest M + 1 weights of a pile each carry half the largest or
     * more, so many runs carry the weight, not the few of a heavy discrete branch: nothing is said now. A pile of about
     * 210 runs holding half of P(e), ESS under 1,000, is quiet too and within its standard errors.
     */
    @Test
    void aPileOfBoundedWeightsWithAnEssUnderAThousandIsNotNamed() {
        Model<Double> binomial = p -> {
            double t = p.sample("t", new Beta(1, 1));
            p.observe("y", new Binomial(30, t), 10);
            return t;
        };
        ImportanceResult<Double> r = Importance.of(binomial).samples(3_000).seed(1).hypothesis("low", t -> t < 0.3)
                .run();
        Diagnostics d = r.diagnostics();
        assertThat(d.discreteTail()).isTrue();
        assertThat(d.tiedTail()).isFalse();
        assertThat(d.ess()).isLessThan(1000);
        assertThat(d.tailOk()).isTrue();
        assertThat(d.verdicts()).isEmpty();
        Estimate low = r.conditional("low").selfNormalised().orElseThrow();
        assertThat(low.label()).doesNotContain("under 1,000");
        // exact: P(e) = 1 / 31 under a uniform prior; P(t < 0.3 | e) the Beta(11, 21) distribution function at 0.3
        assertThat(Math.abs(r.logEvidence().value() + Math.log(31))).isLessThan(5 * r.logEvidence().standardError());
        double exactLow = org.apache.commons.statistics.distribution.BetaDistribution.of(11, 21)
                .cumulativeProbability(0.3);
        assertThat(Math.abs(low.value() - exactLow)).isLessThan(5 * low.standardError());

        Model<Double> region = p -> {
            double x = p.sample("x", new Uniform(0, 1));
            p.factor("w", Math.log(x < 0.07 ? 0.5 + 0.2 * x : 0.07 * x));
            return x;
        };
        ImportanceResult<Double> pile = Importance.of(region).samples(3_000).seed(1).run();
        Diagnostics pd = pile.diagnostics();
        assertThat(pd.discreteTail()).isTrue();
        assertThat(pd.ess()).isLessThan(1000);
        assertThat(pd.verdicts()).isEmpty();
        double exact = Math.log(0.5 * 0.07 + 0.1 * 0.07 * 0.07 + 0.07 * (1 - 0.07 * 0.07) / 2);
        assertThat(Math.abs(pile.logEvidence().value() - exact)).isLessThan(5 * pile.logEvidence().standardError());
    }

    /**
     * A guard on the ties' ESS rule: two choices a, b ~ Bernoulli(0.006) whose pair holds 34% of P(e) (likelihood 1
     * for both, 0.005 for one, 1e-5 for neither), from 20,000 prior runs, which draw the pair less than once. In a call
     * that draws it not at all the weights that tie look healthy, their skewness about 0.07; a rule that spared ties of
     * low skewness from the ESS verdict left 90 calls of 200 silent and more than 5 standard errors off (a hunt), and
     * was undone. Seed 1 is such a call: log Z-hat 9 standard errors low, and named.
     */
    @Test
    void tiesThatMissARarePairAreNamedByTheirEss() {
        Model<Boolean> combo = p -> {
            boolean a = p.sample("a", new Bernoulli(0.006));
            boolean b = p.sample("b", new Bernoulli(0.006));
            p.factor("e", Math.log(a && b ? 1 : a || b ? 0.005 : 1e-5));
            return a;
        };
        ImportanceResult<Boolean> r = Importance.of(combo).samples(20_000).seed(1).run();
        double exact = -9.156607;
        assertThat(exact - r.logEvidence().value()).isGreaterThan(5 * r.logEvidence().standardError());
        assertThat(r.diagnostics().tailOk()).isFalse();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the largest weights repeat a few values"));
    }

    /**
     * A discrete model whose largest weights tie, with k-hat far below its threshold: a branch of prior probability
     * 0.001 holds 43% of P(e). From 50,000 runs of the prior the ESS is about 270, and an outside statistician's 2,000
     * replicates of such a model put the truth outside +-1.96 standard errors 6.6% of the time with nothing said,
     * where the ties meant the ESS, not k-hat, was to judge the tail. The verdict and the label now say so.
     */
    @Test
    void aDiscreteTailWithFewEffectiveRunsIsNamedWhateverKHatReads() {
        Model<Boolean> branch = p -> {
            boolean b = p.sample("b", new Bernoulli(0.001));
            boolean c = p.sample("c", new Bernoulli(0.3));
            p.observe("e", new Bernoulli(b ? 0.5 : c ? 0.001 : 0.0005), true);
            return b;
        };
        ImportanceResult<Boolean> r = Importance.of(branch).samples(50_000).seed(1).hypothesis("b", b -> b).run();
        Diagnostics d = r.diagnostics();
        assertThat(d.paretoK()).isLessThan(d.paretoThreshold());
        assertThat(d.discreteTail()).isTrue();
        assertThat(d.ess()).isLessThan(1000);
        assertThat(d.tailOk()).isFalse();
        // and b = true, drawn in 0.1% of the runs, carries nearly half of their weight, which the variance of log w
        // (where c, splitting log w in two, takes the share) weighs little: it is the value named
        assertThat(d.verdicts()).hasSize(2);
        assertThat(d.verdicts().get(0))
                .startsWith("the largest weights repeat a few values").contains("k-hat describes ties here, not a tail");
        assertThat(d.verdicts().get(1)).startsWith("the value b = true, drawn in ");
        assertThat(r.conditional("b").selfNormalised().orElseThrow().label()).contains("under 1,000");
        ImportanceResult<Boolean> many = Importance.of(branch).samples(400_000).seed(1).run();
        assertThat(many.diagnostics().ess()).isGreaterThan(1000);
        assertThat(many.diagnostics().verdicts()).isEmpty();
    }

    /**
     * A whole-run defensive mixture draws every value with at least alpha times its prior: with alpha 0.2 around a
     * guide that proposes b = false with probability 1e-6, b = false is drawn in about 10% of the runs, and the
     * estimates are right. The rare-value check read the inner guide's proposals alone and said, in 20 seeds of 20,
     * that the call's estimate hung on a value drawn with probability 1e-6 (a new user's report).
     */
    @Test
    void aDefensiveMixtureIsNotSaidToLeaveOutWhatItsPriorShareDraws() {
        Model<Boolean> m = p -> {
            boolean b = p.sample("b", new Bernoulli(0.5));
            p.observe("y", new Normal(b ? 1 : 0, 1), 0.3);
            return b;
        };
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<Boolean> r = Importance.of(m)
                    .guide(Guide.defensive(0.2, Guide.at("b", new Bernoulli(1 - 1e-6)))).samples(100_000).seed(seed)
                    .run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).noneMatch(v -> v.contains("b = false"));
        }
    }

    /**
     * A guide that meets a condition in some runs only: its check says there is no problem and reports the failed runs
     * as evidence not met, where it listed them among the problems (a new user's report: a good rare-event guide whose
     * call accepted 44% of its runs).
     */
    @Test
    void aChecksFailedRunsAreInformationNotAProblem() {
        Model<Double> beyond = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("beyond", x > 3);
            return x;
        };
        GuideCheck check = Importance.check(beyond, Guide.at("x", new Normal(3, 1)), 200);
        assertThat(check.isClean()).isTrue();
        assertThat(check.toString()).startsWith("guide check over 200 runs: no problems" + System.lineSeparator())
                .contains("some runs failed (condition false), the first at beyond: evidence those runs did not meet, "
                        + "not a fault of the guide");
    }

    /**
     * A value the guide never proposes that the evidence all but rules out (P(e | d = false) = 1e-9 against 0.9, so it
     * holds about 3e-9 of P(e), as a guide drawn from the exact conditional posterior leaves out) is still named, since
     * forcing one site cannot show a mode that needs other choices changed with it, but the verdict now gives the share
     * its forced runs found, so that the user can judge it. A second choice makes the runs more than the one forced:
     * where a run makes that choice alone, its forced runs are exact, and a value that holds little is left alone
     * ({@code UnproposedModeTest}); so it is where the other choices are whole-valued and drawn often enough for the
     * forced runs to meet each of their values. Here the other choice is a real number.
     */
    @Test
    void anUnproposedValueThatHoldsLittleIsNamedWithItsShare() {
        Model<Boolean> nearlyRuledOut = p -> {
            boolean d = p.sample("d", new Bernoulli(0.3));
            p.observe("test", new Bernoulli(d ? 0.9 : 1e-9), true);
            p.sample("other", new Normal(0, 1));
            return d;
        };
        List<String> verdicts = Importance.of(nearlyRuledOut).guide(Guide.at("d", new Bernoulli(1 - 1e-12)))
                .samples(10_000).seed(5).run().diagnostics().verdicts();
        assertThat(verdicts).anyMatch(v -> v.startsWith("the guide proposes d = false with probability 1.00e-12")
                && v.contains("forced there in 20 runs (the other choices drawn as the call draws them), it gives "
                + "P(e, d = false) about e^-21.1, "
                + "against the estimate of P(e), e^-1.3 (2.59e-09 times it): forced alone it adds little, though the "
                + "guide elsewhere"));
    }

    /**
     * A verdict's powers of e are printed to one decimal, and to four significant digits where the exponent is huge:
     * a guide giving a value a log probability of about -1e290 was printed as a number of 290 digits (an adversarial
     * tester).
     */
    @Test
    void aHugeExponentIsPrintedInFewDigits() {
        assertThat(UnproposedValues.power(-21.06)).isEqualTo("e^-21.1");
        assertThat(UnproposedValues.power(-999_999.94)).isEqualTo("e^-999999.9");
        assertThat(UnproposedValues.power(-1e290)).isEqualTo("e^-1.000e+290");
    }

    /**
     * A fault of prior probability 1e-4 that explains the reading (P(e) = e^-10.13, P(fault | e) = 1): 10,000 runs
     * from the prior draw it once on average, and with seed 0 not at all, so every weight is equal, log Z-hat is
     * -50.9 and P(fault | e) reads 0. Forcing the fault in 20 runs finds P(e, fault) at about e^-10.1 and names it.
     * The same fault with no bearing on the reading, and a guide that never proposes a value the evidence rules out
     * (once named as unproposed), are not named.
     */
    @Test
    void aRarelyDrawnValueThatCarriesTheEvidenceIsNamedByForcingIt() {
        Model<Boolean> fault = p -> {
            boolean z = p.sample("fault", new Bernoulli(1e-4));
            p.observe("reading", new Normal(z ? 10 : 0, 1), 10.0);
            return z;
        };
        ImportanceResult<Boolean> missed = Importance.of(fault).samples(10_000).seed(0).run();
        assertThat(missed.logEvidence().value()).isLessThan(-50);
        assertThat(missed.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the estimate hangs on fault = true, "
                + "which the runs draw with probability 0.000100") && v.contains("10,000 runs expect to draw it 1.00 "
                + "times") && v.contains("it gives P(e, fault = true) about e^-10.1, against the estimate of P(e), "
                + "e^-50.9"));
        Model<Boolean> idle = p -> {
            boolean z = p.sample("fault", new Bernoulli(1e-4));
            p.observe("reading", new Normal(0, 1), 1.0);
            return z;
        };
        assertThat(Importance.of(idle).samples(10_000).seed(0).run().diagnostics().verdicts()).isEmpty();
        Model<Boolean> ruledOut = p -> {
            boolean d = p.sample("d", new Bernoulli(0.3));
            p.condition("d holds", d);
            p.observe("test", new Bernoulli(0.9), true);
            return d;
        };
        assertThat(Importance.of(ruledOut).guide(Guide.at("d", new Bernoulli(1.0))).samples(10_000).seed(5).run()
                .diagnostics().verdicts()).isEmpty();
    }

    /**
     * Counts below a condition's threshold that the guide never proposes hold no posterior mass, however likely the
     * prior makes them: n ~ Poisson(1000 lambda) under {@code condition(n >= 200)}, with a guide centred on n = 215.
     * Their proposal probabilities are far below one draw in the call, and more of them have prior 0.01 somewhere
     * than the screen forces, so the one named was never forced: n = 118, below the threshold, was named in every call
     * as leaving out posterior mass (a new user's report). Values above it that the guide never proposes may still be
     * named, with the little their forced runs found. A threshold the guide leaves room below, n >= 100, has values
     * the guide never proposes that hold mass, and they are named.
     */
    @Test
    void countsTheEvidenceRulesOutAreNotNamedThoughTheScreenLeftThemUnforced() {
        for (int threshold : new int[] {200, 100}) {
            Model<Integer> tail = p -> {
                double lambda = p.sample("lambda", new Gamma(2, 100));
                int n = p.sample("n", new Poisson(lambda * 1000));
                p.condition("many", n, threshold);
                return n;
            };
            Guide guide = Guide.at("lambda", new Gamma(40, 200)).orElse(Guide.at("n", new Poisson(215)));
            for (long seed = 0; seed < 3; seed++) {
                List<String> verdicts = Importance.of(tail).guide(guide).samples(20_000).seed(seed).run()
                        .diagnostics().verdicts();
                if (threshold == 200) {
                    assertThat(verdicts).as("seed %d", seed).noneMatch(v -> v.matches(
                            "(?s).*the guide proposes n = ([0-9]|[0-9][0-9]|1[0-9][0-9]) .*"));
                } else {
                    assertThat(verdicts).as("seed %d", seed).anyMatch(v -> v.matches(
                            "(?s).*(the guide proposes|the estimate hangs on) n = 1[0-9][0-9].*"));
                }
            }
        }
    }

    /** Four binary causes of five noisy-OR symptoms (a new user's network). */
    static final Model<boolean[]> NOISY_OR = p -> {
        double[] prior = {0.1, 0.2, 0.05, 0.3};
        double[][] strength = {{0.8, 0.0, 0.6, 0.1}, {0.0, 0.7, 0.5, 0.2}, {0.3, 0.3, 0.0, 0.6}, {0.5, 0.0, 0.9, 0.0},
                {0.0, 0.4, 0.0, 0.5}};
        boolean[] seen = {true, true, false, true, false};
        boolean[] c = new boolean[4];
        for (int k = 0; k < 4; k++) {
            c[k] = p.sample("c", k, new Bernoulli(prior[k]));
        }
        for (int j = 0; j < 5; j++) {
            double none = 0.98;
            for (int k = 0; k < 4; k++) {
                if (c[k]) {
                    none *= 1 - strength[j][k];
                }
            }
            p.observe("s", j, new Bernoulli(1 - none), seen[j]);
        }
        return c;
    };

    /**
     * A mean-field guide searched for the noisy-OR network draws c2 = false often enough (18 times in 20,000 runs),
     * but almost never with c0 = c1 = true, the combination that holds 16% of P(e): log Z-hat read 538 of its
     * standard errors low, and P(c2 | e) 0.9996 against 0.846, with every verdict empty (47 calls of 100; a new user).
     * The prior's runs reach the combination, and their estimate, 5 standard errors of the difference above, names
     * it; so does forcing c2 = false. A guide of the exact posterior marginals, whose estimate is right, is not named.
     */
    @Test
    void aCombinationTheGuideNeverDrawsIsNamedByThePriorsRuns() {
        double exact = dev.ariadne.inference.enumerate.Enumerate.of(NOISY_OR).run().logEvidence();
        double[] logits = {-1.9644539370718688, -1.7741068418892754, 6.9970507851587485, -2.2386214831199864};
        java.util.LinkedHashMap<String, dev.ariadne.core.dist.Dist> searched = new java.util.LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            searched.put("c[" + k + "]", Bernoulli.ofLogit(logits[k]));
        }
        ImportanceResult<boolean[]> r = Importance.of(NOISY_OR).guide(Guide.fromMap(searched)).samples(20_000)
                .seed(19).run();
        assertThat(r.logEvidence().value()).isLessThan(exact - 100 * r.logEvidence().standardError());
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.startsWith("importance sampling from the prior, which "
                + "needs no guide, estimates log P(e) at ") && v.contains("the guide misses about 16% of the "
                + "posterior"));
        // Without the prior's runs, c[2] = false, expected 18 times, is forced (values expected fewer than 20 times
        // are), and its share of P(e) named; it said nothing while only values expected fewer than 10 times were.
        assertThat(Importance.of(NOISY_OR).guide(Guide.fromMap(searched)).samples(20_000).seed(19).priorCheck(0)
                .run().diagnostics().verdicts()).singleElement().asString()
                .startsWith("the estimate hangs on c[2] = false");
        dev.ariadne.inference.enumerate.EnumerationResult<boolean[]> posterior =
                dev.ariadne.inference.enumerate.Enumerate.of(NOISY_OR).run();
        java.util.LinkedHashMap<String, dev.ariadne.core.dist.Dist> marginals = new java.util.LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            int cause = k;
            marginals.put("c[" + k + "]", new Bernoulli(posterior.probability(c -> c[cause])));
        }
        for (long seed = 0; seed < 5; seed++) {
            assertThat(Importance.of(NOISY_OR).guide(Guide.fromMap(marginals)).samples(20_000).seed(seed).run()
                    .diagnostics().verdicts()).as("seed %d", seed).isEmpty();
        }
    }

    /**
     * k ~ Poisson(3), x ~ N(k, 1), and the evidence x >= 7, under a whole-run defensive mixture of prior share 0.01
     * whose guide puts x at N(7.3, 0.3) whatever k: x beyond the guide's reach, about a third of P(e), is weighed
     * only by the mixture's 100 runs that follow the prior, and a call that draws none of them there reads log P(e)
     * that share low with its weights all healthy. Mixtures were never set beside the prior's runs, and 10 calls of
     * 300 were more than 5 standard errors low with every verdict empty (seeds 14, 26 and 64 among them; the lead's
     * replicates); now none is, and the check named 0 of 300 calls that were within 3 standard errors. A share of 0.3
     * brings 3,000 such runs and reads P(e) within its standard errors: nothing is said.
     */
    @Test
    void aDefensiveMixtureWhosePriorShareIsTooSmallToWeighWhatItsGuideMissesIsNamed() {
        Model<Integer> tail = GroundTruth.POISSON_NORMAL_TAIL;
        double exact = GroundTruth.poissonNormalTailLogZ();
        Guide narrow = Guide.at("x", new Normal(7.3, 0.3));
        for (long seed : new long[] {14, 26, 64}) {
            ImportanceResult<Integer> r = Importance.of(tail).guide(Guide.defensive(0.01, narrow)).samples(10_000)
                    .seed(seed).run();
            assertThat(r.logEvidence().value()).as("seed %d", seed)
                    .isLessThan(exact - 5 * r.logEvidence().standardError());
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).anyMatch(v -> v.startsWith("importance "
                    + "sampling from the prior, which needs no guide") && v.contains("the mixture's runs that follow "
                    + "the prior, its share 0.0100 of them, about 100 of this call's runs, reach it too seldom")
                    && v.endsWith("Give the prior a larger share, or use a guide whose proposals read the earlier "
                    + "choices"));
        }
        for (long seed = 1; seed <= 5; seed++) {
            ImportanceResult<Integer> r = Importance.of(tail).guide(Guide.defensive(0.3, narrow)).samples(10_000)
                    .seed(seed).run();
            assertThat(Math.abs(r.logEvidence().value() - exact)).isLessThan(5 * r.logEvidence().standardError());
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.startsWith("importance sampling from the prior"));
        }
    }

    /** Five readings of mu ~ N(0, 1), each N(mu, 1). */
    private static final double[] FIVE_READINGS = {0.8, 1.3, 0.2, 1.9, 1.1};

    private static final Model<Double> FIVE_READINGS_MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        for (int i = 0; i < FIVE_READINGS.length; i++) {
            p.observe("y", i, new Normal(mu, 1), FIVE_READINGS[i]);
        }
        return mu;
    };

    /**
     * A guide 0.7 times the posterior's width mixed with the prior at 0.1 (the remedy the verdicts suggest): k-hat read
     * above 0.7 in 440 calls of 500 whose standard errors were right, since the mixture caps each weight at
     * p(e | x) / 0.1 and k-hat reads the runs' climb toward that cap; the verdict said how to have the tail judged
     * against that cap, and an outside statistician still counted it on 94 right calls of 299. The largest 31
     * weights pile within a factor 2 at the cap ({@code ParetoKHat.PILE_TOP}), where k-hat describes no tail: no
     * verdict on it now, with or without the bound stated, and over 200 seeds the z-scores read rms 1.02.
     */
    @Test
    void aTailThatPilesAtADefensiveMixturesCapDrawsNoVerdict() {
        double[] y = FIVE_READINGS;
        Model<Double> model = FIVE_READINGS_MODEL;
        double sum = 0;
        double squares = 0;
        for (double v : y) {
            sum += v;
            squares += v * v;
        }
        double exact = -0.5 * y.length * Math.log(2 * Math.PI) - 0.5 * Math.log(1 + y.length)
                - 0.5 * (squares - sum * sum / (1 + y.length));
        Guide mixture = Guide.defensive(0.1, Guide.at("mu", new Normal(5.3 / 6, 0.7 / Math.sqrt(6))));
        for (double bound : new double[] {Double.NaN, -2.5 * Math.log(2 * Math.PI)}) {
            Importance<Double> call = Importance.of(model).guide(mixture).samples(10_000).seed(1);
            ImportanceResult<Double> r = Double.isNaN(bound) ? call.run() : call.maxLogLikelihood(bound).run();
            assertThat(r.diagnostics().verdicts()).noneMatch(v -> v.contains("k-hat"));
            assertThat(Math.abs(r.logEvidence().value() - exact)).isLessThan(5 * r.logEvidence().standardError());
        }
    }

    /**
     * The same model under a mixture of prior share 0.01 whose guide sits 0.6 off the posterior's mean: k-hat reads
     * between 0.5 and 0.7 in 6 seeds of 20, seed 2 among them, and that verdict, unlike the one above 0.7, did not
     * say how to have the tail judged against the mixture's cap (8 calls of 40 of a new user's mixture).
     */
    @Test
    void aTailBelowTheThresholdUnderADefensiveMixtureIsToldOfItsCap() {
        Model<Double> model = FIVE_READINGS_MODEL;
        Guide mixture = Guide.defensive(0.01, Guide.at("mu", new Normal(5.3 / 6 + 0.6, 0.7 / Math.sqrt(6))));
        List<String> verdicts = Importance.of(model).guide(mixture).samples(10_000).seed(2).run().diagnostics()
                .verdicts();
        assertThat(verdicts).anyMatch(v -> v.startsWith("Pareto k-hat 0.") && v.contains("variance may be infinite")
                && v.contains("defensive mixture caps each weight at p(e | x) / 0.01"));
    }

    /**
     * A model of observations alone (a negative binomial's counts at fixed parameters) has one run, repeated: its
     * estimate is P(e) exactly, with a standard error of 0, and it was told that "a heavy tail can make log Z-hat and
     * its standard error badly wrong without a sign" (a new user). A model whose runs make no choice draws no verdict
     * on its weights' tail.
     */
    @Test
    void aModelOfObservationsAloneDrawsNoVerdictOnItsTail() {
        int[] counts = {3, 0, 5, 2, 7, 1, 4, 2};
        Model<Integer> fixed = p -> {
            for (int i = 0; i < counts.length; i++) {
                p.observe("y", i, new dev.ariadne.core.dist.NegativeBinomial(4, 0.6), counts[i]);
            }
            return 0;
        };
        ImportanceResult<Integer> r = Importance.of(fixed).samples(1_000).seed(1).run();
        double exact = 0;
        for (int y : counts) {
            exact += new dev.ariadne.core.dist.NegativeBinomial(4, 0.6).logMass(y);
        }
        assertThat(r.logEvidence().value()).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.diagnostics().verdicts()).isEmpty();
    }

    /**
     * Under a whole-run defensive mixture whose inner guide is narrower than the prior, the prior's share draws values
     * the inner proposal cannot give, and the site's term is -inf there: the table read "NaN%" (an outside
     * statistician). Its share is 0 and a note says why; no NaN is printed or returned.
     */
    @Test
    void aSiteTermThatIsInfiniteUnderADefensiveMixturePrintsNoNaN() {
        Model<Double> model = p -> {
            double x = p.sample("x", new Uniform(0, 1));
            p.observe("y", new Normal(x, 0.1), 0.5);
            return x;
        };
        ImportanceResult<Double> r = Importance.of(model).guide(Guide.defensive(0.2, Guide.at("x",
                new Uniform(0.45, 0.55)))).samples(10_000).seed(1).run();
        assertThat(r.diagnostics().report()).doesNotContain("NaN").contains("a mean of -Infinity: some runs drew "
                + "there a value the site's own proposal cannot give");
        assertThat(r.diagnostics().sites()).allSatisfy(b -> assertThat(b.varianceShare()).isNotNaN());
    }

    /**
     * Rejection sampling from the prior under a hard condition weighs every accepted run the same: its estimate is a
     * binomial proportion, and its standard error holds (an outside statistician's intervals covered at their nominal
     * rate), yet "the largest weights repeat a few values ... ESS under 1,000" fired in 200 calls of 200. Not now.
     */
    @Test
    void rejectionSamplingIsNotToldItsWeightsRepeat() {
        Model<Double> model = p -> {
            int k = p.sample("k", new Poisson(3));
            double x = p.sample("x", new Normal(k, 1));
            p.condition("c", x, 7.0);
            return (double) k;
        };
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<Double> r = Importance.of(model).samples(10_000).seed(seed).run();
            assertThat(r.diagnostics().ess()).isBetween(100.0, 1000.0);
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.contains("repeat a few values"));
        }
    }

    /**
     * A one-mode guide for a posterior of two modes (x ~ N(2.2, 2), x^2 observed at 4 with sd 0.5), the other mode
     * holding 10% of P(e): every call of 10,000 runs read log P(e) more than 5 standard errors low, and the prior's
     * 10,000 runs, an ESS near 1,000 whose tail was not yet judged fine, named it in 90 calls of 300 (an outside
     * statistician). Those runs are made ten times as long before they are judged, and name it.
     */
    @Test
    void aMissedModeIsNamedWhereThePriorsRunsNeedMoreToBeTrusted() {
        Model<Double> squared = p -> {
            double x = p.sample("x", new Normal(2.2, 2));
            p.observe("y", new Normal(x * x, 0.5), 4.0);
            return x;
        };
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(Importance.of(squared).guide(Guide.at("x", new Normal(2, 0.2))).samples(10_000).seed(seed)
                    .run().diagnostics().verdicts()).as("seed %d", seed).anyMatch(v -> v.startsWith("importance "
                    + "sampling from the prior, which needs no guide") && v.contains("(100,000 runs"));
        }
    }

    /** A Poisson rate with a Gamma prior; the guide's pattern misspells it. */
    static final Model<Double> RATE = p -> {
        double lambda = p.sample("lambda", new Gamma(2, 1));
        for (int i = 0; i < 3; i++) {
            p.observe("count", i, new Poisson(lambda), 4 + i);
        }
        return lambda;
    };

    /**
     * A proposal narrower than its prior (an adversarial tester: Uniform(0, 0.5) for Uniform(0, 1), log Z-hat =
     * -log 2 +- 0 with "nothing looks wrong"; DiscreteUniform(0, 2) for a Poisson). Importance sampling's direct path
     * never holds the prior, so it draws from it; the diagnostics' runs, made again on the general path, are refused,
     * and the verdict says so, as Importance.check refuses it. (Refusing it before the call's runs, on the general
     * path, slowed the runs that followed: see PERFORMANCE.md.) A site that only some runs reach is named too.
     */
    @Test
    void aProposalNarrowerThanItsPriorIsNamedThoughEveryWeightIsEqual() {
        ImportanceResult<Double> uniform = Importance.of((Model<Double>) p -> p.sample("x", new Uniform(0, 1)))
                .guide(Guide.at("x", new Uniform(0, 0.5))).samples(5000).seed(1).run();
        // these models state no evidence, which a verdict of its own says; the runs from the prior, which read
        // P(e) = 1 where this call reads 1/2, say that the guide misses half of it; the one on the proposal is the
        // third
        assertThat(uniform.diagnostics().verdicts()).hasSize(3).anyMatch(v -> v.startsWith(NO_EVIDENCE))
                .anyMatch(v -> v.startsWith("importance sampling from the prior") && v.contains("at 0.0000 +- 0.0000 "
                        + "(5,000 runs, ESS 5000), where neither estimate has any spread above this call's -0.6931"))
                .filteredOn(v -> !v.startsWith(NO_EVIDENCE) && !v.startsWith("importance sampling from the prior"))
                .singleElement().asString()
                .contains("Uniform(lower=0.0, upper=0.5)").contains("does not cover its prior's support [0.0, 1.0]")
                .contains("at x").contains("leave out the prior's mass");
        assertThat(Importance.check((Model<Double>) p -> p.sample("x", new Uniform(0, 1)),
                Guide.at("x", new Uniform(0, 0.5))).errors()).anyMatch(e -> e.contains("does not cover its prior's "
                + "support [0.0, 1.0] at x"));
        ImportanceResult<Integer> poisson = Importance.of((Model<Integer>) p -> p.sample("k", new Poisson(1)))
                .guide(Guide.bySite((site, history) -> new DiscreteUniform(0, 2))).samples(5000).seed(1).run();
        assertThat(poisson.diagnostics().verdicts()).hasSize(3).anyMatch(v -> v.startsWith(NO_EVIDENCE))
                .anyMatch(v -> v.startsWith("importance sampling from the prior") && v.contains("the guide misses "
                        + "about 7.9% of the posterior"))
                .filteredOn(v -> !v.startsWith(NO_EVIDENCE) && !v.startsWith("importance sampling from the prior"))
                .singleElement().asString()
                .contains("does not cover its prior's support {0, ...} at k");
        Model<Double> seldom = p -> p.sample("rare", new Bernoulli(0.02)) ? p.sample("x", new Uniform(0, 1)) : -1.0;
        ImportanceResult<Double> late = Importance.of(seldom).guide(Guide.at("x", new Uniform(0, 0.5)))
                .samples(5000).seed(1).run();
        assertThat(late.diagnostics().verdicts()).hasSize(3).anyMatch(v -> v.startsWith(NO_EVIDENCE))
                .anyMatch(v -> v.startsWith("importance sampling from the prior") && v.contains("the guide misses "
                        + "about 1.0% of the posterior"))
                .filteredOn(v -> !v.startsWith(NO_EVIDENCE) && !v.startsWith("importance sampling from the prior"))
                .singleElement().asString()
                .contains("does not cover its prior's support [0.0, 1.0]").contains("at x")
                .contains("leave out the prior's mass");
    }

    /**
     * A statistician's two cases the forcing missed with "nothing looks wrong": ten equally rare faults of which the
     * eighth explains the reading (only five values were forced, the first five sites'), and the tail of a Poisson
     * count (an unbounded support was not looked at). With 10,000 runs, 50 values are forced now, and a count's
     * support is looked at up to where its prior's mass is spent.
     */
    @Test
    void theForcingReachesTheTenthRareFaultAndAPoissonsTail() {
        Model<Integer> faults = p -> {
            int which = -1;
            for (int j = 0; j < 10; j++) {
                if (p.sample("fault", j, new Bernoulli(1e-4))) {
                    which = j;
                }
            }
            boolean seventh = which == 7;
            p.observe("reading", new Normal(seventh ? 10 : 0, 1), 10.0);
            return which;
        };
        ImportanceResult<Integer> missed = Importance.of(faults).samples(10_000).seed(5).run();
        assertThat(missed.logEvidence().value()).as("no run drew fault[7] with this seed").isLessThan(-40);
        assertThat(missed.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the estimate hangs on fault[7] = "
                + "true"));
        Model<Integer> count = p -> {
            int k = p.sample("k", new Poisson(1));
            p.observe("reading", new Normal(k >= 8 ? 10 : 0, 1), 10.0);
            return k;
        };
        ImportanceResult<Integer> tail = Importance.of(count).samples(10_000).seed(0).run();
        assertThat(tail.logEvidence().value()).as("no run drew k >= 8 with this seed").isLessThan(-40);
        assertThat(tail.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the estimate hangs on k = 8"));
    }

    /**
     * A tester's case: a Geometric(0.9) guide for a Geometric(0.3) count that the reading puts near 20. The verdict
     * named k = 9 (the value of prior at least 0.01 the guide proposes least, P(e, k = 9) about e^-247) and not
     * k = 20, which holds P(e) (exact log P(e) -8.31, log P(e, k = 20) -8.56): the value whose forced runs hold the
     * most of P(e) is named.
     */
    @Test
    void theValueNamedIsTheOneThatHoldsTheEvidence() {
        Model<Integer> count = p -> {
            int k = p.sample("k", new Geometric(0.3));
            p.observe("y", new Normal(k, 0.5), 20.0);
            return k;
        };
        ImportanceResult<Integer> r = Importance.of(count).guide(Guide.at("k", new Geometric(0.9))).samples(20_000)
                .seed(1).run();
        assertThat(r.logEvidence().value()).as("no run drew k near 20").isLessThan(-400);
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the estimate hangs on k = 20,"));
    }

    /**
     * A spike of P(e) on a branch of prior probability 5e-5 (a statistician's case, there at 5e-6): b = true holds
     * about 0.5% of P(e), below the 5% share the forcing names on its own. 20,000 runs expect to draw it once; with
     * seed 6 they do not, and log Z-hat reads about 15 of its standard errors low, since the other runs' weights
     * vary by 5% only. The value is named by the standard-error rule, with how far log Z-hat reads low without it
     * (log(1 + 0.005 - 5e-5)) against that standard error. With seed 0 a run draws it, the standard error
     * widens to cover it, and nothing is named; nor with seed 6 when the other weights vary enough (sd 1) that the
     * share is within the standard error.
     */
    @Test
    void aSmallShareNoRunDrewIsNamedWhenItExceedsTheStandardError() {
        double prior = 5e-5;
        double exact = Math.log(prior + (1 - prior) * 0.01);
        for (double noise : new double[] {0.05, 1}) {
            Model<Boolean> spike = p -> {
                boolean b = p.sample("b", new Bernoulli(prior));
                double z = p.sample("z", new Normal(0, 1));
                p.factor("f", b ? 0 : Math.log(0.01) + noise * z - noise * noise / 2);
                return b;
            };
            ImportanceResult<Boolean> notDrawn = Importance.of(spike).samples(20_000).seed(6).run();
            Estimate logZ = notDrawn.logEvidence();
            double z = (logZ.value() - exact) / logZ.standardError();
            if (noise < 1) {
                assertThat(z).as("no run drew b = true with this seed").isLessThan(-5);
                assertThat(notDrawn.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the estimate leaves out "
                        + "b = true") && v.contains("(0.00500 times it)") && v.contains("log Z-hat reads about 0.00494 "
                        + "low, 14.0 times its standard error"));
                ImportanceResult<Boolean> drawn = Importance.of(spike).samples(20_000).seed(0).run();
                Estimate covered = drawn.logEvidence();
                assertThat(Math.abs(covered.value() - exact) / covered.standardError()).isLessThan(5);
                assertThat(drawn.diagnostics().verdicts()).noneMatch(v -> v.contains("b = true"));
            } else {
                assertThat(Math.abs(z)).as("within the standard error").isLessThan(5);
                assertThat(notDrawn.diagnostics().verdicts()).noneMatch(v -> v.contains("b = true"));
            }
        }
    }

    /**
     * A new user's report of 13 sites showed 10 rows and nothing else, though the README says the shares add up to
     * 1: the report now says how many sites it left out and their share together, which with the rows shown makes
     * 100%.
     */
    @Test
    void theReportSaysHowManySitesItsTableLeavesOut() {
        Model<Double> twelve = p -> {
            double sum = 0;
            for (int i = 0; i < 12; i++) {
                sum += p.sample("x", i, new Normal(0, 1));
            }
            p.observe("y", new Normal(sum, 1), 2.0);
            return sum;
        };
        Diagnostics d = Importance.of(twelve).guide(Guide.bySite((site, h) -> new Normal(0.1, 1.1))).samples(5000)
                .seed(2).run().diagnostics();
        assertThat(d.sites()).hasSize(13);
        double rest = d.sites().stream().skip(10).mapToDouble(SiteBreakdown::varianceShare).sum();
        assertThat(d.report()).contains(String.format(java.util.Locale.ROOT, "... and 3 more sites, with %.1f%% of "
                + "the variance together (sites() lists every one)", 100 * rest));
        double all = d.sites().stream().mapToDouble(SiteBreakdown::varianceShare).sum();
        assertThat(all).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
    }

    /**
     * A typo in a guide's pattern is named where the evidence is rare too: under a condition met by 1 run in 31,000,
     * none of the breakdown's runs met it, the breakdown saw no site, and {@code Guide.at("xx", ...)} for x went
     * unnamed (a new user). The call's first runs, made again, show the sites.
     */
    @Test
    void aTypoIsNamedWhereTheEvidenceIsRare() {
        Model<Double> rare = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("c", x, 4);
            return x;
        };
        ImportanceResult<Double> r = Importance.of(rare).guide(Guide.at("xx", new Normal(4.2, 0.3))).samples(20_000)
                .seed(1).run();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the guide's pattern 'xx' matched no latent "
                + "site in the call's first 100 runs, made again with their traces since none of the runs the "
                + "per-site breakdown read met the evidence") && v.contains("did you mean x?"));
        assertThat(Importance.of(rare).guide(Guide.at("x", new Normal(4.2, 0.3))).samples(20_000).seed(1).run()
                .diagnostics().verdicts()).noneMatch(v -> v.contains("matched no latent site"));
    }

    /**
     * A pattern that matched nothing explains the lines it causes, so it is told first: 'lam' for sites lam[0] to
     * lam[5] was told last, after heavy tails and advice to mix the prior in, though the guide was the prior (a new
     * user).
     */
    @Test
    void aPatternThatMatchedNothingIsToldBeforeTheLinesItCauses() {
        int[] counts = {3, 9, 4, 12, 7, 2};
        Model<Double> rates = p -> {
            for (int j = 0; j < counts.length; j++) {
                double lam = p.sample("lam", j, new Gamma(2, 0.2));
                for (int m = 0; m < 4; m++) {
                    p.observe("y", 4 * j + m, new Poisson(lam), counts[j] + m);
                }
            }
            return 0.0;
        };
        List<String> verdicts = Importance.of(rates).guide(Guide.at("lam", new Gamma(100, 10))).samples(5000)
                .seed(1).run().diagnostics().verdicts();
        assertThat(verdicts).hasSizeGreaterThan(1);
        assertThat(verdicts.get(0)).startsWith("the guide's pattern 'lam' matched no latent site");
        // Not where another pattern guided the sites: a dead one beside it then led a heavy tail's verdict (a hunt).
        List<String> beside = Importance.of(rates).guide(Guide.at("lam[*]", new Gamma(100, 10))
                .orElse(Guide.at("nope", new Normal(0, 1)))).samples(5000).seed(1).run().diagnostics().verdicts();
        assertThat(beside).hasSizeGreaterThan(1).anyMatch(v -> v.startsWith("the guide's pattern 'nope'"));
        assertThat(beside.get(0)).doesNotStartWith("the guide's pattern 'nope'");
        // Nor ahead of evidence that no run meets.
        Model<Double> impossible = p -> {
            double lam = p.sample("lam", 0, new Gamma(2, 1));
            p.observe("c", new dev.ariadne.core.dist.Binomial(3, 0.5), 5);
            return lam;
        };
        List<String> none = Importance.of(impossible).guide(Guide.at("lam", new Gamma(3, 1))).samples(3000).seed(1)
                .run().diagnostics().verdicts();
        assertThat(none.get(0)).startsWith("no run satisfied the evidence");
    }

    @Test
    void aPatternThatMatchesNoSiteIsNamedInTheDiagnosticsAndTheCheck() {
        Guide typo = Guide.at("lamda", new Gamma(17, 4));
        Diagnostics d = Importance.of(RATE).guide(typo).samples(3000).run().diagnostics();
        assertThat(d.unmatchedPatterns()).containsExactly("lamda");
        assertThat(d.verdicts()).anyMatch(v -> v.contains("the guide's pattern 'lamda' matched no latent site")
                && v.contains("latent sites seen: lambda; did you mean lambda?"));
        GuideCheck c = Importance.check(RATE, typo);
        assertThat(c.unmatchedPatterns()).containsExactly("lamda");
        assertThat(c.isClean()).isFalse();
        assertThat(c.toString()).contains("guide pattern matched no latent site: lamda (did you mean lambda?)");
        // Through orElse, fromMap and the defensive mixture too; a pattern that matches is not named.
        Guide composed = Guide.defensive(0.2, Guide.at("lambda", new Gamma(17, 4))
                .orElse(Guide.fromMap(java.util.Map.of("count[*]", new Poisson(3)))));
        assertThat(Importance.of(RATE).guide(composed).samples(3000).run().diagnostics().unmatchedPatterns())
                .containsExactly("count[*]");
        assertThat(Importance.check(RATE, Guide.at("lambda", new Gamma(17, 4))).unmatchedPatterns()).isEmpty();
        // A pattern whose site the check reached, and whose proposal it refused, did match: only the error is named.
        GuideCheck misfit = Importance.check(RATE, Guide.at("lambda", new Normal(2, 1)));
        assertThat(misfit.errors()).anyMatch(e -> e.contains("does not fit the prior") && e.contains("lambda"));
        assertThat(misfit.unmatchedPatterns()).isEmpty();
    }

    /**
     * An expectation with no posterior mean is named (an outside statistician: E[1/x] read 19 +- 21 from healthy
     * weights, with nothing said). mu ~ N(0, 1), y = 0.5 observed from N(mu, 1): the posterior N(0.25, 1/2) has
     * positive density at 0, so E[1/mu | e] does not exist, and w |1/mu|'s tail is of index 1 (k-hat near 1); E[mu |
     * e] = 0.25 exists, and its values' tail is light. Test of the test: the same over every seed of five.
     */
    @Test
    void anExpectationWithNoMeanIsNamed() {
        Model<Double> normal = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu, 1), 0.5);
            return mu;
        };
        for (long seed = 1; seed <= 5; seed++) {
            ImportanceResult<Double> r = Importance.of(normal).samples(20_000).seed(seed)
                    .expectation("inverse", mu -> 1 / mu).expectation("mu", mu -> mu).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .anyMatch(v -> v.startsWith("expectation 'inverse': its values times the weights have a tail of "
                            + "Pareto k-hat") && v.contains("(the weights alone read ")
                            && v.contains("or the posterior mean does not exist"))
                    .noneMatch(v -> v.startsWith("expectation 'mu'"));
            assertThat(r.expectation("inverse").label()).contains("not to be trusted");
            assertThat(r.expectation("mu").label()).doesNotContain("not to be trusted");
            assertThat(r.expectation("mu").within(0.25, 5)).isTrue();
        }
        // The tails merge as the weights' do: the same verdicts and labels on any number of threads.
        Importance<Double> one = Importance.of(normal).samples(20_000).seed(1)
                .expectation("inverse", mu -> 1 / mu).parallelism(1);
        ImportanceResult<Double> serial = one.run();
        ImportanceResult<Double> parallel = one.parallelism(3).run();
        assertThat(parallel.diagnostics().verdicts()).isEqualTo(serial.diagnostics().verdicts());
        assertThat(parallel.expectation("inverse").label()).isEqualTo(serial.expectation("inverse").label());
    }

    /**
     * A light power tail above a bounded bulk is not an infinite mean (an outside statistician): f = |x - 1|^-0.2
     * under the posterior of x ~ Gamma(2, 1) given a Poisson count of 3, drawn from the prior. Its values times the
     * weights read k-hat 1.7 to 2.4 at 50,000 runs in 300 seeds of 300, each told "the posterior mean may not exist",
     * while the estimates held their standard errors; the largest eighth of that tail reads the true shape, 0.2.
     */
    @Test
    void aLightPowerTailAboveABoundedBulkIsNotCalledAnInfiniteMean() {
        Model<Double> rate = p -> {
            double x = p.sample("x", new Gamma(2, 1));
            p.observe("count", new Poisson(x), 3);
            return x;
        };
        double exact = 1.0138737623364729; // under the posterior Gamma(5, 2), by quadrature
        for (long seed : new long[] {100, 101, 103}) {
            ImportanceResult<Double> r = Importance.of(rate).samples(50_000).seed(seed)
                    .expectation("f", x -> Math.pow(Math.abs(x - 1), -0.2)).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).noneMatch(v -> v.startsWith("expectation"));
            Estimate f = r.expectation("f");
            assertThat(Math.abs(f.value() - exact)).as("seed %d: %s", seed, f).isLessThan(5 * f.standardError());
        }
    }

    /**
     * A bounded expectation under weights bounded by maxLogLikelihood(0) is not named for a tail that is the
     * posterior's bulk (a new user): a defect's place L ~ DiscreteUniform(0, 199) and a batch b ~ Categorical with
     * weights 1 / (b + 1) over 150 values, ten Binomial(20, p) sensor counts, E[b | e] from the prior at 10,000 runs.
     * The ESS is about 220 under a tail of 300, and w b read k-hat 0.76 to 1.17 in 53 calls of 200, each told its
     * estimate was not to be trusted, while every estimate held its standard errors; the tail's largest eighth reads
     * light and its largest run carries 1.3% to 1.7% of the sum, under ten effective runs' share. Test of the test:
     * none named in 40 seeds, where a rate of 0.265 names none with probability 5e-6.
     */
    @Test
    void aBoundedExpectationWhoseTailIsThePosteriorsBulkIsNotNamed() {
        int[] hits = {0, 1, 0, 2, 5, 12, 6, 1, 0, 1};
        double[] batchWeights = new double[150];
        for (int b = 0; b < 150; b++) {
            batchWeights[b] = 1.0 / (b + 1);
        }
        Model<int[]> sensors = p -> {
            int place = p.sample("L", new DiscreteUniform(0, 199));
            int b = p.sample("batch", new Categorical(batchWeights));
            double sensitivity = 0.5 + 0.5 * b / 149.0;
            for (int i = 0; i < 10; i++) {
                double hit = 0.02 + 0.9 * sensitivity * Math.exp(-Math.abs(place - 20 * i) / 15.0);
                p.observe("hits", i, new dev.ariadne.core.dist.Binomial(20, hit), hits[i]);
            }
            return new int[] {place, b};
        };
        double exact = dev.ariadne.inference.enumerate.Enumerate.of(sensors).run().expectation(v -> v[1]);
        for (long seed = 1; seed <= 40; seed++) {
            ImportanceResult<int[]> r = Importance.of(sensors).samples(10_000).maxLogLikelihood(0)
                    .expectation("batch", v -> v[1]).seed(seed).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.startsWith("expectation 'batch'"));
            assertThat(r.expectation("batch").within(exact, 5)).as("seed %d: %s against %s", seed,
                    r.expectation("batch"), exact).isTrue();
        }
    }

    /**
     * A log-normal tail is not a light tail above a bulk: E[exp(6x) | e] under the exact posterior N(1, 0.5) of
     * x ~ N(0, 1) given y = 2 ~ N(x, 1), its values' log-sd 4.2. Its k-hat was above 1, its largest eighth read light
     * in 29 seeds of 1,000 at 10,000 runs, and all 29 were more than 5 standard errors off with nothing said (a
     * second outside statistician; seed 12: 7.4e5 +- 1.5e5 against 3.27e6). Their largest run carried 6% of the sum
     * or more, where the light tail's carried under 0.04%: judged further out now only below 1%. Three of seeds 1 to
     * 100 were silent and off.
     */
    @Test
    void aLogNormalTailWhoseLargestRunCarriesARealShareIsNamed() {
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 2.0);
            return x;
        };
        double exact = Math.exp(6 + 9);
        Guide posterior = Guide.at("x", new Normal(1, Math.sqrt(0.5)));
        int silentAndOff = 0;
        for (long seed = 1; seed <= 100; seed++) {
            ImportanceResult<Double> r = Importance.of(m).guide(posterior).samples(10_000).seed(seed)
                    .expectation("e6", x -> Math.exp(6 * x)).run();
            Estimate e = r.expectation("e6");
            if (r.diagnostics().verdicts().isEmpty() && Math.abs(e.value() - exact) > 5 * e.standardError()) {
                silentAndOff++;
            }
        }
        assertThat(silentAndOff).isZero();
    }

    /**
     * A guide written for an observation matches no latent site, and the verdict says that it names evidence (a new
     * user's {@code Guide.at("y", ...)} for an observed y was asked whether it meant x).
     */
    @Test
    void aPatternThatNamesAnObservationIsToldSo() {
        Diagnostics d = Importance.of(RATE).guide(Guide.at("count[1]", new Poisson(3))).samples(3000).run()
                .diagnostics();
        assertThat(d.unmatchedPatterns()).containsExactly("count[1]");
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("the guide's pattern 'count[1]' matched no latent site")
                && v.contains("it names evidence, count[1] (observed), whose value the model states")
                && !v.contains("did you mean"));
        GuideCheck c = Importance.check(RATE, Guide.at("count[1]", new Poisson(3)));
        assertThat(c.unmatchedPatterns()).containsExactly("count[1]");
        assertThat(c.whyUnmatched()).containsOnlyKeys("count[1]");
        assertThat(c.toString()).contains("guide pattern matched no latent site: count[1] (it names evidence, "
                + "count[1] (observed), whose value the model states, and a guide proposes only at random choices)");
        assertThat(Importance.check(RATE, Guide.at("lamda", new Gamma(17, 4))).whyUnmatched()).isEmpty();
    }

    /**
     * A guide that answers by its own test of the site (a guide program written for another model, whose sites are
     * named otherwise) leaves every site at its prior with no pattern to name: the runs are the prior's while the call
     * reads as guided. Named; the prior itself, no guide, and a guide that proposes at one site of several are not.
     */
    @Test
    void aGuideThatLeavesEverySiteAtItsPriorIsNamed() {
        Guide forAnother = Guide.bySite((site, history) -> site.name().equals("rate") ? new Gamma(17, 4) : null);
        Diagnostics d = Importance.of(RATE).guide(forAnother).samples(3000).seed(1).run().diagnostics();
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("the guide left every latent site at its prior in all")
                && v.contains("so every run is the prior's")
                && v.contains("latent sites seen: lambda"));
        Guide answersThePrior = Guide.bySite((site, history) -> null);
        assertThat(Importance.of(RATE).guide(answersThePrior).samples(3000).seed(1).run().diagnostics().verdicts())
                .anyMatch(v -> v.startsWith("the guide left every latent site at its prior"));
        for (Guide quiet : new Guide[] {Guide.prior(), Guide.at("lambda", new Gamma(17, 4))}) {
            assertThat(Importance.of(RATE).guide(quiet).samples(3000).seed(1).run().diagnostics().verdicts())
                    .noneMatch(v -> v.contains("left every latent site at its prior"));
        }
        assertThat(Importance.of(RATE).samples(3000).seed(1).run().diagnostics().verdicts())
                .noneMatch(v -> v.contains("left every latent site at its prior"));
        // Evidence that every run meets makes the prior the posterior: a guide proposing the prior there is exact (a
        // cross-entropy search's, at its start, was told it proposed nothing; an adversarial tester)
        Model<Double> certain = p -> {
            double s = p.sample("z", new Normal(0, 1)) + p.sample("w", new Normal(0, 1));
            p.condition("beyond", s, -1e9);
            return s;
        };
        Guide thePrior = Guide.at("z", Guide.real((site, prior, h) -> new Normal(0, 1)));
        assertThat(Importance.of(certain).guide(thePrior).samples(3000).seed(1).run().diagnostics().verdicts())
                .isEmpty();
        Model<Double> uncertain = p -> {
            double s = p.sample("z", new Normal(0, 1)) + p.sample("w", new Normal(0, 1));
            p.condition("beyond", s, 0);
            return s;
        };
        assertThat(Importance.of(uncertain).guide(thePrior).samples(3000).seed(1).run().diagnostics().verdicts())
                .anyMatch(v -> v.startsWith("the guide left every latent site at its prior"));
        Model<Double> two = p -> {
            double a = p.sample("a", new Normal(0, 1));
            double b = p.sample("b", new Normal(0, 1));
            p.observe("y", new Normal(a + b, 1), 0.5);
            return a;
        };
        assertThat(Importance.of(two).guide(Guide.at("b", new Normal(0.2, 1))).samples(3000).seed(1).run()
                .diagnostics().verdicts()).noneMatch(v -> v.contains("left every latent site at its prior"));
        // A guided site that only some runs reach (an outside tester: reached with probability 0.05, the breakdown
        // reading 3 runs): the breakdown's runs need not meet it, and the verdict says both readings.
        Model<Double> branch = p -> {
            double x = p.sample("u", new Uniform(0, 1)) < 0.05 ? p.sample("x", new Normal(0, 1)) : 0;
            p.observe("y", new Normal(x, 1), 0.5);
            return x;
        };
        Guide onX = Guide.bySite((site, history) -> site.name().equals("x") ? new Normal(0.5, 1) : null);
        Diagnostics few = Importance.of(branch).guide(onX).samples(3000).siteBreakdownRuns(3).seed(1).run()
                .diagnostics();
        assertThat(few.verdicts()).anyMatch(v -> v.startsWith("the guide left every latent site at its prior in the "
                + "first 3 runs") && v.contains("or the sites it guides are reached only in later runs"));
        Diagnostics all = Importance.of(branch).guide(onX).samples(3000).siteBreakdownRuns(3000).seed(1).run()
                .diagnostics();
        assertThat(all.verdicts()).noneMatch(v -> v.contains("left every latent site at its prior"));
    }

    /** x ~ Cauchy(0, 1), 0.5 observed from N(x, sd): the likelihood tames the prior's tail only when sd is small. */
    private static Model<Double> cauchyPrior(double sd) {
        return p -> {
            double x = p.sample("x", new Cauchy(0, 1));
            p.observe("y", new Normal(x, sd), 0.5);
            return x;
        };
    }

    /**
     * The same light tail written as a guide program: its probes force x inside the guide program, as they force it
     * with a guide (before, a guide program's tails were never probed, and the call said nothing).
     */
    @Test
    void aGuideProgramsTailTooLightIsNamedToo() {
        dev.ariadne.core.GuideProgram normal = q -> q.sample("x", new Normal(0, 4));
        Diagnostics d = Importance.of(cauchyPrior(100)).guideProgram(normal).samples(5000).seed(1).run()
                .diagnostics();
        assertThat(d.paretoK()).isLessThan(0.5);
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("the guide's tail at x is too light")
                && v.contains("the weights' variance is infinite"));
        Diagnostics tamed = Importance.of(cauchyPrior(0.5)).guideProgram(normal).samples(5000).seed(1).run()
                .diagnostics();
        assertThat(tamed.verdicts()).noneMatch(v -> v.contains("tail at x is too light"));
    }

    /**
     * A Normal(0, 4) guide for a Cauchy prior under a likelihood of sd 100: the weights grow like exp(x^2 / 32) in
     * the tails the guide seldom draws, so their variance is infinite, yet k-hat read from 5,000 weights was 0.23 with
     * seed 1 and nothing was said while log Z-hat was 3.6 standard errors off (-5.579 against -5.532): 56 of 300
     * seeds silent and off over 3 standard errors, none after. Forcing x far out in the guide's tails finds it, in the
     * diagnostics and in Importance.check; an observation of sd 0.5, whose likelihood falls faster than the guide,
     * bounds the weights and is not named.
     */
    @Test
    void aGuideTailTooLightForTheWeightsIsNamedThoughKHatMissesIt() {
        Guide normal = Guide.at("x", new Normal(0, 4));
        ImportanceResult<Double> r = Importance.of(cauchyPrior(100)).guide(normal).samples(5000).seed(1).run();
        Diagnostics d = r.diagnostics();
        assertThat(d.paretoK()).isLessThan(0.5);
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("the guide's tail at x is too light")
                && v.contains("the weights' variance is infinite"));
        assertThat(d.report()).doesNotContain("nothing looks wrong");
        GuideCheck check = Importance.check(cauchyPrior(100), normal);
        assertThat(check.lightTails()).singleElement().asString().startsWith("the guide's tail at x is too light");
        assertThat(check.isClean()).isFalse();
        assertThat(check.toString()).contains("the guide's tail at x is too light");

        Diagnostics tamed = Importance.of(cauchyPrior(0.5)).guide(normal).samples(5000).seed(1).run().diagnostics();
        assertThat(tamed.verdicts()).noneMatch(v -> v.contains("tail at x is too light"));
        assertThat(Importance.check(cauchyPrior(0.5), normal).lightTails()).isEmpty();
        // A guide as heavy-tailed as the prior bounds p / q: nothing to name.
        Guide cauchy = Guide.at("x", new Cauchy(0, 2));
        assertThat(Importance.of(cauchyPrior(100)).guide(cauchy).samples(5000).seed(1).run().diagnostics().verdicts())
                .noneMatch(v -> v.contains("tail at x is too light"));
        // A guide whose weights' variance is finite only through values past the probe's reach (an outside
        // statistician): l ~ Gamma(2, 1), k = 3 ~ Poisson(l), so l | e ~ Gamma(5, 2); a Gamma(5, 3.9) guide gives
        // weight^2 x density like l^4 e^{-0.1 l}, which peaks at l = 40, past 64 of the guide's sds (0.57). Its
        // relative second moment is about 1e5, as bad as infinite for any number of runs, and it is named; the verdict
        // says that it may be finite, not that it is infinite.
        Model<Double> gamma = p -> {
            double l = p.sample("l", new dev.ariadne.core.dist.Gamma(2, 1));
            p.observe("k", new dev.ariadne.core.dist.Poisson(l), 3);
            return l;
        };
        assertThat(Importance.check(gamma, Guide.at("l", new dev.ariadne.core.dist.Gamma(5, 3.9))).lightTails())
                .singleElement().asString().contains("is infinite, or finite only through values past 64 sds");
    }

    /**
     * The same light tail at a site met after 25 others of one name: the probe takes the first site of each name
     * before the rest, so x is probed; taking the first 20 sites met left x out, and nothing was said.
     */
    @Test
    void aLightTailAfterManySitesOfOneNameIsStillNamed() {
        Model<Double> model = p -> {
            for (int i = 0; i < 25; i++) {
                p.sample("z", i, new Normal(0, 1));
            }
            double x = p.sample("x", new Cauchy(0, 1));
            p.observe("y", new Normal(x, 100), 0.5);
            return x;
        };
        Guide guide = Guide.bySite((site, history) -> site.name().equals("x") ? new Normal(0, 4) : new Normal(0, 1));
        Diagnostics d = Importance.of(model).guide(guide).samples(5000).seed(1).run().diagnostics();
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("the guide's tail at x is too light"));
        assertThat(Importance.check(model, guide).lightTails()).singleElement().asString()
                .startsWith("the guide's tail at x is too light");
    }

    /**
     * 25 sites of one name, all Cauchy with a Cauchy guide but the last, z[24], whose Normal(0, 4) guide is too light:
     * only the first 20 sites were probed, z[24] never, and 182 seeds of 300 were silent with log Z-hat more than 3
     * standard errors off (an adversarial tester). Like sites (one prior, one proposal) are probed twice at most, so
     * z[24] is reached. Where the guided sites outnumber the probes' budget (40 Normal guides of 40 different sds), the
     * report and Importance.check say how many tails were not probed: the call's diagnostics probe 20 in the runs'
     * order and 10 more of most spread, the check, which has no breakdown, the 20.
     */
    @Test
    void aLightTailAmongManyLikeSitesIsNamedAndSitesLeftUnprobedAreCounted() {
        Model<Double> cauchies = p -> {
            double s = 0;
            for (int i = 0; i < 25; i++) {
                s += p.sample("z", i, new Cauchy(0, 1));
            }
            p.observe("y", new Normal(0, 1), 0.0);
            return s;
        };
        Guide lastLight = Guide.bySite((site, history) -> site.index() == 24 ? new Normal(0, 4) : new Cauchy(0, 1.05));
        Diagnostics d = Importance.of(cauchies).guide(lastLight).samples(5000).seed(1).run().diagnostics();
        assertThat(d.verdicts()).anyMatch(v -> v.startsWith("the guide's tail at z[24] is too light"));
        assertThat(d.limits()).isEmpty();
        assertThat(Importance.check(cauchies, lastLight).lightTails()).singleElement().asString()
                .startsWith("the guide's tail at z[24] is too light");
        Model<Double> normals = p -> {
            double s = 0;
            for (int i = 0; i < 40; i++) {
                s += p.sample("z", i, new Normal(0, 1));
            }
            return s;
        };
        Guide distinct = Guide.bySite((site, history) -> new Normal(0, 1 + 0.01 * site.index()));
        Diagnostics all = Importance.of(normals).guide(distinct).samples(5000).seed(1).run().diagnostics();
        assertThat(all.verdicts()).singleElement().asString().startsWith(NO_EVIDENCE); // a sum of priors, no data
        assertThat(all.limits()).singleElement().asString().startsWith("the tails of 10 of the 40 guided real and "
                + "vector sites were not probed for a proposal too light (30 are:")
                .contains("; and 10 more of those that spread the log weights most");
        assertThat(all.report()).contains("not checked: the tails of 10 of the 40");
        GuideCheck check = Importance.check(normals, distinct);
        assertThat(check.isClean()).isTrue();
        assertThat(check.notChecked()).singleElement().asString().startsWith("the tails of 20 of the 40");
        assertThat(check.toString()).contains("no problems" + System.lineSeparator() + "  not checked: the tails");
        Diagnostics many = Importance.of(normals).guide(distinct).samples(30_000).seed(1).run().diagnostics();
        assertThat(many.limits()).as("one site more per 1,000 runs: 30 at 30,000, and 15 of most spread").isEmpty();
        // runs of 40,000 sites: each probed site's 60 forced runs make 2.4e6 visits, so 2e7 allow 8 sites, not 20
        // (of the first 10,000 met)
        Model<Double> longRuns = p -> {
            double s = 0;
            for (int i = 0; i < 20_000; i++) {
                s += p.sample("z", i, new Normal(0, 1));
                p.observe("y", i, new Normal(s, 1), 0.0);
            }
            return s;
        };
        assertThat(Importance.of(longRuns).guide(distinct).samples(100).seed(1).run().diagnostics().limits())
                .anyMatch(v -> v.startsWith("the tails of 9,992 of the 10,000 guided real and vector sites were not "
                        + "probed for a proposal too light (8 are:"));
    }

    /**
     * p ~ Beta(0.5, 0.5) with 0 successes in 10 trials, and a Beta(2, 10) guide: near 0 the guide's density falls as
     * p while the prior's rises as p^-1/2, so the weights' variance is infinite. The diagnostics said so only through
     * k-hat, and Importance.check said nothing at all (found by a new user); the probe now forces the site toward
     * the end of its support. A guide with the prior's shape at 0 (Beta(0.5, 10)), a Gamma(1) guide for an
     * Exponential prior and a Gamma guide whose tail a count of 5 tames are not named.
     */
    @Test
    void aGuideThatFallsTooFastTowardAnEndOfItsSupportIsNamed() {
        Model<Double> coin = p -> {
            double q = p.sample("p", new dev.ariadne.core.dist.Beta(0.5, 0.5));
            p.observe("k", new dev.ariadne.core.dist.Binomial(10, q), 0);
            return q;
        };
        GuideCheck steep = Importance.check(coin, Guide.at("p", new dev.ariadne.core.dist.Beta(2, 10)));
        assertThat(steep.lightTails()).singleElement().asString()
                .startsWith("the guide's proposal at p falls too fast toward its support's end 0.0");
        assertThat(Importance.of(coin).guide(Guide.at("p", new dev.ariadne.core.dist.Beta(2, 10))).samples(5000)
                .seed(1).run().diagnostics().verdicts()).anyMatch(v -> v.contains("falls too fast toward"));
        assertThat(Importance.check(coin, Guide.at("p", new dev.ariadne.core.dist.Beta(0.5, 10))).lightTails())
                .isEmpty();
        Model<Double> exponential = observedOnce(new dev.ariadne.core.dist.Exponential(1), 2);
        assertThat(Importance.check(exponential, Guide.at("x", new dev.ariadne.core.dist.Gamma(1, 0.8))).lightTails())
                .isEmpty();
        assertThat(Importance.check(exponential, Guide.at("x", new dev.ariadne.core.dist.Gamma(3, 1.5))).lightTails())
                .singleElement().asString().contains("falls too fast toward its support's end 0.0");
        Model<Double> counted = p -> {
            double r = p.sample("r", new dev.ariadne.core.dist.Gamma(0.5, 1));
            p.observe("y", new dev.ariadne.core.dist.Poisson(r), 5);
            return r;
        };
        assertThat(Importance.check(counted, Guide.at("r", new dev.ariadne.core.dist.Gamma(2, 1))).lightTails())
                .isEmpty();
    }

    /**
     * A proposal too light at both ends of its support is named at both in one verdict: a new user who gave a
     * Beta(230, 120) guide more mass near 1 met the same verdict about 0 in the next run. A Beta(2, 2) proposal for a
     * Uniform prior is on the borderline at each end; a Beta(2, 10) one for a Beta(0.5, 0.5) prior observed at 0
     * successes is too light at 0 only.
     */
    @Test
    void aProposalTooLightAtBothEndsIsNamedAtBoth() {
        Model<Double> uniform = observedOnce(new Uniform(0, 1), 0.3);
        assertThat(Importance.check(uniform, Guide.at("x", new dev.ariadne.core.dist.Beta(2, 2))).lightTails())
                .singleElement().asString().contains("falls too fast toward its support's end 1.0")
                .contains("it is as light toward its support's end 0.0").endsWith("give it more mass on both sides");
        Model<Double> coin = p -> {
            double q = p.sample("p", new dev.ariadne.core.dist.Beta(0.5, 0.5));
            p.observe("k", new dev.ariadne.core.dist.Binomial(10, q), 0);
            return q;
        };
        assertThat(Importance.check(coin, Guide.at("p", new dev.ariadne.core.dist.Beta(2, 10))).lightTails())
                .singleElement().asString().contains("toward its support's end 0.0").doesNotContain("as light toward");
    }

    /**
     * The borderline of a power law: a Beta(2, 2) proposal for a Uniform prior has weights 1 / (6 x (1 - x)), whose
     * second moment under the proposal, the integral of 1 / (6 x (1 - x)), diverges like log x at each end; a Gamma(2)
     * proposal for an Exponential prior, like log x at 0; a StudentT(2) one for a Cauchy prior that the likelihood
     * does not tame, like log t. weight^2 x density x distance tends to a constant there and the probe, which named
     * only a rise at every step, was silent (a statistician). Proposals just inside the borderline, whose weights'
     * variance is finite, are not named: Beta(1.9, 1.9), Gamma(1.9), StudentT(1.8), and a Gamma(0.015) proposal
     * for a Gamma(0.01) prior (a power of 0.005).
     */
    @Test
    void aProposalOnTheBorderlineOfInfiniteVarianceIsNamed() {
        Model<Double> uniform = observedOnce(new Uniform(0, 1), 0.3);
        assertThat(Importance.check(uniform, Guide.at("x", new dev.ariadne.core.dist.Beta(2, 2))).lightTails())
                .singleElement().asString().contains("falls too fast toward its support's end");
        assertThat(Importance.check(uniform, Guide.at("x", new dev.ariadne.core.dist.Beta(1.9, 1.9))).lightTails())
                .isEmpty();
        Model<Double> exponential = observedOnce(new dev.ariadne.core.dist.Exponential(1), 2);
        assertThat(Importance.check(exponential, Guide.at("x", new dev.ariadne.core.dist.Gamma(2, 1))).lightTails())
                .singleElement().asString().contains("falls too fast toward its support's end 0.0");
        assertThat(Importance.check(exponential, Guide.at("x", new dev.ariadne.core.dist.Gamma(1.9, 1))).lightTails())
                .isEmpty();
        Model<Double> small = observedOnce(new dev.ariadne.core.dist.Gamma(0.01, 1), 0.5);
        assertThat(Importance.check(small, Guide.at("x", new dev.ariadne.core.dist.Gamma(0.015, 1))).lightTails())
                .isEmpty();
        Model<Double> untamed = cauchyPrior(1e6);
        assertThat(Importance.check(untamed, Guide.at("x", new dev.ariadne.core.dist.StudentT(2, 0, 1))).lightTails())
                .singleElement().asString().startsWith("the guide's tail at x is too light");
        assertThat(Importance.check(untamed, Guide.at("x", new dev.ariadne.core.dist.StudentT(1.8, 0, 1)))
                .lightTails()).isEmpty();
    }

    /**
     * A new user's model written twice: theta ~ Beta(1, 3) or theta ~ Dirichlet(1, 3) read at theta[0], with 4
     * successes in 10, and a guide at 2.5 times the posterior's concentration (Beta(12.5, 22.5), Dirichlet(12.5,
     * 22.5)): near theta[0] = 0 the weights grow as theta^-3.5, so their variance is infinite, and near theta[1] = 0
     * (theta[0] = 1, where the likelihood falls as theta[1]^6) as theta[1]^-5.5, which the verdict names too (it
     * named only the first face it found). The Beta was named in
     * 100 seeds of 100; the Dirichlet, whose site is a vector, was never probed (22 seeds of 100 silent, up to 4.4
     * standard errors off). Vector sites are probed toward each face of a simplex and along each axis of a real
     * vector; the posterior's own Dirichlet(5, 9), and a MultivariateNormal guide wide enough, are not named.
     */
    @Test
    void aVectorSitesLightTailIsNamed() {
        Model<Double> dirichlet = p -> {
            double[] t = p.sample("theta", new dev.ariadne.core.dist.Dirichlet(1, 3));
            for (int i = 0; i < 10; i++) {
                p.observe("y", i, new Bernoulli(t[0]), i < 4);
            }
            return t[0];
        };
        assertThat(Importance.check(dirichlet, Guide.at("theta", new dev.ariadne.core.dist.Dirichlet(12.5, 22.5)))
                .lightTails()).singleElement().asString().startsWith("the guide's proposal at theta falls too fast "
                + "toward the faces theta[0] = 0 and theta[1] = 0 of its simplex");
        assertThat(Importance.of(dirichlet).guide(Guide.at("theta", new dev.ariadne.core.dist.Dirichlet(12.5, 22.5)))
                .samples(20_000).seed(27).run().diagnostics().verdicts()).anyMatch(v -> v.contains("faces theta[0]"));
        assertThat(Importance.check(dirichlet, Guide.at("theta", new dev.ariadne.core.dist.Dirichlet(5, 9)))
                .lightTails()).isEmpty();
        Model<Double> plane = p -> {
            double[] w = p.sample("w", dev.ariadne.core.dist.MultivariateNormal.diagonal(new double[] {0, 0},
                    new double[] {2, 2}));
            p.observe("y1", new Normal(w[0], 1), 1.0);
            p.observe("y2", new Normal(w[0] + w[1], 1), 2.0);
            return w[0];
        };
        assertThat(Importance.check(plane, Guide.at("w", dev.ariadne.core.dist.MultivariateNormal.diagonal(
                new double[] {0.5, 1}, new double[] {0.3, 0.3}))).lightTails()).singleElement().asString()
                .startsWith("the guide's proposal at w has too light a tail along w[0] (both sides) and w[1] (both "
                        + "sides)");
        assertThat(Importance.check(plane, Guide.at("w", dev.ariadne.core.dist.MultivariateNormal.diagonal(
                new double[] {0.5, 1}, new double[] {1.5, 1.5}))).lightTails()).isEmpty();
    }

    /** x from {@code prior}, and {@code y} observed from N(x, 1). */
    private static Model<Double> observedOnce(dev.ariadne.core.dist.RealDist prior, double y) {
        return p -> {
            double x = p.sample("x", prior);
            p.observe("y", new Normal(x, 1), y);
            return x;
        };
    }

    /**
     * A log elimination rate x ~ N(log 0.1, 0.5) whose concentrations (500 / 50) exp(-e^x t) are observed log-normally
     * at five times: the log posterior falls like -e^(2x), faster than any power, so every StudentT guide leaves the
     * free energy's variance infinite, and "a StudentT of more than 4 degrees of freedom" was advised under a StudentT
     * of 30 (a new user). Under one of more than 4 the advice is a Normal now, and a Normal is not named.
     */
    @Test
    void aStudentTAlreadyOfManyDegreesIsAdvisedANormal() {
        double[] times = {1, 2, 4, 8, 12};
        double[] concentrations = {10.3, 8.2, 7.1, 4.0, 2.8};
        Model<Double> model = p -> {
            double x = p.sample("logk", new Normal(Math.log(0.1), 0.5));
            for (int i = 0; i < times.length; i++) {
                p.observe("conc", i, new dev.ariadne.core.dist.LogNormal(Math.log(10) - Math.exp(x) * times[i], 0.15),
                        concentrations[i]);
            }
            return x;
        };
        java.util.function.Function<dev.ariadne.core.dist.RealDist, List<String>> verdicts = q -> Importance.of(model)
                .guide(Guide.at("logk", q)).samples(20_000).seed(3).run().diagnostics().verdicts();
        // the posterior: mean -2.256, sd 0.094 (by quadrature); the guides 1.3 times as wide
        assertThat(verdicts.apply(new dev.ariadne.core.dist.StudentT(8, -2.256, 0.122)))
                .anyMatch(v -> v.startsWith("the free energy is infinite") && v.contains("give logk's proposal a "
                        + "lighter tail (a Normal: this StudentT of 8 degrees of freedom would keep the free energy "
                        + "finite for a posterior whose log density falls like a power of the distance below 8"));
        assertThat(verdicts.apply(new Normal(-2.256, 0.122))).noneMatch(v -> v.contains("free energy"));
    }

    /**
     * The free energy needs E_q[l^2] finite, l = log q - log p: a StudentT guide of 4 or fewer degrees of freedom for
     * a Normal posterior (mu ~ N(0, 1), five points y ~ N(mu, 1)) makes it infinite, and a StudentT(3)'s F-hat read
     * more than 3 standard errors off in 47 of 300 calls with no verdict (an outside statistician; exact F 7.19581
     * by quadrature); with 2 degrees of freedom, or a Cauchy, F itself is infinite. Named from the light-tail probes'
     * runs; 5 or more degrees of freedom, and Normal guides, are not named.
     */
    @Test
    void aGuideTailTooHeavyForTheFreeEnergyIsNamed() {
        Model<Double> model = GroundTruth.NORMAL_NORMAL;
        java.util.function.Function<dev.ariadne.core.dist.RealDist, List<String>> verdicts = q -> Importance.of(model)
                .guide(Guide.at("mu", q)).samples(10_000).seed(300).run().diagnostics().verdicts();
        for (double df : new double[] {3, 4}) {
            assertThat(verdicts.apply(new dev.ariadne.core.dist.StudentT(df, 0.9, 0.4))).as("df %s", df)
                    .anyMatch(v -> v.startsWith("the free energy's standard error is not to be trusted: with mu "
                            + "forced above the proposal's centre") && v.contains("log Z-hat, the bounds and the "
                            + "self-normalised estimates are not affected"));
        }
        assertThat(verdicts.apply(new dev.ariadne.core.dist.StudentT(2, 0.9, 0.4)))
                .anyMatch(v -> v.startsWith("the free energy is infinite"));
        assertThat(verdicts.apply(new Cauchy(0.9, 0.4))).anyMatch(v -> v.startsWith("the free energy is infinite"));
        for (dev.ariadne.core.dist.RealDist q : List.of(new dev.ariadne.core.dist.StudentT(5, 0.9, 0.4),
                new Normal(0.9, 0.408), new Normal(0.2, 0.6), new Normal(0.9, 0.15))) {
            assertThat(verdicts.apply(q)).as("%s", q).noneMatch(v -> v.contains("free energy"));
        }
        // l is read less a typical value of it: a log P(e) far from 0 in every run's l swamped its tail, so that
        // factor(+1000) named a StudentT(5) guide and factor(-1e5) left a StudentT(2) unnamed (an outside statistician)
        for (double shift : new double[] {1000, -1e5}) {
            Model<Double> shifted = p -> {
                double mu = GroundTruth.NORMAL_NORMAL.run(p);
                p.factor("shift", shift);
                return mu;
            };
            java.util.function.Function<dev.ariadne.core.dist.RealDist, List<String>> said = q -> Importance
                    .of(shifted).guide(Guide.at("mu", q)).samples(10_000).seed(300).run().diagnostics().verdicts();
            assertThat(said.apply(new dev.ariadne.core.dist.StudentT(5, 0.9, 0.4))).as("shift %s", shift)
                    .noneMatch(v -> v.contains("free energy"));
            assertThat(said.apply(new dev.ariadne.core.dist.StudentT(3, 0.9, 0.4))).as("shift %s", shift)
                    .anyMatch(v -> v.startsWith("the free energy's standard error is not to be trusted"));
            assertThat(said.apply(new dev.ariadne.core.dist.StudentT(2, 0.9, 0.4))).as("shift %s", shift)
                    .anyMatch(v -> v.startsWith("the free energy is infinite"));
        }
        // toward a finite end, l grows like log(distance), which the probe's range cannot tell from a power: not read
        // (a Beta(0.05, 0.05) guide for a Beta(9, 5) posterior, whose log-moments are all finite, was named)
        Model<Double> coin = p -> {
            double b = p.sample("b", new dev.ariadne.core.dist.Beta(1, 1));
            p.observe("heads", new dev.ariadne.core.dist.Binomial(12, b), 8);
            return b;
        };
        assertThat(Importance.of(coin).guide(Guide.at("b", new dev.ariadne.core.dist.Beta(0.05, 0.05)))
                .samples(10_000).seed(300).run().diagnostics().verdicts()).noneMatch(v -> v.contains("free energy"));
    }

    /**
     * E[round(mu / 0.05) 0.05] under the exact posterior as guide, whose weights are equal but for rounding: w |f|
     * took a few levels within a factor of 2, and its k-hat read 12 to 18, named "not to be trusted" in 10 calls of
     * 1,000 whose estimates were within their standard errors (an outside statistician). No tail, no verdict.
     */
    @Test
    void anExpectationOfARoundedValueUnderEqualWeightsIsNotNamed() {
        double[] y = {0.3, -0.5, 1.2, 0.1, -0.4};
        Model<Double> model = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            for (int i = 0; i < y.length; i++) {
                p.observe("y", i, new Normal(mu, 1), y[i]);
            }
            return mu;
        };
        Guide exact = Guide.at("mu", new Normal(0.7 / 6, 1 / Math.sqrt(6)));
        for (long seed = 1; seed <= 60; seed++) {
            ImportanceResult<Double> r = Importance.of(model).guide(exact).samples(10_000).seed(seed).keep(0)
                    .expectation("rounded", x -> Math.round(x / 0.05) * 0.05).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).noneMatch(v -> v.contains("'rounded'"));
        }
    }

    /**
     * An observeAll of no values (a data file that loaded no rows) is evidence in name only: the model is its prior,
     * which importance sampling, MCMC and SMC now say as they do of a model without an observe (an adversarial
     * tester's read log Z 0 +- 0 with no verdict). One value is evidence.
     */
    @Test
    void anObserveAllOfNoValuesIsNoEvidence() {
        for (Object data : new Object[] {new double[0], new int[0], new boolean[0]}) {
            Model<Double> empty = p -> {
                double mu = p.sample("mu", new Normal(0, 10));
                if (data instanceof double[] d) {
                    p.observeAll("y", new Normal(mu, 1), d);
                } else if (data instanceof int[] k) {
                    p.observeAll("y", new dev.ariadne.core.dist.Poisson(Math.exp(mu / 10)), k);
                } else {
                    p.observeAll("y", new Bernoulli(0.5), (boolean[]) data);
                }
                return mu;
            };
            assertThat(Importance.of(empty).samples(5000).seed(1).run().diagnostics().verdicts()).singleElement()
                    .asString().startsWith("no run of the per-site breakdown (the first 5,000) met any evidence, no "
                            + "observe, factor or condition (an observeAll of no values is none)");
            assertThat(dev.ariadne.inference.mcmc.Mcmc.of(empty).seed(1).draws(200).warmup(100).run().verdicts())
                    .anyMatch(v -> v.startsWith("none of 3,200 runs from the prior met any evidence"));
            assertThat(dev.ariadne.inference.smc.Smc.of(empty).particles(100).sweeps(2).seed(1).run().diagnostics()
                    .verdicts()).anyMatch(v -> v.startsWith("none of 3,200 runs from the start met any evidence"));
        }
        Model<Double> one = p -> {
            double mu = p.sample("mu", new Normal(0, 10));
            p.observeAll("y", new Normal(mu, 1), new double[] {0.3});
            return mu;
        };
        assertThat(Importance.of(one).samples(5000).seed(1).run().diagnostics().verdicts())
                .noneMatch(v -> v.contains("met any evidence"));
    }

    /**
     * A model that states no evidence (a forgotten observe) reads log Z-hat 0 +- 0 and its estimates are the prior's:
     * said so, where nothing was said (a new user).
     */
    @Test
    void aModelWithoutEvidenceIsSaidToBeThePriors() {
        Model<Double> forgot = p -> p.sample("mu", new Normal(0, 1));
        assertThat(Importance.of(forgot).samples(5000).seed(1).run().diagnostics().verdicts()).singleElement()
                .asString().startsWith("no run of the per-site breakdown (the first 5,000) met any evidence");
        Model<Double> observed = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu, 1), 0.3);
            return mu;
        };
        assertThat(Importance.of(observed).samples(5000).seed(1).run().diagnostics().verdicts())
                .noneMatch(v -> v.contains("met any evidence"));
        // evidence that only rejects (a factor of -inf, a false condition, an impossible observation) on half the
        // runs: the breakdown reads the accepted runs, which met none, and said that P(e) reads 1 (a tester); it
        // reads 1/2
        List<Model<Boolean>> rejecting = List.of(
                p -> {
                    boolean b = p.sample("b", new Bernoulli(0.5));
                    if (b) {
                        p.factor("f", Double.NEGATIVE_INFINITY);
                    }
                    return b;
                },
                p -> {
                    boolean b = p.sample("b", new Bernoulli(0.5));
                    if (b) {
                        p.condition("c", false);
                    }
                    return b;
                },
                p -> {
                    boolean b = p.sample("b", new Bernoulli(0.5));
                    if (b) {
                        p.observe("o", new dev.ariadne.core.dist.Binomial(10, 0.5), 11);
                    }
                    return b;
                });
        for (Model<Boolean> m : rejecting) {
            ImportanceResult<Boolean> r = Importance.of(m).samples(5000).seed(1).run();
            assertThat(r.logEvidence().value()).isCloseTo(Math.log(0.5), org.assertj.core.api.Assertions.within(
                    5 * r.logEvidence().standardError()));
            assertThat(r.diagnostics().verdicts()).noneMatch(v -> v.contains("met any evidence"));
        }
    }

    /**
     * A guide so far off that the prior's density underflows at every value it proposes (Normal(1e160, 1e150) for a
     * Normal(0, 1)) failed every run, and the check said "no problems" and "evidence those runs did not meet, not a
     * fault of the guide" (an outside tester). It now says that every run failed and what a latent site's failure is.
     */
    @Test
    void aCheckWhoseRunsAllFailIsNotClean() {
        GuideCheck check = Importance.check(GroundTruth.NORMAL_NORMAL, Guide.at("mu", new Normal(1e160, 1e150)));
        assertThat(check.isClean()).isFalse();
        assertThat(check.accepted()).isZero();
        assertThat(check.toString()).contains("every run failed: no run had positive weight")
                .contains("the guide proposed a value there that the prior gives density 0").doesNotContain("no problems");
        GuideCheck fine = Importance.check(GroundTruth.NORMAL_NORMAL, GroundTruth.NORMAL_NORMAL_EXACT);
        assertThat(fine.isClean()).isTrue();
        assertThat(fine.accepted()).isEqualTo(fine.runs());
    }

    /**
     * Every run failed a condition the guide never meets: the check said the guide misses where the evidence lies, and
     * then that the failed runs were "not a fault of the guide" (a new user).
     */
    @Test
    void aCheckWhoseRunsAllFailAConditionDoesNotAcquitTheGuide() {
        Model<Double> beyond = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("beyond", x > 3);
            return x;
        };
        String check = Importance.check(beyond, Guide.at("x", new Normal(-3, 0.1)), 200).toString();
        assertThat(check).contains("every run failed: no run had positive weight", "runs failed (condition false), "
                + "the first at beyond: evidence those runs did not meet").doesNotContain("not a fault of the guide");
    }

    /**
     * An exact guide's terms cancel run by run, and the shares of the variance of a near-constant total read
     * 2,804,448% and -2,804,348% (a second outside statistician): the report says the shares cancel.
     */
    @Test
    void aReportSaysWhenTheSharesCancel() {
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 2.0);
            return x;
        };
        String exact = Importance.of(m).guide(Guide.at("x", new Normal(1, 0.7071))).samples(10_000).seed(12).run()
                .diagnostics().report();
        assertThat(exact).contains("the shares cancel (one reads");
        assertThat(Importance.of(m).guide(Guide.at("x", new Normal(1, 1))).samples(10_000).seed(12).run()
                .diagnostics().report()).doesNotContain("the shares cancel");
    }

    /**
     * Under 25 runs k-hat has no tail to fit, and its threshold is below 0 under 10: the report said "Infinity
     * (threshold -2.322)" (an adversarial tester).
     */
    @Test
    void aReportOfFewRunsSaysKHatHasNoTailToFit() {
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            return x;
        };
        for (int n : new int[] {2, 5, 24}) {
            assertThat(Importance.of(m).samples(n).seed(1).run().diagnostics().report())
                    .contains("Pareto k-hat: none (fewer than 25 runs, too few for a tail of 5 weights)")
                    .doesNotContain("Infinity").doesNotContain("threshold -");
        }
    }
}
