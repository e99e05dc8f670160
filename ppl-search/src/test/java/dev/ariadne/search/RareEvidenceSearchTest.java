package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.Prob;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, items 2 to 4 and the coverage of the certification step: rare evidence found from the model alone.
 * The evidence throughout is ten standard normals summing past 15 (P(e) = 1.05e-6, which the prior reaches once in
 * a million runs), stated with its margin or as a plain condition. Every search here would have failed before
 * issue 15: the cross-entropy method stopped at once without a level function, and the gradient strategy reported
 * "step budget reached" after 200 steps that never moved.
 *
 * <p>Statistical assertions (TESTING.md's budget): the coverage count (Binomial(1000, 0.2) quantile at 1 - 1e-6),
 * and the thresholds on certified bounds (at least 0.5 P(e), within the factor of 2), each met
 * with a wide margin on its fixed seed (figures in the comments).
 */
class RareEvidenceSearchTest {

    static final Model<Double> MARGIN = RarerGaussianSumSearchTest.marginSum(10, 15);
    static final Model<Double> PLAIN = GroundTruth.gaussianSum(15);
    static final double LOG_Z = GroundTruth.RARE_LOG_Z;

    private static double ratio(SearchResult r) {
        return Math.exp(r.certified().evidenceBound().logValue() - LOG_Z);
    }

    /**
     * An adversarial tester's tail with a fault of probability 1e-8 beside it: one elite iteration accepted a run by
     * luck, the next ones without an accepted run read as the objective exploding, and the search stopped as
     * diverged, certifying -25.3 against -15.06. Climbing the levels, an iteration without an accepted run is the
     * climb.
     */
    @Test
    void aLuckyAcceptedRunMidClimbIsNotADivergence() {
        Model<Double> m = p -> {
            boolean fault = p.sample("fault", new dev.ariadne.core.dist.Bernoulli(1e-8));
            double x = p.sample("x", new Normal(0, 1));
            p.condition("c", x + (fault ? 10 : 0), 5.0);
            return x;
        };
        SearchResult r = GuideSearch.of(m, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .certify(100_000, 0.05).run();
        assertThat(r.diverged()).as(r.stopReason()).isFalse();
        double tail = 2.866515718125129e-7; // P(Z >= 5); the fault adds 1e-8, which the guide leaves out
        dev.ariadne.inference.Estimate logZ = r.certified().result().logEvidence();
        assertThat(logZ.value()).isBetween(Math.log(tail) - 5 * logZ.standardError(), Math.log(tail + 1e-8));
    }

    /**
     * With a plain condition the default search widens its proposals until runs are accepted, refits on them and
     * goes on unwidened: certified at 99% on 2 10^4 fresh runs within the factor of 2 (measured 0.91).
     */
    @Test
    void aPlainConditionIsReachedByWideningTheProposals() {
        SearchResult r = GuideSearch.of(PLAIN, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(2)
                .parallelism(2).certify(20_000, 0.01).run();
        System.out.printf("plain condition: L/P(e) = %.4f; %s%n", ratio(r), r.summary());
        assertThat(r.history().get(0).note()).contains("0 of 10000 runs were accepted")
                .endsWith("widening the proposals 2x");
        assertThat(r.history()).anySatisfy(s -> assertThat(s.note()).startsWith("proposals widened")
                .contains("refit on"));
        assertThat(r.stopReason()).startsWith("converged");
        assertThat(ratio(r)).isGreaterThanOrEqualTo(0.5);
    }

    /**
     * Evidence no widening reaches: the search stops and names the way out (the margin form), never a silent bound
     * of 0 at the end of its budget.
     */
    @Test
    void evidenceOutOfReachStopsWithTheWayOut() {
        Model<Double> far = p -> {
            double z = p.sample("z", Normal.STANDARD);
            p.condition("far", z > 1e6);
            return z;
        };
        SearchResult r = GuideSearch.of(far, GuideFamily.meanField()).strategy(Strategy.crossEntropy().runs(1000))
                .certify(1000, 0.01).run();
        assertThat(r.stopReason()).startsWith("no run reached the evidence, even with every proposal widened 1024x")
                .contains("p.condition(name, score, threshold)").doesNotContain("budget");
        assertThat(r.history()).hasSize(11);
        assertThat(r.history().get(10).note()).startsWith("proposals widened 1024x; 0 of 1000 runs were accepted");
    }

    /**
     * The gradient strategy from the prior, with the margin form: a smoothed surrogate carries the guide to the
     * evidence, then the true objective takes over; certified at 99% on 2 10^4 fresh runs at least 0.5 P(e)
     * (measured 0.88).
     */
    @Test
    void theGradientFollowsTheMarginsWhenNoRunIsAccepted() {
        SearchResult r = GuideSearch.of(MARGIN, GuideFamily.meanField()).strategy(Strategy.gradient()).seed(1)
                .parallelism(2).certify(20_000, 0.01).run();
        System.out.printf("gradient from the margins: L/P(e) = %.4f; %s%n", ratio(r), r.summary());
        assertThat(r.history().get(0).note()).startsWith("0 of 200 accepted: surrogate on the margins");
        assertThat(r.history().get(r.history().size() - 1).note()).isEmpty();
        assertThat(ratio(r)).isGreaterThanOrEqualTo(0.5);
    }

    /** With a plain condition the gradient has nothing to follow, and says so, naming the margin form. */
    @Test
    void theGradientSaysWhyItCannotStartOnAPlainCondition() {
        SearchResult r = GuideSearch.of(PLAIN, GuideFamily.meanField()).strategy(Strategy.gradient()).seed(1)
                .certify(0, 0.01).run();
        assertThat(r.history()).hasSize(GradientStrategy.NO_UPDATE_PATIENCE);
        assertThat(r.stopReason()).startsWith("no step could update, so the search cannot start: in each of 10 batches of 200 runs")
                .contains("p.condition(name, score, threshold)").contains("Strategy.crossEntropy()");
    }

    /** A level function still overrides the margins (here a plain condition with its level given by hand). */
    @Test
    void aLevelFunctionStillOverridesTheMargins() {
        SearchResult r = GuideSearch.of(PLAIN, GuideFamily.meanField())
                .strategy(Strategy.crossEntropy().runs(2000).level(RareEvidenceSearchTest::sum, 15)).seed(4)
                .certify(20_000, 0.01).run();
        System.out.printf("level override: L/P(e) = %.4f; %s%n", ratio(r), r.summary());
        assertThat(r.history().get(0).note()).startsWith("elite level");
        assertThat(r.history()).anySatisfy(s -> assertThat(s.note()).startsWith("target level 15.0 reached"));
        assertThat(ratio(r)).isGreaterThanOrEqualTo(0.5);
    }

    static double sum(History h) {
        double s = 0;
        for (int i = 0; i < 10; i++) {
            s += h.real("z", i);
        }
        return s;
    }

    /**
     * Coverage of the certification step (issue 15's acceptance, default profile): a guide searched once from the
     * margins, then R = 1000 independent certifications of 1000 fresh runs each, each a betting bound at
     * delta = 0.2. A valid bound is above P(e) in Binomial(1000, <= 0.2) of them. Test of the test: the estimate
     * Z-hat used as a bound is above P(e) in about half (460 of 1000 measured, allowed 262). The median L / P(e) is
     * at least 0.5 (measured 0.81), so the bound is not valid merely by being 0.
     */
    @Test
    void certifyingASearchedGuideCoversTheEvidenceAtItsLevel() {
        SearchResult searched = GuideSearch.of(MARGIN, GuideFamily.meanField()).strategy(Strategy.crossEntropy())
                .seed(8).parallelism(2).certify(0, 0.2).run();
        int r = 1000;
        double delta = 0.2;
        int violations = 0;
        int estimateViolations = 0;
        double[] ratios = new double[r];
        for (int i = 0; i < r; i++) {
            ImportanceResult<Double> c = Importance.of(MARGIN).guide(searched.guide()).samples(1000)
                    .seed(70_000 + i).keep(0).siteBreakdownRuns(0).run();
            double logL = c.lowerBound(delta).logValue();
            violations += logL > LOG_Z ? 1 : 0;
            estimateViolations += c.logEvidence().value() > LOG_Z ? 1 : 0;
            ratios[i] = Math.exp(logL - LOG_Z);
        }
        Arrays.sort(ratios);
        int allowed = SuiteStats.allowedViolations(r, delta);
        System.out.printf("certification coverage: %d of %d violations (allowed %d), Z-hat as bound %d, median "
                + "L/P(e) %.3f%n", violations, r, allowed, estimateViolations, ratios[r / 2]);
        assertThat(violations).isLessThanOrEqualTo(allowed);
        assertThat(estimateViolations).as("Z-hat as a bound (must fail)").isGreaterThan(allowed);
        assertThat(ratios[r / 2]).isGreaterThanOrEqualTo(0.5);
    }

    /**
     * Five standard normals whose sum passes 9 in absolute value: two regions, P(e) = 2 Phi-bar(9 / sqrt 5), log
     * -9.7726. A mean-field guide searched by the cross-entropy method settles in one of them and certified log P(e)
     * -10.46 +- 0.0067 (z = -103) with "nothing looks wrong" (a new user, seeds 1 to 3). Subset simulation from the
     * prior reaches both regions, and the certification now names the gap (measured 8.7 to 10 standard errors,
     * seeds 1 to 3); on the one-sided event, where the guide misses nothing, it says nothing. The check is a test at
     * 5 standard errors of the difference of two unbiased estimates, so the one-sided case fails it with
     * probability far below 1e-6.
     */
    @Test
    void aGuideThatMissesOneRegionOfTheEventIsNamedBySubsetSimulationFromThePrior() {
        Model<Double> twoSided = twoSidedPast9();
        double exact = Math.log(2 * 2.8497058116659185e-05);
        Certification c = GuideSearch.of(twoSided, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .parallelism(2).certify(100_000, 0.01).run().certified();
        assertThat(c.logEvidence().value()).as("one region only").isLessThan(exact - 0.5);
        assertThat(c.evidenceBound().logValue()).isLessThan(exact);
        assertThat(c.missedRegion()).hasValueSatisfying(v -> assertThat(v).startsWith("subset simulation from the "
                + "prior, which needs no guide, estimates log P(e) at").contains("the guide misses part of the event"));
        assertThat(c.verdicts()).first().isEqualTo(c.missedRegion().orElseThrow()); // the measured miss leads
        assertThat(c.toString()).contains("the guide misses part of the event");
        assertThat(GuideSearch.of(sumPast(9.0), GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .parallelism(2).certify(100_000, 0.01).run().certified().missedRegion()).isEmpty();
    }

    /**
     * The event's smaller region holding 27% of P(e) (sum >= 9 or sum <= -9.5: P(e) = Phi-bar(9 / sqrt 5) +
     * Phi-bar(9.5 / sqrt 5)), which the guide misses. Subset simulation's 40 sweeps read log P(e) to about 0.07 nats,
     * so a gap of 0.31 nats stood under 5 standard errors of the difference and, the certified estimate being 28 of its
     * own standard errors low, nothing was said (an adversarial tester: 196 silent seeds of 200 at a share of 17%, 11
     * of 20 at 31%). A suspect gap (1.5 standard errors) now has the route made again ten times as long, and the gap is
     * named; where none is named, the certification says what the check read and the share it could resolve.
     */
    @Test
    void aSmallerMissedRegionIsNamedOnceTheRouteFromThePriorIsMadeLongerWhereAGapIsSuspect() {
        Model<Double> lopsided = p -> {
            double s = sumOfFiveNormals(p);
            p.condition("far", Math.max(s - 9, -s - 9.5), 0.0);
            return s;
        };
        double exact = Math.log(2.8497058116659185e-05 + 1.0758932189047776e-05);
        for (long seed = 1; seed <= 3; seed++) {
            Certification c = GuideSearch.of(lopsided, GuideFamily.meanField()).strategy(Strategy.crossEntropy())
                    .seed(seed).parallelism(2).certify(100_000, 0.01).run().certified();
            assertThat(c.logEvidence().value()).as("one region only").isLessThan(exact - 0.2);
            assertThat(c.missedRegion()).as("seed " + seed).hasValueSatisfying(v -> assertThat(v)
                    .contains("the guide misses part of the event"));
            assertThat(c.regionCheck()).isEmpty();
        }
        Certification covered = GuideSearch.of(sumPast(9.0), GuideFamily.meanField()).strategy(Strategy.crossEntropy())
                .seed(1).parallelism(2).certify(100_000, 0.01).run().certified();
        assertThat(covered.missedRegion()).isEmpty();
        assertThat(covered.regionCheck()).hasValueSatisfying(v -> assertThat(v).startsWith("subset simulation from "
                + "the prior, which needs no guide, estimates log P(e) at ").contains("no gap shows; a region the "
                + "guide misses and the route reaches would have shown if it held ")
                .contains("but a route to the event its levels do not climb shows in neither"));
        assertThat(covered.verdicts()).isEmpty();
        assertThat(covered.toString()).contains("; region check: subset simulation");
    }

    /**
     * The check's least share holds only for regions its own route reaches (an outside statistician's guides missed
     * 90% to 99.6% of P(e) where the prior's runs did not reach either, and the check read "though one holding less
     * than 1% could not"); and a route that reads far below the guide's estimate has missed what the guide found, so
     * the check then says nothing of a region the guide might miss.
     */
    @Test
    void theRegionCheckSaysWhereItsOwnRouteCannotLook() {
        dev.ariadne.inference.Estimate guide = new dev.ariadne.inference.Estimate(-13.76, 0.02, "log Z-hat");
        String near = PriorRouteCheck.Finding.agrees("route", "its blind spot", new dev.ariadne.inference.Estimate(
                -13.75, 0.1, "other"), guide, java.util.Optional.empty()).reach().orElseThrow();
        assertThat(near).contains("+0.1 standard errors from the guide's: no gap shows")
                .contains("if it held 40% of P(e) or more").endsWith("but its blind spot, and there both read P(e) "
                        + "low alike");
        // "no gap shows" read beside routes 4.2 to 4.8 standard errors above the guide (an outside statistician)
        String suspect = PriorRouteCheck.Finding.agrees("route", "its blind spot", new dev.ariadne.inference.Estimate(
                -13.31, 0.1, "other"), guide, java.util.Optional.empty()).reach().orElseThrow();
        assertThat(suspect).contains("+4.4 standard errors from the guide's: a gap above the guide's shows, short of "
                + "the 5 standard errors that name one, so a missed region is suspected, not shown;");
        // and from 3 up a verdict says so: the region check is not one, and such gaps went unsaid beside certified
        // estimates 14 to 25 standard errors low (an outside statistician)
        assertThat(PriorRouteCheck.Finding.agrees("route", "its blind spot", new dev.ariadne.inference.Estimate(
                -13.31, 0.1, "other"), guide, java.util.Optional.empty()).suspected().orElseThrow())
                .startsWith("a region the guide never reaches may hold part of P(e): route, which needs no guide, "
                        + "estimates log P(e) at -13.3100 +- 0.1000, 4.4 standard errors of the difference above the "
                        + "guide's -13.7600 +- 0.0200").contains("would hold about 36% of P(e)");
        assertThat(PriorRouteCheck.Finding.agrees("route", "its blind spot", new dev.ariadne.inference.Estimate(
                -13.51, 0.1, "other"), guide, java.util.Optional.empty()).suspected()).isEmpty(); // 2.5
        // A guide whose own standard error is not trusted: measured in half of it, its 1.6 standard errors low read a
        // gap of 3.2 (a hunt's right answer at ESS 230); the verdict takes the whole of it
        PriorRouteCheck.Finding untrusted = PriorRouteCheck.Finding.agrees("route", "its blind spot",
                new dev.ariadne.inference.Estimate(-1.9251, 0.0015, "other"),
                new dev.ariadne.inference.Estimate(-2.0291, 0.0656, "log Z-hat"), java.util.Optional.of("ESS 230"));
        assertThat(untrusted.reach().orElseThrow()).contains("+3.2 standard errors from the guide's");
        assertThat(untrusted.suspected()).isEmpty();
        // "-5.0 standard errors from the guide's: no gap shows" puzzled a new user (-4.96, printed rounded)
        String justAbove = PriorRouteCheck.Finding.agrees("route", "its blind spot", new dev.ariadne.inference
                .Estimate(-14.256, 0.1, "other"), guide, java.util.Optional.empty()).reach().orElseThrow();
        assertThat(justAbove).contains("-4.9 standard errors from the guide's: it reads below the guide's, which no "
                + "region the guide misses can cause (such a region shows as a gap above), so no gap shows;");
        String below = PriorRouteCheck.Finding.agrees("route", "its blind spot", new dev.ariadne.inference.Estimate(
                -20.7, 0.1, "other"), guide, java.util.Optional.empty()).reach().orElseThrow();
        assertThat(below).contains("-68.1 standard errors from the guide's: the guide reaches a region that route "
                + "misses, so the check says nothing of a region the guide might miss (its blind spot)");
        assertThat(PriorRouteCheck.Finding.priorBlindSpot(100_000)).contains("prior probability well under 1 / "
                + "100,000");
    }

    /**
     * A searched guide that settles on one of two modes, the other holding about 1% of P(e) (x ~ N(4.6, 2), x^2
     * observed at 4): its certified log P(e) reads 0.013 nats low, 14 of its standard errors, and the prior's runs,
     * made ten times as long, read a gap of 4.0 standard errors of the difference, short of the 5 that name a missed
     * region. That was said only in the region check, with no verdict (an outside statistician, seed 3 of 30).
     */
    @Test
    void aSuspectedGapAboveThreeStandardErrorsIsAVerdict() {
        Model<Double> twoModes = p -> {
            double x = p.sample("x", new Normal(4.6, 2));
            p.observe("y", new Normal(x * x, 1), 4.0);
            return x;
        };
        Certification c = GuideSearch.of(twoModes, GuideFamily.meanField()).strategy(Strategy.cmaes()).seed(3)
                .certify(100_000, 0.05).run().certified();
        assertThat(c.regionCheck().orElseThrow()).contains("so a missed region is suspected, not shown");
        assertThat(c.verdicts()).first().asString().startsWith("a region the guide never reaches may hold part of "
                + "P(e): importance sampling from the prior");
    }

    /**
     * A certification whose own diagnostics do not trust its standard error: its estimate 2 nats below a route read to
     * +-0.004 was "+4.9 standard errors from the guide's: no gap shows", measured in the guide's +-0.40 (a new user's
     * search, its certification at k-hat 1.56 and an ESS of 6). Measured in the route's standard error alone, the gap
     * (here 1.8 nats, 4.5 of the guide's standard errors) is named; half the guide's own error stays in it.
     */
    @Test
    void aGapIsMeasuredInTheRoutesErrorWhereTheCertificationsOwnIsNotToBeTrusted() {
        dev.ariadne.inference.Estimate low = new dev.ariadne.inference.Estimate(
                dev.ariadne.inference.GroundTruth.NORMAL_NORMAL_LOG_Z - 1.8, 0.40, "log Z-hat");
        PriorRouteCheck.Finding trusted = PriorRouteCheck.check(dev.ariadne.inference.GroundTruth.NORMAL_NORMAL, low,
                20_000, 3, java.util.Optional.empty());
        assertThat(trusted.missed()).isEmpty();
        assertThat(trusted.reach().orElseThrow()).contains("a gap above the guide's shows, short of the 5 standard "
                + "errors that name one, so a missed region is suspected, not shown");
        PriorRouteCheck.Finding untrusted = PriorRouteCheck.check(dev.ariadne.inference.GroundTruth.NORMAL_NORMAL,
                low, 20_000, 3, java.util.Optional.of("Pareto k-hat 1.56, ESS 6.2"));
        assertThat(untrusted.missed().orElseThrow()).startsWith("importance sampling from the prior, which needs no "
                + "guide, estimates log P(e) at ").contains("(its own standard error not to be trusted, Pareto k-hat "
                + "1.56, ESS 6.2, so the gap is measured in the route's and half of its own): the guide misses part "
                + "of the posterior");
        // Within its own standard error, untrusted or not, a gap is the guide's noise: a new user's certification 0.8
        // of its +-0.052 below the truth read 8.5 of the route's +-0.0052 off, "the guide misses part of the
        // posterior"
        dev.ariadne.inference.Estimate near = new dev.ariadne.inference.Estimate(
                dev.ariadne.inference.GroundTruth.NORMAL_NORMAL_LOG_Z - 0.043, 0.052, "log Z-hat");
        assertThat(PriorRouteCheck.check(dev.ariadne.inference.GroundTruth.NORMAL_NORMAL, near, 20_000, 3,
                java.util.Optional.of("Pareto k-hat 0.9, ESS 40")).missed()).isEmpty();
    }

    /**
     * Where no second route gives an estimate, the certification says so (a new user: a walk that must reach 20 steps
     * up, stated with its margin, whose subset simulation's pilot could not climb, read log P(e) 4.7 to 9 standard
     * errors low with neither a region check nor a word that none was made). Two faults of prior 0.001 that must both
     * occur, stated with a margin of two values: no one move of subset simulation raises it but the second fault's,
     * which the runs with the first meet once in a thousand moves, so its pilot stops (at 0.01 each, its ten more moves
     * of a stalled population find the pair, and the check is made), and
     * {@code regionUnchecked()} (a verdict) says so and why. Evidence of 200 observations on each of 20 means, whose
     * prior runs are not to be trusted and for which annealed SMC from the prior would cost more than 20 times the
     * certification's runs, gets the reason in {@code regionCheck()} (not a verdict: it is so for many such models);
     * of one mean, whose annealed SMC is cheap, the check made by annealed SMC.
     */
    @Test
    void aCheckThatCouldNotBeMadeSaysWhy() {
        Model<Boolean> twoFaults = p -> {
            boolean first = p.sample("first", new Bernoulli(0.001));
            boolean second = p.sample("second", new Bernoulli(0.001));
            p.observe("y", new Normal(first ? 1 : 0, 1), 0.8);
            p.condition("both", first && second ? 1 : 0, 1);
            return first;
        };
        Certification faults = GuideSearch.of(twoFaults, GuideFamily.meanField()).strategy(Strategy.crossEntropy())
                .seed(1).certify(10_000, 0.05).run().certified();
        assertThat(faults.missedRegion()).isEmpty();
        assertThat(faults.regionUnchecked()).hasValueSatisfying(v -> assertThat(v).startsWith("no check for a region")
                .contains("subset simulation from the prior, the second route for evidence stated with margins, gave "
                        + "no estimate (its pilot stopped: "));
        assertThat(faults.verdicts()).contains(faults.regionUnchecked().get());
        Model<Double> manyObservations = manyObservations(1);
        Certification observed = GuideSearch.of(manyObservations, GuideFamily.meanField()).strategy(Strategy.cmaes())
                .seed(1).certify(10_000, 0.05).run().certified();
        assertThat(observed.regionUnchecked()).isEmpty();
        assertThat(observed.missedRegion()).isEmpty();
        assertThat(observed.regionCheck()).hasValueSatisfying(v -> assertThat(v).startsWith("annealed SMC from the "
                + "prior (").contains("no gap shows"));
        Certification twenty = GuideSearch.of(manyObservations(20), GuideFamily.meanField())
                .strategy(Strategy.gradient()).budget(Budget.steps(20)).seed(1).certify(10_000, 0.05).run()
                .certified();
        assertThat(twenty.regionUnchecked()).isEmpty();
        assertThat(twenty.regionCheck()).hasValueSatisfying(v -> assertThat(v).startsWith("no check for a region "
                + "the guide never reaches could be made: importance sampling from the prior (10,000 runs)")
                .contains("is not to be trusted beside the guide", "annealed SMC from the prior, the third, would "
                        + "take ", "more than 20 times the certification's runs"));
        assertThat(twenty.toString()).contains("; region check: no check");
    }

    /** {@code means} means from N(0, 10), each with 200 observations from N(mean, 1). */
    private static Model<Double> manyObservations(int means) {
        return p -> {
            double total = 0;
            for (int m = 0; m < means; m++) {
                double mu = p.sample("mu", m, new Normal(0, 10));
                for (int i = 0; i < 200; i++) {
                    p.observe("y", m * 200 + i, new Normal(mu, 1), 3.0 + m + (i % 5) * 0.1);
                }
                total += mu;
            }
            return total;
        };
    }

    /**
     * A mean-field guide searched for a two-component mixture settles on one labelling of the components; the
     * mirror labelling holds the other half of P(e). Its certified log P(e) read log 2 low, 230 standard errors, with
     * nothing said (a new user), the prior's runs not trusted beside it (k-hat 2.2, ESS 41). Annealed SMC from the
     * prior, the third route, named the gap; the prior's runs, made longer, then proved a floor above it first; with
     * their largest weights read as a pile at the top (ESS 489, {@code ParetoKHat.PILE_TOP}) they are trusted, and
     * their estimate, -17.964 +- 0.045, names it. log P(e) = -17.972287, by summing the 2^8 labellings' Gaussian
     * marginals.
     */
    @Test
    void aGuideInOneLabellingOfAMixtureIsNamedByARouteFromThePrior() {
        double[] y = {-2.1, -1.6, -2.8, -1.9, 2.2, 1.7, 2.9, -0.3};
        Model<Double> mixture = p -> {
            double m0 = p.sample("mu", 0, new Normal(0, 3));
            double m1 = p.sample("mu", 1, new Normal(0, 3));
            for (int i = 0; i < y.length; i++) {
                boolean second = p.sample("z", i, new Bernoulli(0.5));
                p.observe("y", i, new Normal(second ? m1 : m0, 1), y[i]);
            }
            return m0;
        };
        Certification c = GuideSearch.of(mixture, GuideFamily.meanField()).seed(1).run().certified();
        assertThat(c.logEvidence().value()).as("one labelling: log 2 low").isCloseTo(-17.972287 - Math.log(2),
                org.assertj.core.api.Assertions.within(0.05));
        // the prior's runs, trusted, or made ten times as long where their untrusted estimate reads above the guide's
        // and proving a floor on P(e) above the guide's estimate, or annealed SMC: any of the routes names the gap
        assertThat(c.missedRegion()).hasValueSatisfying(v -> assertThat(v).satisfiesAnyOf(
                named -> assertThat(named).startsWith("importance sampling from the prior, which needs no guide, "
                        + "estimates log P(e) at ").contains("standard errors above the guide's",
                        "the guide misses part of the posterior"),
                named -> assertThat(named).startsWith("annealed SMC from the prior (20 sweeps of 500 particles), which "
                        + "needs no guide, estimates log P(e) at ").contains("standard errors above the guide's",
                        "the guide misses part of the posterior"),
                named -> assertThat(named).startsWith("importance sampling from the prior (1,000,000 runs), which "
                        + "needs no guide, gives no estimate to trust here").contains("the guide misses at least")));
        assertThat(c.verdicts()).contains(c.missedRegion().get());
    }

    /**
     * A certification of fewer than 10,000 runs makes no check from the prior, and says so: a statistician's 150
     * searches of the two-region event, certified on 8,000 runs, read log P(e) 0.67 nats low on average, the +-3
     * standard-error interval missing in 145 of them, every verdict empty. A model with no condition says nothing.
     */
    @Test
    void aCertificationTooSmallForTheCheckSaysThatNoneWasMade() {
        Model<Double> twoSided = twoSidedPast9();
        Certification c = GuideSearch.of(twoSided, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .parallelism(2).certify(8_000, 0.01).run().certified();
        assertThat(c.missedRegion()).isEmpty();
        assertThat(c.regionUnchecked()).hasValueSatisfying(v -> assertThat(v).startsWith("no check for a region of "
                + "the event the guide never reaches: it is made for certifications of at least 10,000 runs, and "
                + "this one had 8,000"));
        assertThat(c.verdicts()).contains(c.regionUnchecked().orElseThrow());
        Model<Double> noCondition = p -> {
            double m = p.sample("m", new dev.ariadne.core.dist.Normal(0, 1));
            p.observe("y", new dev.ariadne.core.dist.Normal(m, 1), 0.5);
            return m;
        };
        assertThat(GuideSearch.of(noCondition, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .parallelism(2).certify(8_000, 0.01).run().certified().regionUnchecked()).isEmpty();
    }

    /**
     * The same two-region event written as a plain condition: subset simulation cannot climb it, so no second route
     * from the prior is possible. The certification was log 2 low (z = -104, a new user) with every verdict empty; it
     * now says that no check was made, names the condition's site and the margin form, and still bounds P(e) below.
     */
    @Test
    void aPlainConditionsCertificationSaysThatNoRegionCheckWasPossible() {
        Model<Double> twoSided = p -> {
            double s = sumOfFiveNormals(p);
            p.condition("far", Math.abs(s) >= 9);
            return s;
        };
        double exact = Math.log(2 * 2.8497058116659185e-05);
        Certification c = GuideSearch.of(twoSided, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(1)
                .parallelism(2).certify(10_000, 0.01).run().certified();
        assertThat(c.evidenceBound().logValue()).isLessThan(exact);
        assertThat(c.missedRegion()).as("no gap found: none looked for").isEmpty();
        assertThat(c.regionUnchecked()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("no check for a region of the event the guide never reaches").contains("at far")
                .contains("p.condition(name, score, threshold)"));
        assertThat(c.verdicts()).contains(c.regionUnchecked().orElseThrow());
        assertThat(c.toString()).contains("no check for a region of the event");
    }

    /**
     * A margin that always holds beside a plain condition that decides the event: subset simulation climbs the margin
     * but not the plain condition, and gives no estimate, so no check is made. The certification said nothing then
     * (an adversarial tester); it now says so, as for a plain condition alone. A model of margins alone says nothing
     * of the kind (the test above).
     */
    @Test
    void aPlainConditionBesideAMarginIsStillSaidToGoUnchecked() {
        Model<Double> mixed = p -> {
            double s = sumOfFiveNormals(p);
            p.condition("sane", s, -40.0);
            p.condition("far", s >= 4 || s <= -5.5);
            return s;
        };
        Certification c = GuideSearch.of(mixed, GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(3)
                .parallelism(2).certify(10_000, 0.01).run().certified();
        assertThat(c.missedRegion()).isEmpty();
        assertThat(c.regionUnchecked()).hasValueSatisfying(v -> assertThat(v).contains("at far"));
        assertThat(GuideSearch.of(sumPast(4.0), GuideFamily.meanField()).strategy(Strategy.crossEntropy()).seed(3)
                .parallelism(2).certify(10_000, 0.01).run().certified().regionUnchecked()).isEmpty();
    }

    /** |z_1 + ... + z_5| >= 9, stated with its margin: two regions. */
    private static Model<Double> twoSidedPast9() {
        return p -> {
            double s = sumOfFiveNormals(p);
            p.condition("beyond", Math.abs(s), 9.0);
            return s;
        };
    }

    /** z_1 + ... + z_5 >= threshold, stated with its margin: one region, which a mean-field guide covers. */
    private static Model<Double> sumPast(double threshold) {
        return p -> {
            double s = sumOfFiveNormals(p);
            p.condition("beyond", s, threshold);
            return s;
        };
    }

    /** z_1 + ... + z_5, each drawn from N(0, 1) at its site z[i]. */
    private static double sumOfFiveNormals(Prob p) {
        double s = 0;
        for (int i = 0; i < 5; i++) {
            s += p.sample("z", i, new Normal(0, 1));
        }
        return s;
    }
}
