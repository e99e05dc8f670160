package dev.ariadne.inference.rare;

import dev.ariadne.core.Execution;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.UnproposedValues;
import dev.ariadne.inference.UserDistributionCheck;
import dev.ariadne.inference.stats.BettingBound;
import dev.ariadne.inference.stats.Bound;
import dev.ariadne.inference.stats.BoundMethod;
import dev.ariadne.inference.stats.Moments;
import dev.ariadne.inference.stats.WeightStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What subset simulation found: the levels its pilot sweep fixed, and the independent certification sweeps'
 * estimates of P(e), each unbiased and non-negative, which give the evidence estimate and the certified lower
 * bound. Immutable.
 */
public final class SubsetResult {

    private final Sweep.Pilot pilot;
    private final double[] logSweeps;
    private final int particles;
    private final long pilotRuns;
    private final long sweepRuns;
    private final Duration pilotTime;
    private final Duration sweepTime;
    private final double acceptance;
    private final String cut;
    private final WeightStats stats = new WeightStats();
    private final BettingBound betting = new BettingBound(1);
    /**
     * The model (its prior, from which the sweeps start) and the seed, for {@link #rareValue()}; null where the pilot
     * stopped before any sweep ran.
     */
    private Execution<?> start;
    private long seed;
    private Optional<String> rareValue;

    SubsetResult(Sweep.Pilot pilot, double[] logSweeps, int particles, long pilotRuns, long sweepRuns,
                 Duration pilotTime, Duration sweepTime, double acceptance, String cut) {
        this.pilot = pilot;
        this.logSweeps = logSweeps.clone();
        this.particles = particles;
        this.pilotRuns = pilotRuns;
        this.sweepRuns = sweepRuns;
        this.pilotTime = pilotTime;
        this.sweepTime = sweepTime;
        this.acceptance = acceptance;
        this.cut = cut;
        for (double l : logSweeps) {
            stats.add(l);
            betting.add(l);
        }
    }

    /** The levels of the margin the pilot chose and the sweeps used, increasing, the last one 0. */
    public double[] levels() {
        return pilot.levels.clone();
    }

    /** The fraction of the pilot's population at or above each level (the last weighted by the likelihood). */
    public double[] pilotFractions() {
        return pilot.fractions.clone();
    }

    /** The step (sigma of the autoregressive move) fixed at each level below 0. */
    public double[] steps() {
        return pilot.steps.clone();
    }

    /** The pilot's acceptance rate of moves at each level below 0. */
    public double[] pilotAcceptance() {
        return pilot.acceptance.clone();
    }

    /** The certification sweeps' log estimates of P(e), in sweep order ({@code -inf} for a sweep that died out). */
    public double[] sweepLogEstimates() {
        return logSweeps.clone();
    }

    /** The number of certification sweeps. */
    public int sweeps() {
        return logSweeps.length;
    }

    /** The particles per level of each sweep. */
    public int particles() {
        return particles;
    }

    /** Model runs of the pilot (prior draws and moves). */
    public long pilotRuns() {
        return pilotRuns;
    }

    /** Model runs of the certification sweeps. */
    public long sweepRuns() {
        return sweepRuns;
    }

    /** All model runs, pilot and sweeps. */
    public long runs() {
        return pilotRuns + sweepRuns;
    }

    /** The wall-clock time of the pilot. */
    public Duration pilotTime() {
        return pilotTime;
    }

    /** The wall-clock time of the certification sweeps. */
    public Duration sweepTime() {
        return sweepTime;
    }

    /** The acceptance rate of the sweeps' moves (all levels). */
    public double acceptance() {
        return acceptance;
    }

    /** Why the pilot could not climb to the evidence (then there are no sweeps and no bound), if it could not. */
    public Optional<String> failure() {
        return Optional.ofNullable(pilot.stuck);
    }

    /**
     * Why the moves step discrete labels (Categorical, DiscreteUniform or a user's finite prior) in their index
     * order, as they always step counts, if they do: a first pilot that kept or redrew them from their prior could
     * not climb, and names the choice.
     */
    public Optional<String> discreteNote() {
        return Optional.ofNullable(pilot.discreteNote);
    }

    /** That the time budget ran out before every sweep asked for had started, and after how many, if it did. */
    public Optional<String> budgetNote() {
        return Optional.ofNullable(cut);
    }

    /**
     * The pilot's own estimate of log P(e), the sum of the logs of its level fractions: adaptive (it chose its
     * levels from the same particles), so slightly biased; never certified.
     */
    public double pilotLogEstimate() {
        double s = 0;
        for (double f : pilot.fractions) {
            s += Math.log(f);
        }
        return pilot.stuck != null ? Double.NEGATIVE_INFINITY : s;
    }

