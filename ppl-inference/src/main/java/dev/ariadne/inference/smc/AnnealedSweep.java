package dev.ariadne.inference.smc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.ValueKind;
import dev.ariadne.inference.BelowTheDoubles;
import dev.ariadne.inference.mcmc.Chain;
import dev.ariadne.inference.mcmc.Kernel;
import dev.ariadne.inference.mcmc.Kernels;
import dev.ariadne.inference.mcmc.SingleSiteKernel;
import dev.ariadne.inference.mcmc.Target;
import dev.ariadne.inference.mcmc.TraceState;
import dev.ariadne.inference.run.StopSignal;
import dev.ariadne.inference.stats.ParetoKHat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One worker of annealed SMC: runs sweeps (and the pilot) one after another on its own runner and chains.
 *
 * <p>A sweep: N runs of the model from the guide (or the prior), each weighted p(x) / q(x) (0 for a run that
 * fails); then for each temperature beta_j the weights are multiplied by p(e | x)^(beta_j - beta_(j-1)), the
 * particles resampled when the ESS falls below the threshold, and each moved by MCMC steps that leave
 * p(x) p(e | x)^beta_j invariant: moves x L_j steps of the kernel, L_j the schedule's latent sites at beta_j, the
 * same for every particle (a count that followed each particle's own sites would not leave the target invariant). Run i of the start draws from the stream (streamSeed(seed, k), i); particle i's
 * moves at temperature j from stream j N + i of a chain seeded from the same pair; resampling from the sweep's own
 * stream (streamSeed(seed, k), -1).
 */
final class AnnealedSweep<T> implements SweepJob.Worker<Sweep<T>> {

    /** The scale of a one-dimensional random walk's optimal step, in posterior standard deviations. */
    static final double STEP_SCALE = 2.38;

    private final AnnealedSmc<T> config;
    private final SmcSettings<T> settings;
    private final Model<T> model;
    private final Runner<T> runner;
    private final Rng control;
    private final ParticleWeights weights;
    private final Chain<T> start;
    private final List<Chain<T>> chains = new ArrayList<>();
    private List<TraceState<T>> states;
    private double[] logLik;
    /** This sweep's rejuvenation steps and acceptances by site at its last temperature ({@link Sweep#kernelMoves}). */
    private Map<String, long[]> kernelMoves = new java.util.LinkedHashMap<>();

    AnnealedSweep(AnnealedSmc<T> config) {
        this.config = config;
        this.settings = config.settings();
        this.model = config.model();
        Guide g = config.guide();
        Execution<T> e = Execution.of(model);
        this.runner = (g == null ? e : e.guide(g)).leanRunner();
        this.control = Rng.forRun(0, -1);
        this.weights = new ParticleWeights(settings.particles);
        this.start = Chain.of(model, Kernels.singleSite().fixedStep(1.0), Target.tempered(0));
    }

    /** Asked between particles whether the budget ran out ({@link SweepJob#check}); never in the pilot. */
    private StopSignal stop = StopSignal.NEVER;

    @Override
    public void watch(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public Sweep<T> sweep(long index) {
        try {
            return run(index, config.frozenSchedule(), null);
        } catch (ModelException | IllegalStateException | IllegalArgumentException e) {
            String run = "annealed sweep " + index + " (seed " + settings.seed + ")";
            throw new SmcException(run + ": " + ModelException.reasonAndSite(e), ModelException.withRun(e, run));
        }
    }

    /**
     * The pilot sweep (stream index {@code index}): chooses each next temperature so that the conditional ESS of the
     * reweighting is {@code cess} N, and each temperature's random-walk steps from the particle cloud.
     */
    Schedule pilot(long index, double cess) {
        List<double[]> betas = new ArrayList<>();
        List<Map<String, Double>> steps = new ArrayList<>();
        List<Integer> sites = new ArrayList<>();
        try {
            run(index, null, new Adaptive(cess, betas, steps, sites));
        } catch (ModelException | IllegalStateException | IllegalArgumentException e) {
            String run = "annealed SMC's pilot sweep (seed " + settings.seed + ")";
            throw new SmcException(run + ": " + ModelException.reasonAndSite(e), ModelException.withRun(e, run));
        }
        // A pilot whose particles all died (hard evidence no starting run met, or a likelihood of 0 wherever they
        // were) chose no temperature past that point: its schedule goes from the last it chose straight to 1, with
        // the kernel's default steps there, so that the certifying sweeps run and say whether they die too.
        double diedAt = Double.NaN;
        if (betas.isEmpty() || betas.size() > steps.size()) {
            diedAt = betas.isEmpty() ? 0 : betas.get(betas.size() - 1)[0];
        }
        if (betas.isEmpty() || betas.get(betas.size() - 1)[0] < 1) {
            betas.add(new double[] {1.0});
        }
        int lastSites = sites.isEmpty() ? 1 : sites.get(sites.size() - 1);
        while (steps.size() < betas.size()) {
            steps.add(Map.of());
            sites.add(lastSites);
        }
        double[] b = new double[betas.size()];
        int[] l = new int[sites.size()];
        for (int j = 0; j < b.length; j++) {
            b[j] = betas.get(j)[0];
            l[j] = sites.get(j);
        }
        return new Schedule(b, steps, l, diedAt);
    }

    /** What the pilot chooses and records as it goes. */
    private record Adaptive(double cess, List<double[]> betas, List<Map<String, Double>> steps, List<Integer> sites) {
    }

    /**
     * The mean number of latent sites of {@code runs} starting runs (stream index {@code index}, which no sweep
     * uses), rounded up and at least 1: the sweep length of a schedule given without one.
     */
    int startingSites(long index, int runs) {
        long streams = ModelSweep.streamSeed(settings.seed, index);
        long total = 0;
        int counted = 0;
        try {
            for (int i = 0; i < runs; i++) {
                SweepJob.check(stop);
                runner.run(streams, i);
                if (!runner.failed() && start.tryStartAt(runner.trace())) {
                    total += start.state().size();
                    counted++;
                }
            }
        } catch (ModelException | IllegalStateException | IllegalArgumentException e) {
            String run = "annealed SMC, measuring a sweep's length (seed " + settings.seed + ")";
            throw new SmcException(run + ": " + ModelException.reasonAndSite(e), ModelException.withRun(e, run));
        }
        return counted == 0 ? 1 : (int) Math.max(1, (total + counted - 1) / counted);
    }

    /** The weighted mean number of latent sites of the living particles, rounded up and at least 1. */
    private int meanSites() {
        double w = 0;
        double sum = 0;
        for (int i = 0; i < states.size(); i++) {
            TraceState<T> s = states.get(i);
            if (s != null && weights.logW[i] > Double.NEGATIVE_INFINITY) {
                double wi = Math.exp(weights.normalisedLogWeight(i));
                w += wi;
                sum += wi * s.size();
            }
        }
        return w > 0 ? (int) Math.max(1, Math.min(Integer.MAX_VALUE / 1024, Math.ceil(sum / w - 1e-9))) : 1;
    }

    private Sweep<T> run(long index, Schedule schedule, Adaptive adaptive) {
        int n = settings.particles;
        FailedParticles failed = new FailedParticles();
        long streams = ModelSweep.streamSeed(settings.seed, index);
        control.reset(streams, -1);
        weights.start();
        kernelMoves = new java.util.LinkedHashMap<>();
        states = new ArrayList<>(n);
        logLik = new double[n];
        for (int i = 0; i < n; i++) {
            SweepJob.check(stop);
            runner.run(streams, i);
            if (runner.failed()) {
                weights.logW[i] = Double.NEGATIVE_INFINITY;
                states.add(null);
                failed.add("particle " + i + ": " + runner.failure(), runner.failureCause());
                continue;
            }
            if (!start.tryStartAt(runner.trace())) {
                // A run its runner kept whose scores the target gives density 0 (a draw the doubles cannot carry):
                // weight 0, as importance sampling gives it.
                weights.logW[i] = Double.NEGATIVE_INFINITY;
                states.add(null);
                failed.add("particle " + i + ": " + start.zeroReason(), start.zeroCause());
                continue;
            }
            weights.logW[i] = runner.logPrior() - runner.logQ();
            TraceState<T> s = start.state().copy();
            states.add(s);
            logLik[i] = s.logLikelihood();
        }
        ParetoKHat firstStep = new ParetoKHat((long) n * settings.sweeps);
        for (int i = 0; i < n; i++) {
            firstStep.add(weights.logW[i]);
        }
        boolean alive = weights.weigh();
        double beta = 0;
        int j = 0;
        while (alive && beta < 1) {
            j++;
            double next;
            Map<String, Double> steps;
            int sites = 0;
            if (adaptive == null) {
                next = schedule.temperature(j);
                steps = schedule.steps(j);
                sites = schedule.latentSites(j);
            } else {
                next = nextTemperature(beta, adaptive.cess());
                adaptive.betas().add(new double[] {next});
                steps = null;
            }
            double delta = next - beta;
            for (int i = 0; i < n; i++) {
                if (weights.logW[i] > Double.NEGATIVE_INFINITY) {
                    weights.logW[i] += delta * logLik[i];
                }
            }
            alive = weights.weigh();
            beta = next;
            if (!alive) {
                break;
            }
            int[] a = weights.ancestors(false, settings.resampling, settings.essThreshold, control);
            if (weights.resampledLast()) {
                List<TraceState<T>> picked = new ArrayList<>(n);
                double[] l = new double[n];
                for (int i = 0; i < n; i++) {
                    picked.add(states.get(a[i]));
                    l[i] = logLik[a[i]];
                }
                states = picked;
                logLik = l;
            }
            if (adaptive != null) {
                steps = stepsFromCloud();
                adaptive.steps().add(steps);
                sites = meanSites();
                adaptive.sites().add(sites);
            }
            move(j, beta, steps, sites, streams);
        }
        if (adaptive == null && alive && j != schedule.size()) {
            throw new IllegalStateException("internal: the sweep ended at temperature " + j + " of " + schedule.size());
        }
        Sweep<T> sweep = finish(index, alive);
        sweep.firstStepTail = firstStep;
        failed.into(sweep);
        return sweep;
    }

    /** The largest next temperature whose reweighting keeps the conditional ESS at least {@code cess} N. */
    private double nextTemperature(double beta, double cess) {
        double room = 1 - beta;
        if (conditionalEss(room) >= cess) {
            return 1.0;
        }
        double lo = 0;
        double hi = room;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            if (conditionalEss(mid) >= cess) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double next = beta + Math.max(lo, room * 1e-9);
        return Math.min(1.0, next);
    }

    /**
     * The conditional ESS of reweighting by p(e | x)^delta, as a fraction of N: (sum W_i u_i)^2 / sum W_i u_i^2 with
     * W the current normalised weights and u_i = p(e | x_i)^delta (Zhou, Johansen and Aston 2016).
     */
    private double conditionalEss(double delta) {
        int n = settings.particles;
        double maxL = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (weights.logW[i] > Double.NEGATIVE_INFINITY) {
                maxL = Math.max(maxL, logLik[i]);
            }
        }
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            if (weights.logW[i] > Double.NEGATIVE_INFINITY) {
                double w = Math.exp(weights.normalisedLogWeight(i));
                double u = Math.exp(delta * (logLik[i] - maxL));
                s1 += w * u;
                s2 += w * u * u;
            }
        }
        return s2 == 0 ? 0 : s1 * s1 / s2;
    }

    /**
     * Random-walk steps for the moves at this temperature: {@value #STEP_SCALE} times the weighted standard deviation
     * of each real site's value across the particles, in the unconstrained space the walk uses (the identity, log
     * above a lower end, logit between two ends).
     */
    private Map<String, Double> stepsFromCloud() {
        Map<String, double[]> moments = new LinkedHashMap<>();
        for (int i = 0; i < states.size(); i++) {
            TraceState<T> s = states.get(i);
            if (s == null || weights.logW[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double w = Math.exp(weights.normalisedLogWeight(i));
            for (int k = 0; k < s.size(); k++) {
                if (s.valueKind(k) != ValueKind.REAL) {
                    continue;
                }
                double u = free(s.prior(k).support(), s.real(k));
                if (!Double.isFinite(u)) {
                    continue;
                }
                double[] m = moments.computeIfAbsent(s.address(k).toString(), a -> new double[3]);
                m[0] += w;
                m[1] += w * u;
                m[2] += w * u * u;
            }
        }
        Map<String, Double> steps = new LinkedHashMap<>();
        moments.forEach((a, m) -> {
            if (m[0] > 0) {
                double mean = m[1] / m[0];
                double var = Math.max(0, m[2] / m[0] - mean * mean);
                double step = STEP_SCALE * Math.sqrt(var);
                if (step > 1e-12 && step < Double.POSITIVE_INFINITY) {
                    steps.put(a, step);
                }
            }
        });
        return steps;
    }

    /** The unconstrained value of x: the same maps as the random walk's (identity, log, logit). */
    static double free(Support s, double x) {
        switch (s.type()) {
            case POSITIVE:
                return Math.log(x - s.lower());
            case INTERVAL:
                boolean low = s.lower() > Double.NEGATIVE_INFINITY;
                boolean high = s.upper() < Double.POSITIVE_INFINITY;
                return low && high ? Math.log(x - s.lower()) - Math.log(s.upper() - x)
                        : low ? Math.log(x - s.lower()) : high ? Math.log(s.upper() - x) : x;
            default:
                return x;
        }
    }

    /**
     * Moves every living particle by {@code moves x sites} steps of the rejuvenation kernel at temperature beta_j, on
     * its own stream.
     */
    private void move(int j, double beta, Map<String, Double> steps, int sites, long streams) {
        Chain<T> chain = chain(j, beta, steps);
        int n = settings.particles;
        int kernelSteps = (int) Math.min(Integer.MAX_VALUE, (long) config.movesPerTemperature() * sites);
        chain.endWarmup(); // its counts restart: a chain serves this temperature in every sweep of its worker
        for (int i = 0; i < n; i++) {
            TraceState<T> s = states.get(i);
            if (s == null || weights.logW[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            SweepJob.check(stop);
            chain.reseed(streams, (long) j * n + i);
            chain.startAt(s);
            TraceState<T> moved = chain.step(kernelSteps).copy();
            states.set(i, moved);
            logLik[i] = moved.logLikelihood();
        }
        // the last temperature's alone: at the first ones, near the prior, a draw from the prior is all but always
        // accepted, and those counts hid a kernel that no longer moved the choice near the posterior
        if (beta >= 1) {
            countMoves(chain);
        }
    }

    /**
     * Adds the chain's rejuvenation steps and acceptances at each real or vector site of the living particles to
     * {@link #kernelMoves}. Not at a discrete site: one that the evidence pins to a value rejects every other value
     * proposed for it, rightly, and its particles are not the worse for it.
     */
    private void countMoves(Chain<T> chain) {
        java.util.Set<String> continuous = new java.util.TreeSet<>();
        for (TraceState<T> s : states) {
            for (int k = 0; s != null && k < s.size(); k++) {
                if (s.valueKind(k) == ValueKind.REAL || s.valueKind(k) == ValueKind.VECTOR) {
                    continuous.add(s.address(k).toString());
                }
            }
        }
        for (dev.ariadne.inference.mcmc.KernelStats k : chain.acceptance()) {
            if (k.bySite().isEmpty()) {
                // a whole-run kernel (an independence kernel): an accepted proposal moves every site at once
                for (String site : continuous) {
                    long[] c = kernelMoves.computeIfAbsent(site, a -> new long[2]);
                    c[0] += k.proposed();
                    c[1] += k.accepted();
                }
            }
            for (dev.ariadne.inference.mcmc.KernelStats.SiteRate r : k.bySite()) {
                String site = r.site().toString();
                if (continuous.contains(site)) {
                    long[] c = kernelMoves.computeIfAbsent(site, a -> new long[2]);
                    c[0] += r.proposed();
                    c[1] += r.accepted();
                }
            }
        }
    }

    /** The chain of temperature j: made once per worker for a frozen schedule, afresh in the pilot. */
    private Chain<T> chain(int j, double beta, Map<String, Double> steps) {
        while (chains.size() < j) {
            chains.add(null);
        }
        Chain<T> c = chains.get(j - 1);
        if (c == null || config.frozenSchedule() == null) {
            Kernel k = config.kernel();
            if (k instanceof SingleSiteKernel && !steps.isEmpty()) {
                k = ((SingleSiteKernel) k).fixedSteps(steps);
            }
            c = Chain.of(model, k, Target.tempered(beta));
            c.endWarmup();
            chains.set(j - 1, c);
        }
        return c;
    }

    private Sweep<T> finish(long index, boolean alive) {
        int n = settings.particles;
        double[] logW = weights.normalisedLogWeights();
        Object[] finals = new Object[n];
        for (int i = 0; i < n; i++) {
            TraceState<T> s = states.get(i);
            finals[i] = s == null ? null : s.returnValue();
        }
        int h = settings.hypotheses.size();
        int e = settings.expectations.size();
        double[] logShare = new double[h];
        double[] means = new double[e];
        for (int q = 0; q < h; q++) {
            logShare[q] = alive ? ModelSweep.logShare(settings.hypotheses.get(q).name(),
                    settings.hypotheses.get(q).function(), finals, logW)
                    : Double.NEGATIVE_INFINITY;
        }
        for (int q = 0; q < e; q++) {
            means[q] = alive ? ModelSweep.mean(settings.expectations.get(q).name(),
                    settings.expectations.get(q).function(), finals, logW) : Double.NaN;
        }
        Sweep<T> sweep = new Sweep<>(index, weights.logZ, WeightedParticles.ofObjects(finals, logW),
                weights.essPerStep(), weights.resampledPerStep(), weights.resamplings(),
                alive ? weights.uniqueRoots() : 0, logShare, means, new double[0], new double[0][], null);
        sweep.belowTheDoubles = alive ? belowTheDoubles(logW) : null;
        sweep.kernelMoves = kernelMoves;
        return sweep;
    }

    /** The final particles' real values, by address, weighted by their normalised weights: see BelowTheDoubles. */
    private BelowTheDoubles belowTheDoubles(double[] logW) {
        BelowTheDoubles below = new BelowTheDoubles();
        for (int i = 0; i < states.size(); i++) {
            TraceState<T> s = states.get(i);
            if (s == null || logW[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double w = Math.exp(logW[i]);
            for (int k = 0; k < s.size(); k++) {
                if (s.valueKind(k) == ValueKind.REAL && Double.isFinite(s.real(k))) {
                    below.add(s.address(k), s.real(k), w);
                }
            }
        }
        return below;
    }
}
