package dev.ariadne.inference;

import dev.ariadne.core.Durations;
import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.SerializablePredicate;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.run.LocalBackend;
import dev.ariadne.inference.run.Outcome;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.stats.WeightBound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Importance sampling with a guide as the proposal: the one call a user makes of a model and a guide.
 *
 * <pre>{@code
 * ImportanceResult<Boolean> r = Importance.of(model).guide(g).samples(100_000).seed(42).parallelism(2)
 *         .hypothesis("burglary", b -> b).run();
 * r.lowerBound(0.05);              // certified: P(e) >= L with probability 0.95
 * r.conditional("burglary");       // P(burglary | e): quotient, self-normalised, rigorous where provable
 * }</pre>
 *
 * <p>Immutable: each setter returns a new configured object and leaves this one as it was, so a configuration can
 * be shared and varied ({@code base.seed(1).run()}, {@code base.seed(2).run()}). Keep what a setter returns.
 *
 * <p>Run i draws from {@code Rng.forRun(seed, i)}. Runs are split into fixed shards of run indices, run on a
 * {@link RunBackend} (threads of this JVM by default) and merged in index order, so the result is bit-for-bit the
 * same for any parallelism and any backend. Memory stays constant in the number of runs. With no guide the
 * proposal is the prior (likelihood weighting). Interrupting the calling thread stops every run and throws
 * {@link RunCancelledException}.
 *
 * @param <T> the model's return type
 */
public final class Importance<T> {

    /** The smallest number of batch means the betting bound runs on. */
    public static final int MIN_BATCHES = 4096;
    /**
     * The largest default batch: above samples = 4096 x 65,536 the batches stop growing, so a call of
     * {@code samples(Long.MAX_VALUE)} has complete batches (and a bound) after 65,536 runs, and buffers at most that
     * many weights of its last batch.
     */
    static final int MAX_DEFAULT_BATCH = 65_536;
    /**
     * The largest default batch of a call that runs {@link #untilCertified}: a bound at tightness t needs at least
     * log(delta) / log(t) complete batches, so batches sized from the maximum number of runs (244,140 runs each at
     * 10^9) made the call run tens of millions of runs before it could stop.
     */
    static final int MAX_CERTIFYING_BATCH = 1024;

    /** The target of {@link #untilCertified}. */
    private record Target(double delta, double tightness, Duration budget) {
    }

    /** Every setting; copied, changed and frozen by each setter (see {@link #with}). */
    private static final class Settings<T> implements Cloneable {
        Guide guide;
        GuideProgram guideProgram;
        long samples = 10_000;
        long seed = 1;
        RunBackend backend = RunBackend.local(1);
        int batchSize;
        int keep = 1000;
        long siteBreakdownRuns = 10_000;
        long priorCheckRuns = -1;
        boolean simultaneous;
        List<Accumulator.Hypothesis<T>> hypotheses = List.of();
        List<String> expectationNames = List.of();
        List<ToDoubleFunction<T>> expectations = List.of();
        ProgressListener progress;
        Target target;
        OptionalDouble maxLogLikelihood = OptionalDouble.empty();

        /** How many bounds share the delta (Bonferroni): P(e)'s and every P(h, e)'s where they hold simultaneously. */
        int simultaneousBounds() {
            return simultaneous ? 1 + hypotheses.size() : 1;
        }