    /**
     * log of the mean of the sweeps' estimates, an estimate of log P(e), with the delta-method standard error
     * sd / (mean sqrt(K)) of the sweeps' estimates ({@code -inf} when every sweep died out or there were none). The
     * standard error is {@code +inf}, and the label says why, when {@link #rareValue()} names a value the sweeps leave
     * out: their spread cannot show what they never drew (a new user: a fault of prior 1e-6 that meets the evidence
     * by itself read log P(e) -17.848 +- 0.034 against -14.932, in every seed, with the warning only in the summary).
     */
    public Estimate logEvidence() {
        if (stats.count() == 0 || stats.logZHat() == Double.NEGATIVE_INFINITY) {
            String why = stats.count() == 0 ? "no sweep: " + cut : String.format(Locale.ROOT, "every one of the %d "
                    + "sweeps died out (no particle passed some level): no estimate; %s", logSweeps.length,
                    diedOutRemedy());
            return new Estimate(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    failure().map(w -> "no sweep: " + w).orElse(why));
        }
        Estimate drawn = ofSweeps();
        Optional<String> rare = rareValue();
        if (rare.isPresent()) {
            return new Estimate(drawn.value(), Double.POSITIVE_INFINITY, drawn.label() + "; no standard error: the "
                    + "sweeps leave out a rare value that holds more of P(e) than their spread can show ("
                    + rare.get() + ")");
        }
        Optional<String> own = userDistributions();
        if (own.isPresent()) {
            return new Estimate(drawn.value(), Double.POSITIVE_INFINITY, drawn.label() + "; no standard error: "
                    + own.get());
        }
        return drawn;
    }

    /** The mean of the sweeps' estimates with the standard error of their spread, whatever they never drew. */
    private Estimate ofSweeps() {
        return new Estimate(stats.logZHat(), stats.logZHatStandardError(), "log of the mean of " + sweeps()
                + " subset-simulation sweeps" + fewSweeps().map(f -> "; " + f).orElse("")
                + diedOut().map(f -> "; " + f).orElse("") + spread().map(f -> "; " + f).orElse(""));
    }

    /**
     * The certification sweeps that died out: at some level no particle reached the next, so their estimate of P(e)
     * is 0 (a log estimate of {@code -inf} in {@link #sweepLogEstimates()}).
     */
    public int deadSweeps() {
        int dead = 0;
        for (double l : logSweeps) {
            dead += l == Double.NEGATIVE_INFINITY ? 1 : 0;
        }
        return dead;
    }

    /**
     * That some or all certification sweeps died out, if so. With the pilot's level fractions (about one in
     * ten) and hundreds of particles a level, a level that no particle passes is all but impossible where the levels
     * fit every sweep; a sweep that dies shows that the sweeps' estimates are a lottery, mostly 0 or far below
     * P(e) and now and then large, so the mean of those drawn is low more often than not, and the standard error
     * from their spread reads too small exactly then (an outside statistician: a Geometric number of normals summing
     * past 18, 40 sweeps of which 39 died, read log P(e) -27.6 +- 1.0 against -16.07 with nothing said). Every sweep
     * dead leaves no estimate ({@link #logEvidence()} is {@code -inf}, its label says why, and this says so too); no
     * sweep dead, nothing.
     */
    public Optional<String> diedOut() {
        int dead = deadSweeps();
        int k = logSweeps.length;
        if (dead == 0) {
            return Optional.empty();
        }
        if (dead == k) {
            // said here too, so that a caller who reads diedOut() or the summary's warnings, not the label, is told
            return Optional.of(String.format(Locale.ROOT, "every one of the %d sweeps died out (no particle passed "
                    + "some level): no estimate of P(e), and a lower bound of 0; %s", k, diedOutRemedy()));
        }
        return Optional.of(String.format(Locale.ROOT, "%d of %d sweeps died out (no particle passed some level: an "
                + "estimate of 0), so a sweep finds the evidence only some of the time and the mean rests on the %d "
                + "that did: it is low more often than not, and its standard error reads too small when it is low (the "
                + "bound stays valid); %s", dead, k, k - dead, diedOutRemedy()));
    }

    /**
     * What to do about sweeps that died out: where the pilot stopped at {@code maxLevels} and jumped to the evidence
     * in one level, raise it (more particles, as it said before, could not help a level that 1e-9 of them pass; an
     * adversarial tester); otherwise more particles a level, or a guide.
     */
    private String diedOutRemedy() {
        return pilot.note != null && pilot.note.contains("maxLevels(")
                ? String.format(Locale.ROOT, "raise maxLevels (%d now): the pilot stopped there and its last level "
                + "jumps to the evidence, which too few particles pass", pilot.levels.length)
                : String.format(Locale.ROOT, "use more particles a level (%d now), or a guide (Importance, "
                + "GuideSearch)", particles);
    }

