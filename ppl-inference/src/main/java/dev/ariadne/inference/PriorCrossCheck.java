package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.inference.rare.SubsetRoute;
import dev.ariadne.inference.stats.ParetoKHat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A guided call's estimate of P(e) set beside importance sampling from the prior, which needs no guide. The guide's
 * runs show nothing of a region, or a combination of choices, that they all but never draw: a mean-field guide
 * searched for a noisy-OR network drew the cause c2 = false often enough, but almost never with c0 = c1 = true, the
 * combination that holds 15% of P(e), and read log P(e) up to 540 of its standard errors low, and P(c2 | e) 0.9996
 * against 0.846, with every verdict empty in 47 calls of 100 (a new user). The prior's runs reach such a combination
 * at its prior rate; where their own diagnostics trust them (the tail judged fine, an ESS of at least
 * {@link PriorRuns#MIN_ESS}) and their estimate is above the guide's by more than {@link PriorRuns#Z_LIMIT} standard
 * errors of the difference, the guide misses part of the posterior. Both estimates are unbiased for P(e) (their logs are low
 * by about half their squared relative errors), so a gap that large in that direction is all but impossible when
 * the guide misses nothing; the other direction, the prior's own misses, is not the guide's fault and is not named.
 *
 * <p>Where the prior's runs are not trusted for an estimate, their lower bound on P(e) at
 * {@link PriorRuns#BOUND_DELTA}, which holds whatever their tail, is set beside the call's estimate instead, and a
 * gap of more than {@link PriorRuns#Z_LIMIT} of the call's standard errors is named ({@link PriorRuns#boundAbove}).
 *
 * <p>Made for a call with a guide or guide program of at least {@link ParetoKHat#RUNS_TO_JUDGE} runs, once, when the diagnostics are
 * first read: as many runs from the prior as the call made, up to {@link #DEFAULT_RUNS}, on a stream of their own
 * ({@link Importance#priorCheck} sets how many, 0 none), and ten times as many, up to {@link #MAX_EXTENDED_RUNS},
 * where the gap is suspect ({@link PriorRuns#Z_SUSPECT}) or where those runs carry an ESS of 100 but their tail is
 * not yet judged fine. A model of many observations seldom has prior runs to
 * trust, and there the check says nothing: a region the prior's runs do not reach either shows in neither.
 *
 * <p>A whole-run defensive mixture of prior share alpha is checked too, unless its own runs that follow the prior,
 * about alpha N of them, are at least as many as the check's: with alpha 0.01 and 10,000 runs, its 100 such runs
 * reached a third of P(e) that its guide, too narrow, did not, too seldom to weigh it, and the estimate read log P(e)
 * more than 5 standard errors low with every verdict empty in 10 calls of 300 (the lead's replicates; before, a
 * mixture was never checked, its runs from the prior being taken to stand in the estimate already).
 */
final class PriorCrossCheck {

    /** The most runs from the prior the check makes by default. */
    static final long DEFAULT_RUNS = 20_000;
    /** The most runs from the prior a suspect gap ({@link PriorRuns#suspect}) is judged on. */
    static final long MAX_EXTENDED_RUNS = 200_000;
    /** Sets the prior's runs apart from the call's own streams. */
    private static final long SALT = 0x5A17_C0DE_9E37_79B9L;

    private PriorCrossCheck() {
    }

    /** How many prior runs check a call of {@code runs} runs when {@code asked} is the setting (-1: the default). */
    static long runsFor(long asked, long runs) {
        return asked >= 0 ? asked : Math.min(runs, DEFAULT_RUNS);
    }

    /**
     * The verdict on a guided call {@code call} of {@code plan}, checked by {@code priorRuns} runs from the prior;
     * empty where the two agree, where the check does not apply, or where the prior's runs are not to be trusted.
     * Where they agree on P(e), each question the call asks (P(h | e), E[f | e]) is compared too ({@link #questions}).
     */
    static <T> Optional<String> verdict(ImportanceResult<T> call, Plan<T> plan, long priorRuns) {
        Execution<T> execution = plan.execution;
        long runs = call.runs();
        Estimate guided = call.logEvidence();
        double share = execution.guide() == null ? 0 : execution.guide().wholeRunPriorShare();
        boolean guidedCall = execution.guideProgram() != null
                || (execution.guide() != null && share * runs < priorRuns);
        if (!guidedCall || priorRuns <= 0 || runs < ParetoKHat.RUNS_TO_JUDGE
                || !(guided.value() > Double.NEGATIVE_INFINITY) || !Double.isFinite(guided.standardError())) {
            return Optional.empty();
        }
        long seed = plan.seed;
        long longer = Math.max(priorRuns, Math.min(PriorRuns.EXTENSION * priorRuns, MAX_EXTENDED_RUNS));
        // Enough runs carry the weight, but their tail is not yet judged fine: a one-mode guide missing a mode of 10%
        // of P(e) was named in 90 calls of 300 at 10,000 runs, its 10,000 prior runs' tail judged unfit in most, and in
        // 200 of 200 from 100,000 (an outside statistician); they are made longer then, by PriorRuns.beside's rule.
        PriorRuns.Threw threw = new PriorRuns.Threw();
        ImportanceResult<T> prior = PriorRuns.beside(guided, priorRuns, longer, n -> run(plan, seed, n, threw));
        prior = PriorRuns.longerForFloor(prior, guided, longer, n -> run(plan, seed, n, null));
        if (prior == null || !PriorRuns.trusted(prior)) {
            Optional<String> belowFloor = prior == null ? Optional.empty() : belowProvenFloor(prior, guided, share);
            if (belowFloor.isPresent()) {
                return belowFloor;
            }
            // an untilCertified call that stops early is judged by the runs it may make: a guide missing half of a
            // rare event reached its target at 8,192 runs, checked by nothing (a false-alarm hunt)
            SubsetCheck subset = Math.max(runs, plan.expectedRuns) >= MIN_SUBSET_RUNS
                    ? bySubsetSimulation(execution.model(), guided, seed ^ SALT) : SubsetCheck.NOT_MADE;
            return subset.made() || prior != null ? subset.verdict()
                    : threw.first().map(PriorRuns::uncheckedBecauseThrew);
        }
        Map<String, Estimate> asked = call.questionEstimates();
        double z = z(prior, guided);
        Gaps gaps = questions(prior, call, asked, z);
        if (prior.runs() < longer && gaps.suspect) {
            ImportanceResult<T> more = run(plan, seed, longer, null);
            if (more != null && PriorRuns.trusted(more)) {
                prior = more;
                z = z(prior, guided);
                gaps = questions(prior, call, asked, z);
            }
        }
        if (!(z > PriorRuns.Z_LIMIT) && gaps.named.isEmpty() && z >= PriorRuns.Z_TOLD) {
            // as a search's certification tells it: a one-mode guide missing 31% of P(e) read gaps of 2.8 to 4.6
            // from 100,000 prior runs, silent in 7 calls of 20 whose estimates were 10,000 standard errors low (an
            // adversarial statistician)
            return Optional.of(PriorRuns.toldGap("importance sampling from the prior", prior.logEvidence(),
                    String.format(Locale.ROOT, " (%,d runs, ESS %.0f)", prior.runs(), prior.diagnostics().ess()),
                    "this call's", guided, "", z, "log Z-hat", "and run it again"));
        }
        if (!(z > PriorRuns.Z_LIMIT)) {
            return gaps.named.isEmpty() ? Optional.empty() : Optional.of(String.format(Locale.ROOT, "importance "
                    + "sampling from the prior, which needs no guide, agrees on P(e) (%,d runs, ESS %.0f) but reads %s: "
                    + "the guide draws too seldom where %s posterior weight lies (a tail or region its runs "
                    + "under-weigh, rare and heavy there, which its own diagnostics cannot see), and its estimate "
                    + "leans away from it. Read the prior's estimate, or mix the prior into the guide "
                    + "(Guide.defensive(0.2, guide))", prior.runs(), prior.diagnostics().ess(),
                    String.join("; ", gaps.named), gaps.named.size() == 1 ? "that question's" : "those questions'"));
        }
        Diagnostics d = prior.diagnostics();
        Estimate other = prior.logEvidence();
        double gap = other.value() - guided.value();
        return Optional.of(String.format(Locale.ROOT, "importance sampling from the prior, which needs no guide, "
                + "estimates log P(e) at %.4f +- %.4f (%,d runs, ESS %.0f), %s above this call's "
                + "%.4f +- %.4f: the guide misses about %s of the posterior (a region, or a combination of choices, "
                + "that its runs all but never draw, which no diagnostic of its own runs can see%s), so log Z-hat and "
                + "self-normalised estimates such as P(h | e) leave out that share; the lower bounds stay valid, only "
                + "lower. %s, or use a guide whose proposals read the earlier choices", other.value(),
                other.standardError(), prior.runs(), d.ess(), Double.isInfinite(z) ? "where neither estimate has any "
                        + "spread" : String.format(Locale.ROOT, "%.1f standard errors", z),
                guided.value(), guided.standardError(), PriorRuns.percent(-Math.expm1(-gap)),
                share == 0 ? "" : String.format(Locale.ROOT, "; the mixture's runs that follow the prior, its share "
                        + "%.3g of them, about %,.0f of this call's runs, reach it too seldom to weigh it", share,
                        share * runs),
                share == 0 ? "Mix the prior in (Guide.defensive(0.2, guide))" : "Give the prior a larger share"));
    }

    /**
     * Where the prior's runs are not trusted for an estimate, their lower bound on P(e) still holds whatever their
     * tail ({@link PriorRuns#boundAbove}): the verdict where it lies more than {@link PriorRuns#Z_LIMIT} of the call's
     * standard errors above the call's estimate; empty otherwise.
     */
    private static Optional<String> belowProvenFloor(ImportanceResult<?> prior, Estimate guided, double share) {
        return PriorRuns.belowPriorFloor(prior, guided).map(head -> head + " (a region, or a combination of choices, "
                + "that its runs all but never draw, which no diagnostic of its own runs can see), so log Z-hat and "
                + "self-normalised estimates such as P(h | e) leave out that share; the lower bounds stay valid, only "
                + "lower. " + (share == 0 ? "Mix the prior in (Guide.defensive(0.2, guide))"
                : "Give the prior a larger share") + ", or use a guide whose proposals read the earlier choices");
    }

    /**
     * The fewest runs of a call whose guide subset simulation checks: it costs about as many runs as a call of
     * 100,000 (more for a rarer event), out of proportion to a quick call, as for a search's certification.
     */
    static final long MIN_SUBSET_RUNS = 10_000;

    /**
     * The verdict of subset simulation from the prior ({@link SubsetRoute}) on a call whose evidence the prior's runs
     * meet too seldom to be trusted, for a model that states its evidence with margins: where it reads log P(e) above
     * the guide's by more than {@link PriorRuns#Z_LIMIT} standard errors of the difference (after a route ten times as
     * long where the gap is suspect), the guide misses part of the event. A guide N(1.9, 1) at each of five standard
     * normal choices, for the event |z_1 + ... + z_5| >= 9 of two regions, read log P(e) 104 of its standard errors
     * low, half the event, with every verdict empty; nothing else its runs show can reveal the other region. Empty
     * where the two agree, the model states no margins, or subset simulation gives no estimate.
     */
    private static SubsetCheck bySubsetSimulation(Model<?> model, Estimate guided, long seed) {
        if (!SubsetRoute.statesMargins(model, seed)) {
            return SubsetCheck.NOT_MADE;
        }
        SubsetRoute.Reading reading = SubsetRoute.logEvidence(model, SubsetRoute.SWEEPS, seed);
        Optional<Estimate> route = reading.estimate();
        if (route.isEmpty()) {
            return reading.threw() ? new SubsetCheck(Optional.of(PriorRuns.uncheckedBecauseThrew(reading.whyNone())),
                    true) : SubsetCheck.NOT_MADE;
        }
        Estimate other = route.get();
        if (PriorRuns.suspect(PriorRuns.gap(other, guided))) {
            other = SubsetRoute.logEvidence(model, SubsetRoute.SWEEPS * PriorRuns.EXTENSION, seed).estimate()
                    .orElse(other);
        }
        double z = PriorRuns.gap(other, guided);
        if (!(z > PriorRuns.Z_LIMIT)) {
            return new SubsetCheck(Optional.empty(), true);
        }
        return new SubsetCheck(Optional.of(String.format(Locale.ROOT, "subset simulation from the prior, which needs "
                + "no guide, estimates log P(e) at %.4f +- %.4f, %.1f standard errors above this call's %.4f +- %.4f: "
                + "the guide misses about %s of the event (a region or mode its runs never reach, which no "
                + "diagnostic of its own runs can see), so log Z-hat and self-normalised estimates such as P(h | e) leave out that share; "
                + "the lower bounds stay valid, only lower. Use a guide that covers every region of the event (a "
                + "mixture, or one whose proposals read the earlier choices), or take SubsetSimulation's estimate and "
                + "bound", other.value(), other.standardError(), z, guided.value(), guided.standardError(),
                PriorRuns.percent(-Math.expm1(guided.value() - other.value())))), true);
    }

    /**
     * What subset simulation's check said: its verdict (a gap, or that the model threw under its moves), and whether
     * it was made, so that a check it made, finding nothing, is not said to be unmade because the prior's runs threw.
     */
    private record SubsetCheck(Optional<String> verdict, boolean made) {
        static final SubsetCheck NOT_MADE = new SubsetCheck(Optional.empty(), false);
    }

    /**
     * Standard errors of the difference, either way, above which a question's gap has the prior's runs made again
     * {@link PriorRuns#EXTENSION} times as long: higher than P(e)'s {@link PriorRuns#Z_SUSPECT}, as a call may ask
     * several questions and each would pay for the longer runs 13% of the time at 1.5.
     */
    static final double QUESTION_SUSPECT = 3;

    /** The questions whose gap is named, and whether one is suspect. */
    private record Gaps(List<String> named, boolean suspect) {
        static final Gaps NONE = new Gaps(List.of(), false);
    }

    /**
     * The questions ({@code asked}, the call's own estimates) on which the prior's runs read otherwise by more than
     * {@link PriorRuns#Z_LIMIT} standard errors of the difference, either way, each estimate standing with a standard
     * error of its own. The guide's runs under-weigh a tail that P(e) hardly feels: a guide Beta(20, 30) for a
     * capture probability drew the population sizes of the posterior's upper tail, with the small probabilities that
     * go with them, too seldom, and E[N | e] read 5 to 7 of its standard errors low in 9 calls of 1,000 with every
     * verdict empty, P(e) within 1 to 4 (a new user). None where the two read P(e) apart by more than
     * {@link PriorRuns#Z_LIMIT} ({@code evidenceGap}): that gap is named instead. A hypothesis's gap is named only
     * where it is the guide's ({@link #guidesGap}).
     */
    private static Gaps questions(ImportanceResult<?> prior, ImportanceResult<?> call, Map<String, Estimate> asked,
                                  double evidenceGap) {
        if (evidenceGap > PriorRuns.Z_LIMIT) {
            return Gaps.NONE; // a gap in P(e) is named instead, and covers every question
        }
        Map<String, Estimate> theirs = prior.questionEstimates();
        List<String> named = new ArrayList<>();
        boolean suspect = false;
        for (Map.Entry<String, Estimate> q : asked.entrySet()) {
            Estimate other = theirs.get(q.getKey());
            Estimate mine = q.getValue();
            if (other == null || !Double.isFinite(mine.standardError()) || !Double.isFinite(other.standardError())) {
                continue;
            }
            double z = PriorRuns.gap(other, mine);
            String hypothesis = call.hypothesisNames().contains(mine.label()) && q.getKey().startsWith("P(")
                    ? mine.label() : null;
            if (Math.abs(z) > PriorRuns.Z_LIMIT && (hypothesis == null || guidesGap(prior, call, hypothesis, z))) {
                named.add(String.format(Locale.ROOT, "%s at %.6g +- %.2g, %.1f standard errors of the difference %s "
                        + "this call's %.6g +- %.2g", q.getKey(), other.value(), other.standardError(), Math.abs(z),
                        z > 0 ? "above" : "below", mine.value(), mine.standardError()));
            } else if (Math.abs(z) > QUESTION_SUSPECT) {
                suspect = true;
            }
        }
        return new Gaps(named, suspect);
    }

    /**
     * Standard errors of the difference by which the prior's runs must read P(h, e) or P(not h, e) above the call's
     * for a gap in P(h | e) to be the guide's.
     */
    static final double JOINT_LIMIT = 2;

    /**
     * Whether the prior's runs read P(h | e) otherwise ({@code z} standard errors of the difference, below where
     * negative) because the guide misses mass, not because they do: both read P(h, e) and P(not h, e) without bias,
     * and a shortfall is what a missed region leaves, so the guide misses mass only where the prior's runs read more of
     * one of them, more than {@link #JOINT_LIMIT} standard errors of the difference above the call's: of P(not h, e)
     * where they read P(h | e) below it, of P(h, e) where above. Two faults of prior 0.01 that explain five flips only
     * together hold 7.3% of P(e), and the prior's 10,000 runs, which expect one draw of them, drew none in a third of
     * the calls: they read P(b | e) at 0.0099 against a right guide's 0.082, and the guide was said to draw too seldom
     * where that question's weight lies in 32 calls of 100, though the prior's P(not b, e) agreed with it.
     */
    private static boolean guidesGap(ImportanceResult<?> prior, ImportanceResult<?> call, String hypothesis,
                                     double z) {
        boolean held = z > 0;
        Estimate theirs = prior.logJoint(hypothesis, held);
        Estimate mine = call.logJoint(hypothesis, held);
        if (theirs.value() == Double.NEGATIVE_INFINITY) {
            return false;
        }
        if (mine.value() == Double.NEGATIVE_INFINITY) {
            return true;
        }
        return PriorRuns.gap(theirs, mine) > JOINT_LIMIT;
    }

    /** {@code runs} runs from the prior with some run accepted; null where none is, or where they fail. */
    private static <T> ImportanceResult<T> run(Plan<T> plan, long seed, long runs, PriorRuns.Threw threw) {
        // a question that fails on the prior's runs (a history hypothesis reading a site only the guide's runs make)
        // leaves the check of P(e) to be made without the questions; a model that fails is noted in threw
        ImportanceResult<T> prior = PriorRuns.orNull(() -> PriorRuns.asking(plan, runs, seed ^ SALT), null);
        return prior != null ? prior : PriorRuns.orNull(plan.execution.model(), runs, seed ^ SALT, threw);
    }

    /** Standard errors of the difference by which the prior's runs read log P(e) above the guided call. */
    private static double z(ImportanceResult<?> prior, Estimate guided) {
        return PriorRuns.gap(prior.logEvidence(), guided);
    }


}