        @SuppressWarnings("unchecked")
        Settings<T> copy() {
            try {
                return (Settings<T>) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Model<T> model;
    /** Never changed once this object is made (a final field, so safely shared between threads). */
    private final Settings<T> settings;

    private Importance(Model<T> model, Settings<T> settings) {
        this.model = model;
        this.settings = settings;
    }

    /** Importance sampling of {@code model}; with no guide, the proposal is the prior. */
    public static <T> Importance<T> of(Model<T> model) {
        return new Importance<>(Objects.requireNonNull(model, "model"), new Settings<>());
    }

    private Importance<T> with(Consumer<Settings<T>> change) {
        Settings<T> s = settings.copy();
        change.accept(s);
        return new Importance<>(model, s);
    }

    /**
     * The proposal: runs are drawn from the model guided by {@code g}. A call has one proposal: this replaces a guide
     * program set before, as {@link #guideProgram} replaces a guide.
     */
    public Importance<T> guide(Guide g) {
        Objects.requireNonNull(g, "guide");
        return with(s -> {
            s.guide = g;
            s.guideProgram = null;
        });
    }

    /**
     * The proposal as a guide program (Pyro/Gen form): it runs first and the model is replayed on its values. It
     * replaces a guide set before ({@link #guide}), as a guide replaces it.
     */
    public Importance<T> guideProgram(GuideProgram program) {
        Objects.requireNonNull(program, "guide program");
        return with(s -> {
            s.guideProgram = program;
            s.guide = null;
        });
    }

    /** The number of runs (the maximum, when running until certified). */
    public Importance<T> samples(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("samples must be > 0, got " + n);
        }
        return with(s -> s.samples = n);
    }

    /** The seed: run i draws from the stream of (seed, i). */
    public Importance<T> seed(long seed) {
        return with(s -> s.seed = seed);
    }

    /**
     * The number of threads of this JVM to run on (the result does not depend on it): {@code backend(
     * RunBackend.local(k))}. No more threads are started than there are shards of runs, nor more than
     * {@value LocalBackend#MAX_THREADS}; none outlives the call.
     */
    public Importance<T> parallelism(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("parallelism must be > 0, got " + k);
        }
        return with(s -> s.backend = RunBackend.localInPlaceOf(s.backend, k));
    }

    /** Where the runs are made: threads of this JVM by default, or another backend; the result is the same. */
    public Importance<T> backend(RunBackend backend) {
        Objects.requireNonNull(backend, "backend");
        return with(s -> s.backend = backend);
    }

    /**
     * The number of runs averaged into each batch mean of the betting bound, fixed before the run. The default
     * is samples / 4096, which keeps at least 4096 batches (fewer batches cap the bound at delta^(1/K) times the
     * truth), between 1 and 65,536, or 1,024 when the call runs {@link #untilCertified} (whose maximum says
     * nothing about how many runs it will make).
     */
    public Importance<T> batchSize(int b) {
        if (b <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + b);
        }
        return with(s -> s.batchSize = b);
    }

    /**
     * States a bound on the likelihood: {@code log p(e | x) <= c} for every possible run x, i.e. no run's evidence
     * weighs more than e^c (0 when all evidence is discrete observations and conditions, whose masses are at most
     * 1; add log k for a factor of at most log k). With the prior or a whole-run defensive mixture as proposal it
     * bounds every weight (by e^c, or e^c / alpha), which gives an upper bound on P(e) and the rigorous P(h | e)
     * interval; without a statement there are neither. Every run is checked against it: a run whose likelihood
     * exceeds it stops the call with a {@link dev.ariadne.inference.stats.LikelihoodBoundException} naming the run,
     * the site and the value. See {@link WeightBound} for why the bound then holds for runs never sampled.
     *
     * @param c the largest log p(e | x) any run can reach, finite
     */
    public Importance<T> maxLogLikelihood(double c) {
        WeightBound.checkStatement(c);
        OptionalDouble statement = OptionalDouble.of(c);
        return with(s -> s.maxLogLikelihood = statement);
    }

    /**
     * Declares a hypothesis on the return value, for P(h, e) bounds and P(h | e) estimates. A lambda written here is
     * serialisable, so it runs on any backend; it must not capture {@code this} or a random stream.
     */
    public Importance<T> hypothesis(String name, SerializablePredicate<? super T> holds) {
        Objects.requireNonNull(holds, "hypothesis");
        return withHypothesis(new Accumulator.Hypothesis<>(declarable(name), holds, null));
    }

