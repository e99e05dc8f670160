package dev.ariadne.inference.mcmc;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.ProgressListener;
import dev.ariadne.inference.QuestionName;
import dev.ariadne.inference.UserDistributionCheck;
import dev.ariadne.inference.run.Heap;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.run.RunControl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Markov chain Monte Carlo over a model's runs: several chains of a kernel, each warmed up and then drawn from.
 * Immutable: each setter returns a new configuration.
 *
 * <pre>{@code
 * McmcResult<Double> m = Mcmc.of(model).kernel(Kernels.singleSite())
 *         .chains(4).warmup(1_000).draws(5_000).seed(1).parallelism(2).run();
 * m.summary();         // mean sd hdi_3% hdi_97% mcse_mean mcse_sd ess_bulk ess_tail r_hat, as ArviZ
 * m.verdicts();        // "chains disagree on tau (r_hat 1.080, not below 1.01)", "ESS too low for the tail of tau (...)"
 * }</pre>
 *
 * <p><b>What a draw is.</b> Each draw applies the kernel {@link #stepsPerDraw} times; by default as many times as
 * the chain's first state has latent choices (one sweep of a single-site kernel), fixed for the chain. Warm-up
 * iterations are the same and are discarded; random-walk steps adapt during warm-up only.
 *
 * <p><b>Reproducibility.</b> Chain c draws from its own streams (stream c of the seed: the kernel's and the model
 * runs'), and the chains' draws are merged in chain order, so the result is the same, bit for bit, for any
 * parallelism and on any run backend ({@link #backend}: chain c is shard c of a job). Chains start from independent
 * runs of the prior (or of a guide), which is what makes R-hat able to see chains that have not forgotten their
 * start.
 *
 * <p><b>Cancellation and memory.</b> Interrupting the calling thread stops every chain at its next step with a
 * {@link RunCancelledException}, as importance sampling, SMC, subset simulation and guide search stop; no thread
 * outlives the call. Memory grows with the draws
 * kept (one double per recorded quantity per draw) and nothing else; chains x draws that cannot fit in the heap even
 * for one quantity are refused before any chain runs.
 *
 * @param <T> the model's return type
 */
public final class Mcmc<T> {

    private final Model<T> model;
    // Set only on a fresh copy, before the copy is returned: every configuration a caller sees is immutable.
    private Kernel kernel = Kernels.singleSite();
    private Target<? super T> target = POSTERIOR;
    /** The default target, told apart by identity: a check of the guide's weights reads them against it. */
    private static final Target<Object> POSTERIOR = Target.posterior();
    private int chains = 4;
    private int warmup = 1000;
    private int draws = 1000;
    private int stepsPerDraw;
    private long seed = 1;
    private RunBackend backend = RunBackend.local(1);
    private Guide init;
    private AddressPattern[] record;
    private List<String> trackedNames = List.of();
    private List<SerializableToDoubleFunction<? super T>> tracked = List.of();
    private ProgressListener progress;

    private Mcmc(Model<T> model) {
        this.model = model;
    }

    private Mcmc<T> copy() {
        Mcmc<T> c = new Mcmc<>(model);
        c.kernel = kernel;
        c.target = target;
        c.chains = chains;
        c.warmup = warmup;
        c.draws = draws;
        c.stepsPerDraw = stepsPerDraw;
        c.seed = seed;
        c.backend = backend;
        c.init = init;
        c.record = record;
        c.trackedNames = trackedNames;
        c.tracked = tracked;
        c.progress = progress;
        return c;
    }

    /**
     * MCMC on the posterior of {@code model}: 4 chains of {@link Kernels#singleSite()}, 1,000 warm-up iterations
     * and 1,000 draws each, seed 1, one thread, started from the prior, every real, integer and boolean choice
     * recorded.
     */
    public static <T> Mcmc<T> of(Model<T> model) {
        return new Mcmc<>(Objects.requireNonNull(model, "model"));
    }

    /** The kernel each chain applies. */
    public Mcmc<T> kernel(Kernel k) {
        Mcmc<T> c = copy();
        c.kernel = Objects.requireNonNull(k, "kernel");
        return c;
    }

    /** The distribution the chains target (default: the posterior). */
    public Mcmc<T> target(Target<? super T> t) {
        Mcmc<T> c = copy();
        c.target = Objects.requireNonNull(t, "target");
        return c;
    }

    /** The number of chains (default 4; R-hat compares them). */
    public Mcmc<T> chains(int n) {
        Mcmc<T> c = copy();
        c.chains = atLeast("chains", n, 1);
        return c;
    }

    /** Warm-up iterations per chain, discarded (default 1,000). */
    public Mcmc<T> warmup(int n) {
        Mcmc<T> c = copy();
        c.warmup = atLeast("warmup", n, 0);
        return c;
    }

    /** Draws kept per chain (default 1,000; at least 4 for the diagnostics). */
    public Mcmc<T> draws(int n) {
        Mcmc<T> c = copy();
        c.draws = atLeast("draws", n, 4);
        return c;
    }

    /** Kernel applications per draw (and per warm-up iteration); 0, the default, means one per latent choice. */
    public Mcmc<T> stepsPerDraw(int n) {
        Mcmc<T> c = copy();
        c.stepsPerDraw = atLeast("stepsPerDraw", n, 0);
        return c;
    }

    /** The seed: chain c draws from stream c of it. */
    public Mcmc<T> seed(long s) {
        Mcmc<T> c = copy();
        c.seed = s;
        return c;
    }

    /** The number of threads of this JVM, {@code backend(RunBackend.local(k))}; the result does not depend on it. */
    public Mcmc<T> parallelism(int k) {
        return backend(RunBackend.localInPlaceOf(backend, atLeast("parallelism", k, 1)));
    }

    /**
     * Where the chains run: threads of this JVM by default, or another run backend (each chain a task on a cluster
     * with ppl-spark's backend). Chain c draws only from its own streams and the chains merge in chain order, so the
     * draws are the same, bit for bit, on every backend.
     */
    public Mcmc<T> backend(RunBackend b) {
        Mcmc<T> c = copy();
        c.backend = Objects.requireNonNull(b, "backend");
        return c;
    }

    /** Starts each chain from a run of the guide instead of the prior. */
    public Mcmc<T> init(Guide guide) {
        Mcmc<T> c = copy();
        c.init = Objects.requireNonNull(guide, "guide");
        return c;
    }

    /** Records only the choices matching the patterns (such as {@code mu}, {@code theta[*]}); default all. */
    public Mcmc<T> record(String... patterns) {
        java.util.Objects.requireNonNull(patterns, "Mcmc.record: the patterns must not be null");
        AddressPattern[] p = Arrays.stream(patterns).map(AddressPattern::parse).toArray(AddressPattern[]::new);
        Mcmc<T> c = copy();
        c.record = p.length == 0 ? null : p;
        return c;
    }

    /**
     * Also records a function of each draw's return value, under {@code name} (an indicator gives a probability). A
     * lambda written here is serialisable, so it runs on any backend.
     */
    public Mcmc<T> track(String name, SerializableToDoubleFunction<? super T> f) {
        QuestionName.check("tracked quantity", name);
        Objects.requireNonNull(f, "function");
        if (trackedNames.contains(name)) {
            throw new IllegalArgumentException("track: the name '" + name + "' is already tracked");
        }
        List<String> names = new ArrayList<>(trackedNames);
        names.add(name);
        List<SerializableToDoubleFunction<? super T>> fs = new ArrayList<>(tracked);
        fs.add(f);
        Mcmc<T> c = copy();
        c.trackedNames = List.copyOf(names);
        c.tracked = List.copyOf(fs);
        return c;
    }

    /**
     * Told the iterations done over all chains (warm-up and draws), from worker threads, one call at a time, the
     * figures never going back. Chains run on another machine (a distributed backend) are told of when they are merged,
     * on the calling thread: chain c's merge tells of (c + 1) (warm-up + draws) iterations.
     */
    public Mcmc<T> progress(ProgressListener listener) {
        Mcmc<T> c = copy();
        c.progress = Objects.requireNonNull(listener, "progress listener");
        return c;
    }

    /**
     * Runs the chains, as a job of the run backend (chain c is shard c).
     *
     * @throws RunCancelledException when the calling thread is interrupted, as every algorithm's run does
     * @throws McmcException naming the chain and phase when the model, a guide or a kernel fails (the lowest-numbered
     *                       chain that failed, whatever the parallelism)
     */
    public McmcResult<T> run() {
        dev.ariadne.core.Models.refuseCapturedRandomStreams(model, kernel, target, init, tracked);
        requireRoomForTheDraws(Runtime.getRuntime().maxMemory());
        ChainJob<T> job = new ChainJob<>(model, kernel, target, chains, warmup, draws, stepsPerDraw, seed, init, record,
                trackedNames, tracked, progress);
        List<McmcResult.ChainOutput<T>> outputs;
        try {
            outputs = backend.run(job, RunControl.<List<McmcResult.ChainOutput<T>>>none().onMerge((chain, merged) -> {
                job.merged(chain);
                return false;
            })).merged();
        } catch (ChainJob.ListenerFailure e) {
            throw (RuntimeException) e.getCause(); // the listener's exception as its cause, as importance sampling's
        }
        return new McmcResult<>(kernel, outputs, draws, trackedNames, new OtherValueSearch<>(model, target, seed),
                record == null ? List.of() : Arrays.stream(record).map(AddressPattern::toString).toList(),
                new UnboundedGuideWeights<>(model, kernel, target == POSTERIOR, seed, (long) chains * draws),
                new NeverProposedByGuide<>(model, kernel, seed),
                new UnmatchedNames<>(model, kernel, init, seed), new HeavyTailedTarget<>(model, kernel,
                        target == POSTERIOR, seed),
                new ChainsBesidePrior<>(model, target, target == POSTERIOR, seed, trackedNames, tracked),
                io.vavr.Lazy.of(() -> UserDistributionCheck.verdict(Execution.of(model), kernel.guides(), seed)),
                io.vavr.Lazy.of(() -> target == POSTERIOR ? NoEvidence.verdict(model, seed) : Optional.empty()));
    }

    /**
     * Refuses, before any chain runs, chains x draws that cannot be kept in {@code heap} bytes: each draw keeps at
     * least one double per chain. An adversarial tester's chains(Integer.MAX_VALUE) ran a minute and ended in a bare
     * OutOfMemoryError.
     */
    void requireRoomForTheDraws(long heap) {
        Heap.requireRoom(String.format(Locale.ROOT, "draws (%d chains of %d, of each recorded quantity)", chains,
                draws), (long) chains * draws, Double.BYTES, "use fewer chains or draws, or stepsPerDraw(k) to thin the "
                + "draws", heap);
    }

    private static int atLeast(String what, int n, int min) {
        if (n < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ", got " + n);
        }
        return n;
    }
}
