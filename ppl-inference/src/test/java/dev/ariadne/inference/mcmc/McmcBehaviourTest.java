package dev.ariadne.inference.mcmc;

import static dev.ariadne.inference.mcmc.McmcAccuracyTest.assertWithin;
import static dev.ariadne.inference.mcmc.McmcAccuracyTest.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Handlers;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.inference.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * How the driver behaves: bit-identical draws at any parallelism, cancellation, errors that name their chain,
 * the other targets (tempered, restricted), Gibbs on a discrete network, and the verdicts. Statistical checks
 * here: 5 at 5 MCSE (1e-5 in all, at 2e-6 each), each after its convergence conditions.
 */
class McmcBehaviourTest {

    /**
     * A tracked quantity of 1e200 times a choice: row() and summary() threw "draws: chain 0, draw 0 is Infinity"
     * from the squares of its draws (an adversarial tester). Its line is 1e200 times the choice's, ESS and r_hat the
     * same.
     */
    @Test
    void aTrackedQuantityNearTheLargestDoublesReadsAsItsScaledChoice() {
        McmcResult<Double> r = Mcmc.of(dev.ariadne.inference.GroundTruth.NORMAL_NORMAL).track("t", x -> 1e200 * x)
                .draws(500).warmup(100).seed(2).run();
        SummaryRow t = r.row("t");
        SummaryRow mu = r.row("mu");
        for (double[] pair : new double[][] {{t.mean(), mu.mean()}, {t.sd(), mu.sd()}, {t.mcseMean(), mu.mcseMean()},
            {t.mcseSd(), mu.mcseSd()}, {t.hdi3(), mu.hdi3()}, {t.hdi97(), mu.hdi97()}}) {
            assertThat(pair[0]).isCloseTo(1e200 * pair[1], org.assertj.core.api.Assertions.offset(1e188));
        }
        assertThat(t.essBulk()).isCloseTo(mu.essBulk(), org.assertj.core.api.Assertions.offset(1e-6));
        assertThat(t.rHat()).isCloseTo(mu.rHat(), org.assertj.core.api.Assertions.offset(1e-9));
        assertThat(r.summary().table()).contains("e+199").doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void drawsAreBitIdenticalAtParallelismOneTwoAndSeven() {
        Mcmc<Integer> config = Mcmc.of(McmcAccuracyTest.CHANGING).chains(7).warmup(50).draws(200).seed(5)
                .kernel(Kernels.singleSite().andThen(Kernels.gibbs()));
        McmcResult<Integer> one = config.parallelism(1).run();
        for (int k : new int[] {2, 7}) {
            McmcResult<Integer> other = config.parallelism(k).run();
            assertThat(other.names()).isEqualTo(one.names());
            for (String n : one.names()) {
                // Arrays.equals compares doubles bit for bit (NaN, where a site is absent, equals NaN).
                assertThat(java.util.Arrays.deepEquals(other.draws(n), one.draws(n))).as("%s at parallelism %d", n,
                        k).isTrue();
            }
            assertThat(other.acceptance().toString()).isEqualTo(one.acceptance().toString());
        }
        McmcResult<Integer> reseeded = config.seed(6).run();
        assertThat(reseeded.draws("x[1]")).as("another seed gives other draws").isNotEqualTo(one.draws("x[1]"));
    }

    @Test
    void interruptStopsEveryChainPromptlyAndLeavesNoThread() throws Exception {
        Mcmc<Double> endless = Mcmc.of(Hier20.MODEL).warmup(0).draws(1000).stepsPerDraw(Integer.MAX_VALUE)
                .parallelism(2);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                endless.run();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        Thread.sleep(300);
        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).as("the run returned after the interrupt").isFalse();
        System.out.printf("stopped %.0f ms after the interrupt%n", (System.nanoTime() - interruptedAt) / 1e6);
        assertThat(outcome.get()).as("the exception every algorithm's run throws")
                .isInstanceOf(dev.ariadne.inference.run.RunCancelledException.class);
        // The chains run on the run backend's workers (ariadne-run-N); none, nor any other of Ariadne's, outlives it.
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("ariadne-")
                && t.isAlive());
    }

    @Test
    void errorsNameTheChainAndKeepTheirCause() {
        Model<Double> throwsLater = p -> {
            double x = p.sample("x", new Normal(0, 1));
            if (x > 2.5) {
                throw new IllegalStateException("boom at " + x);
            }
            p.observe("y", new Normal(x, 1), 0.3);
            return x;
        };
        assertThatThrownBy(() -> Mcmc.of(throwsLater).kernel(Kernels.singleSite().step(3)).draws(20_000).seed(7).run())
                .isInstanceOf(McmcException.class).hasMessageStartingWith("chain 0 failed at ")
                .hasMessageContaining("(seed 7, ").hasMessageContaining("boom at")
                .hasMessageContaining("at or after site x").hasMessageNotContaining(" of seed ")
                .hasCauseInstanceOf(ModelException.class).hasRootCauseInstanceOf(IllegalStateException.class)
                .cause().hasMessageContaining(" of chain 0 of MCMC with seed 7, at or after site x")
                .hasMessageNotContaining(" of seed ");
        // An error the engine finds (an address used twice) has no user exception below it: the chain's error names
        // the run once, not again as a cause quoting the chain's inner seed (found by a new user).
        Model<Double> twice = p -> {
            double x = p.sample("x", new Normal(0, 1));
            return x + p.sample("x", new Normal(0, 1));
        };
        assertThatThrownBy(() -> Mcmc.of(twice).seed(7).run()).isInstanceOf(McmcException.class)
                .hasMessageContaining("address x is used twice").hasCauseInstanceOf(ModelException.class)
                .cause().hasMessageContaining("of chain 0 of MCMC with seed 7").hasMessageNotContaining(" of seed ")
                .hasNoCause().satisfies(e -> assertThat(e.getStackTrace()).anyMatch(f -> f.getClassName()
                        .contains("McmcBehaviourTest")));
        Model<Boolean> impossible = p -> {
            boolean a = p.sample("a", new dev.ariadne.core.dist.Bernoulli(0.5));
            p.condition("never", false);
            return a;
        };
        assertThatThrownBy(() -> Mcmc.of(impossible).run()).isInstanceOf(McmcException.class)
                .hasMessageContaining("no run with positive target density in 1000 runs from the prior")
                .hasMessageContaining("condition false at never")
                // "or from a trace" named a start no public method gives (a new user)
                .hasMessageContaining("(Mcmc's init(guide)), or, for evidence this rare, estimate with Smc.annealed "
                        + "or SubsetSimulation").hasMessageNotContaining("trace");
        // a negative count under a Poisson is impossible evidence, not rare evidence: an outside statistician was
        // sent to Smc.annealed and SubsetSimulation, which cannot meet it either
        Model<Double> negativeCount = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new dev.ariadne.core.dist.Poisson(Math.exp(x)), -1);
            return x;
        };
        assertThatThrownBy(() -> Mcmc.of(negativeCount).run()).isInstanceOf(McmcException.class)
                .hasMessageContaining("no run with positive target density in 1000 runs from the prior: every one "
                        + "gave the observation at y likelihood 0").hasMessageContaining("as a negative count does, "
                        + "the evidence is impossible and no method meets it, so check the data")
                .hasMessageNotContaining("SubsetSimulation");
        // a factor of -inf has no value and no distribution to lie outside of (a false-alarm hunt)
        Model<Double> zeroFactor = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.factor("f", Double.NEGATIVE_INFINITY);
            return x;
        };
        assertThatThrownBy(() -> Mcmc.of(zeroFactor).run()).isInstanceOf(McmcException.class)
                .hasMessageContaining("no run with positive target density").hasMessageNotContaining("support");
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).draws(3)).hasMessage("draws must be >= 4, got 3");
        assertThatThrownBy(() -> Kernels.independence(Guide.prior()).at("mu"))
                .hasMessageContaining("cannot be restricted");
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).draws(10).warmup(0).run().draws("nu"))
                .hasMessageContaining("no recorded quantity 'nu'; recorded: [mu]");
        // A tracked function may not take a choice's name (found by writing a model as a new user would).
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).track("mu", mu -> mu).draws(10).warmup(0).run())
                .isInstanceOf(McmcException.class)
                .hasMessageContaining("the tracked quantity 'mu' has the name of the choice at mu");
        // A Gibbs kernel on a model with only real choices moves nothing, and the verdicts say so.
        assertThat(Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.gibbs()).draws(100).warmup(10).run().verdicts())
                .anyMatch(v -> v.contains("made no proposal in any step: no choice of the model is one it moves"));
        assertThat(Mcmc.of(GroundTruth.NORMAL_NORMAL).draws(100).warmup(10).run().verdicts())
                .noneMatch(v -> v.contains("made no proposal"));
        // A typo in at(...) (a new user's "nu" for "mu"): the verdict lists the model's choices beside the kernel's
        // pattern, so the two can be compared.
        assertThat(Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.randomWalk().at("nu")).draws(100).warmup(10)
                .run().verdicts()).anyMatch(v -> v.contains("made no proposal in any step") && v.contains("nu")
                && v.contains("check its patterns against the model's choices: mu"));
        // ... and is refused before the warm-up, not after it.
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).track("mu", mu -> mu).draws(10).warmup(1_000)
                .run())
                .isInstanceOf(McmcException.class)
                .hasMessageContaining("failed at its start (seed")
                .hasMessageContaining("the tracked quantity 'mu' has the name of the choice at mu");
    }

    /**
     * A model that throws once, on its 5,000th call, whatever its choices (a new user's state outside Prob): the
     * step's run on the engine's path threw, the same run made again with the handler did not, and the exception was
     * lost, the chains going on to "no problem found". It is an error naming the chain and keeping the user's cause,
     * for a single-site and a random-walk kernel alike.
     */
    @Test
    void aModelThatThrowsOnceIsAnErrorNotARetriedStep() {
        for (Kernel kernel : List.of(Kernels.singleSite(), Kernels.randomWalk())) {
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            Model<Double> once = p -> {
                double x = p.sample("x", new Normal(0, 1));
                if (calls.incrementAndGet() == 5_000) {
                    throw new IllegalStateException("boom once");
                }
                p.observe("y", new Normal(x, 1), 0.3);
                return x;
            };
            assertThatThrownBy(() -> Mcmc.of(once).kernel(kernel).chains(2).parallelism(1).warmup(500).draws(5_000)
                    .seed(1).run())
                    .isInstanceOf(McmcException.class).hasMessageStartingWith("chain 0 failed at ")
                    .hasMessageContaining("boom once").hasMessageContaining("a deterministic function of its choices")
                    .hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom once");
        }
    }

    /**
     * A regression's intercept and slope (posterior correlation -0.98) under an independence kernel whose guide is
     * three posterior sds wide on each: acceptance about 0.04, yet 20,000 draws a chain read ESS in the thousands
     * and the means within their mcse. "The guide is a poor proposal" alone read as an alarm to a new user; the
     * verdict now says that the low acceptance cost draws, not accuracy. Exact posterior by conjugacy (prior N(0, 10^2)
     * on each, noise sd 0.5).
     */
    @Test
    void aLowIndependenceAcceptanceWithAnAmpleEssSaysItCostsDrawsNotAccuracy() {
        double[] x = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
        double[] y = {3.1, 3.4, 3.3, 3.9, 4.4, 4.3, 4.8, 5.2, 5.1, 5.6};
        Model<Double> regression = p -> {
            double a = p.sample("a", new Normal(0, 10));
            double b = p.sample("b", new Normal(0, 10));
            for (int i = 0; i < x.length; i++) {
                p.observe("y", i, new Normal(a + b * x[i], 0.5), y[i]);
            }
            return b;
        };
        double s1 = 0, sx = 0, sxx = 0, sy = 0, sxy = 0;
        for (int i = 0; i < x.length; i++) {
            s1++;
            sx += x[i];
            sxx += x[i] * x[i];
            sy += y[i];
            sxy += x[i] * y[i];
        }
        double p11 = 0.01 + s1 / 0.25, p12 = sx / 0.25, p22 = 0.01 + sxx / 0.25, det = p11 * p22 - p12 * p12;
        double meanA = (p22 * sy - p12 * sxy) / 0.25 / det, meanB = (-p12 * sy + p11 * sxy) / 0.25 / det;
        Guide wide = Guide.at("a", new Normal(meanA, 3 * Math.sqrt(p22 / det)))
                .orElse(Guide.at("b", new Normal(meanB, 3 * Math.sqrt(p11 / det))));
        McmcResult<Double> m = Mcmc.of(regression).kernel(Kernels.independence(wide)).chains(4).warmup(1_000)
                .draws(20_000).seed(1).parallelism(2).run();
        assertThat(m.acceptance().get(0).rate()).isLessThan(0.05);
        assertWithin(m.row("a").mean(), meanA, m.row("a").mcseMean(), "E[a]");
        assertWithin(m.row("b").mean(), meanB, m.row("b").mcseMean(), "E[b]");
        assertThat(m.verdicts()).anyMatch(v -> v.startsWith("the guide is a poor proposal: independence acceptance 0.0")
                && v.contains("so this costs draws rather than accuracy"));
    }

    /**
     * A random walk on a rate whose prior Gamma(0.05, 1) puts most of its mass near 0 and much far out proposes rates
     * of 1e10 and more; the Poisson observation there scores a log mass of about minus the rate and the move is
     * rejected. Poisson refused rates above 1e9, which stopped every chain (found by a new user). Posterior: one
     * count 0 gives Gamma(0.05, 2), mean 0.025.
     */
    @Test
    void aMoveThatPutsAnObservationsRateFarOutIsRejectedNotAnError() {
        Model<Double> vague = p -> {
            double rate = p.sample("rate", new dev.ariadne.core.dist.Gamma(0.05, 1));
            p.observe("y", new dev.ariadne.core.dist.Poisson(rate), 0);
            return rate;
        };
        McmcResult<Double> m = Mcmc.of(vague).chains(4).warmup(500).draws(5_000).seed(3).run();
        SummaryRow rate = converged(m, "rate");
        assertWithin(rate.mean(), 0.025, rate.mcseMean(), "E[rate] under a vague prior");
    }

    /**
     * An adversarial tester's tracked function returned NaN for x > 1: MCMC took it for a choice absent from those
     * draws and summarised the rest ("exists in 77% of draws", "no problem found"). It is an error naming the quantity,
     * the chain and the iteration.
     */
    @Test
    void aTrackedQuantityThatIsNaNIsAnErrorNotAnAbsentChoice() {
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).track("t", x -> x > 1 ? Double.NaN : x)
                .chains(2).warmup(50).draws(2000).seed(3).run()).isInstanceOf(McmcException.class)
                .hasMessageContaining("the tracked quantity 't' is NaN").hasMessageContaining("failed at draw iteration")
                .hasMessageContaining("(seed 3,");
        // An infinity was refused too, later and without the quantity's name ("draws: chain 0, draw 9 is Infinity").
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).track("t", x -> x > 1 ? Double.POSITIVE_INFINITY
                : x).chains(2).warmup(50).draws(2000).seed(3).run()).isInstanceOf(McmcException.class)
                .hasMessageContaining("the tracked quantity 't' is Infinity");
        // A tracked function that throws (a model that returns null, unboxed) is named with the value it was given,
        // where the error said only that a parameter was null; the cause is kept.
        Model<Double> returnsNull = p -> {
            p.sample("x", new Normal(0, 1));
            return null;
        };
        assertThatThrownBy(() -> Mcmc.of(returnsNull).track("pos", x -> x > 0 ? 1 : 0).chains(1).warmup(5).draws(10)
                .seed(3).run()).isInstanceOf(McmcException.class)
                .hasMessageContaining("the tracked quantity 'pos' threw java.lang.NullPointerException")
                .hasMessageContaining("on the model's return value null").hasMessageContaining("(seed 3,")
                .hasRootCauseInstanceOf(NullPointerException.class);
    }

    /** Absurd sizes ran a minute and ended in a bare OutOfMemoryError (an adversarial tester); refused up front. */
    @Test
    void drawsThatCannotFitInTheHeapAreRefusedBeforeAnyChainRuns() {
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).chains(Integer.MAX_VALUE).draws(4).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
                        "8,589,934,588 draws (2147483647 chains of 4, of each recorded quantity) hold at least "
                        + "68,719,476,704 bytes (8 each)");
        Mcmc<Double> fits = Mcmc.of(GroundTruth.NORMAL_NORMAL).chains(4).draws(1000);
        fits.requireRoomForTheDraws(32_000);
        assertThatThrownBy(() -> fits.requireRoomForTheDraws(31_999)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * z ~ Bernoulli(0.05), x ~ N(0, 1), y = 3 observed from N(x + 3z, 1): P(z | y) = 1/3, but randomWalk() never
     * moves z, which stays at its start in every chain. Its line read mean 0, mcse 0, ess 8000 and r_hat 1 with "no
     * problem found" (found by a new user), and E[x | y] came out 40 mcse off. A quantity constant in every draw now
     * has an infinite mcse and a verdict, and "no problem found" is not said; a moving choice has neither.
     */
    @Test
    void aChoiceNoDrawMovesIsNamedAndHasNoStandardError() {
        Model<Double> m = p -> {
            boolean z = p.sample("z", new dev.ariadne.core.dist.Bernoulli(0.05));
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x + (z ? 3 : 0), 1), 3.0);
            return x;
        };
        McmcResult<Double> stuck = Mcmc.of(m).kernel(Kernels.randomWalk()).chains(4).warmup(200).draws(1000).seed(5)
                .track("tenth", x -> 0.1).run();
        // A constant whose mean over 8,000 draws is not exactly itself is still one value, and printed as that value.
        assertThat(stuck.summary().row("tenth").orElseThrow().constant()).isTrue();
        assertThat(stuck.verdicts()).anyMatch(v -> v.startsWith("tenth took one value, 0.1, in every draw"));
        SummaryRow z = stuck.summary().row("z").orElseThrow();
        assertThat(z.constant()).isTrue();
        assertThat(z.mcseMean()).isInfinite();
        assertThat(z.essBulk()).as("no effective draws beside an infinite mcse").isZero();
        assertThat(z.essTail()).isZero();
        assertThat(stuck.verdicts()).anyMatch(v -> v.startsWith("z took one value, 0.0, in every draw of every chain"))
                .noneMatch(v -> v.startsWith("no problem found"));
        // Two lines held in place (tenth and z): the kernels' reach is told once, not once a line (a new user).
        assertThat(stuck.verdicts()).filteredOn(v -> v.contains(SummaryRow.STUCK_KERNELS)).hasSize(1);
        assertThat(stuck.verdicts()).filteredOn(v -> v.contains("which kernels move which choices: see above"))
                .hasSize(1);
        SummaryRow x = stuck.summary().row("x").orElseThrow();
        assertThat(x.constant()).isFalse();
        assertThat(x.mcseMean()).isFinite();
        McmcResult<Double> moving = Mcmc.of(m).chains(4).warmup(200).draws(1000).seed(5).run();
        assertThat(moving.summary().row("z").orElseThrow().constant()).isFalse();
        assertThat(moving.verdicts()).noneMatch(v -> v.contains("took one value"));
    }

    /**
     * A vector choice w and a scalar choice w[0] print alike in the summary (w's component 0 is w[0]): the chain
     * failed with "draw 0 recorded twice" after its warm-up (a new user). It is refused before the warm-up, naming
     * both sites.
     */
    @Test
    void aVectorsComponentNamedAsAnotherChoiceIsRefusedBeforeTheChainRuns() {
        Model<Double> m = p -> {
            double[] w = p.sample("w", dev.ariadne.core.dist.MultivariateNormal.diagonal(new double[] {0, 0},
                    new double[] {1, 1}));
            double w0 = p.sample("w", 0, new Normal(10, 1));
            p.observe("y", new Normal(w[0] + w0, 1), 10.0);
            return w0;
        };
        assertThatThrownBy(() -> Mcmc.of(m).chains(1).warmup(200).draws(100).seed(1).run())
                .isInstanceOf(McmcException.class).hasMessageContaining("failed at its start")
                .hasMessageContaining("w[0] is both a component of the vector choice at w and the address of another "
                        + "choice; give one of the two sites another name");
    }

    /**
     * k ~ Poisson(3), x ~ N(k, 1), 4 observed from N(x, 1): E[x | y] = 3.7531 by summing over k. One chain under
     * randomWalk() holds k where it started (0 with seed 3) and read x at 2.03 +- 0.033 with ESS 434 and r_hat 1: a
     * healthy line 52 mcse off, beside a verdict that named k alone (a new user). The other lines are now said to
     * describe the posterior given the held value. A tracked constant is neither a held choice nor such a line.
     */
    @Test
    void theLinesBesideAHeldChoiceAreSaidToBeConditionalOnIt() {
        Model<Double> m = p -> {
            int k = p.sample("k", new dev.ariadne.core.dist.Poisson(3));
            double x = p.sample("x", new Normal(k, 1));
            p.observe("y", new Normal(x, 1), 4.0);
            return x;
        };
        McmcResult<Double> one = Mcmc.of(m).kernel(Kernels.randomWalk()).chains(1).seed(3).track("tenth", x -> 0.1)
                .run();
        SummaryRow x = one.row("x");
        assertThat(one.row("k").constant()).isTrue();
        assertThat(one.verdicts()).anyMatch(v -> v.startsWith("k took one value") && v.endsWith("with one chain "
                + "nothing can tell these apart: run 4 or more, whose starts from the prior hold different values where "
                + "the choice is stuck"));
        assertThat(Math.abs(x.mean() - 3.7531) / x.mcseMean()).as("the line is far off").isGreaterThan(5);
        assertThat(one.verdicts()).anyMatch(v -> v.startsWith("every other line (x) was read while the chains "
                + "held k where they were") && v.contains("its mean describes the posterior given that value"))
                .noneMatch(v -> v.contains("held tenth")).noneMatch(v -> v.contains("held k, tenth"));
        McmcResult<Double> moving = Mcmc.of(m).chains(4).seed(3).track("tenth", x2 -> 0.1).run();
        assertThat(moving.verdicts()).noneMatch(v -> v.startsWith("every other line"));
        // A choice that only some runs make changes rarely because it rarely exists (a geometric number of counts,
        // whose x[7] exists in a few dozen draws): it holds nothing else in place (a new user: the verdict came on
        // every seed while E[n] was within one mcse of exact).
        Model<Integer> events = p -> {
            int n = p.sample("n", new dev.ariadne.core.dist.Geometric(0.3));
            int s = 0;
            for (int i = 0; i < n; i++) {
                s += p.sample("x", i, new dev.ariadne.core.dist.Poisson(2));
            }
            p.observe("y", new dev.ariadne.core.dist.Poisson(0.5 + s), 5);
            return n;
        };
        McmcResult<Integer> varying = Mcmc.of(events).chains(4).warmup(2000).draws(10_000).seed(1).run();
        assertThat(varying.summary().rows()).anyMatch(r -> r.presence() < 1 && r.rarelyChanged());
        assertThat(varying.verdicts()).noneMatch(v -> v.startsWith("every other line"));
    }

    /**
     * N ~ Poisson(10), with 4 of N observed from Binomial(N, 0.3) and 6 from Binomial(N, 0.5): gibbs() cannot move
     * an unbounded count, so each chain keeps its starting N. Seed 1's chains sat at 7, 7, 14 and 7, and the verdict
     * said "N took one value, 7.0, in every draw of every chain" with r_hat infinite in the table (found by a new
     * user). Chains stuck at different values are now said to disagree, with the values they hold.
     */
    @Test
    void chainsStuckAtDifferentValuesAreNotCalledOneValue() {
        Model<Integer> m = p -> {
            int n = p.sample("N", new dev.ariadne.core.dist.Poisson(10));
            p.observe("a", new dev.ariadne.core.dist.Binomial(n, 0.3), 4);
            p.observe("b", new dev.ariadne.core.dist.Binomial(n, 0.5), 6);
            return n;
        };
        McmcResult<Integer> r = Mcmc.of(m).kernel(Kernels.gibbs()).chains(4).warmup(200).draws(500).seed(1).run();
        SummaryRow n = r.summary().row("N").orElseThrow();
        assertThat(n.constant()).isTrue();
        assertThat(n.hdi3()).isLessThan(n.hdi97());
        assertThat(r.verdicts()).anyMatch(v -> v.startsWith("N never changed value within any chain, yet the chains "
                + "hold different values") && v.contains("gibbs() only booleans and integers of finite support"))
                .noneMatch(v -> v.contains("an unbounded count needs singleSite()"))
                .noneMatch(v -> v.contains("took one value")).noneMatch(v -> v.startsWith("no problem found"));
    }

    /**
     * k ~ Bernoulli(1/2), x ~ N(k ? 4.5 : -4.5, 1), 0 observed from N(x, 1): P(k | y) = 1/2, but single-site MH
     * flips k only where x is near 0, so chains rarely switch modes. With seed 95 all four chains sat at k = 1 but
     * for one draw: mean 1.000, mcse 0.000, r_hat 1.000, ess 4016 and "no problem found" (2 such seeds of 200, and
     * 1 of 200 at 5 apart, mean 0.002). A quantity that changed value fewer than 20 times now has an infinite mcse
     * and a verdict.
     */
    @Test
    void aQuantityThatAlmostNeverChangesValueHasNoStandardErrorAndAVerdict() {
        Model<Boolean> m = p -> {
            boolean k = p.sample("k", new dev.ariadne.core.dist.Bernoulli(0.5));
            double x = p.sample("x", new Normal(k ? 4.5 : -4.5, 1));
            p.observe("y", new Normal(x, 1), 0.0);
            return k;
        };
        McmcResult<Boolean> r = Mcmc.of(m).chains(4).warmup(1000).draws(1000).seed(95).run();
        SummaryRow k = r.row("k");
        assertThat(k.changes()).isBetween(1, SummaryRow.MIN_CHANGES - 1);
        assertThat(k.rarelyChanged()).isTrue();
        assertThat(k.constant()).isFalse();
        assertThat(k.mcseMean()).isInfinite();
        assertThat(r.verdicts()).anyMatch(v -> v.startsWith("k changed value only " + k.changes() + " time"))
                .noneMatch(v -> v.startsWith("no problem found"));
        // The same rule on hand-made draws: one excursion of 8 draws in 4,000 (the seed-8 case at 5 apart).
        double[][] one = new double[4][1000];
        java.util.Arrays.fill(one[2], 500, 508, 1);
        SummaryRow made = SummaryRow.of("k", one, 1);
        assertThat(made.changes()).isEqualTo(2);
        assertThat(made.verdicts(4)).anyMatch(v -> v.startsWith("k changed value only 2 times in 4000 draws of 4 "
                + "chains"));
        // its ESS, 0 for none, is not told as a figure beside that ("ess_bulk 0 < 400"; an outside statistician)
        assertThat(made.verdicts(4)).noneMatch(v -> v.startsWith("ESS too low"));
    }

    /**
     * A zero-inflated Poisson: z_i ~ Bernoulli(0.3) marks a structural zero, y_i = 0 when z_i, else Poisson(lambda).
     * Where y_i > 0, z_i = 1 is impossible, so z_i = 0 in every draw: that is its posterior, not a stuck chain. Every
     * such indicator got "took one value ... its mcse is infinite", a false alarm on every zero-inflated model. The
     * kernels now count the proposals of another value and those with target density 0; a choice whose every such
     * proposal was impossible, in every chain, is determined: mcse 0 and no alarm. A choice no kernel proposes (the
     * test above) still gets its alarm.
     */
    @Test
    void aChoiceTheDataDetermineIsNotCalledStuck() {
        int[] y = {0, 2, 0, 3, 1, 0, 0, 4, 2, 0};
        Model<Double> zip = p -> {
            double lambda = p.sample("lambda", new dev.ariadne.core.dist.Gamma(2, 1));
            for (int i = 0; i < y.length; i++) {
                boolean zero = p.sample("z", i, new dev.ariadne.core.dist.Bernoulli(0.3));
                if (zero) {
                    p.condition("structural", i, y[i] == 0);
                } else {
                    p.observe("y", i, new dev.ariadne.core.dist.Poisson(lambda), y[i]);
                }
            }
            return lambda;
        };
        for (Kernel kernel : new Kernel[] {Kernels.singleSite(), Kernels.gibbs().andThen(Kernels.randomWalk())}) {
            McmcResult<Double> r = Mcmc.of(zip).kernel(kernel).chains(4).warmup(500).draws(2000).seed(3).run();
            for (int i = 0; i < y.length; i++) {
                SummaryRow z = r.row("z[" + i + "]");
                assertThat(z.determined()).as("z[%d] under %s", i, kernel.describe()).isEqualTo(y[i] > 0);
                if (y[i] > 0) {
                    assertThat(z.mean()).isZero();
                    assertThat(z.mcseMean()).isZero();
                } else {
                    assertThat(z.constant()).isFalse();
                }
            }
            assertThat(r.verdicts()).as("%s", kernel.describe()).noneMatch(v -> v.contains("took one value,"))
                    .noneMatch(v -> v.contains("never moved"));
            // the prior's runs, of ESS 59, cannot check these chains: the line says so first
            assertThat(r.verdicts()).anyMatch(v -> v.startsWith(McmcResult.UNCHECKED) && v.contains(
                    "5 choices (z[1], z[3], z[4], z[7], z[8]) took one value that the rest of the run or the prior "
                    + "determines"));
        }
    }

    /**
     * A choice whose prior is a point mass (Poisson(0), Bernoulli(1), Binomial(n, 0)) beside a real latent: k is
     * always 0, x ~ N(k, 1), y = 1 observed under N(x, 1), so x | y ~ N(0.5, 1/sqrt 2). A fresh draw from the prior
     * never proposes another value, so no kernel weighed one, and the verdict said that k "took one value ... its
     * mcse is infinite" and that x's line, read while k was held, "may be far off": a false alarm on a correct answer
     * (a new user's model). The prior gives every other value probability 0, so the choice is determined.
     */
    @Test
    void aChoiceWhosePriorIsAPointMassIsDetermined() {
        List<Model<Double>> models = List.of(
                p -> {
                    int k = p.sample("k", new dev.ariadne.core.dist.Poisson(0));
                    double x = p.sample("x", new Normal(k, 1));
                    p.observe("y", new Normal(x, 1), 1.0);
                    return x;
                },
                p -> {
                    boolean k = p.sample("k", new dev.ariadne.core.dist.Bernoulli(1));
                    double x = p.sample("x", new Normal(k ? 0 : 5, 1));
                    p.observe("y", new Normal(x, 1), 1.0);
                    return x;
                },
                p -> {
                    int k = p.sample("k", new dev.ariadne.core.dist.Binomial(4, 0));
                    double x = p.sample("x", new Normal(k, 1));
                    p.observe("y", new Normal(x, 1), 1.0);
                    return x;
                });
        for (Model<Double> m : models) {
            McmcResult<Double> r = Mcmc.of(m).chains(4).warmup(500).draws(2000).seed(5).run();
            SummaryRow k = r.row("k");
            assertThat(k.determined()).isTrue();
            assertThat(k.mcseMean()).isZero();
            SummaryRow x = r.row("x");
            assertThat(Math.abs(x.mean() - 0.5)).isLessThan(5 * x.mcseMean());
            assertThat(r.verdicts()).noneMatch(v -> v.contains("took one value,"))
                    .anyMatch(v -> v.startsWith("no problem found") && v.contains("1 choice (k) took one value"));
        }
    }

    /**
     * An independence kernel whose guide gives a value probability 0 never proposes it: cycled with a random walk,
     * which moves only the real mu, the chains never visited k = 1 (posterior 0.43) and said "no problem found" in 24
     * seeds of 60, E[k] 3 to 4.7 mcse off (an adversarial tester). Not silent now: chains that start at k = 1 stay
     * there (the kernel cannot propose its way back, so it does not leave), and where none does (here, every chain
     * started from the guide), the value is named.
     * Cycled with gibbs(), which moves k, the chains reached k = 1 and the independence kernel left it at once, always,
     * so no draw held it either; it now stays as detailed balance asks, and E[k] holds its mcse.
     */
    @Test
    void aValueTheIndependenceGuideNeverProposesIsNotLeftOutInSilence() {
        double[] ys = {1.1, 2.4, 0.3, 1.9, 1.5, 2.2, 0.8, 1.7};
        Model<Integer> m = p -> {
            int k = p.sample("k", new dev.ariadne.core.dist.Categorical(1, 1, 1));
            double mu = p.sample("mu", new Normal(0, 1));
            for (int i = 0; i < ys.length; i++) {
                p.observe("y", i, new Normal(mu + k, 1), ys[i]);
            }
            return k;
        };
        // y | k ~ N(k 1, I + 1 1^T): log p(y | k) = -(sum (y - k)^2 - (sum (y - k))^2 / (n + 1)) / 2 + const
        double[] logPost = new double[3];
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            double sum2 = 0;
            for (double y : ys) {
                sum += y - k;
                sum2 += (y - k) * (y - k);
            }
            logPost[k] = -0.5 * (sum2 - sum * sum / (ys.length + 1));
        }
        double norm = Math.exp(logPost[0]) + Math.exp(logPost[1]) + Math.exp(logPost[2]);
        double exactK = (Math.exp(logPost[1]) + 2 * Math.exp(logPost[2])) / norm;
        Guide without1 = Guide.at("k", new dev.ariadne.core.dist.Categorical(1, 0, 1));
        for (long seed = 1; seed <= 4; seed++) {
            McmcResult<Integer> walk = Mcmc.of(m).kernel(Kernels.cycle(Kernels.randomWalk(),
                    Kernels.independence(without1))).init(without1).draws(500).warmup(200).seed(seed).run();
            assertThat(walk.verdicts()).as("seed %d", seed).anyMatch(v -> v.startsWith("the independence kernel's "
                    + "guide never proposes k = 1 (probability 0 in 200 of its runs, where the prior gives it 0.333), "
                    + "and no draw of any chain holds it"));
            McmcResult<Integer> fromPrior = Mcmc.of(m).kernel(Kernels.cycle(Kernels.randomWalk(),
                    Kernels.independence(without1))).draws(500).warmup(200).seed(seed).run();
            assertThat(fromPrior.verdicts()).as("seed %d", seed).noneMatch(v -> v.startsWith("no problem found"));
            McmcResult<Integer> gibbs = Mcmc.of(m).kernel(Kernels.cycle(Kernels.randomWalk(), Kernels.gibbs(),
                    Kernels.independence(without1))).draws(1000).warmup(300).seed(seed).run();
            assertThat(gibbs.verdicts()).as("seed %d", seed).noneMatch(v -> v.contains("never proposes"));
            SummaryRow k = gibbs.row("k");
            assertThat(Math.abs(k.mean() - exactK)).as("seed %d: %s against %s", seed, k, exactK)
                    .isLessThan(5 * k.mcseMean());
        }
        // a value the evidence rules out is rightly never proposed, and never held: nothing to name
        Model<Integer> without = p -> {
            int k = p.sample("k", new dev.ariadne.core.dist.Categorical(1, 1, 1));
            p.condition("not 1", k != 1);
            double mu = p.sample("mu", new Normal(0, 1));
            for (int i = 0; i < ys.length; i++) {
                p.observe("y", i, new Normal(mu + k, 1), ys[i]);
            }
            return k;
        };
        McmcResult<Integer> ruledOut = Mcmc.of(without).kernel(Kernels.cycle(Kernels.randomWalk(),
                Kernels.independence(without1))).draws(500).warmup(200).seed(1).run();
        assertThat(ruledOut.verdicts()).noneMatch(v -> v.contains("never proposes"));
    }

    /**
     * Beside an independence kernel that moves, a single-site kernel that rarely does slows nothing: a Dirichlet over
     * four categories, 50 observations counted (20, 15, 10, 5), with the README's kernel for a vector choice cycled
     * with singleSite(), was told "single-site ... rarely moves (acceptance 0.041)" in 3 seeds of 3 while the chains'
     * E[theta_0] held its mcse (a new user). E[theta_0 | e] = 21 / 54 under the Dirichlet(1, 1, 1, 1) prior.
     */
    @Test
    void aRarelyMovingKernelBesideAMovingIndependenceKernelIsNotNamed() {
        int[] counts = {20, 15, 10, 5};
        Model<double[]> m = p -> {
            double[] theta = p.sample("theta", new dev.ariadne.core.dist.Dirichlet(1, 1, 1, 1));
            int i = 0;
            for (int c = 0; c < counts.length; c++) {
                for (int j = 0; j < counts[c]; j++) {
                    p.observe("y", i++, new dev.ariadne.core.dist.Categorical(theta), c);
                }
            }
            return theta;
        };
        Guide g = Guide.defensive(0.2, Guide.at("theta", new dev.ariadne.core.dist.Dirichlet(21, 16, 11, 6)));
        McmcResult<double[]> r = Mcmc.of(m).kernel(Kernels.cycle(Kernels.singleSite(), Kernels.independence(g)))
                .track("theta0", v -> v[0]).seed(1).run();
        assertThat(r.acceptance().get(0).rate()).as("the single-site kernel's").isLessThan(0.05);
        assertThat(r.verdicts()).noneMatch(v -> v.contains("rarely moves"));
        assertThat(Math.abs(r.row("theta0").mean() - 21.0 / 54)).isLessThan(5 * r.row("theta0").mcseMean());
        McmcResult<double[]> alone = Mcmc.of(m).kernel(Kernels.singleSite()).track("theta0", v -> v[0]).seed(1).run();
        assertThat(alone.verdicts()).anyMatch(v -> v.contains("rarely moves"));
        // nor is a choice it never moved said never to move, where the independence kernel moved it (a false-alarm
        // hunt: "k never moved under single-site" where k changed value 3,105 times)
        Model<Integer> place = p -> {
            int k = p.sample("k", new dev.ariadne.core.dist.DiscreteUniform(0, 99_999));
            p.observe("y", new Normal(k, 1), 50_000.2);
            return k;
        };
        double[] near = new double[100_000];
        for (int k = 0; k < near.length; k++) {
            near[k] = Math.exp(-0.5 * (k - 50_000.2) * (k - 50_000.2) / 4) + 1e-12;
        }
        McmcResult<Integer> both = Mcmc.of(place).kernel(Kernels.cycle(Kernels.singleSite(),
                Kernels.independence(Guide.at("k", new dev.ariadne.core.dist.Categorical(near))))).seed(1).run();
        assertThat(both.row("k").changes()).isPositive();
        assertThat(both.verdicts()).noneMatch(v -> v.contains("never moved under"));
        McmcResult<Integer> walkAlone = Mcmc.of(place).kernel(Kernels.singleSite()).seed(1).run();
        assertThat(walkAlone.verdicts()).anyMatch(v -> v.contains("never moved under") || v.contains("rarely moves"));
    }

    /**
     * A random walk's step below the value's rounding proposes the value held: fixedStep(1e-300) read "4000 of 4000
     * accepted, 4000 of them to another value" on chains that never moved (an adversarial tester). Its steps that
     * changed nothing are not moves now, and the verdict says so; a step far too large is refused every time and is
     * not told that its "0 accepted proposals drew the value held".
     */
    @Test
    void aWalkWhoseStepChangesNothingIsNotCountedAsMoving() {
        Model<Double> m = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu, 1), 0.8);
            return mu;
        };
        McmcResult<Double> tiny = Mcmc.of(m).kernel(Kernels.singleSite().fixedStep(1e-300)).chains(2).warmup(100)
                .draws(200).seed(1).run();
        assertThat(tiny.acceptance().get(0).moves()).hasValue(0);
        assertThat(tiny.acceptance().get(0).toString()).endsWith(", 0 of them to another value");
        assertThat(tiny.verdicts()).anyMatch(v -> v.contains("changed no value in any chain after warm-up: each of its "
                + "400 accepted proposals drew the value the choice already held"));
        McmcResult<Double> huge = Mcmc.of(m).kernel(Kernels.singleSite().fixedStep(1e300)).chains(2).warmup(100)
                .draws(200).seed(1).run();
        assertThat(huge.acceptance().get(0).accepted()).isZero();
        assertThat(huge.verdicts()).noneMatch(v -> v.contains("accepted proposals drew the value"))
                .anyMatch(v -> v.contains("rarely moves (acceptance 0.000): its random walk's steps ended the warm-up "
                        + "at 1.00e+300 (in each choice's unconstrained scale)"));
    }

    /**
     * Two counts under a condition on their sum: k1 ~ Poisson(2), k2 ~ Poisson(3), k1 + k2 = 5, so k1 | e is
     * Binomial(5, 0.4). A single-site move breaks the sum, so every chain keeps the pair it started from. Each
     * chain's other values were all impossible, and both choices were called determined: mcse 0, r_hat infinite in
     * the table, and "no problem found: every r_hat < 1.01" beneath it, with the mean 2.5 against 2. Chains that hold
     * different values show that more than one is possible: stuck, with an infinite mcse and a verdict. Where every
     * chain happened to start at one pair (about 3% of seeds), no quantity moved at all, and that is said instead.
     */
    @Test
    void choicesTiedByAConditionAreNotCalledDeterminedWhenTheChainsDisagree() {
        Model<Integer> sum = p -> {
            int k1 = p.sample("k1", new dev.ariadne.core.dist.Poisson(2));
            int k2 = p.sample("k2", new dev.ariadne.core.dist.Poisson(3));
            p.condition("sum", k1 + k2 == 5);
            return k1;
        };
        int apart = 0;
        for (long seed = 1; seed <= 12; seed++) {
            McmcResult<Integer> r = Mcmc.of(sum).chains(4).warmup(200).draws(500).seed(seed).run();
            assertThat(r.verdicts()).as("seed %d", seed).noneMatch(v -> v.startsWith("no problem found"))
                    .anyMatch(v -> v.contains("changed no value in any chain after warm-up"));
            // its proposals that redrew the value held were accepted: a rate near 0.2 for chains that never moved
            assertThat(r.acceptance().get(0).moves()).hasValue(0);
            assertThat(r.acceptance().get(0).rate()).isGreaterThan(0.1);
            assertThat(r.acceptance().get(0).toString()).endsWith(", 0 of them to another value");
            SummaryRow k1 = r.row("k1");
            if (k1.hdi3() != k1.hdi97()) {
                apart++;
                assertThat(k1.determined()).isFalse();
                assertThat(k1.mcseMean()).isInfinite();
                assertThat(r.verdicts()).anyMatch(v -> v.startsWith("k1 never changed value within any chain, yet "
                        + "the chains hold different values"));
            } else {
                assertThat(r.verdicts()).anyMatch(v -> v.startsWith("no quantity changed value in any of the 4"));
            }
        }
        assertThat(apart).as("seeds whose chains held different values").isGreaterThanOrEqualTo(8);
    }

    /**
     * Two fair coins, exactly one of them true: P(a | e) = 1/2. A single-site move always breaks the condition, so
     * each chain keeps its start; the chains that agree (1 seed in 8) moved nothing, and are told so.
     */
    @Test
    void chainsThatNeverChangeStateAreNeverCalledHealthy() {
        Model<Boolean> xor = p -> {
            boolean a = p.sample("a", new dev.ariadne.core.dist.Bernoulli(0.5));
            boolean b = p.sample("b", new dev.ariadne.core.dist.Bernoulli(0.5));
            p.condition("one", a != b);
            return a;
        };
        for (Kernel kernel : new Kernel[] {Kernels.singleSite(), Kernels.gibbs()}) {
            for (long seed = 1; seed <= 16; seed++) {
                McmcResult<Boolean> r = Mcmc.of(xor).kernel(kernel).chains(4).warmup(100).draws(200).seed(seed).run();
                assertThat(r.verdicts()).as("%s, seed %d", kernel.describe(), seed)
                        .noneMatch(v -> v.startsWith("no problem found"));
            }
        }
    }

    /**
     * Where every chain started in one configuration (one chain here, 1 seed in 8 of four), the chains' draws cannot
     * tell a tie from a determined choice: b = (x > 0) under x ~ N(0, 1) held b and kept x on one side, and was
     * called determined with "no problem found" and P(b) 0 or 1 against 1/2. A run from the prior of positive
     * density that makes b otherwise proves the tie, and is told; the zero-inflated model's indicators, forced by the
     * data alone, stay determined (above).
     */
    @Test
    void aChoiceTiedToAnotherIsNotCalledDetermined() {
        Model<Double> threshold = p -> {
            double x = p.sample("x", new Normal(0, 1));
            boolean b = p.sample("b", new dev.ariadne.core.dist.Bernoulli(0.5));
            p.condition("side", b == (x > 0));
            return x;
        };
        for (long seed = 1; seed <= 4; seed++) {
            McmcResult<Double> r = Mcmc.of(threshold).chains(1).warmup(200).draws(800).seed(seed).run();
            assertThat(r.row("b").determined()).isFalse();
            assertThat(r.row("b").mcseMean()).isInfinite();
            assertThat(r.verdicts()).as("seed %d", seed).noneMatch(v -> v.startsWith("no problem found"))
                    .anyMatch(v -> v.startsWith("b held one value in every chain") && v.contains("tied to other"));
        }
    }

    /**
     * A tie under evidence rare in the prior: k1 ~ Poisson(10), k2 ~ Poisson(5), k1 + k2 = 28 (P(e) 8.5e-4). Two
     * thousand runs from the prior held about two of positive density, and one chain's tie went unseen in 9 of 24
     * seeds ("no problem found", mcse 0, against k1 | e ~ Binomial(28, 2/3)); the search now goes on until 50 runs
     * of positive density (or its budget of runs and sites) have been seen.
     */
    @Test
    void aTieUnderRareEvidenceIsFoundToo() {
        Model<Double> sum = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            int k1 = p.sample("k1", new dev.ariadne.core.dist.Poisson(10));
            int k2 = p.sample("k2", new dev.ariadne.core.dist.Poisson(5));
            p.condition("sum", k1 + k2 == 28);
            return x;
        };
        int started = 0;
        for (long seed = 1; seed <= 30 && started < 8; seed++) {
            McmcResult<Double> r;
            try {
                r = Mcmc.of(sum).chains(1).warmup(200).draws(600).seed(seed).run();
            } catch (McmcException noStart) {
                continue; // no run from the prior of positive density in the start's attempts
            }
            started++;
            assertThat(r.verdicts()).as("seed %d", seed).noneMatch(v -> v.startsWith("no problem found"));
            assertThat(r.row("k1").determined()).isFalse();
        }
        assertThat(started).isGreaterThanOrEqualTo(4);
    }

    /**
     * A tie whose other value the prior makes rare (an adversarial tester): labels x, y ~ Categorical(0.5, 0.499,
     * 0.001) that must be equal and not 1, with a factor of 20 where they are 2, so P(x = 2 | e) = 1e-6 e^20 / (1e-6
     * e^20 + 0.25) = 0.9995. The chains start at 0 and, moving one label at a time, stay; the prior's runs meet x = y
     * = 2 once in 10^6, so x and y were called determined, mcse 0 and "no problem found", in 98 seeds of 100. Forced
     * to 2, x meets y = 2 once in 1,000 runs: the tie is told.
     */
    @Test
    void aTieWhoseOtherValueIsRareUnderThePriorIsFoundByForcingIt() {
        Model<Integer> labels = p -> {
            int x = p.sample("x", new dev.ariadne.core.dist.Categorical(0.5, 0.499, 0.001));
            int y = p.sample("y", new dev.ariadne.core.dist.Categorical(0.5, 0.499, 0.001));
            p.condition("equal", x != 1 && y != 1 && x == y);
            p.factor("prefer", x == 2 ? 20 : 0);
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("obs", new Normal(mu, 1), 0.5);
            return x;
        };
        for (long seed = 1; seed <= 3; seed++) {
            McmcResult<Integer> r = Mcmc.of(labels).chains(4).warmup(500).draws(1_000).seed(seed).run();
            assertStuckAtZeroAndToldTied(r, "x", "x = 2.0", seed);
        }
    }

    /**
     * A tie of many choices (an outside statistician): a and b[0..11] ~ Bernoulli(0.3) under a condition that all be
     * equal, a factor of 18.6 where they are true, so P(a | e) = 0.9995. Forced one at a time, a coin meets the other
     * twelve once in 10^6 runs, and the chains, stuck at false, were called determined with mcse 0 and "no problem
     * found" in 259 seeds of 300; forced to true together, the first run meets the condition.
     */
    @Test
    void aTieOfManyChoicesIsFoundByForcingThemTogether() {
        Model<Boolean> coins = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("obs", new Normal(mu, 1), 0.5);
            boolean a = p.sample("a", new dev.ariadne.core.dist.Bernoulli(0.3));
            boolean equal = true;
            for (int i = 0; i < 12; i++) {
                equal &= p.sample("b", i, new dev.ariadne.core.dist.Bernoulli(0.3)) == a;
            }
            p.condition("all equal", equal);
            p.factor("prefer", a ? 18.6 : 0);
            return a;
        };
        for (long seed = 1000; seed <= 1002; seed++) {
            McmcResult<Boolean> r = Mcmc.of(coins).chains(4).warmup(500).draws(500).seed(seed).run();
            assertStuckAtZeroAndToldTied(r, "a", "a = 1.0", seed);
        }
    }

    /**
     * A coin tied to a rare region of another choice (an outside statistician): b ~ Bernoulli(0.5), x ~ N(0, 1),
     * b = (x > 4.5), a factor of 14 where b holds, so P(b | e) = 0.803 (Q = P(x > 4.5) = 3.4e-6, weights Q e^14 against
     * 1 - Q); and the same with k ~ Poisson(1), b = (k >= 9), P(b | e) = 0.575. The chains start at false and stay;
     * runs from the prior, and runs with b forced true and x or k from the prior, meet the region once in 3 x 10^5 and
     * 10^6: b was called determined, mcse 0 and "no problem found", in 270 and 298 seeds of 300. Forced true together
     * with x at 8 sds, or k at 9, the first run meets it.
     */
    @Test
    void aChoiceTiedToARareRegionOfAnotherIsFoundByForcingBoth() {
        Model<Double> real = p -> {
            boolean b = p.sample("b", new dev.ariadne.core.dist.Bernoulli(0.5));
            double x = p.sample("x", new Normal(0, 1));
            p.condition("tie", b == (x > 4.5));
            p.factor("f", b ? 14 : 0);
            return x;
        };
        Model<Integer> count = p -> {
            boolean b = p.sample("b", new dev.ariadne.core.dist.Bernoulli(0.5));
            int k = p.sample("k", new dev.ariadne.core.dist.Poisson(1));
            p.condition("tie", b == (k >= 9));
            p.factor("f", b ? 14 : 0);
            return k;
        };
        for (long seed = 1; seed <= 3; seed++) {
            assertStuckAtZeroAndToldTied(Mcmc.of(real).chains(4).warmup(500).draws(1_000).seed(seed).run(), "b",
                    "b = 1.0", seed);
            assertStuckAtZeroAndToldTied(Mcmc.of(count).chains(4).warmup(500).draws(1_000).seed(seed).run(), "b",
                    "b = 1.0", seed);
        }
    }

    /**
     * The chains held {@code choice} at 0 (false) where the posterior puts nearly all its mass elsewhere: not called
     * determined, no mcse, and a verdict that names the tie with the value a forced run made ({@code named}).
     */
    private static void assertStuckAtZeroAndToldTied(McmcResult<?> r, String choice, String named, long seed) {
        assertThat(r.row(choice).mean()).as("stuck at 0, against nearly 1 or 2").isZero();
        assertThat(r.row(choice).determined()).isFalse();
        assertThat(r.row(choice).mcseMean()).isInfinite();
        assertThat(r.verdicts()).as("seed %d", seed).noneMatch(v -> v.startsWith("no problem found"))
                .anyMatch(v -> v.contains("tied to other choices") && v.contains(named));
    }

    @Test
    void temperedAndRestrictedTargets() {
        // p(mu) p(y | mu)^0.5 on normal-normal: precision 1 + 0.5 * 5, mean 0.5 * sum(y) / 3.5.
        double precision = 1 + 0.5 * 5;
        McmcResult<Double> t = Mcmc.of(GroundTruth.NORMAL_NORMAL).target(Target.tempered(0.5)).draws(4_000).seed(31)
                .run();
        SummaryRow mu = converged(t, "mu");
        assertWithin(mu.mean(), 0.5 * 5.4 / precision, mu.mcseMean(), "tempered E[mu]");
        assertWithin(mu.sd(), 1 / Math.sqrt(precision), mu.mcseSd(), "tempered sd[mu]");
        // The prior N(0, 1) restricted to mu >= 1: the truncated normal's mean phi(1) / (1 - Phi(1)).
        McmcResult<Double> r = Mcmc.of(GroundTruth.NORMAL_NORMAL).target(Target.<Double>prior().restrictedTo(m -> m,
                1.0)).init(Guide.at("mu", new Normal(1.5, 0.3))).draws(4_000).seed(32).run();
        SummaryRow restricted = converged(r, "mu");
        double phi1 = Math.exp(-0.5) / Math.sqrt(2 * Math.PI);
        assertWithin(restricted.mean(), phi1 / 0.158655253931457, restricted.mcseMean(), "E[mu | mu >= 1]");
        for (double[] chain : r.draws("mu")) {
            assertThat(java.util.Arrays.stream(chain).min().orElseThrow()).isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void gibbsOnTheSprinklerNetwork() {
        McmcResult<boolean[]> m = Mcmc.of(GroundTruth.SPRINKLER).kernel(Kernels.gibbs()).draws(4_000).seed(33).run();
        SummaryRow s = converged(m, "sprinkler");
        SummaryRow rain = converged(m, "rain");
        assertWithin(s.mean(), GroundTruth.SPRINKLER_P_S_GIVEN_W, s.mcseMean(), "P(S | W)");
        assertWithin(rain.mean(), GroundTruth.SPRINKLER_P_R_GIVEN_W, rain.mcseMean(), "P(R | W)");
        assertThat(m.acceptance().get(0).fallbacks()).isEmpty();
    }

    @Test
    void gibbsSaysWhyItFellBackToMh() {
        McmcResult<Integer> m = Mcmc.of(McmcAccuracyTest.CHANGING).kernel(Kernels.gibbs().andThen(Kernels.randomWalk()))
                .draws(100).warmup(10).run();
        KernelStats gibbs = m.acceptance().get(0);
        assertThat(gibbs.fallbacks()).containsOnlyKeys("k: its values change the structure; MH from the prior instead");
        assertThat(m.verdicts()).anySatisfy(v -> assertThat(v).startsWith("gibbs fell back to MH ")
                .endsWith("k: its values change the structure; MH from the prior instead"));
    }

    /** Photon counts in 40 bins, at rate 2 before bin 25 and 6 from it. */
    private static final int[] COUNTS = {1, 0, 2, 1, 2, 4, 1, 2, 1, 4, 3, 1, 2, 1, 2, 1, 1, 3, 0, 0, 2, 2, 2, 1, 3, 3,
        10, 2, 2, 2, 6, 8, 4, 10, 7, 5, 6, 4, 7, 4};

    /** A change point tau of 39 places between two Gamma rates. */
    private static final Model<Integer> CHANGE_POINT = p -> {
        int tau = p.sample("tau", new DiscreteUniform(1, 39));
        double before = p.sample("before", new Gamma(2, 0.5));
        double after = p.sample("after", new Gamma(2, 0.5));
        for (int i = 0; i < COUNTS.length; i++) {
            p.observe("y", i, new Poisson(i < tau ? before : after), COUNTS[i]);
        }
        return tau;
    };

    /**
     * Chains that mix a whole-valued choice slowly are pointed to the Gibbs kernel: a change point under the default
     * single-site kernel read r_hat and ESS lines in 20 seeds of 20 that named no fix (a new user); with the Gibbs
     * kernel cycled beside it the lines go, and so does the pointer.
     */
    @Test
    void aSlowWholeValuedChoiceIsPointedToGibbs() {
        for (long seed = 1; seed <= 3; seed++) {
            List<String> slow = Mcmc.of(CHANGE_POINT).seed(seed).run().verdicts();
            assertThat(slow).as("seed %d", seed).anySatisfy(v -> assertThat(v).startsWith("tau takes whole values only")
                    .contains("Kernels.cycle(Kernels.gibbs(), Kernels.singleSite())"));
            List<String> gibbs = Mcmc.of(CHANGE_POINT).kernel(Kernels.cycle(Kernels.gibbs(), Kernels.singleSite()))
                    .seed(seed).run().verdicts();
            assertThat(gibbs).as("seed %d", seed).noneMatch(v -> v.contains("takes whole values only"));
        }
    }

    /**
     * A choice of more values than gibbs() scores (64) is pointed to gibbs().maxValues(n): the pointer to plain
     * gibbs(), which draws such a choice from its prior as singleSite() does, changed nothing (an adversarial tester,
     * K = 65).
     */
    @Test
    void aSlowChoiceOfManyValuesIsPointedToGibbsWithItsSupport() {
        int k = 200;
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = 1.0 / (i + 1);
        }
        Model<Integer> model = p -> {
            int c = p.sample("c", new Categorical(w));
            p.observe("y", new Normal((double) c / k, 0.02), 0.9);
            return c;
        };
        List<String> verdicts = Mcmc.of(model).chains(4).warmup(200).draws(500).seed(1).run().verdicts();
        assertThat(verdicts).anySatisfy(v -> assertThat(v).startsWith("c takes whole values only")
                .contains("Kernels.cycle(Kernels.gibbs().maxValues(200), Kernels.singleSite())"));
    }

    /**
     * A block model's community labels, whose mirror labelling has the same probability: chains that settle in either
     * disagree on every label, and were pointed to gibbs(), which changed nothing (a new user). Two chains that read
     * the labels as mirror images are named, and the label-free question is the one to ask.
     */
    @Test
    void chainsInMirroredLabellingsAreNamed() {
        boolean[][] tie = new boolean[6][6];
        for (int[] e : new int[][] {{0, 1}, {0, 2}, {1, 2}, {3, 4}, {4, 5}, {2, 3}, {1, 4}}) {
            tie[e[0]][e[1]] = true;
        }
        Model<Boolean> blocks = p -> {
            boolean[] z = new boolean[6];
            for (int i = 0; i < 6; i++) {
                z[i] = p.sample("z", i, new Bernoulli(0.5));
            }
            int k = 0;
            for (int i = 0; i < 6; i++) {
                for (int j = i + 1; j < 6; j++) {
                    p.observe("tie", k++, new Bernoulli(z[i] == z[j] ? 0.8 : 0.2), tie[i][j]);
                }
            }
            return z[1] == z[4];
        };
        assertThat(Mcmc.of(blocks).seed(1).run().verdicts()).anySatisfy(v -> assertThat(v)
                .startsWith("chains 1 and 4 read the 0/1 choices z[0], z[1], z[2], z[3], z[4], ... as mirror images")
                .contains("ask label-free questions"));
    }

    /**
     * A Poisson count that mixes slowly is not pointed to the Gibbs kernel, which cannot move a choice of unbounded
     * support: it was, in 13 calls of 20, and the kernel never moved it (a false-alarm hunt).
     */
    @Test
    void aSlowCountOfUnboundedSupportIsNotPointedToGibbs() {
        Model<Integer> model = p -> {
            int k = p.sample("k", new Poisson(4));
            double w = p.sample("w", new Gamma(2, 1));
            p.observe("y", new Poisson(k * w + 0.1), 7);
            return k;
        };
        int slow = 0;
        for (long seed = 1; seed <= 10; seed++) {
            List<String> verdicts = Mcmc.of(model).seed(seed).run().verdicts();
            slow += verdicts.stream().anyMatch(v -> v.contains("(r_hat") || v.startsWith("ESS too low")) ? 1 : 0;
            assertThat(verdicts).as("seed %d", seed).noneMatch(v -> v.contains("whole values only"));
        }
        assertThat(slow).as("calls whose chains mixed k slowly, of 10").isPositive();
    }

    /**
     * x ~ Gamma(0.001, 1) under one Poisson count of 0 holds half its posterior below the smallest double: the chains
     * read P(x < 1e-300 | e) about 0.05 against 0.50 with "no problem found" (an outside statistician). Their draws
     * below 2.2e-308 are named; a vague Gamma(0.001, 0.001) precision whose posterior lies far from 0 is not.
     */
    @Test
    void drawsAtTheBottomOfTheDoublesAreNamed() {
        Model<Double> tiny = p -> {
            double x = p.sample("x", new Gamma(0.001, 1));
            p.observe("y", new Poisson(x + 0.5), 0);
            return x;
        };
        double[] y = {0.3, -1.2, 0.8, 2.1, -0.4, 0.9, -1.5, 0.2};
        Model<Double> vague = p -> {
            double tau = p.sample("tau", new Gamma(0.001, 0.001));
            for (int i = 0; i < y.length; i++) {
                p.observe("y", i, new Normal(0, 1 / Math.sqrt(tau)), y[i]);
            }
            return tau;
        };
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(Mcmc.of(tiny).seed(seed).run().verdicts()).as("seed %d", seed).anySatisfy(v -> assertThat(v)
                    .startsWith("draws below 2.2e-308").contains("x ("));
            assertThat(Mcmc.of(vague).seed(seed).run().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.startsWith("draws below"));
        }
    }

    /**
     * A fallback keeps the chain exact, so a healthy chain's fallback is told after "no problem found", not in its
     * place: it read only "gibbs fell back to MH 20000 times" before (an outside statistician).
     */
    @Test
    void aFallbackIsToldAfterNoProblemFound() {
        McmcResult<Integer> m = Mcmc.of(McmcAccuracyTest.CHANGING).kernel(Kernels.gibbs().andThen(Kernels.randomWalk()))
                .draws(4_000).seed(1).run();
        List<String> verdicts = m.verdicts();
        assertThat(verdicts.get(0)).startsWith("no problem found");
        assertThat(verdicts).anySatisfy(v -> assertThat(v).startsWith("gibbs fell back to MH "));
    }

    @Test
    void aChainStartsAtATraceAndAcceptanceIsCountedPerSite() {
        Execution<Double> exec = Execution.of(Hier20.MODEL);
        var trace = exec.run(3, 0).trace();
        Chain<Double> chain = Chain.of(Hier20.MODEL, Kernels.randomWalk().at("theta[*]"), Target.posterior());
        TraceState<Double> start = chain.startAt(trace);
        assertThat(start.real(0)).isEqualTo((Double) trace.sites().get(0).value());
        double tau = start.real(1);
        chain.step(200);
        assertThat(chain.state().real(1)).as("tau is not in theta[*]").isEqualTo(tau);
        List<KernelStats> stats = chain.acceptance();
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).bySite()).allSatisfy(s -> assertThat(s.site().name()).isEqualTo("theta"));
        assertThat(stats.get(0).proposed()).isEqualTo(200);
        Chain<Double> fromValues = Chain.of(Hier20.MODEL, Kernels.singleSite(), Target.posterior());
        assertThat(fromValues.startAt(Map.of("mu", 1.5, "tau", 2.0)).real(1)).isEqualTo(2.0);
    }

    @Test
    void fixedStepsAreNeverAdaptedAndTheOthersAre() {
        Chain<Double> chain = Chain.of(Hier20.MODEL, Kernels.randomWalk().fixedSteps(Map.of("tau", 0.3)),
                Target.posterior());
        chain.startFromPrior();
        chain.step(3_000);
        Map<dev.ariadne.core.Address, Double> steps = chain.acceptance().get(0).stepSizes();
        assertThat(steps.get(dev.ariadne.core.Address.of("tau"))).isCloseTo(0.3,
                org.assertj.core.api.Assertions.within(1e-15));
        assertThat(steps.get(dev.ariadne.core.Address.of("mu"))).as("mu starts at its prior sd, 5, and adapts")
                .isNotCloseTo(5.0, org.assertj.core.api.Assertions.within(0.5));
        assertThatThrownBy(() -> Kernels.randomWalk().fixedSteps(Map.of("tau", -1.0)))
                .hasMessage("random walk step must be finite and > 0, got -1.0");
    }

    @Test
    void verdictsSpeakPlainly() {
        McmcResult<Double> poor = Mcmc.of(Hier20.MODEL).warmup(20).draws(60).seed(3).record("tau").run();
        List<String> v = poor.verdicts();
        assertThat(v).anySatisfy(s -> assertThat(s).startsWith("ESS too low for the bulk of tau (ess_bulk"));
        assertThat(v).anySatisfy(s -> assertThat(s).startsWith("ESS too low for the tail of tau (ess_tail"));
        McmcResult<Double> good = Mcmc.of(GroundTruth.NORMAL_NORMAL).draws(2_000).seed(4).run();
        assertThat(good.verdicts()).singleElement().asString().startsWith("no problem found: every r_hat < 1.01 "
                + "and every ESS >= 400" + McmcResult.UNSEEN_MODES + "; importance sampling from the prior")
                .endsWith("agrees with the chains on the one quantity it could read, within 3 standard errors");
        assertThat(good.summary().table()).startsWith(String.format("%-8s", "") + String.format(" %10s", "mean"));
        assertThat(good.report()).contains("acceptance after warm-up (4 chains)");
        List<Long> progress = new ArrayList<>();
        Mcmc.of(GroundTruth.NORMAL_NORMAL).warmup(10).draws(40).progress((d, t) -> progress.add(d * 1000 + t)).run();
        assertThat(progress).last().isEqualTo(200L * 1000 + 200);
    }

    /**
     * A pattern given to record that matches no choice recorded nothing, and the verdicts said "no problem found"
     * about the choices that were there: the pattern is named, with the choices seen and the one it likely meant.
     */
    @Test
    void aRecordPatternThatMatchesNothingIsNamed() {
        Mcmc<Double> mcmc = Mcmc.of(GroundTruth.NORMAL_NORMAL).draws(500).seed(4);
        McmcResult<Double> mistyped = mcmc.record("MU").track("mu > 1", mu -> mu > 1 ? 1 : 0).run();
        assertThat(mistyped.names()).containsExactly("mu > 1");
        assertThat(mistyped.verdicts()).anySatisfy(v -> assertThat(v).startsWith("record's pattern 'MU' matched no "
                + "real, integer, boolean or vector choice in any draw")
                .contains("choices seen: mu; did you mean mu?"));
        assertThat(mistyped.verdicts()).noneSatisfy(v -> assertThat(v).startsWith("no problem found"));
        McmcResult<Double> both = mcmc.record("mu", "y[*]").run();
        assertThat(both.verdicts()).anySatisfy(v -> assertThat(v).startsWith("record's pattern 'y[*]' matched no"));
        assertThat(both.verdicts()).noneSatisfy(v -> assertThat(v).contains("pattern 'mu'"));
        assertThat(mcmc.record("mu").run().verdicts()).noneSatisfy(v -> assertThat(v).contains("record's pattern"));
        // A model with no choice: the verdict listed "the model's choices: )" (a new user).
        Model<Double> evidenceOnly = p -> {
            p.observe("y", new Normal(0, 1), 0.5);
            return 0.0;
        };
        assertThat(Mcmc.of(evidenceOnly).draws(50).seed(1).run().verdicts()).anySatisfy(v -> assertThat(v)
                .contains("made no proposal in any step: the model makes no random choice"));
    }

    /**
     * The table printed every value with three decimals: a mean of 1.956e-9 and its sd read 0.000 in every column,
     * and values near 10^9 ran past their columns (found by a new user).
     */
    @Test
    void theTableKeepsTinyAndHugeValuesReadable() {
        assertThat(Summary.cell(1.956e-9)).isEqualTo("1.956e-09");
        assertThat(Summary.cell(2.5e9)).isEqualTo("2.500e+09");
        assertThat(Summary.cell(3e-4)).isEqualTo("3.000e-04");
        assertThat(Summary.cell(0.123456)).isEqualTo("0.123");
        assertThat(Summary.cell(-12.5)).isEqualTo("-12.500");
        assertThat(Summary.cell(0)).isEqualTo("0.000");
        assertThat(Summary.cell(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        double scale = 1e-9;
        Model<Double> tiny = p -> {
            double mu = p.sample("mu", new Normal(0, scale));
            p.observe("y", new Normal(mu, scale), 2 * scale);
            return mu;
        };
        String table = Mcmc.of(tiny).draws(500).seed(1).run().summary().table();
        String row = table.lines().filter(l -> l.startsWith("mu")).findFirst().orElseThrow();
        assertThat(row.trim().split("\\s+")[1]).matches("-?\\d\\.\\d{3}e-\\d\\d");
    }

    @Test
    void independenceWithTheExactGuideAcceptsEverything() {
        McmcResult<Double> m = Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.independence(GroundTruth
                .NORMAL_NORMAL_EXACT)).stepsPerDraw(1).draws(500).run();
        assertThat(m.acceptance().get(0).rate()).isEqualTo(1.0);
        // A replayed score of a state the guide did not propose equals the guide's own log q.
        Chain<Double> chain = Chain.of(GroundTruth.NORMAL_NORMAL, Kernels.independence(GroundTruth
                .NORMAL_NORMAL_EXACT), Target.posterior());
        TraceState<Double> s = chain.startFromPrior();
        double mu = s.real(0);
        Rerunner<Double> r = new Rerunner<>(GroundTruth.NORMAL_NORMAL, Target.posterior());
        assertThat(r.logQ(s.copy(), GroundTruth.NORMAL_NORMAL_EXACT))
                .isCloseTo(new Normal(0.9, 0.408248290464).logDensity(mu), org.assertj.core.api.Assertions.within(1e-12));
        double alpha = 0.25;
        Guide defensive = Guide.defensive(alpha, GroundTruth.NORMAL_NORMAL_EXACT);
        double expected = Math.log(alpha * Math.exp(new Normal(0, 1).logDensity(mu))
                + (1 - alpha) * Math.exp(new Normal(0.9, 0.408248290464).logDensity(mu)));
        assertThat(r.logQ(s.copy(), defensive)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Execution.of(GroundTruth.NORMAL_NORMAL).with(Handlers.trace()).run(1, 1).logWeight()).isFinite();
    }

    /**
     * An independence kernel whose guide draws within 2^20 doubles of an end of its support (a Beta(2, 0.04), 40% of
     * whose draws lie within 2^-33 of 1) cannot weigh those proposals: they are rejected, counted, and told, since the
     * chain then never enters the zone and its draws leave out the posterior's mass there.
     */
    @Test
    void proposalsTheDoublesCannotCarryAreCountedAndTold() {
        Model<Double> m = p -> {
            double x = p.sample("x", new dev.ariadne.core.dist.Beta(2, 0.05));
            p.observe("y", new dev.ariadne.core.dist.Bernoulli(x), true);
            return x;
        };
        McmcResult<Double> r = Mcmc.of(m).kernel(Kernels.independence(Guide.at("x",
                new dev.ariadne.core.dist.Beta(2, 0.04)))).chains(2).draws(500).seed(3).run();
        KernelStats k = r.acceptance().get(0);
        assertThat(k.unweighable()).as("about 40%% of %d proposals", k.proposed())
                .isBetween((long) (0.25 * k.proposed()), (long) (0.55 * k.proposed()));
        assertThat(k.firstUnweighable()).hasValueSatisfying(f -> assertThat(f).contains("x"));
        assertThat(r.verdicts()).anyMatch(v -> v.contains("because the guide drew where the doubles cannot carry "
                + "the proposal's density: too near an end of its support") && v.contains("left out of its draws"));
        McmcResult<Double> fine = Mcmc.of(m).kernel(Kernels.independence(Guide.at("x",
                new dev.ariadne.core.dist.Beta(3, 1.5)))).chains(2).draws(500).seed(3).run();
        assertThat(fine.acceptance().get(0).unweighable()).isZero();
        assertThat(fine.verdicts()).noneMatch(v -> v.contains("2^20 doubles"));
    }

    /**
     * "No problem found" near the ESS threshold: an outside statistician's 5,000 replicates of the sprinkler network
     * at 1,000 draws a chain were silent in 93, whose ESS read 400 to 600 where most read about 330, and the truth fell
     * outside +-3 mcse in 6.5% of those. An ESS that reads high goes with a mcse that reads small, so a silent result
     * whose lowest ESS is under 1.5 times the threshold says so; one well above it does not.
     */
    @Test
    void noProblemFoundNearTheEssThresholdSaysSo() {
        int near = 0;
        for (long seed = 1; seed <= 20; seed++) {
            McmcResult<boolean[]> r = Mcmc.of(GroundTruth.SPRINKLER).draws(1500).seed(seed).run();
            List<String> v = r.verdicts();
            if (v.size() != 1 || !v.get(0).startsWith("no problem found")) {
                continue;
            }
            double lowest = r.summary().rows().stream().mapToDouble(row -> Math.min(row.essBulk(), row.essTail()))
                    .min().orElseThrow();
            if (lowest < 600) {
                near++;
                assertThat(v.get(0)).as("seed %d", seed).containsPattern(String.format(java.util.Locale.ROOT,
                        "but the lowest, ess_(bulk|tail) %.0f \\(", lowest)).contains("is near that threshold");
            }
        }
        assertThat(near).as("silent seeds of 20 with the lowest ESS under 600").isGreaterThanOrEqualTo(5);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(Mcmc.of(GroundTruth.SPRINKLER).draws(5000).seed(seed).run().verdicts()).singleElement()
                    .asString().startsWith("no problem found").doesNotContain("near that threshold");
        }
    }

    /**
     * A target that returns +inf, or NaN, is the target's fault and says so (+inf made an acceptance ratio of
     * inf - inf, reported as "a bug in a kernel, please report it", an outside tester).
     */
    @Test
    void aTargetOfInfiniteOrNaNDensityIsNamed() {
        Model<Double> m = GroundTruth.NORMAL_NORMAL;
        assertThatThrownBy(() -> Mcmc.of(m).draws(200).target((lp, ll, v) -> v > 1 ? Double.POSITIVE_INFINITY
                : lp + ll).run()).hasStackTraceContaining("the target's log density is Infinity")
                .hasStackTraceContaining("a target must return a finite number or -inf");
        assertThatThrownBy(() -> Mcmc.of(m).draws(200).target((lp, ll, v) -> Double.NaN).run())
                .hasStackTraceContaining("the target's log density is NaN");
    }

    /**
     * An independence guide narrower than the posterior (N(0.9, 0.31) for N(0.9, 0.408)) has weights p / q that grow
     * without bound: the chain is not geometrically ergodic, and an outside statistician's chains read
     * P(mu > 1.8 | e) = 0.0137 as 0.0054 +- 0.0014 under "no problem found". Named from forced runs in the guide's
     * tails; a guide as wide as the posterior or wider, a StudentT, a defensive mixture and a custom target are not.
     */
    @Test
    void anIndependenceGuideWhoseWeightsAreUnboundedIsNamed() {
        Model<Double> model = GroundTruth.NORMAL_NORMAL;
        java.util.function.Function<Guide, List<String>> verdicts = g -> Mcmc.of(model)
                .kernel(Kernels.independence(g)).warmup(200).draws(500).seed(3).run().verdicts();
        assertThat(verdicts.apply(Guide.at("mu", new Normal(0.9, 0.31)))).anyMatch(v -> v.startsWith("the guide's "
                + "tail at mu is lighter than the target's") && v.contains("not geometrically ergodic"));
        for (Guide fine : List.of(Guide.at("mu", new Normal(0.9, 0.408)), Guide.at("mu", new Normal(1.3, 0.5)),
                Guide.at("mu", new dev.ariadne.core.dist.StudentT(3, 0.9, 0.4)),
                Guide.defensive(0.1, Guide.at("mu", new Normal(0.9, 0.31))))) {
            assertThat(verdicts.apply(fine)).noneMatch(v -> v.contains("lighter than the target"));
        }
        assertThat(Mcmc.of(model).kernel(Kernels.independence(Guide.at("mu", new Normal(0.9, 0.31))))
                .target(Target.tempered(0.5)).warmup(200).draws(500).seed(3).run().verdicts())
                .noneMatch(v -> v.contains("lighter than the target"));
    }

    /**
     * The same narrow guide cycled with a random walk: the walk's spectral gap holds for the cycle, and the chain is
     * geometrically ergodic; all 40 calls of a new user's logistic regression read "not geometrically ergodic" with
     * their estimates within their mcse.
     */
    @Test
    void aNarrowIndependenceGuideBesideARandomWalkIsNotNamed() {
        assertThat(Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.cycle(Kernels.singleSite(),
                Kernels.independence(Guide.at("mu", new Normal(0.9, 0.31))))).warmup(200).draws(500).seed(3).run()
                .verdicts()).noneMatch(v -> v.contains("not geometrically ergodic"));
    }

    /**
     * A random walk over a choice whose posterior tail is a power law visits it in rare long excursions that r_hat and
     * the ESS do not show: under a Cauchy, P(x < -10) = 0.0317 read 0.0058 +- 0.0021 with "no problem found" (a new
     * user), and under a StudentT of 3 degrees of freedom 3.5% of calls read a tail probability 3 mcse off, silently
     * (an outside statistician). The tail's power is read from forced runs, and such a tail is named; a StudentT of
     * 10 degrees of freedom, a Normal posterior, a Cauchy prior that a Normal likelihood tames, and a positive
     * choice (walked in its log) are not, nor is the Cauchy under a kernel that draws from the prior.
     */
    @Test
    void aPowerTailUnderARandomWalkIsNamed() {
        java.util.function.Function<Model<Double>, List<String>> verdicts = m -> Mcmc.of(m).warmup(300).draws(500)
                .seed(5).run().verdicts();
        Model<Double> cauchy = p -> {
            double x = p.sample("x", new dev.ariadne.core.dist.Cauchy(0, 1));
            p.observe("y", new Normal(0, 1), 0.0);
            return x;
        };
        assertThat(verdicts.apply(cauchy)).anyMatch(v -> v.contains("the posterior's upper and lower tails along x "
                + "fall as a power of the distance")
                && v.contains("as heavy as a StudentT of 1.0 degrees of freedom")
                && v.contains("its mean does not exist"));
        Model<Double> t3 = p -> p.sample("x", new dev.ariadne.core.dist.StudentT(3, 0, 1));
        assertThat(verdicts.apply(t3)).anyMatch(v -> v.contains("upper and lower tails along x fall as a power")
                && v.contains("StudentT of 3.0 degrees of freedom") && !v.contains("mean does not exist"));
        Model<Double> t10 = p -> p.sample("x", new dev.ariadne.core.dist.StudentT(10, 0, 1));
        Model<Double> tamed = p -> {
            double x = p.sample("x", new dev.ariadne.core.dist.Cauchy(0, 5));
            p.observe("y", new Normal(x, 1), 2.0);
            return x;
        };
        Model<Double> positive = p -> p.sample("s", new dev.ariadne.core.dist.HalfNormal(1))
                * p.sample("v", new dev.ariadne.core.dist.Gamma(0.5, 1));
        for (Model<Double> light : List.of(t10, GroundTruth.NORMAL_NORMAL, tamed, positive)) {
            assertThat(verdicts.apply(light)).noneMatch(v -> v.contains("as a power of the distance"));
        }
        assertThat(Mcmc.of(cauchy).kernel(Kernels.singleSite().fromPrior()).warmup(300).draws(500).seed(5).run()
                .verdicts()).noneMatch(v -> v.contains("as a power of the distance"));
    }

    /**
     * A mistyped pattern in an independence kernel's guide, or in the chains' starting guide, left the choices it meant
     * at their prior with nothing said (a new user); both are named, with the nearest choice.
     */
    @Test
    void aGuidePatternThatMatchesNoChoiceIsNamed() {
        List<String> v = Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.cycle(Kernels.singleSite(),
                Kernels.independence(Guide.at("muu", new Normal(0.9, 0.5))))).init(Guide.at("m", new Normal(0, 1)))
                .warmup(100).draws(200).seed(3).run().verdicts();
        assertThat(v).anyMatch(s -> s.startsWith("the independence kernel's guide: its pattern 'muu' matched no "
                + "choice") && s.contains("did you mean mu?"));
        assertThat(v).anyMatch(s -> s.startsWith("the chains' starting guide (init): its pattern 'm' matched no "
                + "choice") && s.contains("the chains start those choices from their prior"));
        assertThat(Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.cycle(Kernels.singleSite(),
                Kernels.independence(Guide.at("mu", new Normal(0.9, 0.5))))).warmup(100).draws(200).seed(3).run()
                .verdicts()).noneMatch(s -> s.contains("matched no choice"));
        // a fixed step for a mistyped address ran with nothing said (an adversarial tester)
        assertThat(Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.singleSite().fixedSteps(Map.of("muu", 0.5)))
                .warmup(100).draws(200).seed(3).run().verdicts()).anyMatch(s -> s.startsWith("the fixed step given "
                + "for muu names no choice") && s.contains("did you mean mu?"));
        assertThat(Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.singleSite().fixedSteps(Map.of("mu", 0.5)))
                .warmup(100).draws(200).seed(3).run().verdicts()).noneMatch(s -> s.contains("names no choice"));
        // a kernel kept to a mistyped pattern was named last, after the line on the choice it left unmoved, and
        // without the nearest choice (a new user)
        List<String> at = Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.randomWalk().at("muu")).warmup(100)
                .draws(200).seed(3).track("twice", mu -> 2 * mu).run().verdicts();
        assertThat(at.get(0)).startsWith("random walk at muu: its pattern 'muu' (at) matched no choice")
                .contains("did you mean mu?");
        // the tracked quantity, no choice, is told that the choices it is computed from never move
        assertThat(at).anySatisfy(line -> assertThat(line).startsWith("twice never changed value within any chain")
                .contains("the kernels never move the choices it is computed from"));
        assertThat(Mcmc.of(GroundTruth.NORMAL_NORMAL).kernel(Kernels.cycle(Kernels.randomWalk().at("mu"),
                Kernels.gibbs().at("mu"))).warmup(100).draws(200).seed(3).run().verdicts())
                .noneMatch(s -> s.contains("matched no choice"));
    }

    /**
     * A progress listener's exception reaches the caller as the cause of one that says when it was thrown, as
     * importance sampling's does (it was "chain 0 failed at warm-up iteration 0", then the bare exception), and the
     * listener is told increasing figures at any parallelism (they went backwards with four workers: an adversarial
     * tester).
     */
    @Test
    void aProgressListenerIsToldInOrderAndItsExceptionIsItsOwn() {
        IllegalStateException boom = new IllegalStateException("listener boom");
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).warmup(100).draws(100).seed(1)
                .progress((done, total) -> {
                    throw boom;
                }).run()).isInstanceOf(IllegalStateException.class).hasCause(boom)
                .hasMessageStartingWith("the progress listener threw java.lang.IllegalStateException: listener boom "
                        + "when told of ").hasMessageEndingWith(" iterations done of 800 (seed 1)");
        List<Long> told = new ArrayList<>();
        Mcmc.of(GroundTruth.NORMAL_NORMAL).chains(4).parallelism(4).warmup(2000).draws(2000).seed(1)
                .progress((done, total) -> told.add(done)).run();
        assertThat(told).isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat(told.get(told.size() - 1)).isEqualTo(4L * 4000);
    }

    /** A chain that is not one of the result's is named as such (it was "Index: 5 Size: 2"). */
    @Test
    void aChainOutOfRangeIsNamed() {
        McmcResult<Double> r = Mcmc.of(GroundTruth.NORMAL_NORMAL).chains(2).warmup(50).draws(50).seed(1).run();
        assertThatThrownBy(() -> r.acceptance(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chain 5 is not one of the 2 chains (0 to 1)");
        assertThatThrownBy(() -> r.stepsPerDraw(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chain -1 is not one of the 2 chains");
        assertThat(r.stepsPerDraw(1)).isPositive();
    }

    /**
     * Two coins that a hard condition ties together: no move of one coin is ever accepted, and the verdict explained
     * only which kernels move which kinds of choice (a new user). It now names the tie and the joint move.
     */
    @Test
    void choicesTiedByAConditionAreNamedWithTheJointMove() {
        Model<Boolean> tied = p -> {
            boolean c1 = p.sample("c1", new dev.ariadne.core.dist.Bernoulli(0.5));
            boolean c2 = p.sample("c2", new dev.ariadne.core.dist.Bernoulli(0.5));
            p.condition("eq", c1 == c2);
            p.observe("y", new Normal(c1 ? 1 : -1, 1), 0.3);
            return c1;
        };
        McmcResult<Boolean> r = Mcmc.of(tied).kernel(Kernels.gibbs()).warmup(200).draws(500).seed(1).run();
        assertThat(r.verdicts()).anyMatch(v -> v.contains("A choice tied to another by a hard condition"));
    }

    /** A restricted target whose margin is NaN was read as outside the target, and the chains said only that. */
    @Test
    void aNaNMarginOfARestrictedTargetIsNamed() {
        assertThatThrownBy(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL)
                .target(Target.<Double>posterior().restrictedTo(mu -> Double.NaN, 1.0)).draws(100).warmup(100).run())
                .hasStackTraceContaining("restricted target: the margin function is NaN for the value");
    }
}