    /** The spread of the sweeps' log estimates above which their mean's standard error is not read at its word. */
    static final double WIDE_SPREAD = 1;

    /**
     * That the sweeps' log estimates vary with a standard deviation above {@link #WIDE_SPREAD}, if they do. A sweep's
     * estimate is a product of many level fractions, each a little noisy, so its log varies more with more levels;
     * the mean of such skewed values is carried by a few large ones, which a call often does not draw, and the
     * standard error from the spread of those it drew reads too small exactly when the estimate is low (a
     * statistician: P(Poisson(3) >= 80) over 72 to 75 levels, 500 particles, 100 sweeps, sd 3.1: 25 of 100 estimates
     * more than 3 standard errors below the truth, none above, with no note). SMC says the same of its sweeps.
     */
    public Optional<String> spread() {
        Moments m = new Moments();
        for (double l : logSweeps) {
            if (l > Double.NEGATIVE_INFINITY) {
                m.add(l);
            }
        }
        if (m.count() < 2) {
            return Optional.empty();
        }
        double sd = Math.sqrt(m.variance());
        if (!(sd > WIDE_SPREAD && sd < Double.POSITIVE_INFINITY)) {
            return Optional.empty();
        }
        String over = m.count() < logSweeps.length
                ? String.format(Locale.ROOT, " (over the %d sweeps that did not die out)", (long) m.count()) : "";
        return Optional.of(String.format(Locale.ROOT, "the sweeps' log estimates vary with sd %.2f%s: their mean is "
                + "carried by a few large ones, which a call often does not draw, so its standard error reads too small "
                + "when the estimate is low (the bound stays valid); use more particles a level (%d now), which "
                + "steadies each level's fraction, or, where the model observes sharply inside the event (its "
                + "likelihood a weight on the particles, not a level they climb), state that region in the margin",
                sd, over, particles));
    }

    /** The fewest sweeps whose spread gives a standard error to read at its word. */
    static final int FEW_SWEEPS = 20;

