package dev.ariadne.inference.smc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.inference.mcmc.Kernel;
import dev.ariadne.inference.mcmc.Kernels;
import dev.ariadne.inference.run.RunCancelledException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Annealed SMC (an SMC sampler over tempered posteriors, Del Moral, Doucet and Jasra 2006) for any model:
 * particles start as runs of the guide (or the prior), weighted p(x) / q(x), and move through the targets
 * pi_beta(x) = p(x) p(e | x)^beta for 0 < beta_1 < ... < beta_J = 1, reweighted by p(e | x)^(beta_j - beta_(j-1))
 * at each temperature, resampled when the ESS falls below the threshold and rejuvenated by MCMC moves that leave
 * pi_beta invariant ({@link dev.ariadne.inference.mcmc}'s kernels). Immutable: each setter returns a new
 * configuration. Made by {@link Smc#annealed}.
 *
 * <pre>{@code
 * SmcResult<double[]> a = Smc.annealed(model).particles(1_000).sweeps(30).seed(3).run();  // a pilot fixes the schedule
 * a.lowerBound(0.01);             // the sweeps' Z-hats as runs: certified P(e) >= L at 99%
 * }</pre>
 *
 * <p><b>What is tempered.</b> Only the log likelihood of observations and factors. Hard conditions are not: a run
 * that breaks a condition has weight 0 at every temperature (its starting weight is 0 and the moves never reach
 * it), so the particles start from the prior (or guide) restricted to the conditions. For a rare condition most
 * starting runs have weight 0 and annealing does not help: that is the rare-evidence problem (levels, splitting),
 * not one of tempering.
 *
 * <p><b>Why the schedule is frozen.</b> A sweep's Z-hat, the product over temperatures of the weighted mean
 * incremental weight (times the mean starting weight), is unbiased for P(e) when the temperatures and the moves are
 * fixed before the sweep, for any invariant moves (STATISTICS.md, "Sequential Monte Carlo and annealing"). Choosing
 * the next temperature so that the conditional ESS hits a target, or a random walk's step from the particles' spread,
 * makes them depend on the sweep's own particles, and Z-hat slightly biased. So {@link #run()} first runs a pilot
 * sweep on streams no certifying sweep uses, which chooses each temperature adaptively (conditional ESS =
 * {@link #adaptiveCess} N) and each temperature's random-walk steps from the particle cloud ({@link Schedule}); the
 * certifying sweeps then use that schedule unchanged, so each is an SMC sampler with fixed parameters and its Z-hat
 * is unbiased, independently of the others given the pilot. Resampling when the ESS falls below a threshold needs
 * no freezing: ESS-triggered resampling keeps Z-hat unbiased (Whiteley, Lee and Heine), which is why it stays
 * adaptive. One particle and no resampling ({@code particles(1).resampleBelow(0)}) is annealed importance sampling
 * (Neal 2001): each sweep's weight is unbiased.
 *
 * <p><b>Cost.</b> Each temperature moves every particle by {@link #moves} sweeps of the kernel, each step a re-run
 * of the model. A sweep is as many kernel steps as the particles have latent sites on average (the pilot's mean at
 * that temperature, rounded up; {@link Schedule#latentSites}), the same for every particle: a particle's own count
 * would not leave the target invariant when runs differ in their choices.
 *
 * @param <T> the model's return type
 */
public final class AnnealedSmc<T> extends SmcBuilder<T, AnnealedSmc<T>> {

    private final Model<T> model;
    private final Guide guide;
    private final Kernel kernel;
    private final int moves;
    private final double cess;
    private final Schedule schedule;

    private AnnealedSmc(Model<T> model, Guide guide, SmcSettings<T> settings, Kernel kernel, int moves, double cess,
                        Schedule schedule) {
        super(settings);
        this.model = model;
        this.guide = guide;
        this.kernel = kernel;
        this.moves = moves;
        this.cess = cess;
        this.schedule = schedule;
    }

    /** The pilot's conditional ESS target, as a fraction of N, unless {@link #adaptiveCess} sets another. */
    static final double DEFAULT_CESS = 0.9;

    static <T> AnnealedSmc<T> of(Model<T> model) {
        return new AnnealedSmc<>(Objects.requireNonNull(model, "model"), null, SmcSettings.defaults(),
                Kernels.singleSite().fixedStep(1.0), 1, DEFAULT_CESS, null);
    }

    @Override
    AnnealedSmc<T> with(SmcSettings<T> s) {
        return new AnnealedSmc<>(model, guide, s, kernel, moves, cess, schedule);
    }

    /** The starting proposal (default: the prior); the starting weights are p(x) / q(x). */
    public AnnealedSmc<T> guide(Guide g) {
        return new AnnealedSmc<>(model, Objects.requireNonNull(g, "guide"), settings, kernel, moves, cess, schedule);
    }

    /**
     * The rejuvenation kernel (default: single-site MH, a random walk for real sites with the steps the pilot
     * chooses, the prior for the others). A {@code SingleSiteKernel} gets the pilot's steps; any other kernel is
     * used as given, so it must not adapt (give random walks a fixed step).
     */
    public AnnealedSmc<T> kernel(Kernel k) {
        return new AnnealedSmc<>(model, guide, settings, Objects.requireNonNull(k, "kernel"), moves, cess, schedule);
    }

    /**
     * Sweeps of the kernel per particle and temperature (default 1): more sweeps mix better between temperatures
     * (each sweep is {@link Schedule#latentSites} kernel steps).
     */
    public AnnealedSmc<T> moves(int sweepsPerTemperature) {
        if (sweepsPerTemperature < 1) {
            throw new IllegalArgumentException("moves must be >= 1, got " + sweepsPerTemperature);
        }
        return new AnnealedSmc<>(model, guide, settings, kernel, sweepsPerTemperature, cess, schedule);
    }

    /**
     * The pilot's rule for the next temperature: the largest step whose reweighting keeps the conditional ESS at
     * least this fraction of N (default 0.9; more temperatures, lower variance).
     */
    public AnnealedSmc<T> adaptiveCess(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the conditional ESS target must be in (0, 1), got " + fraction);
        }
        return new AnnealedSmc<>(model, guide, settings, kernel, moves, fraction, schedule);
    }

    /** A schedule to use instead of a pilot's (for example one a pilot chose before, or {@link Schedule#fixed}). */
    public AnnealedSmc<T> schedule(Schedule s) {
        return new AnnealedSmc<>(model, guide, settings, kernel, moves, cess, Objects.requireNonNull(s, "schedule"));
    }

    /**
     * Runs the pilot sweep alone and returns the schedule it chooses (the one {@link #run()} would freeze).
     *
     * @throws SmcException if the model throws in the pilot
     * @throws RunCancelledException when the calling thread is interrupted
     */
    public Schedule pilot() {
        return new AnnealedSweep<>(this).pilot(-1, cess);
    }

    /**
     * Runs the pilot (unless a schedule was given), then the certifying sweeps with its schedule frozen.
     *
     * @throws SmcException if the model throws; it names the sweep
     */
    public SmcResult<T> run() {
        dev.ariadne.core.Models.refuseCapturedRandomStreams(model, guide, kernel, settings);
        long piloting = System.nanoTime();
        Schedule s;
        try {
            s = schedule != null ? schedule : pilot();
            if (!s.hasLatentSites()) {
                s = s.withLatentSites(new AnnealedSweep<>(this).startingSites(-2, settings.particles));
            }
        } catch (OutOfMemoryError full) {
            throw SweepJob.outOfHeap(settings.particles, full);
        }
        AnnealedSmc<T> frozen = schedule(s);
        // The budget of untilCertified is the call's: the pilot's time counts against it.
        List<Sweep<T>> sweeps = SweepJob.sweeps(settings.budgetLess(Duration.ofNanos(System.nanoTime() - piloting)),
                () -> new AnnealedSweep<>(frozen));
        String description = "annealed SMC, " + settings.particles + " particles, " + s.size() + " temperatures "
                + (schedule != null ? "given" : "frozen from a pilot sweep (conditional ESS " + cess + " N)")
                + (s.pilotDiedOut() ? " [" + s + "]" : "") + ", "
                + moves + " sweep(s) of " + kernel.describe() + " per temperature, starting from "
                + (guide == null ? "the prior" : "a guide") + ", " + settings.resamplingDescription();
        Execution<T> start = guide == null ? Execution.of(model) : Execution.of(model).guide(guide);
        return new SmcResult<>(sweeps, settings, List.of(), description).annealed()
                .startingFrom(start, kernel.guides())
                .withCoarseSchedule(schedule == null && cess < DEFAULT_CESS && moves == 1 ? String.format(Locale.ROOT,
                        "a schedule at a conditional ESS of %s N (the default is %s) with one move a temperature: "
                        + "each temperature lies a longer way from the last, one move may not bring the particles "
                        + "there, and each sweep's estimate then skews (most sweeps low, a rare one high) past what "
                        + "the sweeps' spread can show (at 0.5, one model's log P(e) read more than 5 standard "
                        + "errors off in 11 calls of 200, with nothing else said); use moves(5) or more, "
                        + "or the default", cess, DEFAULT_CESS) : null);
    }

    Model<T> model() {
        return model;
    }

    Guide guide() {
        return guide;
    }

    Kernel kernel() {
        return kernel;
    }

    int movesPerTemperature() {
        return moves;
    }

    /** The schedule a certifying sweep uses, or null in the pilot. */
    Schedule frozenSchedule() {
        return schedule;
    }
}