    /** Declares a hypothesis on the run's history (its sites and values), for P(h, e) and P(h | e). */
    public Importance<T> historyHypothesis(String name, SerializablePredicate<History> holds) {
        Objects.requireNonNull(holds, "hypothesis");
        return withHypothesis(new Accumulator.Hypothesis<>(declarable(name), null, holds));
    }

    private Importance<T> withHypothesis(Accumulator.Hypothesis<T> h) {
        return with(s -> s.hypotheses = append(s.hypotheses, h));
    }

    /**
     * Declares a posterior expectation E[f(value) | e], estimated by self-normalised weighting as runs stream. A
     * lambda written here is serialisable, so it runs on any backend; it must not capture {@code this} or a random
     * stream.
     */
    public Importance<T> expectation(String name, SerializableToDoubleFunction<? super T> f) {
        Objects.requireNonNull(f, "expectation");
        String n = declarable(name);
        SerializableToDoubleFunction<T> g = f::applyAsDouble;
        return with(s -> {
            s.expectationNames = append(s.expectationNames, n);
            s.expectations = append(s.expectations, g);
        });
    }

    /** The same call asking the questions of {@code plan}: its hypotheses and expectations (the prior cross-check). */
    Importance<T> askingAs(Plan<T> plan) {
        return with(s -> {
            s.hypotheses = List.copyOf(plan.hypotheses);
            s.expectationNames = List.copyOf(plan.expectationNames);
            s.expectations = List.copyOf(plan.expectations);
        });
    }

    private static <E> List<E> append(List<E> list, E e) {
        List<E> out = new ArrayList<>(list);
        out.add(e);
        return List.copyOf(out);
    }

    private String declarable(String name) {
        QuestionName.check("hypothesis or expectation", name);
        boolean taken = settings.expectationNames.contains(name)
                || settings.hypotheses.stream().anyMatch(h -> h.name().equals(name));
        if (taken) {
            throw new IllegalArgumentException("the name '" + name + "' is already declared");
        }
        return name;
    }

