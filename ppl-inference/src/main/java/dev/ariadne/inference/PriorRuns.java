package dev.ariadne.inference;

import dev.ariadne.core.Model;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.stats.Bound;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Importance sampling from the prior as a second route to P(e), set beside a guide's estimate: a guided call's
 * diagnostics ({@code PriorCrossCheck}) and a search's certification both read it, by the same rules. It needs no
 * guide, so it reaches what a guide never draws, at the prior's rate; it is trusted only where its own diagnostics
 * trust its weights (the tail judged fine, an ESS of at least {@link #MIN_ESS}).
 */
public final class PriorRuns {

    /** Why runs from the prior of which none met the evidence are not to be trusted. */
    public static final String NONE_MET = "none of its runs met the evidence";
    /** The least ESS of the prior's runs for their estimate to stand beside a guide's. */
    public static final double MIN_ESS = 100;
    /** Standard errors of the difference beyond which the guide is said to miss part of the posterior (or event). */
    public static final double Z_LIMIT = 5;
    /**
     * Standard errors of the difference above which a gap is suspect though not named, and the second route is made
     * again {@link #EXTENSION} times as long before it is judged. From the prior, the noisy-OR's 16% read 5.2 to 5.9
     * standard errors from 20,000 runs, whose own standard error was most of the difference, and a call that misses
     * nothing reads above it about 7% of the time, and pays for the longer runs then; by subset simulation, 40 sweeps
     * read log P(e) to about 0.07 nats, so at 5 of those standard errors a region holding up to 30% of P(e) could not
     * show (an adversarial tester: a region of 17% missed, the certified log P(e) 28 of its standard errors low,
     * silent in 196 seeds of 200).
     */
    public static final double Z_SUSPECT = 1.5;
    /**
     * Standard errors of the difference, after the longer route, at which a suspect gap is told among the verdicts
     * though not named as a missed region: a gap that far above the guide's estimate arises by chance in about one
     * check in 700 of a guide that misses nothing (were the difference normal). Below it the gap was said only in the
     * region check, which is not a verdict, and a searched guide that missed a mode of 1% of P(e), its certified log
     * P(e) 14 to 25 standard errors low, read gaps of 3.1 to 4.8 with no verdict (an outside statistician). Measured
     * in the guide's whole standard error, even where it is not trusted.
     */
    public static final double Z_TOLD = 3;
    /** How many times the second route's runs (or sweeps) are multiplied where a gap is suspect. */
    public static final int EXTENSION = 10;

    private PriorRuns() {
    }

    /**
     * {@code runs} runs of {@code model} from its prior with {@code seed}, keeping nothing but the estimates and
     * their diagnostics (no kept runs, no per-site breakdown).
     */
    public static <T> ImportanceResult<T> of(Model<T> model, long runs, long seed) {
        return Importance.of(model).samples(runs).seed(seed).keep(0).siteBreakdownRuns(0).run();
    }

    /** As {@link #of(Model, long, long)}, asking the questions (hypotheses, expectations) of {@code plan} too. */
    static <T> ImportanceResult<T> asking(Plan<T> plan, long runs, long seed) {
        return Importance.of(plan.execution.model()).askingAs(plan).samples(runs).seed(seed).keep(0)
                .siteBreakdownRuns(0).run();
    }

    /**
     * Runs from the prior to set beside a guided estimate {@code guided}, by the rule every such check follows: first
     * {@code runs} of them, made by {@code make}; then {@code longer} in their place where the first carry an ESS of
     * {@link #MIN_ESS} but their tail is not yet judged fine, or where they are trusted ({@link #trusted}) and read
     * above {@code guided} by a suspect gap ({@link #suspect}), the longer kept then only if trusted (a gap the
     * shorter found suspect is never named from them). Where they carry less than {@link #MIN_ESS}, but an ESS that
     * {@code longer} would scale to it, and read above {@code guided} at all, they are first made as long as that ESS
     * needs, and judged so. {@code make} gives null where no run met the evidence or the
     * runs failed; so does this.
     *
     * @param guided the guided estimate of log P(e), with a finite standard error
     * @param runs   the runs to make first
     * @param longer the runs to make where the first do not settle the question ({@code >= runs})
     * @param make   makes that many runs from the prior, or null
     */
    public static <T> ImportanceResult<T> beside(Estimate guided, long runs, long longer,
                                                 LongFunction<ImportanceResult<T>> make) {
        ImportanceResult<T> prior = make.apply(runs);
        if (prior == null || longer <= runs) {
            return prior;
        }
        if (!trusted(prior)) {
            if (prior.diagnostics().ess() >= MIN_ESS) {
                return make.apply(longer);
            }
            // Too few effective runs to stand beside the guide's, but enough that the longer runs would carry
            // MIN_ESS: made longer where they read above the guide by a suspect gap. A one-mode guide missing a mode
            // of 31% of P(e) was named only where the first 10,000 prior runs happened to carry an ESS of 100, and
            // silent in 3 calls of 20 whose estimates were 3,000 standard errors low (an adversarial statistician).
            // A first 10,000 of ESS 59 read 1.2 standard errors above the guide: such runs mostly read low, so a gap
            // above the guide at all is suspect, and they are made as long as an ESS of MIN_ESS needs, with a margin.
            double ess = prior.diagnostics().ess();
            if (!(ess * longer / runs >= MIN_ESS && gap(prior.logEvidence(), guided) > 0)) {
                return prior;
            }
            ImportanceResult<T> more = make.apply((long) Math.min(longer, runs * Math.ceil(1.25 * MIN_ESS / ess)));
            if (more == null || !trusted(more)) {
                return more != null ? more : prior;
            }
            prior = more; // trusted now: judged by the rule below
        }
        if (prior.runs() < longer && suspect(gap(prior.logEvidence(), guided))) {
            ImportanceResult<T> more = make.apply(longer);
            if (more != null && trusted(more)) {
                return more;
            }
        }
        return prior;
    }

    /**
     * {@code runs} runs of {@code model} from its prior, as {@link #of(Model, long, long)} makes them; null where none
     * met the evidence or the model threw on them (a region the guide's runs never reached), the error then noted in
     * {@code threw} (null: not noted), so that the check they serve says it could not be made
     * ({@link #uncheckedBecauseThrew}). A cancelled call still stops.
     */
    public static <T> ImportanceResult<T> orNull(Model<T> model, long runs, long seed, Threw threw) {
        return orNull(() -> of(model, runs, seed), threw);
    }

    /** The runs {@code made}, or null where none met the evidence or they throw (noted in {@code threw}, if given). */
    static <T> ImportanceResult<T> orNull(Supplier<ImportanceResult<T>> made, Threw threw) {
        ImportanceResult<T> runs;
        try {
            runs = made.get();
        } catch (RunCancelledException cancelled) {
            throw cancelled;
        } catch (RuntimeException cannot) {
            if (threw != null) {
                threw.note(cannot);
            }
            return null;
        }
        return runs.acceptedRuns() == 0 ? null : runs;
    }

    /** The first error a second route's runs threw, if any: a check that could not be made says why. */
    public static final class Threw {
        private String first;

        /** Notes {@code e}, unless an error was noted before. */
        public void note(RuntimeException e) {
            if (first == null) {
                first = String.valueOf(e.getMessage());
            }
        }

        /** The first error's message, or empty. */
        public Optional<String> first() {
            return Optional.ofNullable(first);
        }
    }

    /**
     * The verdict of a check from the prior that could not be made because the model threw on the prior's runs
     * ({@code error}, the first such error): the check was dropped without a word, and a guide on one of two modes,
     * of a model that throws only where the posterior has no mass (x > 6 under a prior that reaches there in 0.3% of
     * runs), read log P(e) 39 to 46 standard errors low with every verdict empty in 100 calls of 100 (a false-alarm
     * hunt; before, the diagnostics threw that error).
     */
    public static String uncheckedBecauseThrew(String error) {
        return "no check for a region the guide never draws could be made: the model threw on runs from the prior, "
                + "the second route that needs no guide (" + error + "), so nothing stands beside the guide's own "
                + "runs, and a guide that misses a region reads P(e) low with nothing else said; where the model "
                + "throws only where the posterior has no mass, give those runs weight 0 instead "
                + "(p.condition(name, false)), and the check is made";
    }

    /**
     * Whether the prior's runs are to be trusted beside a guide's estimate: their diagnostics trust them
     * ({@link #untrustedBecause(ImportanceResult)} is empty) and their estimate of log P(e) has a finite standard error.
     */
    /**
     * Whether the prior's runs {@code prior}, not trusted, would reach the ESS that trusting them needs with
     * {@code factor} times as many runs: some run met the evidence, and ESS x factor passes both {@link #MIN_ESS} and
     * the ESS a tail of ties needs ({@link Diagnostics#DISCRETE_TAIL_ESS}). A noisy-OR network's 20,000 prior runs read
     * ESS 637 of its 16 paths' tied weights (k-hat 0.26): not trusted, where 100,000 read ESS 3,157 and were.
     */
    public static boolean essShortBy(ImportanceResult<?> prior, int factor) {
        return prior.acceptedRuns() > 0 && !trusted(prior)
                && prior.diagnostics().ess() * factor >= Math.max(MIN_ESS, Diagnostics.DISCRETE_TAIL_ESS);
    }

    public static boolean trusted(ImportanceResult<?> prior) {
        return untrustedBecause(prior).isEmpty() && Double.isFinite(prior.logEvidence().standardError());
    }

    /**
     * Why the prior's runs {@code prior} are not to be trusted beside a guide's estimate: no run met the evidence,
     * their tail is not judged fine, or their ESS is under {@link #MIN_ESS}; empty where they are trusted.
     */
    public static Optional<String> untrustedBecause(ImportanceResult<?> prior) {
        if (prior.acceptedRuns() == 0) {
            return untrustedBecause(false, false, Double.NaN, 0);
        }
        Diagnostics d = prior.diagnostics();
        return untrustedBecause(true, d.tailOk(), d.paretoK(), d.ess());
    }

    /**
     * {@link #untrustedBecause(ImportanceResult)} from its figures: whether some run met the evidence, whether the
     * weights' tail is judged fine ({@link Diagnostics#tailOk()}), their k-hat and their ESS.
     */
    static Optional<String> untrustedBecause(boolean anyAccepted, boolean tailOk, double paretoK, double ess) {
        if (!anyAccepted) {
            return Optional.of(NONE_MET);
        }
        if (!tailOk) {
            return Optional.of(String.format(Locale.ROOT, "its diagnostics do not trust its weights' tail: Pareto "
                    + "k-hat %.2f, ESS %.1f", paretoK, ess));
        }
        return ess >= MIN_ESS ? Optional.empty() : Optional.of(String.format(Locale.ROOT, "its ESS is %.1f, "
                + "below %.0f", ess, MIN_ESS));
    }

    /**
     * Standard errors of the difference by which {@code other} reads log P(e) above {@code guided}: 0 where the two
     * are equal (both exact, for a model without latent choices: 0 / 0 read as "NaN standard errors" once, an
     * adversarial tester), infinite where they differ and neither has any spread.
     */
    public static double gap(Estimate other, Estimate guided) {
        double d = other.value() - guided.value();
        return d == 0 ? 0 : d / Math.hypot(guided.standardError(), other.standardError());
    }

    /**
     * The error probability of a second route's lower bound on P(e) where the route's estimate is not trusted
     * ({@link #boundAbove}): a bound holds at its confidence whatever the weights' tail, so a route whose estimate
     * cannot stand beside the guide's still proves that much of P(e).
     */
    public static final double BOUND_DELTA = 1e-6;

    /**
     * Standard errors of {@code guided} by which a second route's lower bound on P(e), {@code routeBound}, lies above
     * the guide's estimate; 0 where it does not lie above. The bound holds with probability at least 1 - its delta
     * for any proposal and any tail, so where this passes {@link #Z_LIMIT} the guide's estimate is that far below a
     * proven floor on P(e): it leaves out at least {@link #missedAtLeast} of it. A rare branch the prior's runs reach
     * too seldom for their estimate to be trusted (a pedigree's carriers, prior 3e-5 of the runs; ESS 11 of 100,000)
     * still lifts their bound 2 nats above a searched guide that never proposes it (a new user: the guide's log
     * P(e) 100 of its standard errors low, "nothing looks wrong" in 5 of 10 calls).
     */
    public static double boundAbove(Bound routeBound, Estimate guided) {
        double d = routeBound.logValue() - guided.value();
        if (!(d > 0)) {
            return 0;
        }
        return guided.standardError() > 0 ? d / guided.standardError() : Double.POSITIVE_INFINITY;
    }

    /**
     * Whether untrusted prior runs {@code prior}, whose bound did not name {@code guided}, are made {@link #EXTENSION}
     * times as long before their bound is read again: where their estimate, untrusted as it is, reads above the
     * guide's by a suspect gap ({@link #Z_SUSPECT} standard errors of the difference). A one-mode guide missing 82%
     * of P(e) was named from 20,000 prior runs in 16 calls of 30 and from 200,000 in 10 of 10 (a false-alarm hunt).
     */
    public static boolean floorSuspect(ImportanceResult<?> prior, Estimate guided) {
        return prior.acceptedRuns() > 0 && gap(prior.logEvidence(), guided) > Z_SUSPECT;
    }

    /** The least share of P(e) that a guide whose estimate lies below a route's proven {@code routeBound} misses. */
    public static double missedAtLeast(Bound routeBound, Estimate guided) {
        return -Math.expm1(guided.value() - routeBound.logValue());
    }

    /**
     * What a verdict says of a route's bound above the guide's estimate, where it lies more than {@link #Z_LIMIT} of
     * {@code guided}'s standard errors above it: {@code route}, not trusted for an estimate ({@code whyUntrusted}),
     * proves P(e) >= the bound at its confidence, so many standard errors above {@code guided}, and the share the
     * guide misses at least. Empty where the bound does not lie that far above.
     */
    public static Optional<String> belowFloor(String route, String whyUntrusted, Bound routeBound, Estimate guided) {
        double above = boundAbove(routeBound, guided);
        if (!(above > Z_LIMIT)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s, which needs no guide, gives no estimate to trust here (%s), "
                + "but its runs prove P(e) >= %s (log %s) with confidence %s whatever their tail, %s of this "
                + "estimate's standard errors above its log P(e) of %.4f +- %.4f: the guide misses at least %s of the "
                + "posterior", route, whyUntrusted, routeBound.text(4), routeBound.logText(),
                "1 - " + String.format(Locale.ROOT, "%.0e", routeBound.delta()),
                Double.isInfinite(above) ? "infinitely many" : String.format(Locale.ROOT, "%.1f", above),
                guided.value(), guided.standardError(), percent(missedAtLeast(routeBound, guided))));
    }

    /**
     * {@link #belowFloor} for runs from the prior {@code prior} that are not trusted for an estimate: their bound at
     * {@link #BOUND_DELTA} beside {@code guided}.
     */
    public static Optional<String> belowPriorFloor(ImportanceResult<?> prior, Estimate guided) {
        return belowFloor(String.format(Locale.ROOT, "importance sampling from the prior (%,d runs)", prior.runs()),
                untrustedBecause(prior).orElse("its standard error is undefined"), prior.lowerBound(BOUND_DELTA),
                guided);
    }

    /**
     * {@code prior}, or in its place {@code longer} runs made by {@code make}, where {@code prior} is not trusted,
     * is shorter, reads above {@code guided} by a suspect gap ({@link #floorSuspect}) and its bound names nothing:
     * the longer runs are kept where some of them met the evidence.
     */
    public static <T> ImportanceResult<T> longerForFloor(ImportanceResult<T> prior, Estimate guided, long longer,
                                                         LongFunction<ImportanceResult<T>> make) {
        if (prior == null || trusted(prior) || prior.runs() >= longer || !floorSuspect(prior, guided)
                || belowPriorFloor(prior, guided).isPresent()) {
            return prior;
        }
        ImportanceResult<T> more = make.apply(longer);
        return more != null && more.acceptedRuns() > 0 ? more : prior;
    }

    /**
     * The verdict that tells a gap of {@link #Z_TOLD} to {@link #Z_LIMIT} standard errors of the difference, short of
     * naming a missed region, as a search's certification and importance sampling's check from the prior both say it.
     *
     * @param route      the second route, as "importance sampling from the prior"
     * @param other      its estimate of log P(e)
     * @param otherNote  what follows that estimate (its runs and ESS), or ""
     * @param guidedName whose estimate it is set beside ("the guide's", "this call's")
     * @param guided     that estimate of log P(e)
     * @param guidedNote what follows it, or ""
     * @param z          the gap in standard errors of the difference
     * @param leftOutBy  what leaves out the region's share ("log Z-hat")
     * @param then       what to do after mixing the prior into the guide ("and run it again")
     */
    public static String toldGap(String route, Estimate other, String otherNote, String guidedName, Estimate guided,
                                 String guidedNote, double z, String leftOutBy, String then) {
        return String.format(Locale.ROOT, "a region the guide never reaches may hold part of P(e): %s, which needs no "
                + "guide, estimates log P(e) at %.4f +- %.4f%s, %.1f standard errors of the difference above %s %.4f "
                + "+- %.4f%s, short of the %.0f that name a missed region, but a gap of %.0f or more arises by chance "
                + "in about one check in 700 of a guide that misses nothing; such a region would hold about %s of "
                + "P(e), which %s, its standard error and P(h | e) leave out (the bounds stay valid): mix the prior "
                + "into the guide (Guide.defensive(0.2, guide)) %s", route, other.value(), other.standardError(),
                otherNote, z, guidedName, guided.value(), guided.standardError(), guidedNote, Z_LIMIT, Z_TOLD,
                percent(-Math.expm1(guided.value() - other.value())), leftOutBy, then);
    }

    /** Whether a gap of {@code z} standard errors is suspect but not named: the route is then made longer. */
    public static boolean suspect(double z) {
        return z > Z_SUSPECT && !(z > Z_LIMIT);
    }

    /** A share of P(e) as a verdict prints it: "17%" from a tenth up, "4.9%" or "0.012%" below. */
    public static String percent(double share) {
        return share >= 0.1 ? String.format(Locale.ROOT, "%.0f%%", 100 * share)
                : String.format(Locale.ROOT, "%.2g%%", 100 * share);
    }
}
