package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.inference.GuideTails;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A step guide whose tail is too light for its step's target: the incremental weight p(x_t | x_(t-1)) p(y_t | x_t) /
 * q(x_t) then has infinite variance, and log Z-hat can read many standard errors low with no sign in the particles
 * (an outside statistician: a linear-Gaussian model of 10 steps with the guide N(y_t, 0.5), 31 of 300 calls more than
 * 3 standard errors low with no verdict but path degeneracy). Found as importance sampling's light-tail verdict is:
 * each real latent a step samples from a proposal other than its prior is forced at 4 to 64 proposal sds from the
 * proposal's centre, W^2 averaged over {@value #DRAWS_PER_POINT} step calls per point, and where q W^2 x distance
 * rises at every doubling in most of the probes, the latent is named.
 *
 * <p>The previous states come from one sweep of the call's own configuration with at most {@value #SWEEP_PARTICLES}
 * particles over at most its first {@value #SWEEP_STEPS} steps, kept with its history (sweep 0 of the seed): at up
 * to {@value #STEPS} steps spread over the series, the {@value #PARTICLES} particles of largest weight after the
 * step before (the initial step has none). Cost: one sweep, and for each
 * probed step and particle, {@value #DRAWS_PER_POINT} step calls per latent and point (40 per latent), once per
 * result.
 */
final class StepGuideTails<S, O> {

    /** At most this many steps are probed, spread evenly over the series. */
    static final int STEPS = 20;
    /** The particles of largest weight whose states each probed step starts from. */
    static final int PARTICLES = 3;
    /**
     * At most this many particles in the sweep whose states the probes start from: its history keeps every state of
     * every step, and the probes need a few plausible ones, not the call's precision.
     */
    static final int SWEEP_PARTICLES = 200;
    /** The step calls made at each forced point, over which W^2 is averaged. */
    static final int DRAWS_PER_POINT = 4;
    /** The steps of that sweep, at most: the probes look at the first this many steps of a longer series. */
    static final int SWEEP_STEPS = 2000;

    private final StateSpaceSmc<S, O> config;
    private Optional<String> verdict;

    StepGuideTails(StateSpaceSmc<S, O> config) {
        this.config = config;
    }

    /** The verdict on the first latent whose proposal's tail is too light, found once; empty if none. */
    synchronized Optional<String> verdict() {
        if (verdict == null) {
            verdict = config.stepGuide() == null ? Optional.empty() : find();
        }
        return verdict;
    }

    private Optional<String> find() {
        Optional<FilterHistory<S>> kept;
        try {
            kept = new StateSpaceSweep<>(config.probingSweep(SWEEP_STEPS, SWEEP_PARTICLES)).sweep(0).history();
        } catch (RuntimeException e) {
            return Optional.empty(); // the call's own sweeps report it
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        FilterHistory<S> history = kept.get();
        int steps = history.steps();
        StateColumn<S, O> column = config.newColumn(1);
        StepView<S, O> view = new StepView<>(Rng.forRun(config.settings().seed, 0));
        view.realState = config.realStates();
        Map<Tail, int[]> tally = new LinkedHashMap<>(); // {rising, probed, first step probed}
        int probedSteps = Math.min(STEPS, steps);
        for (int j = 0; j < probedSteps; j++) {
            int t = probedSteps == steps ? j : (int) ((long) j * (steps - 1) / (probedSteps - 1));
            O y = config.observations().get(t);
            for (Object previous : previousStates(history, t)) {
                probe(column, view, t, previous, y, tally);
            }
        }
        for (Map.Entry<Tail, int[]> e : tally.entrySet()) {
            int[] c = e.getValue();
            if (c[1] > 0 && 2 * c[0] > c[1]) {
                return Optional.of(String.format(Locale.ROOT, "the step guide's tail at the latent '%s' is too light: "
                        + "with it forced %s its proposal's centre, out to 64 proposal sds, %d of %d probes' "
                        + "incremental weight^2 x density x distance rose at every doubling of the distance or stopped "
                        + "falling (first at step %d), so the incremental weights' variance is infinite, and log Z-hat "
                        + "can read many standard errors low with nothing in the particles to show it (the bounds stay "
                        + "valid); give the step guide tails at least as wide as the step's transition and likelihood",
                        e.getKey().latent(), e.getKey().side() > 0 ? "above" : "below", c[0], c[1], c[2]));
            }
        }
        return Optional.empty();
    }

    /** One side (1 above its proposal's centre, -1 below) of one latent's proposal. */
    private record Tail(String latent, int side) {
    }

    /** The states after step t - 1 of the {@link #PARTICLES} particles of largest weight; one null at step 0. */
    private Object[] previousStates(FilterHistory<S> history, int t) {
        if (t == 0) {
            return new Object[] {null};
        }
        WeightedParticles<S> particles = history.filtering(t - 1);
        int n = particles.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(particles.logWeight(b), particles.logWeight(a)));
        int m = Math.min(PARTICLES, n);
        Object[] out = new Object[m];
        for (int k = 0; k < m; k++) {
            out[k] = particles.value(order[k]);
        }
        return out;
    }

    /** Probes each real latent that step t, from {@code previous}, draws from a proposal, along both of its tails. */
    private void probe(StateColumn<S, O> column, StepView<S, O> view, int t, Object previous, O y,
                       Map<Tail, int[]> tally) {
        StepGuide<S, O> guide = config.stepGuide();
        Map<String, RealDist> proposals = new LinkedHashMap<>();
        view.particle.guide((StepGuide<S, O>) (site, prior) -> {
            Dist q = guide.propose(site, prior);
            if (q instanceof RealDist r && q != prior && prior instanceof RealDist) {
                proposals.putIfAbsent(site.name(), r);
            }
            return q;
        });
        try {
            column.stepOnce(t, previous, view, y);
            for (Map.Entry<String, RealDist> e : proposals.entrySet()) {
                for (int side : new int[] {1, -1}) {
                    Boolean rises = rises(column, view, t, previous, y, e.getKey(), e.getValue(), side);
                    if (rises != null) {
                        int[] c = tally.computeIfAbsent(new Tail(e.getKey(), side), k -> new int[] {0, 0, t});
                        c[0] += rises ? 1 : 0;
                        c[1]++;
                    }
                }
            }
        } catch (RuntimeException e) {
            // a probe the step or the guide refuses says nothing; the call's own sweeps report their errors
        } finally {
            view.particle.guide(guide);
        }
    }

    /** Whether the tail rises along {@code side}; null if it could not be probed. */
    private Boolean rises(StateColumn<S, O> column, StepView<S, O> view, int t, Object previous, O y, String name,
                          RealDist q, int side) {
        double[][] along = GuideTails.tailPoints(q, side);
        double[] distances = along[1];
        double[] logQ = new double[distances.length];
        double[] logW = new double[distances.length];
        StepGuide<S, O> guide = config.stepGuide();
        for (int k = 0; k < distances.length; k++) {
            double x = along[0][k];
            logQ[k] = Double.isFinite(x) && q.support().contains(x) ? q.logDensity(x) : Double.NEGATIVE_INFINITY;
            if (logQ[k] == Double.NEGATIVE_INFINITY) {
                logW[k] = Double.NEGATIVE_INFINITY;
                continue;
            }
            // W^2 averaged over the step's other draws, which each call makes afresh (a latent drawn after the forced
            // one: with one draw per point, a too-light guide on u was named in 7 of 10 calls, an outside
            // statistician); log W is read as half the log of that mean
            double[] logW2 = new double[DRAWS_PER_POINT];
            for (int d = 0; d < DRAWS_PER_POINT; d++) {
                boolean[] forced = {false};
                view.particle.guide((StepGuide<S, O>) (site, prior) -> {
                    Dist real = guide.propose(site, prior);
                    if (!forced[0] && site.name().equals(name) && real instanceof RealDist r) {
                        forced[0] = true;
                        return new Forced(x, r);
                    }
                    return real;
                });
                try {
                    logW2[d] = 2 * column.stepOnce(t, previous, view, y);
                } catch (RuntimeException e) {
                    logW2[d] = Double.NEGATIVE_INFINITY;
                }
            }
            logW[k] = 0.5 * (dev.ariadne.core.dist.LogMath.logSumExp(logW2) - Math.log(DRAWS_PER_POINT));
        }
        if (!(logW[0] > Double.NEGATIVE_INFINITY)) {
            return null;
        }
        return GuideTails.varianceDiverges(distances, logQ, logW);
    }

    /**
     * The value x with probability 1 as a draw, scored as the proposal {@code real} scores it: the particle's
     * correction is then log p(x) - log q(x), as if {@code real} had drawn x.
     */
    private record Forced(double x, RealDist real) implements RealDist {
        @Override
        public double sample(Rng rng) {
            return x;
        }

        @Override
        public double logDensity(double v) {
            return real.logDensity(v);
        }

        @Override
        public boolean unrepresentableAt(double v) {
            return real.unrepresentableAt(v);
        }

        @Override
        public double mean() {
            return x;
        }

        @Override
        public double variance() {
            return 0;
        }

        @Override
        public Support support() {
            return real.support();
        }
    }
}
