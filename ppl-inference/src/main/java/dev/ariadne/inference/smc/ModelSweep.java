package dev.ariadne.inference.smc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.RunPrefix;
import dev.ariadne.core.Runner;
import dev.ariadne.core.UserText;
import dev.ariadne.core.VmErrors;
import dev.ariadne.inference.ReturnedObjects;
import dev.ariadne.inference.run.StopSignal;
import dev.ariadne.inference.stats.ScaledSum;
import java.util.function.LongFunction;

/**
 * One worker of generic SMC: runs sweeps one after another on its own runner and buffers.
 *
 * <p>Step k (from 1) moves every living particle from its stopping point past its next evidence sites: the
 * particle's run is made again from the start as far as its prefix, with its recorded latents replayed, and continued
 * with fresh latents (from the guide, or the prior) up to and through its next evidence sites, where it is stopped at
 * the latent site after them ({@link Runner#continueRun}). The incremental log weight is log p - log q of the sites
 * of the step. The run of particle i in step k of sweep s draws from the stream
 * {@code (streamSeed(seed, s), (k - 1) N + i)}; resampling draws from the sweep's own stream
 * {@code (streamSeed(seed, s), -1)}. A particle whose run ends (the model returns) is finished: it keeps its value and
 * weight, and its copies are finished too. The sweep ends when every particle is finished or has weight 0. A
 * resampled particle takes its ancestor's prefix: the first descendant the record itself, the others a copy (O(k)
 * values at step k), so that replay reads one contiguous array.
 *
 * <p>Cost: step k replays about k evidence sites' worth of sites, so a sweep of a model with T evidence sites visits
 * O(T^2) sites per particle, against O(T) for the state-space form.
 */
final class ModelSweep<T> implements SweepJob.Worker<Sweep<T>> {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SmcSettings<T> settings;
    private final Runner<T> runner;
    private final Rng control;
    private final ParticleWeights weights;
    /** Per particle: the prefix of its run, whether its model has returned, and then its value. */
    private RunPrefix[] prefixes;
    private boolean[] finished;
    private Object[] values;
    /** Scratch for resampling: the prefixes of particles that left no descendant, and the next generation. */
    private final RunPrefix[] spare;
    private RunPrefix[] movedPrefixes;
    private boolean[] movedFinished;
    private Object[] movedValues;
    private final boolean[] taken;
    /**
     * The worker's watch on the objects its particles' runs returned, over its sweeps (one object changed in place is
     * changed across them too), and how the sweep under way names a particle.
     */
    private final ReturnedObjects returned = new ReturnedObjects();
    private LongFunction<String> returnedBy;

    ModelSweep(ModelSmc<T> config) {
        this.settings = config.settings();
        Guide guide = config.guide();
        this.runner = Execution.of(config.model()).guide(guide == null ? Guide.prior() : guide).leanRunner();
        this.control = Rng.forRun(0, -1);
        int n = settings.particles;
        this.weights = new ParticleWeights(n);
        this.prefixes = new RunPrefix[n];
        this.finished = new boolean[n];
        this.values = new Object[n];
        this.spare = new RunPrefix[n];
        this.movedPrefixes = new RunPrefix[n];
        this.movedFinished = new boolean[n];
        this.movedValues = new Object[n];
        this.taken = new boolean[n];
        for (int i = 0; i < n; i++) {
            prefixes[i] = new RunPrefix();
        }
    }

