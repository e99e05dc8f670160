package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.inference.stats.WeightBound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
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
 * <p>Run i draws from {@code Rng.forRun(seed, i)}. Runs are split into fixed shards of run indices that merge
 * in index order, so the result is bit-for-bit the same for any parallelism. Memory stays constant in the
 * number of runs. With no guide the proposal is the prior (likelihood weighting).
 *
 * @param <T> the model's return type
 */
public final class Importance<T> {

    /** The smallest number of batch means the betting bound runs on. */
    public static final int MIN_BATCHES = 4096;

    private final Model<T> model;
    private Guide guide;
    private GuideProgram guideProgram;
    private long samples = 10_000;
    private long seed = 1;
    private int parallelism = 1;
    private int batchSize;
    private int keep = 1000;
    private long siteBreakdownRuns = 10_000;
    private boolean simultaneous;
    private final List<Accumulator.Hypothesis<T>> hypotheses = new ArrayList<>();
    private final List<String> expectationNames = new ArrayList<>();
    private final List<ToDoubleFunction<T>> expectations = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private ProgressListener progress;
    private double targetDelta;
    private double targetTightness;
    private Duration budget;
    private OptionalDouble maxLogLikelihood = OptionalDouble.empty();

    private Importance(Model<T> model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Importance sampling of {@code model}; with no guide, the proposal is the prior. */
    public static <T> Importance<T> of(Model<T> model) {
        return new Importance<>(model);
    }

    /** The proposal: runs are drawn from the model guided by {@code g}. */
    public Importance<T> guide(Guide g) {
        this.guide = Objects.requireNonNull(g, "guide");
        this.guideProgram = null;
        return this;
    }

    /** The proposal as a guide program (Pyro/Gen form): it runs first and the model is replayed on its values. */
    public Importance<T> guideProgram(GuideProgram program) {
        this.guideProgram = Objects.requireNonNull(program, "guide program");
        this.guide = null;
        return this;
    }

    /** The number of runs (the maximum, when running until certified). */
    public Importance<T> samples(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("samples must be > 0, got " + n);
        }
        this.samples = n;
        return this;
    }

    /** The seed: run i draws from the stream of (seed, i). */
    public Importance<T> seed(long s) {
        this.seed = s;
        return this;
    }

