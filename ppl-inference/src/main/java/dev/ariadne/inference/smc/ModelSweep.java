package dev.ariadne.inference.smc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.History;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.dist.ValueKind;

/**
 * One worker of generic SMC: runs sweeps one after another on its own runner and buffers.
 *
 * <p>Step k (from 1) moves every living particle from its stopping point past its next evidence site: the particle's
 * run is made again from the start with its recorded latents replayed ({@link ReplayGuide}), fresh latents drawn
 * (from the guide, or the prior) up to and through its next evidence sites, and the run stopped at the latent site
 * after them. The incremental log weight is the sum of log p - log q over the sites of the step. The run of particle i in
 * step k of sweep s draws from the stream {@code (streamSeed(seed, s), (k - 1) N + i)}; resampling draws from the
 * sweep's own stream {@code (streamSeed(seed, s), -1)}. A particle whose run ends (the model returns) is finished:
 * it keeps its value and weight, and its copies are finished too. The sweep ends when every particle is finished or
 * has weight 0. A resampled particle copies its ancestor's record (O(k) values at step k), so that replay reads one
 * contiguous array.
 *
 * <p>Cost: step k replays about k evidence sites' worth of sites, so a sweep of a model with T evidence sites visits
 * O(T^2) sites per particle, against O(T) for the state-space form.
 */
final class ModelSweep<T> implements SweepJob.Worker<Sweep<T>> {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SmcSettings<T> settings;
    private final Runner<T> runner;
    private final ReplayGuide replay;
    private final Rng control;
    private final ParticleWeights weights;
    private ParticleRecord[] records;
    private ParticleRecord[] spare;

    ModelSweep(ModelSmc<T> config) {
        this.settings = config.settings();
        this.replay = new ReplayGuide(config.guide());
        this.runner = Execution.of(config.model()).guide(replay).leanRunner();
        this.control = Rng.forRun(0, -1);
        int n = settings.particles;
        this.weights = new ParticleWeights(n);
        this.records = new ParticleRecord[n];
        this.spare = new ParticleRecord[n];
        for (int i = 0; i < n; i++) {
            records[i] = new ParticleRecord();
            spare[i] = new ParticleRecord();
        }
    }

    /** The seed of sweep {@code sweep}'s streams: a bijective mix of (seed, sweep). */
    static long streamSeed(long seed, long sweep) {
        long z = seed + (sweep + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public Sweep<T> sweep(long index) {
        int n = settings.particles;
        long streams = streamSeed(settings.seed, index);
        control.reset(streams, -1);
        weights.start();
        for (ParticleRecord r : records) {
            r.clear();
        }
        boolean alive = true;
        int k = 0;
        int i = 0;
        try {
            while (true) {
                k++;
                int[] a = weights.ancestors(k == 1, settings.resampling, settings.essThreshold, control);
                if (weights.resampledLast()) {
                    for (int j = 0; j < n; j++) {
                        spare[j].copyFrom(records[a[j]]);
                    }
                    ParticleRecord[] r = records;
                    records = spare;
                    spare = r;
                }
                boolean moving = false;
                for (i = 0; i < n; i++) {
                    ParticleRecord rec = records[i];
                    if (rec.finished || weights.logW[i] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    weights.logW[i] += advance(k, i, rec, streams);
                    moving |= !rec.finished;
                }
                alive = weights.weigh();
                if (!alive || !moving) {
                    break;
                }
            }
        } catch (ModelException | IllegalStateException | IllegalArgumentException e) {
            throw new SmcException("sweep " + index + ", step " + k + ", particle " + i + " (seed " + settings.seed
                    + "): " + e.getMessage(), e);
        }
        try {
            return finish(index, alive);
        } catch (RuntimeException e) {
            throw new SmcException("sweep " + index + " (seed " + settings.seed + "), evaluating a declared hypothesis "
                    + "or expectation on the final particles: " + e.getMessage(), e);
        }
    }

    /**
     * Runs particle i from the start through its next evidence sites, replaying {@code rec} and appending its fresh
     * latent values to it, and returns its incremental log weight ({@code -inf} when the run got weight 0).
     */
    private double advance(int k, int i, ParticleRecord rec, long streams) {
        int prefix = rec.stop;
        int replayed = rec.size;
        replay.prepare(rec);
        runner.run(streams, (long) (k - 1) * settings.particles + i);
        int stopSite = replay.stopSite();
        boolean stopped = stopSite >= 0;
        if (!stopped && runner.failed()) {
            rec.finished = true;
            rec.value = null;
            return Double.NEGATIVE_INFINITY;
        }
        if (replay.calls() < replayed) {
            throw new IllegalStateException("the model returned after " + replay.calls() + " latent sites, before "
                    + "replaying the particle's " + replayed + " recorded values; the model's run must be "
                    + "determined by its random choices");
        }
        int end = stopped ? stopSite : runner.siteCount();
        double inc = 0;
        History h = runner.history();
        for (int s = Math.max(0, prefix); s < end; s++) {
            inc += runner.siteLogP(s) - runner.siteLogQ(s);
            if (runner.siteKind(s) == SiteKind.LATENT) {
                record(h, s, rec);
            }
        }
        rec.stop = end;
        rec.finished = !stopped;
        rec.value = stopped ? null : runner.value();
        return inc;
    }

    private static void record(History h, int s, ParticleRecord out) {
        ValueKind kind = h.valueKind(s);
        switch (kind) {
            case REAL:
                out.addScalar(kind, h.real(s));
                break;
            case INT:
                out.addScalar(kind, h.integer(s));
                break;
            case BOOL:
                out.addScalar(kind, h.bool(s) ? 1 : 0);
                break;
            case VECTOR:
                out.addObject(kind, h.vector(s));
                break;
            default:
                out.addObject(kind, h.value(s));
        }
    }

    private Sweep<T> finish(long index, boolean alive) {
        double[] logW = weights.normalisedLogWeights();
        Object[] finals = new Object[records.length];
        for (int i = 0; i < finals.length; i++) {
            finals[i] = records[i].value;
        }
        int h = settings.hypotheses.size();
        int e = settings.expectations.size();
        double[] logShare = new double[h];
        double[] means = new double[e];
        for (int q = 0; q < h; q++) {
            logShare[q] = alive ? logShare(settings.hypotheses.get(q).function(), finals, logW)
                    : Double.NEGATIVE_INFINITY;
        }
        for (int q = 0; q < e; q++) {
            means[q] = alive ? mean(settings.expectations.get(q).function(), finals, logW) : Double.NaN;
        }
        return new Sweep<>(index, weights.logZ, WeightedParticles.ofObjects(finals, logW), weights.essPerStep(),
                weights.resampledPerStep(), weights.resamplings(), alive ? weights.uniqueRoots() : 0, logShare, means,
                new double[0], new double[0][], null);
    }

    @SuppressWarnings("unchecked")
    static <T> double logShare(java.util.function.Predicate<? super T> h, Object[] v, double[] logW) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            if (logW[i] > Double.NEGATIVE_INFINITY && h.test((T) v[i])) {
                s += Math.exp(logW[i]);
            }
        }
        return Math.log(s);
    }

    @SuppressWarnings("unchecked")
    static <T> double mean(java.util.function.ToDoubleFunction<? super T> f, Object[] v, double[] logW) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            if (logW[i] > Double.NEGATIVE_INFINITY) {
                s += Math.exp(logW[i]) * f.applyAsDouble((T) v[i]);
            }
        }
        return s;
    }
}
