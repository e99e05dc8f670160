package dev.ariadne.search;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.inference.Diagnostics;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.PriorRuns;
import dev.ariadne.inference.rare.SubsetRoute;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.smc.AnnealedSmc;
import dev.ariadne.inference.smc.Schedule;
import dev.ariadne.inference.smc.Smc;
import dev.ariadne.inference.smc.SmcResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A second estimate of P(e) for a certified guide, from routes that need no guide: for a model that states its
 * evidence with margins ({@code p.condition(name, score, threshold)}), subset simulation, which climbs from the prior;
 * for one that does not, importance sampling from the prior itself, where its own diagnostics trust it
 * ({@link #byPriorRuns}), and where they do not, annealed SMC from the prior, where its cost is in proportion
 * ({@link #byAnnealedSmc}).
 *
 * <p>Importance sampling's estimate and its diagnostics see only where the guide's runs go. A guide of one mode per
 * choice, searched for an event of two regions (|z_1 + ... + z_5| >= 9), settles in one of them; every run it draws
 * then looks healthy, and its estimate of P(e) is half the truth, many standard errors off, with "nothing looks
 * wrong" (a new user: z = -103). No statistic of those runs can show the other region. Subset simulation's levels
 * climb from the prior's whole population, so they reach both: where its estimate is above the guide's by more
 * than {@link PriorRuns#Z_LIMIT} standard errors of the difference, the guide misses part of the event. Both estimates
 * are unbiased for P(e), so a gap that large in that direction has probability far below 1e-6 when the guide misses
 * nothing (the other direction, subset simulation's own misses, is not the guide's fault and is not named).
 *
 * <p>Where a route's own diagnostics do not trust its estimate (the prior's runs meet the evidence too seldom, or
 * annealed SMC's sweeps are skewed), its lower bound on P(e) at {@link PriorRuns#BOUND_DELTA} still holds whatever
 * its tail, and where that bound lies more than {@link PriorRuns#Z_LIMIT} of the guide's standard errors above the
 * guide's estimate, the guide misses part of the posterior ({@link PriorRuns#boundAbove}): a searched pedigree guide
 * that never proposed an affected child's genotype read log P(e) 3 nats low, and the check said only that neither
 * route could be trusted (a new user).
 *
 * <p>Where no gap is named, {@link Finding#reach} says what the second route read and the least share of P(e) a
 * missed region must hold to be named: the check can rule out only what its own standard error resolves.
 *
 * <p>Cost: {@link #PARTICLES} particles a level, the pilot and {@link #SWEEPS} sweeps (ten times as many where a gap
 * is suspect, {@link PriorRuns#Z_SUSPECT}), beside the certification's runs, for certifications of at least
 * {@link #MIN_CERTIFY_RUNS} runs (a smaller one of a model with conditions says that no check was made,
 * {@link #tooFewRuns}); a model whose first {@link #PROBE_RUNS} prior runs meet no margin condition is checked by
 * the prior's own runs instead (as many as the certification's, ten times as many where their ESS alone is short
 * of trusting them, {@link PriorRuns#essShortBy}; where those are not trusted, by annealed SMC
 * from the prior, at most {@link #ANNEALED_COST} times the certification's runs in kernel steps, else not checked,
 * which the region check says), and a model where subset simulation cannot climb (its pilot stops) or fails is not
 * checked, which the verdicts then say. Where one of those prior runs fails a plain condition
 * ({@code p.condition(name, holds)}), the verdict says that no check was possible and how to make one
 * ({@link #unchecked}): the guide's runs alone cannot show that it misses a region.
 */
final class PriorRouteCheck {

    /** The particles of each temperature of the check's annealed SMC, as of each level of its subset simulation. */
    static final int PARTICLES = SubsetRoute.PARTICLES;
    /** The sweeps of the check's subset simulation after its pilot. */
    static final int SWEEPS = SubsetRoute.SWEEPS;
    /**
     * The fewest certifying runs for which the check is made: it costs about as many runs as a certification of
     * 100,000 (more for a rarer event, about 20,000 a level), out of proportion to a quick certification.
     */
    static final long MIN_CERTIFY_RUNS = 10_000;
    /** The prior runs that look for a margin condition. */
    static final int PROBE_RUNS = SubsetRoute.PROBE_RUNS;

    private PriorRouteCheck() {
    }

    /**
     * What the check found: a region the guide misses ({@code missed}), or, where no check could be made for evidence
     * that is a plain condition, that it was not made ({@code unchecked}); both empty when the two estimates agree or
     * the check does not apply.
     */
    record Finding(Optional<String> missed, Optional<String> unchecked, Optional<String> reach,
                   Optional<String> suspected) {
        static final Finding NONE = new Finding(Optional.empty(), Optional.empty(), Optional.empty());

        Finding(Optional<String> missed, Optional<String> unchecked, Optional<String> reach) {
            this(missed, unchecked, reach, Optional.empty());
        }

        /** No check was made, and {@code why}: a verdict. */
        static Finding notMade(String why) {
            return new Finding(Optional.empty(), Optional.of(why), Optional.empty());
        }

        /** No route could be read, for evidence where that is common (observations only): said, not a verdict. */
        static Finding notRead(String why) {
            return new Finding(Optional.empty(), Optional.empty(), Optional.of(why));
        }

        /**
         * No gap: what the second route ({@code route}) read, the least share of P(e) a missed region that the route
         * reaches must hold for the check to have named it, 1 - exp(-Z_LIMIT x the difference's standard error), and
         * the route's own blind spot ({@code blindSpot}), where a region shows in neither estimate: an outside
         * statistician's guides missed 90% to 99.6% of P(e) in regions the prior's runs, or subset simulation's
         * levels, did not reach either, and the check read "though one holding less than 1% could not" as if it were
         * a guarantee. Where the route reads far below the guide, the guide reaches what the route does not, and the
         * check says that its route failed, not that nothing is missed.
         */
        static Finding agrees(String route, String blindSpot, Estimate other, Estimate certified,
                              Optional<String> untrusted) {
            double z = gap(other, certified, untrusted);
            if (z < -PriorRuns.Z_LIMIT) {
                return new Finding(Optional.empty(), Optional.empty(), Optional.of(String.format(Locale.ROOT, "%s, "
                        + "which needs no guide, estimates log P(e) at %.4f +- %.4f, %+.1f standard errors from the "
                        + "guide's%s: the guide reaches a region that route misses, so the check says nothing of a "
                        + "region the guide might miss (%s)", route, other.value(), other.standardError(), z,
                        ownError(untrusted), blindSpot)));
            }
            double share = -Math.expm1(-PriorRuns.Z_LIMIT * Math.hypot(errorInGap(certified, untrusted),
                    other.standardError()));
            // "no gap shows" read beside a route 4.2 to 4.8 standard errors above the guide, where a region of 10.5%
            // of P(e) was missed (an outside statistician): a suspect gap is said to be one; and "-5.0 standard
            // errors from the guide's: no gap shows" puzzled a new user whose subset simulation read 4.9 nats low
            // (printed rounded, short of the limit): a route that far below is said to be below
            String seen = PriorRuns.suspect(z) ? String.format(Locale.ROOT, "a gap above the guide's shows, short "
                    + "of the %.0f standard errors that name one, so a missed region is suspected, not shown", PriorRuns
                    .Z_LIMIT) : z < -PriorRuns.Z_SUSPECT ? "it reads below the guide's, which no region the guide "
                    + "misses can cause (such a region shows as a gap above), so no gap shows" : "no gap shows";
            // Measured in the guide's whole standard error even where it is not trusted: with half of it, a
            // certification of ESS 230 that read 1.6 of its own standard errors low showed a gap of 3.2, and 3 calls
            // of 50 whose answers were right drew the verdict (a hunt).
            boolean told = z >= PriorRuns.Z_TOLD && PriorRuns.gap(other, certified) >= PriorRuns.Z_TOLD;
            Optional<String> suspected = !told ? Optional.empty()
                    : Optional.of(PriorRuns.toldGap(route, other, "", "the guide's", certified, ownError(untrusted), z,
                    "the guide's log P(e)", "and certify it again, or search with another strategy or seed"));
            return new Finding(Optional.empty(), Optional.empty(), Optional.of(String.format(Locale.ROOT, "%s, which "
                    + "needs no guide, estimates log P(e) at %.4f +- %.4f, %+.1f standard errors from the guide's%s: %s; "
                    + "a region the guide misses and the route reaches would have shown if it held %s of "
                    + "P(e) or more (the check names a gap of %.0f standard errors of the difference), but %s, and "
                    + "there both read P(e) low alike", route, other.value(), other.standardError(), z,
                    ownError(untrusted), seen, PriorRuns.percent(share), PriorRuns.Z_LIMIT, blindSpot)), suspected);
        }

        /** Where subset simulation from the prior cannot look. */
        static final String SUBSET_BLIND_SPOT = "a route to the event its levels do not climb shows in neither (the "
                + "margin rising with one choice while a far value of another meets the event at a jump)";

        /** Where importance sampling from the prior cannot look, for {@code runs} runs. */
        static String priorBlindSpot(long runs) {
            return String.format(Locale.ROOT, "a region of prior probability well under 1 / %,d, which those runs "
                    + "almost never draw, shows in neither", runs);
        }

    }

    /**
     * The check of a guide whose certified estimate of log P(e), from {@code certifyRuns} runs, is {@code certified},
     * against subset simulation from the prior with seed {@code seed}. Nothing where the two agree, or the check does
     * not apply (no accepted run, or no condition); that no check was made where there were fewer than
     * {@link #MIN_CERTIFY_RUNS} certifying runs. Where the evidence includes a
     * plain condition that prior runs fail and subset simulation gives no estimate (no margin stated, or its pilot
     * cannot climb past the plain condition), that no check was made ({@link #unchecked}); where a model that states
     * margins gets no estimate from subset simulation, that no check was made and why ({@link #noSubsetEstimate}); and
     * where the prior's runs for evidence without margins are not to be trusted, why, beside the figures
     * ({@link Finding#notRead}).
     */
    static <T> Finding check(Model<T> model, Estimate certified, long certifyRuns, long seed,
                             Optional<String> untrusted) {
        if (!(certified.value() > Double.NEGATIVE_INFINITY) || !Double.isFinite(certified.standardError())) {
            return Finding.NONE;
        }
        Evidence evidence = Evidence.probed(model, seed);
        if (certifyRuns < MIN_CERTIFY_RUNS) {
            return evidence.statesMargins() || evidence.plainCondition().isPresent()
                    ? Finding.notMade(tooFewRuns(certifyRuns))
                    : Finding.NONE;
        }
        Optional<Address> plain = evidence.plainCondition();
        if (!evidence.statesMargins()) {
            Reading<Finding> byPrior = byPriorRuns(model, certified, certifyRuns, seed, untrusted);
            if (byPrior.value().isPresent()) {
                return byPrior.value().get();
            }
            if (plain.isPresent()) {
                return Finding.notMade(unchecked(plain.get()));
            }
            Reading<Finding> byAnnealing = byAnnealedSmc(model, certified, certifyRuns, evidence.latentSites(), seed);
            if (byAnnealing.value().isPresent()) {
                return byAnnealing.value().get();
            }
            return Finding.notRead(String.format(Locale.ROOT, "no check for a region the guide never reaches could "
                    + "be made: importance sampling from the prior (%,d runs), the second route for evidence without "
                    + "margins, is not to be trusted beside the guide (%s); annealed SMC from the prior, the third, %s; "
                    + "and the guide's runs alone cannot show a region they never draw", certifyRuns,
                    byPrior.whyNone(), byAnnealing.whyNone()));
        }
        Reading<Estimate> first = bySubsetSimulation(model, SWEEPS, seed);
        if (first.value().isEmpty()) {
            // the model fails under subset simulation's moves, or they cannot climb: no second route
            return Finding.notMade(plain.isPresent() ? unchecked(plain.get()) : noSubsetEstimate(first.whyNone()));
        }
        Estimate other = first.value().get();
        if (PriorRuns.suspect(gap(other, certified, untrusted))) {
            other = bySubsetSimulation(model, SWEEPS * PriorRuns.EXTENSION, seed).value().orElse(other);
        }
        double z = gap(other, certified, untrusted);
        if (!(z > PriorRuns.Z_LIMIT)) {
            return Finding.agrees("subset simulation from the prior", Finding.SUBSET_BLIND_SPOT, other, certified,
                    untrusted);
        }
        return new Finding(Optional.of(String.format(Locale.ROOT, "subset simulation from the prior, which needs no "
                + "guide, estimates log P(e) at %.4f +- %.4f, %.1f standard errors above the guide's %.4f +- %.4f%s: the "
                + "guide misses part of the event (a region or mode its runs never reach, which no diagnostic of its "
                + "own runs can see), so its estimates leave out that share; the bound stays valid, only lower. Search "
                + "a family that can cover every region, or take SubsetSimulation's estimate and bound", other.value(),
                other.standardError(), z, certified.value(), certified.standardError(), ownError(untrusted))),
                Optional.empty(), Optional.empty());
    }


    /**
     * Standard errors of the difference by which {@code other} reads log P(e) above {@code certified}; in the route's
     * standard error alone where the certification's own diagnostics do not trust its standard error ({@code
     * untrusted}, why): a gap measured in it read "+4.9 standard errors: no gap shows" where the guide's estimate was
     * 2 nats, a factor of 7, below a route read to +-0.004 (a new user's search, its certification at k-hat 1.56 and
     * an ESS of 6). Half the guide's own stays in: such a standard error more often reads small than large, and a gap
     * within it is what the guide's own noise makes (a new user's certification, 0.8 of its +-0.052 from the truth,
     * read 8.5 of the route's +-0.0052 off: "the guide misses part of the posterior").
     */
    private static double gap(Estimate other, Estimate certified, Optional<String> untrusted) {
        return PriorRuns.gap(other, new Estimate(certified.value(), errorInGap(certified, untrusted),
                certified.label()));
    }

    /** The guide's standard error as {@link #gap} reads it: its own, or half of it where that is untrusted. */
    private static double errorInGap(Estimate certified, Optional<String> untrusted) {
        return untrusted.isEmpty() ? certified.standardError() : certified.standardError() / 2;
    }

    /** What the messages add after the guide's figure where its standard error is not to be trusted. */
    static String ownError(Optional<String> untrusted) {
        return untrusted.map(why -> " (its own standard error not to be trusted, " + why + ", so the gap is "
                + "measured in the route's and half of its own)").orElse("");
    }

    /**
     * What a second route read ({@code value}), or why it gave nothing to stand beside the guide's estimate, and then
     * what its lower bound alone shows ({@code floor}: a guide's estimate below that proven floor).
     */
    private record Reading<V>(Optional<V> value, String whyNone, Optional<Finding> floor) {
        static <V> Reading<V> of(V value) {
            return new Reading<>(Optional.of(value), "", Optional.empty());
        }

        static <V> Reading<V> none(String why) {
            return new Reading<>(Optional.empty(), why, Optional.empty());
        }

        /** No estimate to trust, and {@code why}; {@code floor} is what the route's bound shows, if anything. */
        static <V> Reading<V> none(String why, Optional<Finding> floor) {
            return new Reading<>(Optional.empty(), why, floor);
        }
    }

    /** Subset simulation's estimate of log P(e) from {@code sweeps} sweeps ({@link SubsetRoute}), or why none. */
    private static <T> Reading<Estimate> bySubsetSimulation(Model<T> model, int sweeps, long seed) {
        SubsetRoute.Reading route = SubsetRoute.logEvidence(model, sweeps, seed);
        return route.estimate().map(Reading::of).orElseGet(() -> Reading.none(route.whyNone()));
    }

    /**
     * What the certification says of a model that states margins where subset simulation gave no estimate: that no
     * check was made, and why. Before, it said nothing: a new user's walk to 20 (P(e) 1.5e-4), whose subset
     * simulation's pilot could not climb, certified log P(e) 4.7 to 9 standard errors low with no word of the check.
     */
    static String noSubsetEstimate(String why) {
        return "no check for a region of the event the guide never reaches: subset simulation from the prior, the "
                + "second route for evidence stated with margins, gave no estimate (" + why + "), so nothing stands "
                + "beside the guide's own runs, and a guide that settles in one region of an event with several reads "
                + "P(e) low while every run looks healthy; compare with SubsetSimulation at more particles, or with "
                + "importance sampling under Guide.defensive";
    }

    /**
     * The second route for evidence without margins: importance sampling from the prior, as many runs as the
     * certification, where its own diagnostics trust it (the tail judged fine and an ESS of at least
     * {@link PriorRuns#MIN_ESS}); where they do not, its lower bound alone ({@link #missesBelowFloor}), and empty
     * where that shows nothing or the prior's runs fail. A mean-field guide searched for a
     * sticky ten-step hidden Markov model proposes each state apart, so the state paths the posterior favours are
     * combinations it all but never draws: its certified log P(e) read 0.27 nats low, 9 standard errors, with nothing
     * said (a new user: 7 seeds in 20 beyond 3 standard errors, 4 of them silent), where the prior's own 100,000 runs
     * read it within 0.01 (ESS 10,500).
     */
    private static <T> Reading<Finding> byPriorRuns(Model<T> model, Estimate certified, long certifyRuns, long seed,
                                                    Optional<String> untrusted) {
        PriorRuns.Threw threw = new PriorRuns.Threw();
        ImportanceResult<T> made = PriorRuns.orNull(model, certifyRuns, seed, threw);
        if (made == null) {
            return Reading.none(threw.first().map(why -> "its runs failed: " + why).orElse(PriorRuns.NONE_MET));
        }
        made = PriorRuns.longerForFloor(made, certified, certifyRuns * PriorRuns.EXTENSION,
                n -> PriorRuns.orNull(model, n, seed, new PriorRuns.Threw()));
        if (made.runs() < certifyRuns * PriorRuns.EXTENSION && PriorRuns.essShortBy(made, PriorRuns.EXTENSION)) {
            // ten times the runs before annealed SMC, whose 20 sweeps of 500 particles resolved only a 17% miss: CMA-ES
            // guides of a noisy-OR network missed 7% of P(e), 6 to 10 standard errors low, with every verdict empty
            // (an outside statistician)
            made = trustedPriorRuns(model, certifyRuns * PriorRuns.EXTENSION, seed).value().orElse(made);
        }
        Optional<String> untrustedRoute = PriorRuns.untrustedBecause(made);
        if (untrustedRoute.isPresent()) {
            return PriorRuns.belowPriorFloor(made, certified).map(PriorRouteCheck::missesBelowFloor)
                    .map(Reading::of).orElseGet(() -> Reading.none(untrustedRoute.get()));
        }
        ImportanceResult<T> prior = made;
        if (PriorRuns.suspect(gap(prior.logEvidence(), certified, untrusted))) {
            prior = trustedPriorRuns(model, certifyRuns * PriorRuns.EXTENSION, seed).value().orElse(prior);
        }
        Diagnostics d = prior.diagnostics();
        Estimate other = prior.logEvidence();
        double z = gap(other, certified, untrusted);
        if (!(z > PriorRuns.Z_LIMIT)) {
            return Reading.of(Finding.agrees("importance sampling from the prior (ESS " + Math.round(d.ess()) + ")",
                    Finding.priorBlindSpot(prior.runs()), other, certified, untrusted));
        }
        return Reading.of(new Finding(Optional.of(String.format(Locale.ROOT, "importance sampling from the prior, "
                + "which needs no guide, estimates log P(e) at %.4f +- %.4f (ESS %.0f), %.1f standard errors above "
                + "the guide's %.4f +- %.4f%s: %s", other.value(), other.standardError(), d.ess(), z,
                certified.value(), certified.standardError(), ownError(untrusted), MISSES_PART_OF_THE_POSTERIOR)),
                Optional.empty(),
                Optional.empty()));
    }

    /**
     * The finding where a route's estimate is not trusted but its lower bound on P(e), which holds whatever its tail,
     * lies far above the certification's estimate ({@link PriorRuns#belowFloor}, whose text is {@code head}).
     */
    private static Finding missesBelowFloor(String head) {
        return new Finding(Optional.of(head + WHAT_IT_MISSES), Optional.empty(), Optional.empty());
    }

    /**
     * The third route for evidence without margins, where the prior's own runs are not trusted: annealed SMC from the
     * prior ({@link #PARTICLES} particles, {@link #ANNEALED_SWEEPS} sweeps, on the schedule of a pilot of
     * {@link #PILOT_PARTICLES}), whose tempered particles move between modes the prior's runs reach and whose sweeps'
     * estimates are unbiased for P(e). A mean-field guide searched for a two-component mixture settles on one
     * labelling of the components; the other, a mirror image, holds half of P(e), so its certified log P(e) read log 2
     * low, 230 standard errors, with nothing said (a new user), where the prior's 100,000 runs were not trusted
     * (k-hat 2.2, ESS 41) and annealed SMC read it within 0.03.
     *
     * <p>The gap is measured in both standard errors even where the certification's own is not trusted: a searched
     * guide of k-hat 1.4 whose estimate was within 2 of its standard errors of the truth read 5.9 of annealed SMC's
     * alone below it. Empty where the route's cost would pass {@link #ANNEALED_COST} times the certification's runs
     * in kernel steps, its pilot died out, or it fails; where its diagnostics name a problem, its lower bound alone
     * ({@link #missesBelowFloor}), empty where that shows nothing.
     */
    private static <T> Reading<Finding> byAnnealedSmc(Model<T> model, Estimate certified, long certifyRuns,
                                                      double latentSites, long seed) {
        long cap = ANNEALED_COST * certifyRuns;
        double least = latentSites * PARTICLES * ANNEALED_SWEEPS * FEWEST_TEMPERATURES;
        if (least > cap) {
            return Reading.none(String.format(Locale.ROOT, "would take at least %,.0f kernel steps (%d sweeps of %d "
                    + "particles through %d temperatures or more, each a sweep of the %.0f latent sites), more than "
                    + "%d times the certification's runs; compare with Smc.annealed(model) yourself", least,
                    ANNEALED_SWEEPS, PARTICLES, FEWEST_TEMPERATURES, latentSites, ANNEALED_COST));
        }
        AnnealedSmc<T> smc = Smc.annealed(model).particles(PARTICLES).seed(seed);
        Schedule schedule;
        try {
            schedule = Smc.annealed(model).particles(PILOT_PARTICLES).seed(seed).pilot();
        } catch (RunCancelledException cancelled) {
            throw cancelled;
        } catch (RuntimeException cannot) {
            return Reading.none("failed: " + cannot.getMessage());
        }
        if (schedule.pilotDiedOut()) {
            return Reading.none("had its pilot sweep die out (" + schedule + ")");
        }
        long perSweep = 0;
        for (int j = 1; j <= schedule.size(); j++) {
            perSweep += (long) schedule.latentSites(j) * PARTICLES;
        }
        long affordable = cap / Math.max(1, perSweep);
        if (affordable < ANNEALED_SWEEPS) {
            return Reading.none(String.format(Locale.ROOT, "would take %,d kernel steps (%d sweeps of %d particles "
                    + "through %d temperatures), more than %d times the certification's runs; compare with "
                    + "Smc.annealed(model) yourself", perSweep * ANNEALED_SWEEPS, ANNEALED_SWEEPS, PARTICLES,
                    schedule.size(), ANNEALED_COST));
        }
        Reading<Estimate> first = annealed(smc, schedule, ANNEALED_SWEEPS, certified);
        if (first.value().isEmpty()) {
            return first.floor().map(Reading::of).orElseGet(() -> Reading.none(first.whyNone()));
        }
        Estimate other = first.value().get();
        int sweeps = ANNEALED_SWEEPS;
        int longer = (int) Math.min(affordable, (long) ANNEALED_SWEEPS * PriorRuns.EXTENSION);
        if (PriorRuns.suspect(PriorRuns.gap(other, certified)) && longer > ANNEALED_SWEEPS) {
            Reading<Estimate> more = annealed(smc, schedule, longer, certified);
            if (more.value().isPresent()) {
                other = more.value().get();
                sweeps = longer;
            }
        }
        String route = String.format(Locale.ROOT, "annealed SMC from the prior (%d sweeps of %d particles)", sweeps,
                PARTICLES);
        double z = PriorRuns.gap(other, certified);
        if (!(z > PriorRuns.Z_LIMIT)) {
            return Reading.of(Finding.agrees(route, ANNEALED_BLIND_SPOT, other, certified, Optional.empty()));
        }
        return Reading.of(new Finding(Optional.of(String.format(Locale.ROOT, "%s, which needs no guide, estimates "
                + "log P(e) at %.4f +- %.4f, %.1f standard errors above the guide's %.4f +- %.4f: %s; or take "
                + "annealed SMC's own estimate and bound (Smc.annealed)", route, other.value(), other.standardError(),
                z, certified.value(), certified.standardError(), MISSES_PART_OF_THE_POSTERIOR)),
                Optional.empty(), Optional.empty()));
    }

    /** The sweeps of the annealed route, after its pilot. */
    static final int ANNEALED_SWEEPS = 20;
    /** The particles of the annealed route's pilot: a hundredth of its sweeps' cost. */
    static final int PILOT_PARTICLES = 100;
    /**
     * The most kernel steps the annealed route may take, in multiples of the certification's runs: a kernel step
     * reruns the model as a run does. A two-component mixture of 10 latent sites took 1.5 million (15 temperatures),
     * 15 times a certification of 100,000 runs, in about 2 seconds.
     */
    static final int ANNEALED_COST = 20;
    /**
     * The fewest temperatures assumed before the pilot, so that a model of too many latent sites for the route is
     * refused without one: a single mean under 200 observations took 19, a mixture of 10 latent sites 15.
     */
    static final int FEWEST_TEMPERATURES = 5;

    /** Where annealed SMC from the prior cannot look. */
    static final String ANNEALED_BLIND_SPOT = "a mode that the tempered particles never reach (one of prior "
            + "probability far below one in the particles, or one the moves cannot cross to) shows in neither";

    /** What a guide that misses part of the posterior misses, what that does, and what to do about it. */
    private static final String WHAT_IT_MISSES = " (a region, a mode, or a combination of choices, that its runs all "
            + "but never draw, which no diagnostic of its own runs can see), so its estimates leave out that share; "
            + "the bound stays valid, only lower. Certify the guide mixed with the prior (Guide.defensive(0.2, "
            + "guide)), or search a family that can cover it (a program family whose proposals read the earlier "
            + "choices)";

    /** What a route that reads P(e) far above the guide's estimate says of the guide, and what to do. */
    private static final String MISSES_PART_OF_THE_POSTERIOR = "the guide misses part of the posterior"
            + WHAT_IT_MISSES;

    /**
     * Annealed SMC's estimate of log P(e) from the prior, {@code sweeps} sweeps on {@code schedule}, or why it gives
     * none: its diagnostics name a problem (and then what its bound shows beside {@code certified}), or the model fails
     * under its moves.
     */
    private static <T> Reading<Estimate> annealed(AnnealedSmc<T> smc, Schedule schedule, int sweeps,
                                                  Estimate certified) {
        SmcResult<T> route;
        try {
            route = smc.schedule(schedule).sweeps(sweeps)
                    .parallelism(Math.max(1, Math.min(sweeps, Runtime.getRuntime().availableProcessors()))).run();
        } catch (RunCancelledException cancelled) {
            throw cancelled;
        } catch (RuntimeException cannot) {
            return Reading.none("failed: " + cannot.getMessage());
        }
        List<String> verdicts = route.diagnostics().verdicts();
        if (!verdicts.isEmpty()) {
            String why = "its diagnostics: " + String.join("; ", verdicts);
            return Reading.none("is not to be trusted either (" + why + ")", PriorRuns.belowFloor(String.format(
                    Locale.ROOT, "annealed SMC from the prior (%d sweeps of %d particles)", sweeps, PARTICLES), why,
                    route.lowerBound(PriorRuns.BOUND_DELTA), certified).map(PriorRouteCheck::missesBelowFloor));
        }
        Estimate other = route.logEvidence();
        if (!(other.value() > Double.NEGATIVE_INFINITY) || !Double.isFinite(other.standardError())) {
            return Reading.none("gave no estimate with a standard error: " + other.label());
        }
        return Reading.of(other);
    }

    /**
     * Importance sampling from the prior, {@code runs} runs, where its own diagnostics trust it
     * ({@link PriorRuns#untrustedBecause}); empty where they do not, no run is accepted, or the runs fail.
     */
    private static <T> Reading<ImportanceResult<T>> trustedPriorRuns(Model<T> model, long runs, long seed) {
        PriorRuns.Threw threw = new PriorRuns.Threw();
        ImportanceResult<T> prior = PriorRuns.orNull(model, runs, seed, threw);
        if (prior == null) {
            return Reading.none(threw.first().map(why -> "its runs failed: " + why)
                    .orElse(PriorRuns.NONE_MET));
        }
        return PriorRuns.untrustedBecause(prior).map(Reading::<ImportanceResult<T>>none)
                .orElseGet(() -> Reading.of(prior));
    }

    /**
     * What the certification says of a model with conditions when it had too few runs for the check: that none was
     * made. Before, such a certification said nothing: a statistician's 150 searches of an event of two regions,
     * certified on 8,000 runs, read log P(e) 0.67 nats low with every verdict empty (the same at 10,000 runs was named
     * in 19 of 20).
     */
    static String tooFewRuns(long certifyRuns) {
        return String.format(java.util.Locale.ROOT, "no check for a region of the event the guide never reaches: it is "
                + "made for certifications of at least %,d runs, and this one had %,d; a guide that settles in one "
                + "region of an event with several reads P(e) low while every run looks healthy, so certify on %,d "
                + "runs or more to have subset simulation from the prior check it", MIN_CERTIFY_RUNS, certifyRuns,
                MIN_CERTIFY_RUNS);
    }

    /**
     * What the certification says of a model whose evidence includes a plain condition: that the guide's runs are all
     * it has, and how to state the condition so that it has more. Without it, an event of two regions (|z_1 + ... +
     * z_5| >= 9 written as {@code p.condition("far", Math.abs(s) >= 9)}) certified log P(e) log 2 low, 104 standard
     * errors off, with every verdict empty (a new user).
     */
    static String unchecked(Address condition) {
        return "no check for a region of the event the guide never reaches: the evidence includes a plain condition "
                + "(at " + condition + ", false in runs from the prior), which subset simulation cannot climb, so "
                + "nothing stands beside the guide's own runs, and a guide that settles in one region of an event with "
                + "several reads P(e) low while every run looks healthy. State the condition with its margin, "
                + "p.condition(name, score, threshold), and the certification checks it from the prior; a condition on "
                + "discrete values has no margin, and there only another method checks it (Enumerate where the "
                + "choices are finite, or importance sampling with Guide.defensive)";
    }

    /**
     * What the first {@link #PROBE_RUNS} prior runs (margins relaxed) show of the evidence: whether some of them meet a
     * margin condition (a finite margin), and the site of a plain condition that is false in one of them, if any (the
     * evidence then includes a hard event that only the guide's runs look at), and the mean number of latent sites a run
     * makes (for the cost of the annealed route).
     */
    private record Evidence(boolean statesMargins, Optional<Address> plainCondition, double latentSites) {

        static <T> Evidence probed(Model<T> model, long seed) {
            Runner<T> runner = Execution.of(model).relaxMargins(true).runner();
            boolean margins = false;
            Optional<Address> plain = Optional.empty();
            long latent = 0;
            int ran = 0;
            for (int i = 0; i < PROBE_RUNS && !(margins && plain.isPresent()); i++) {
                try {
                    runner.run(seed, i);
                    margins |= Double.isFinite(runner.margin());
                    if (plain.isEmpty() && runner.failed()
                            && runner.failureCause() == FailureCause.CONDITION_FALSE) {
                        plain = Optional.of(runner.failure().address());
                    }
                    for (int k = 0; k < runner.siteCount(); k++) {
                        latent += runner.siteKind(k) == SiteKind.LATENT ? 1 : 0;
                    }
                    ran++;
                } catch (RuntimeException e) {
                    // a run the model fails: the certification reports it
                }
            }
            return new Evidence(margins, plain, ran == 0 ? 0 : (double) latent / ran);
        }
    }
}