    /** The number of threads; the result does not depend on it. */
    public Importance<T> parallelism(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("parallelism must be > 0, got " + k);
        }
        this.parallelism = k;
        return this;
    }

    /**
     * The number of runs averaged into each batch mean of the betting bound, fixed before the run. The default
     * is max(1, samples / 4096), which keeps at least 4096 batches; fewer batches cap the bound at
     * delta^(1/K) times the truth.
     */
    public Importance<T> batchSize(int b) {
        if (b <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + b);
        }
        this.batchSize = b;
        return this;
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
        this.maxLogLikelihood = OptionalDouble.of(c);
        return this;
    }

    /** Declares a hypothesis on the return value, for P(h, e) bounds and P(h | e) estimates. */
    public Importance<T> hypothesis(String name, Predicate<? super T> holds) {
        declare(name);
        hypotheses.add(new Accumulator.Hypothesis<>(name, Objects.requireNonNull(holds, "hypothesis"), null));
        return this;
    }

    /** Declares a hypothesis on the run's history (its sites and values), for P(h, e) and P(h | e). */
    public Importance<T> historyHypothesis(String name, Predicate<History> holds) {
        declare(name);
        hypotheses.add(new Accumulator.Hypothesis<>(name, null, Objects.requireNonNull(holds, "hypothesis")));
        return this;
    }

    /** Declares a posterior expectation E[f(value) | e], estimated by self-normalised weighting as runs stream. */
    public Importance<T> expectation(String name, ToDoubleFunction<? super T> f) {
        declare(name);
        Objects.requireNonNull(f, "expectation");
        expectationNames.add(name);
        expectations.add(f::applyAsDouble);
        return this;
    }

    private void declare(String name) {
        Objects.requireNonNull(name, "name");
        if (!names.add(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is already declared");
        }
    }

    /** How many weighted runs to keep by priority sampling for posterior summaries (0 keeps none). */
    public Importance<T> keep(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("keep must be >= 0, got " + k);
        }
        this.keep = k;
        return this;
    }

    /** How many runs (the first ones by index) feed the per-site breakdown; 0 turns it off. */
    public Importance<T> siteBreakdownRuns(long runs) {
        if (runs < 0) {
            throw new IllegalArgumentException("site breakdown runs must be >= 0, got " + runs);
        }
        this.siteBreakdownRuns = runs;
        return this;
    }

    /**
     * Makes the bounds hold simultaneously: the evidence bound and every hypothesis bound are each computed at
     * delta / k (Bonferroni), k = 1 + the number of hypotheses, so all hold together with probability 1 - delta.
     */
    public Importance<T> simultaneous() {
        this.simultaneous = true;
        return this;
    }

    /** Called after each shard with the runs done so far. */
    public Importance<T> onProgress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Runs until certified: stops as soon as the betting lower bound at {@code delta} is at least
     * {@code tightness} times the evidence estimate, or {@code budget} has passed, or {@code samples} runs are
     * done. Sound because the betting sequence is valid at any stopping time (the batch size is fixed first).
     *
     * @param delta     the bound's error probability, in (0, 1)
     * @param tightness the target L / Z-hat, in (0, 1)
     * @param budget    the time budget
     */
    public Importance<T> untilCertified(double delta, double tightness, Duration budget) {
        checkDelta(delta);
        if (!(tightness > 0 && tightness < 1)) {
            throw new IllegalArgumentException("tightness must be in (0, 1), got " + tightness);
        }
        this.targetDelta = delta;
        this.targetTightness = tightness;
        this.budget = Objects.requireNonNull(budget, "budget");
        return this;
    }

    static void checkDelta(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
    }

    /**
     * Runs the sampler and returns the result.
     *
     * @throws dev.ariadne.core.ModelException if user code throws in some run; it names the run's seed and index
     */
    public ImportanceResult<T> run() {
        Plan<T> plan = plan();
        Accumulator<T> total = budget == null ? new ShardRunner<>(plan, parallelism, progress).run(0, samples)
                : runUntilCertified(plan);
        return new ImportanceResult<>(plan, total, simultaneous ? 1 + hypotheses.size() : 1);
    }

    private Accumulator<T> runUntilCertified(Plan<T> plan) {
        long deadline = System.nanoTime() + budget.toNanos();
        ShardRunner<T> runner = new ShardRunner<>(plan, parallelism, progress);
        long round = plan.shardRuns * parallelism;
        Accumulator<T> total = null;
        long done = 0;
        while (done < samples) {
            long end = Math.min(samples, done + round);
            Accumulator<T> part = runner.run(done, end);
            if (total == null) {
                total = part;
            } else {
                total.merge(part);
            }
            done = end;
            if (total.evidence.batchCount() > 0) {
                double logL = total.evidence.logLowerBound(targetDelta);
                double logZ = total.weights.logZHat();
                if (logZ > Double.NEGATIVE_INFINITY && logL - logZ >= Math.log(targetTightness)) {
                    break;
                }
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
        }
        return total;
    }

    private Plan<T> plan() {
        Execution<T> execution = Execution.of(model);
        String description = "the prior";
        WeightBound weightBound;
        if (guideProgram != null) {
            execution = execution.guideProgram(guideProgram);
            description = "a guide program";
            weightBound = WeightBound.forGuideProgram(maxLogLikelihood);
        } else {
            if (guide != null && guide != Guide.prior()) {
                execution = execution.guide(guide);
                description = guide.wholeRunPriorShare() > 0 ? "a whole-run defensive mixture" : "a guide";
            }
            weightBound = WeightBound.forGuide(maxLogLikelihood, guide);
        }
        int b = batchSize > 0 ? batchSize : (int) Math.max(1, Math.min(Integer.MAX_VALUE, samples / MIN_BATCHES));
        return new Plan<>(execution, seed, samples, b, weightBound, hypotheses, expectationNames, expectations, keep,
                siteBreakdownRuns, description);
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

    /** Makes a runner for one worker thread (lean: importance sampling never needs the runs' traces). */
    static <T> Runner<T> runnerFor(Plan<T> plan) {
        return plan.execution.leanRunner();
    }
}
