package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Markov chain over a model's runs: a kernel, a target, a current state, and two random streams (the
 * kernel's, and one for the model's fresh choices). This is the piece {@link Mcmc} runs once per chain, and the
 * piece SMC's rejuvenation uses to move a particle: start it at the particle's state, retarget it to the current
 * temperature, step it, and copy the state out.
 *
 * <pre>{@code
 * Chain<Double> chain = Chain.of(model, Kernels.singleSite(), Target.tempered(0.3)).reseed(seed, particle);
 * chain.startAt(particleState);
 * chain.endWarmup();                 // no adaptation: the moves' parameters must not depend on the particles
 * chain.step(5);
 * TraceState<Double> moved = chain.state().copy();
 * }</pre>
 *
 * <p>A chain belongs to one thread. It is reproducible: with the same seed and stream, model, kernel, target and
 * start, it makes the same moves, bit for bit, on any thread.
 *
 * @param <T> the model's return type
 */
public final class Chain<T> {

    private static final long KERNEL_SALT = 0x6D636D634B45524EL;
    private static final long RUN_SALT = 0x6D636D6352554E53L;
    /** How many runs a start may try before it gives up on finding a state of positive target density. */
    static final int START_ATTEMPTS = 1000;

    private final Kernel kernel;
    private final Rerunner<T> rerunner;
    private final Sampler<T> sampler;
    private final Move<T> move;
    private boolean started;