    /**
     * That the standard error rests on fewer than {@link #FEW_SWEEPS} sweeps, if it does. A sweep's estimate is a
     * product of level fractions, skewed to the right, and the mean of a few misses the rare large ones more often
     * than not; their spread is then small too, so the error reads small exactly when the estimate is low (an outside
     * statistician: with 10 sweeps, 14 of about 1,000 replicates over nine models fell more than 4 standard errors
     * below the truth, and none as far above).
     */
    public Optional<String> fewSweeps() {
        int k = logSweeps.length;
        if (k >= FEW_SWEEPS || k == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "only %d sweep%s: the standard error rests on %d value%s of a "
                + "skewed estimate and reads too small when the estimate is low; use at least %d sweeps", k,
                k == 1 ? "" : "s", k, k == 1 ? "" : "s", FEW_SWEEPS));
    }

    /**
     * The certified lower bound on P(e) at error probability delta: the betting confidence sequence on the sweeps'
     * estimates, which are independent, non-negative and of mean P(e) (the levels were fixed by the pilot before
     * any of them ran), so {@code P(P(e) < L) <= delta}. With K sweeps it cannot exceed delta^(1/K) times their
     * mean.
     */
    public Bound lowerBound(double delta) {
        dev.ariadne.inference.Delta.check(delta);
        if (logSweeps.length == 0) {
            return new Bound(Double.NEGATIVE_INFINITY, delta, BoundMethod.BETTING, 0, "no sweep ran: "
                    + (pilot.stuck != null ? pilot.stuck : cut));
        }
        Bound b = betting.lowerBound(delta);
        return new Bound(b.logValue(), delta, BoundMethod.BETTING, logSweeps.length, String.format(Locale.ROOT,
                "lower bound, betting confidence sequence on %d independent subset-simulation sweeps with the "
                        + "pilot's %d levels fixed; with K sweeps it cannot exceed delta^(1/K) = %.3g times their "
                        + "mean%s", logSweeps.length, pilot.levels.length, Math.pow(delta, 1.0 / logSweeps.length),
                userDistributions().map(v -> "; not a bound of P(e): " + v).orElse("")));
    }

    /** What subset simulation's user can do about a value its moves keep as rare as the prior makes it. */
    private static final String REMEDY = "subset simulation's moves keep that value about as rare as its prior makes "
            + "it, so no level climbs to it; estimate P(e) with Importance and a guide that proposes that value more "
            + "often (Guide.at on its site)";

    /**
     * Whether the level moves step a choice of this prior through its coordinates (a count always, a label when the
     * pilot chose to, as a level move does): its values far in the tail are climbed to through their neighbours,
     * not drawn from the prior, so they are not the rare values {@link #rareValue()} looks for.
     */
    private boolean stepped(Dist prior) {
        return (pilot.stepLabels || DiscreteCoordinates.isCount(prior)) && DiscreteCoordinates.of(prior) != null;
    }

    /** Sets the model the sweeps ran, and the seed, for {@link #rareValue()}. */
    synchronized SubsetResult startingFrom(Execution<?> execution, long seed) {
        this.start = execution;
        this.seed = seed;
        return this;
    }

    private Optional<String> userDistributions;

    /**
     * That a distribution of the user's own, met in the model's first runs, draws values whose mean or variance
     * disagree with the ones it declares ({@link UserDistributionCheck}): the levels' moves weigh each draw by the
     * density, so every estimate and bound is wrong, and no spread of the sweeps can show it (an outside
     * statistician's sampler of sd 1.5 beside a density of sd 1 read log P(x >= 3) -4.45 +- 0.05 against -6.61, its
     * lower bound 2 nats above the truth in 30 seeds of 30, with no note). Then {@link #logEvidence()} has no standard
     * error. Empty when there is none, or the pilot stopped.
     */
    public synchronized Optional<String> userDistributions() {
        if (userDistributions == null) {
            userDistributions = start == null || pilot.stuck != null ? Optional.empty()
                    : UserDistributionCheck.verdict(start, seed);
        }
        return userDistributions;
    }

    /**
     * A discrete value the sweeps' prior runs almost never draw that holds at least 5% of the estimate of P(e) when
     * forced, or more of it than two standard errors, by importance sampling's check ({@link UnproposedValues}): the
     * levels climb the margin with moves that keep a discrete choice's rare value as rare as its prior makes it, so a
     * fault of probability 1e-6 that meets the evidence by itself can hold most of P(e) and never appear (an
     * adversarial tester: 1.5 nats low, no note). The value's expected draws are counted over the sweeps' first
     * levels, the runs drawn from the prior ({@link #particles()} a sweep): counted over every run, as before, a
     * branch of prior 1e-5 holding 14% of P(e) expected 10 draws in a call of 200 sweeps, was never forced, and left
     * log Z-hat 4.4 and 6.8 standard errors low in two seeds of 20 with no note. Empty when there is none, or no
     * sweep ran.
     */
    public synchronized Optional<String> rareValue() {
        if (rareValue == null) {
            rareValue = start == null || logSweeps.length == 0 || pilot.stuck != null ? Optional.empty()
                    : UnproposedValues.verdict(start, seed, (long) particles * logSweeps.length,
                            ofSweeps().value(), ofSweeps().standardError(), REMEDY, this::stepped);
        }
        return rareValue;
    }

    /**
     * Every problem the call found, one sentence each, in one list as importance sampling's {@code
     * diagnostics().verdicts()} gives them: why the pilot could not climb ({@link #failure()}), then {@link
     * #fewSweeps()}, {@link #diedOut()}, {@link #spread()}, {@link #rareValue()} and {@link #userDistributions()}.
     * Empty when none is seen, which, as for importance sampling, says nothing of a region the levels' moves never
     * reach. A new user had to gather these from five methods the README names in passing.
     */
    public List<String> verdicts() {
        List<String> out = new ArrayList<>();
        if (pilot.stuck != null) {
            out.add(pilot.stuck);
            return List.copyOf(out);
        }
        fewSweeps().ifPresent(out::add);
        diedOut().ifPresent(out::add);
        spread().ifPresent(out::add);
        rareValue().ifPresent(out::add);
        userDistributions().ifPresent(out::add);
        return List.copyOf(out);
    }

    /** A few lines: levels, runs, times, the estimate and the bound at delta 0.01. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (pilot.stuck != null) {
            sb.append("subset simulation stopped in its pilot: ").append(pilot.stuck);
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "subset simulation: %d levels, %d particles, %d sweeps; %,d runs "
                        + "(pilot %,d), %.2f s (pilot %.2f s); move acceptance %.3f%n", pilot.levels.length,
                particles, sweeps(), runs(), pilotRuns, (pilotTime.toNanos() + sweepTime.toNanos()) / 1e9,
                pilotTime.toNanos() / 1e9, acceptance));
        if (pilot.note != null) {
            sb.append("  ").append(pilot.note).append(System.lineSeparator());
        }
        if (pilot.discreteNote != null) {
            sb.append("  ").append(pilot.discreteNote).append(System.lineSeparator());
        }
        if (cut != null) {
            sb.append("  ").append(cut).append(System.lineSeparator());
        }
        sb.append("  log P(e) ").append(logEvidence()).append(String.format(Locale.ROOT,
                "; pilot (adaptive) %.4f%n", pilotLogEstimate()));
        Bound b = lowerBound(0.01);
        sb.append(String.format(Locale.ROOT, "  P(e) >= %s with confidence 0.99", b.text(4)));
        verdicts().forEach(v -> sb.append(System.lineSeparator()).append("  warning: ").append(v));
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