    /** The seed of sweep {@code sweep}'s streams: a bijective mix of (seed, sweep). */
    static long streamSeed(long seed, long sweep) {
        long z = seed + (sweep + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Asked between particles whether the budget ran out ({@link SweepJob#check}). */
    private StopSignal stop = StopSignal.NEVER;

    @Override
    public void watch(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public Sweep<T> sweep(long index) {
        int n = settings.particles;
        long streams = streamSeed(settings.seed, index);
        control.reset(streams, -1);
        weights.start();
        for (RunPrefix p : prefixes) {
            p.clear();
        }
        java.util.Arrays.fill(finished, false);
        java.util.Arrays.fill(values, null);
        returnedBy = particle -> "particle " + particle + " of sweep " + index + " (seed " + settings.seed + ")";
        boolean alive = true;
        int k = 0;
        int i = 0;
        FailedParticles failed = new FailedParticles();
        try {
            while (true) {
                k++;
                int[] a = weights.ancestors(k == 1, settings.resampling, settings.essThreshold, control);
                if (weights.resampledLast()) {
                    resample(a);
                }
                boolean moving = false;
                double[] logW = weights.logW;
                for (i = 0; i < n; i++) {
                    if (finished[i] || logW[i] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    SweepJob.check(stop);
                    logW[i] += advance(k, i, streams);
                    moving |= !finished[i];
                    if (runner.failed()) {
                        failed.add("step " + (k - 1) + ", particle " + i + ": " + runner.failure(),
                                runner.failureCause());
                    }
                }
                alive = weights.weigh();
                if (!alive || !moving) {
                    break;
                }
            }
        } catch (ModelException | IllegalStateException | IllegalArgumentException e) {
            // Steps count from 0, as the diagnostics' and every SMC's do: step k - 1 runs up to evidence site k.
            String run = "sweep " + index + ", step " + (k - 1) + " (the run up to its evidence site number " + k
                    + "), particle " + i + " (seed " + settings.seed + ")";
            throw new SmcException(run + ": " + ModelException.reasonAndSite(e), ModelException.withRun(e, run));
        }
        try {
            return failed.into(finish(index, alive));
        } catch (RuntimeException | Error e) {
            VmErrors.rethrowVms(e);
            throw new SmcException("sweep " + index + " (seed " + settings.seed + "), evaluating a declared hypothesis "
                    + "or expectation on the final particles: " + ModelException.reasonAndSite(e), e);
        }
    }

    /**
     * Makes particle j a copy of particle {@code a[j]}. An ancestor's first descendant takes its prefix itself; only
     * further descendants copy it, into the prefixes of particles that left none.
     */
    private void resample(int[] a) {
        int n = a.length;
        boolean[] kept = taken;
        java.util.Arrays.fill(kept, false);
        for (int j = 0; j < n; j++) {
            kept[a[j]] = true;
        }
        int free = 0;
        for (int j = 0; j < n; j++) {
            if (!kept[j]) {
                spare[free++] = prefixes[j];
            }
        }
        RunPrefix[] next = movedPrefixes;
        boolean[] nextFinished = movedFinished;
        Object[] nextValues = movedValues;
        for (int j = 0; j < n; j++) {
            int from = a[j];
            if (kept[from]) {
                kept[from] = false;
                next[j] = prefixes[from];
            } else {
                RunPrefix copy = spare[--free];
                copy.copyFrom(prefixes[from]);
                next[j] = copy;
            }
            nextFinished[j] = finished[from];
            nextValues[j] = values[from];
        }
        movedPrefixes = prefixes;
        movedFinished = finished;
        movedValues = values;
        prefixes = next;
        finished = nextFinished;
        values = nextValues;
    }

    /**
     * Moves particle i through its next evidence sites: its run is made again as far as its prefix and continued
     * ({@link Runner#continueRun}). Returns the step's incremental log weight ({@code -inf} when the run got weight
     * 0).
     */
    private double advance(int k, int i, long streams) {
        if (runner.continueRun(streams, (long) (k - 1) * settings.particles + i, prefixes[i])) {
            return runner.logWeight();
        }
        finished[i] = true;
        values[i] = dev.ariadne.core.ReturnValues.kept(runner.value());
        returned.returned(values[i], i, returnedBy);
        return runner.logWeight();
    }

    private Sweep<T> finish(long index, boolean alive) {
        double[] logW = weights.normalisedLogWeights();
        Object[] finals = values.clone();
        int h = settings.hypotheses.size();
        int e = settings.expectations.size();
        double[] logShare = new double[h];
        double[] means = new double[e];
        for (int q = 0; q < h; q++) {
            logShare[q] = alive ? logShare(settings.hypotheses.get(q).name(), settings.hypotheses.get(q).function(),
                    finals, logW)
                    : Double.NEGATIVE_INFINITY;
        }
        for (int q = 0; q < e; q++) {
            means[q] = alive ? mean(settings.expectations.get(q).name(), settings.expectations.get(q).function(),
                    finals, logW) : Double.NaN;
        }
        Sweep<T> sweep = new Sweep<>(index, weights.logZ, WeightedParticles.ofObjects(finals, logW),
                weights.essPerStep(), weights.resampledPerStep(), weights.resamplings(),
                alive ? weights.uniqueRoots() : 0, logShare, means, new double[0], new double[0][], null);
        sweep.returnedChanged = returned.changed();
        return sweep;
    }

    /**
     * The log of the final particles' normalised weight where hypothesis {@code name} holds; what the hypothesis
     * throws names it, the particle and its value.
     */
    @SuppressWarnings("unchecked")
    static <T> double logShare(String name, java.util.function.Predicate<? super T> h, Object[] v, double[] logW) {
        double s = 0;
        boolean failedSomewhere = false;
        for (int i = 0; i < v.length; i++) {
            if (logW[i] > Double.NEGATIVE_INFINITY) {
                if (holds(name, h, (T) v[i], i)) {
                    s += Math.exp(logW[i]);
                } else {
                    failedSomewhere = true;
                }
            }
        }
        // Where it held in every particle the share is 1 exactly: the normalised weights' sum can round above 1, and
        // a share above 1 read as a hypothesis that failed somewhere (an adversarial tester).
        return failedSomewhere || s == 0 ? Math.min(0, Math.log(s)) : 0;
    }

    private static <T> boolean holds(String name, java.util.function.Predicate<? super T> h, T value, int i) {
        try {
            return h.test(value);
        } catch (RuntimeException | Error e) {
            VmErrors.rethrowVms(e);
            throw threw("hypothesis '" + name + "'", e, i, value);
        }
    }

    /**
     * The final particles' weighted mean of expectation {@code name}; what it throws names it, the particle and its
     * value.
     */
    @SuppressWarnings("unchecked")
    static <T> double mean(String name, java.util.function.ToDoubleFunction<? super T> f, Object[] v, double[] logW) {
        ScaledSum s = new ScaledSum();
        for (int i = 0; i < v.length; i++) {
            if (logW[i] > Double.NEGATIVE_INFINITY) {
                double x;
                try {
                    x = f.applyAsDouble((T) v[i]);
                } catch (RuntimeException | Error e) {
                    VmErrors.rethrowVms(e);
                    throw threw("expectation '" + name + "'", e, i, v[i]);
                }
                s.add(Math.exp(logW[i]), SmcValues.number(x, i, v[i]));
            }
        }
        return s.mean(1);
    }

    private static IllegalStateException threw(String what, Throwable e, int particle, Object value) {
        return new IllegalStateException(what + " threw " + UserText.of(e) + " on final particle " + particle
                + " (value " + UserText.of(value) + ")", e);
    }
}