    private Chain(Model<T> model, Kernel kernel, Target<? super T> target) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.rerunner = new Rerunner<>(Objects.requireNonNull(model, "model"), Objects.requireNonNull(target,
                "target"));
        this.sampler = new Sampler<>(rerunner);
        this.move = kernel.newMove();
        reseed(1, 0);
    }

    /** A chain of {@code kernel} targeting {@code target} on {@code model}; seeded as stream 0 of seed 1. */
    public static <T> Chain<T> of(Model<T> model, Kernel kernel, Target<? super T> target) {
        return new Chain<>(model, kernel, target);
    }

    /**
     * Re-points both streams: the kernel draws from stream {@code stream} of {@code seed} (salted), and the model's
     * fresh choices from runs 0, 1, 2, ... of a run seed derived from the same pair. Chains of one seed with
     * different streams are independent.
     */
    public Chain<T> reseed(long seed, long stream) {
        sampler.rng.reset(seed ^ KERNEL_SALT, stream);
        rerunner.reseed(Rng.forRun(seed ^ RUN_SALT, stream).nextLong());
        return this;
    }

    /**
     * Starts from a run of the prior: the first of up to 1000 runs whose target density is positive.
     *
     * @throws IllegalStateException naming the last run's failure when every attempt has target density 0
     */
    public TraceState<T> startFromPrior() {
        return start(null);
    }

    /** Starts from a run drawn from the guide: the first of up to 1000 with positive target density. */
    public TraceState<T> startFromGuide(Guide guide) {
        return start(Objects.requireNonNull(guide, "guide"));
    }

    /** Starts at the latent values of a recorded run, by address (choices it lacks are drawn from their prior). */
    public TraceState<T> startAt(Trace trace) {
        rerunner.fromTrace(trace, sampler.current);
        return begin("the trace's run");
    }

    /**
     * Starts at the latent values of a recorded run, as {@link #startAt(Trace)} does, if the target gives them a
     * positive density; if not, leaves the chain unstarted and returns false ({@link #zeroReason()} and
     * {@link #zeroCause()} say why). A run its own runner kept can have target density 0 here: a value within rounding
     * of an end of its support, which a prior's draw on the fast path keeps, is one the doubles cannot carry when it
     * is scored again (a Gamma(0.01, 0.01) draws within 2^20 doubles of 0 about once in 1,500 draws).
     */
    public boolean tryStartAt(Trace trace) {
        rerunner.fromTrace(trace, sampler.current);
        started = sampler.current.logTarget > Double.NEGATIVE_INFINITY;
        return started;
    }

    /** Why the last run this chain made has target density 0: its failure, or "outside the target". */
    public String zeroReason() {
        return rerunner.lastZero == null ? "outside the target" : rerunner.lastZero;
    }

    /** The cause of the last run's failure, or null if it did not fail (a target of density 0 there, say). */
    public FailureCause zeroCause() {
        return rerunner.lastFailureCause;
    }

    /**
     * Starts at the given latent values, by printed address ({@code "theta[3]"} to a Double, an Integer, a
     * Boolean, a double[] or the object); choices the map lacks are drawn from their prior.
     */
    public TraceState<T> startAt(Map<String, ?> values) {
        rerunner.fromValues(values, sampler.current);
        return begin("the given values");
    }

    /** Starts at a copy of {@code state}, re-evaluated under this chain's target. */
    public TraceState<T> startAt(TraceState<T> state) {
        sampler.current.copyFrom(state);
        sampler.current.logTarget = rerunner.logTarget(sampler.current);
        return begin("the given state");
    }

    private TraceState<T> start(Guide guide) {
        Address firstZeroLikelihood = null;
        boolean allThere = true;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            if (guide == null) {
                rerunner.fromPrior(sampler.current);
            } else {
                rerunner.fromGuide(guide, sampler.current);
            }
            if (sampler.current.logTarget > Double.NEGATIVE_INFINITY) {
                started = true;
                return sampler.current;
            }
            if (attempt == 0 && rerunner.lastFailureCause == FailureCause.ZERO_LIKELIHOOD) {
                firstZeroLikelihood = rerunner.lastFailureAddress;
            }
            allThere &= firstZeroLikelihood != null && rerunner.lastFailureCause == FailureCause.ZERO_LIKELIHOOD
                    && firstZeroLikelihood.equals(rerunner.lastFailureAddress);
        }
        String where = guide == null ? "prior" : "guide";
        if (allThere) {
            // an observation outside its distribution's support whatever the parameters (a count of -1) is not rare
            // evidence but impossible evidence, which no method meets (an outside statistician was sent to SMC)
            throw new IllegalStateException("no run with positive target density in " + START_ATTEMPTS + " runs from "
                    + "the " + where + ": every one gave the observation at " + firstZeroLikelihood + " likelihood 0 "
                    + "(the last: " + rerunner.lastZero + "); if its value lies outside its distribution's support "
                    + "whatever the parameters, as a negative count does, the evidence is impossible and no method "
                    + "meets it, so check the data; if some parameters give it density, start the chains from a guide "
                    + "that reaches them (Mcmc's init(guide)), or estimate with Smc.annealed, which needs no such start");
        }
        throw new IllegalStateException("no run with positive target density in " + START_ATTEMPTS + " runs from the "
                + where + " (the last: " + rerunner.lastZero + "); start the chains from a guide that reaches the "
                + "evidence (Mcmc's init(guide)), or, for evidence this rare, estimate with Smc.annealed or "
                + "SubsetSimulation, which need no such start (Smc.annealed tempers observations and factors only: "
                + "a condition holds at every temperature, so for a rare condition use SubsetSimulation)");
    }

    private TraceState<T> begin(String what) {
        if (!(sampler.current.logTarget > Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException("cannot start at " + what + ": its target density is 0 ("
                    + zeroReason() + ")");
        }
        started = true;
        return sampler.current;
    }

    /**
     * Changes the target (such as the next temperature of annealed SMC) and re-evaluates the current state under
     * it; the state's density must stay positive.
     */
    public void retarget(Target<? super T> target) {
        rerunner.target = Objects.requireNonNull(target, "target");
        if (started) {
            sampler.current.logTarget = rerunner.logTarget(sampler.current);
            if (!(sampler.current.logTarget > Double.NEGATIVE_INFINITY)) {
                throw new IllegalArgumentException("the current state has density 0 under the new target");
            }
        }
    }

    /** One application of the kernel; returns the current state (a live view, valid until the next step). */
    public TraceState<T> step() {
        if (!started) {
            throw new IllegalStateException("start the chain (from the prior, a guide, a trace or a state) first");
        }
        move.step(sampler);
        return sampler.current;
    }

    /** {@code n} applications of the kernel. */
    public TraceState<T> step(int n) {
        for (int i = 0; i < n; i++) {
            step();
        }
        return sampler.current;
    }

    /** The current state (a live view, valid until the next step; {@link TraceState#copy()} to keep it). */
    public TraceState<T> state() {
        return sampler.current;
    }

    /** Ends warm-up: random-walk steps stop adapting and the acceptance counts restart. */
    public void endWarmup() {
        sampler.warmup = false;
        move.endWarmup();
    }

    /** Whether the chain is still in warm-up. */
    public boolean inWarmup() {
        return sampler.warmup;
    }

    /** The counts of each of the kernel's parts since warm-up ended (or since the start), in the kernel's order. */
    public List<KernelStats> acceptance() {
        List<KernelStats> out = new ArrayList<>();
        move.collect(out);
        return out;
    }

    /**
     * Makes every replay through the {@link Replayer} handler, never on the engine's path (tests compare the two bit
     * for bit).
     */
    Chain<T> handlerReplaysOnly() {
        rerunner.engineReplay = false;
        return this;
    }

    /** How many of this chain's replays the engine's path made. */
    long engineReplays() {
        return rerunner.engineReplays;
    }

    /** The kernel. */
    public Kernel kernel() {
        return kernel;
    }
}