    /**
     * How many weighted runs to keep by priority sampling for posterior summaries (0 keeps none). Memory follows
     * the runs kept, not this number: at most {@code min(k, runs with positive weight)} are held.
     */
    public Importance<T> keep(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("keep must be >= 0, got " + k);
        }
        return with(s -> s.keep = k);
    }

    /** How many runs (the first ones by index) feed the per-site breakdown; 0 turns it off. */
    public Importance<T> siteBreakdownRuns(long runs) {
        if (runs < 0) {
            throw new IllegalArgumentException("site breakdown runs must be >= 0, got " + runs);
        }
        return with(s -> s.siteBreakdownRuns = runs);
    }

    /**
     * How many runs from the prior the diagnostics of a call with a guide set its estimate of P(e) beside: where the
     * prior's runs are to be trusted and read P(e) more than 5 standard errors of the difference above the guide's,
     * a verdict says that the guide misses part of the posterior, a region or a combination of choices its runs all
     * but never draw, which nothing else its runs show can reveal. By default as many as the call's runs, up to
     * 20,000, made once when the diagnostics are first read; 0 turns the check off (for a model whose runs are dear).
     */
    public Importance<T> priorCheck(long runs) {
        if (runs < 0) {
            throw new IllegalArgumentException("prior check runs must be >= 0, got " + runs);
        }
        return with(s -> s.priorCheckRuns = runs);
    }

    /**
     * Makes the bounds hold simultaneously: the evidence bound and every hypothesis bound are each computed at
     * delta / k (Bonferroni), k = 1 + the number of hypotheses, so all hold together with probability 1 - delta.
     */
    public Importance<T> simultaneous() {
        return with(s -> s.simultaneous = true);
    }

    /** Told, on the calling thread, how many runs are done after each shard, in run order. */
    public Importance<T> onProgress(ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        return with(s -> s.progress = listener);
    }

    /**
     * Runs until certified: stops as soon as the betting lower bound at {@code delta} is at least
     * {@code tightness} times the evidence estimate, or {@code budget} has passed, or {@code samples} runs are
     * done. Sound because the betting sequence is valid at any stopping time (the batch size is fixed first).
     * The bound is checked when the runs merged in order pass checkpoints (each about 1.25 times the last, at shard
     * ends), so where it stops does not depend on the threads; the budget is checked between runs, so it is
     * honoured whatever the maximum number of runs (only a single run longer than the budget overruns it).
     *
     * @param delta     the bound's error probability, in (0, 1)
     * @param tightness the target L / Z-hat, in (0, 1)
     * @param budget    the time budget, positive
     */
    public Importance<T> untilCertified(double delta, double tightness, Duration budget) {
        Delta.check(delta);
        if (!(tightness > 0 && tightness < 1)) {
            throw new IllegalArgumentException("tightness must be in (0, 1), got " + tightness);
        }
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
        Target t = new Target(delta, tightness, budget);
        return with(s -> s.target = t);
    }

    /**
     * Runs the sampler and returns the result.
     *
     * @throws dev.ariadne.core.ModelException if user code throws in some run (the model, the guide, a hypothesis
     *                                         or an expectation); it names the run's seed and index, and is the
     *                                         first such run in index order, whatever the parallelism
     * @throws RunCancelledException           if the calling thread is interrupted; no run goes on after it
     */
    public ImportanceResult<T> run() {
        Settings<T> s = settings;
        dev.ariadne.core.Models.refuseCapturedRandomStreams(model, s.guide, s.guideProgram, s.hypotheses,
                s.expectations);
        Plan<T> plan = plan();
        RunControl<Accumulator<T>> control = RunControl.<Accumulator<T>>none().onMerge(new Watch<>(plan, s));
        if (s.target != null) {
            control = control.budget(s.target.budget());
        }
        Outcome<Accumulator<T>> out = s.backend.run(new ImportanceJob<>(plan), control);
        ImportanceResult<T> r = new ImportanceResult<>(plan, out.merged(), s.simultaneousBounds());
        r.checkedByPriorRuns(PriorCrossCheck.runsFor(s.priorCheckRuns, r.runs()));
        if (s.target != null) {
            r.stoppedBecause(stopNote(r, s.target, out.stop()), out.stop() == Outcome.Stop.BUDGET);
        }
        return r;
    }

    /**
     * Where a call that ran until certified stopped, and whether it reached its target: a call that ends at its
     * budget or its sample cap short of the target looks, by its figures alone, like one that reached it.
     */
    private static String stopNote(ImportanceResult<?> r, Target t, Outcome.Stop stop) {
        double tightness = r.acceptedRuns() == 0 ? Double.NaN
                : Math.exp(r.lowerBound(t.delta()).logValue() - r.logEvidence().value());
        return UntilCertifiedNote.of(tightness >= t.tightness(), t.delta(), tightness, t.tightness(),
                String.format(Locale.ROOT, "%,d runs", r.runs()), stop == Outcome.Stop.BUDGET
                        ? "the time budget of " + Durations.text(t.budget()) + " ran out"
                        : "the samples asked for were done");
    }

    /** Reports progress and, when running until certified, stops at the first checkpoint where the bound is tight. */
    private static final class Watch<T> implements dev.ariadne.inference.run.MergeListener<Accumulator<T>> {
        private static final double CHECKPOINT_GROWTH = 1.25;
        private final Plan<T> plan;
        private final ProgressListener progress;
        private final Target target;
        /**
         * The delta the bound on P(e) is reported at: split where the bounds hold simultaneously. Stopped at the
         * whole delta, a call said it stopped short of its target when its samples were done, after 32,208 of
         * 1,000,000 (a second outside statistician).
         */
        private final double boundDelta;
        private long nextCheck;

        Watch(Plan<T> plan, Settings<T> s) {
            this.plan = plan;
            this.progress = s.progress;
            this.target = s.target;
            this.boundDelta = s.target == null ? 0 : s.target.delta() / s.simultaneousBounds();
        }

        @Override
        public boolean merged(long shard, Accumulator<T> total) {
            if (progress != null) {
                try {
                    progress.onProgress(total.runs, plan.expectedRuns);
                } catch (RuntimeException e) {
                    // it came out bare, with nothing to say it was the listener's (an adversarial tester)
                    throw new IllegalStateException("the onProgress listener threw " + e + " when told of "
                            + total.runs + " runs done of " + plan.expectedRuns + " (seed " + plan.seed + ")", e);
                }
            }
            if (target == null || total.runs < nextCheck) {
                return false;
            }
            nextCheck = Math.max(total.runs + 1, (long) Math.ceil(total.runs * CHECKPOINT_GROWTH));
            if (total.evidence.batchCount() == 0) {
                return false;
            }
            double logL = total.evidence.logLowerBound(boundDelta);
            double logZ = total.weights.logZHat();
            return logZ > Double.NEGATIVE_INFINITY && logL - logZ >= Math.log(target.tightness());
        }
    }

    private Plan<T> plan() {
        Settings<T> s = settings;
        Guide guide = null;
        String description = "the prior";
        WeightBound weightBound;
        if (s.guideProgram != null) {
            description = "a guide program";
            weightBound = WeightBound.forGuideProgram(s.maxLogLikelihood);
        } else {
            if (s.guide != null && s.guide != Guide.prior()) {
                guide = s.guide;
                description = s.guide.wholeRunPriorShare() > 0 ? "a whole-run defensive mixture" : "a guide";
            }
            weightBound = WeightBound.forGuide(s.maxLogLikelihood, s.guide);
        }
        if (s.batchSize > s.samples && s.target == null) {
            // "at most samples / 4,096" advised a batch of 0.49 runs for 2,000 samples (a tester)
            throw new IllegalArgumentException(String.format(Locale.ROOT, "batchSize %,d exceeds samples %,d: no batch "
                    + "would complete, so the betting bound on P(e) would rest on none of the runs and be 0; use a "
                    + "batch of at most %,d runs (the default makes at least %,d batches, or batches of 1 run below "
                    + "that many samples), or leave batchSize to its default", s.batchSize, s.samples, s.samples,
                    MIN_BATCHES));
        }
        int b = s.batchSize > 0 ? s.batchSize : (int) Math.max(1, Math.min(
                s.target != null ? MAX_CERTIFYING_BATCH : MAX_DEFAULT_BATCH, s.samples / MIN_BATCHES));
        return new Plan<>(model, guide, s.guideProgram, s.seed, s.samples, b, weightBound, s.hypotheses,
                s.expectationNames, s.expectations, s.keep, s.siteBreakdownRuns, description, s.target != null);
    }

    /**
     * Checks a guide against a model before a long run: runs it a few times and reports every kind or support
     * mismatch between a proposal and its prior, every run that failed with its cause, and every latent site the
     * guide never touches.
     *
     * @param runs how many runs to try (a few hundred is plenty)
     */
    public static <T> GuideCheck check(Model<T> model, Guide guide, int runs) {
        return GuideCheck.of(model, guide, runs);
    }

    /** {@link #check(Model, Guide, int)} with 200 runs. */
    public static <T> GuideCheck check(Model<T> model, Guide guide) {
        return GuideCheck.of(model, guide, 200);
    }

    /**
     * Checks a guide program against a model before a long run, as {@link #check(Model, Guide, int)} checks a guide:
     * errors (a proposal of the wrong kind or support stops the run it meets, and the check names the first), runs
     * that failed, latent sites the guide program leaves to the prior, a proposal's tail too light for the weights,
     * and a value of a discrete site it all but never proposes.
     *
     * @param runs how many runs to try (a few hundred is plenty)
     */
    public static <T> GuideCheck check(Model<T> model, GuideProgram program, int runs) {
        return GuideCheck.of(model, Objects.requireNonNull(program, "guide program"), runs);
    }

    /** {@link #check(Model, GuideProgram, int)} with 200 runs. */
    public static <T> GuideCheck check(Model<T> model, GuideProgram program) {
        return check(model, program, 200);
    }
}
