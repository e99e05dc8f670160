package dev.ariadne.inference.rare;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Handler;
import dev.ariadne.core.Message;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.RealDist;
import java.util.Arrays;

/**
 * The Markov kernel of subset simulation at one level: a Metropolis-Hastings move whose stationary law is the
 * prior restricted to the runs whose margin is at least the level, {@code pi(x) ∝ p(x) 1[margin(x) >= L]}.
 *
 * <p><b>The proposal.</b> The model is re-run with every latent choice set by this handler, in order. Each real
 * choice j has a standard coordinate xi_j under its prior in that run ({@link StandardCoordinates}), and the move
 * steps there: {@code xi'_j = c xi_j + sigma z_j} with {@code c = sqrt(1 - sigma^2)} and z_j standard normal (the
 * preconditioned Crank-Nicolson step), where xi_j is the old value's coordinate under its old prior and the new
 * value is {@code x'_j = T'_j^-1(xi'_j)} under the prior the proposed run gives the choice (so given the proposed
 * earlier choices). The real choices thus move in the non-centred coordinates of the model: for a model whose real
 * choices' maps are exact (a random walk of Normals, say) xi is N(0, I) under the prior whatever the dependence
 * between choices, and only the level decides. A boolean or integer choice keeps its value with probability c and
 * is otherwise drawn afresh from its prior. Vector and object choices keep their value.
 *
 * <p><b>Why the stationary law is the restricted prior, for every model.</b> Write T for the map from the real
 * choices x to xi given the discrete ones (triangular: xi_j depends on x_j and the choices before it), so the prior
 * in xi has the density {@code p_xi = p(x) / |det dT/dx|}. The step in xi is reversible with respect to N(0, I),
 * so the Metropolis-Hastings ratio of the whole proposal is
 * {@code [p_xi(xi') / phi(xi')] / [p_xi(xi) / phi(xi)]} times, for each discrete choice, the ratio of its prior
 * masses and of its keep-or-redraw densities in both directions, and for each kept choice the ratio of its prior
 * densities. The first factor is the sum over real choices of {@link StandardCoordinates#mismatch} at x' minus at
 * x (0 for the exact maps). A proposed run that failed, whose margin is below the level, whose choices are not at
 * the same addresses as x (the structure changed: the reverse move could not return), or whose real value rounds
 * outside its support, is rejected. This is Metropolis-Hastings with a proposal whose density exists in both
 * directions, so detailed balance holds with respect to pi whatever sigma, the references or the model (Tierney
 * 1994). sigma is a constant of the move (chosen in the pilot and then fixed), never a function of the particles
 * it moves.
 */
final class LevelMove extends Handler {

    /** A deliberately wrong acceptance ratio, for tests of the tests only. */
    enum Breakage {
        NONE,
        /** Forgets the ratio of the proposal's densities: the stationary law is then not the restricted prior. */
        NO_PROPOSAL_RATIO
    }

    private final Breakage breakage;
    private final Runner<?> runner;
    private final Rng rng;
    private final double[] ref = new double[2];
    /** The reference of the last inexact prior seen at each position, reused while the prior is equal. */
    private Dist[] refPrior = new Dist[16];
    private double[] refMean = new double[16];
    private double[] refSd = new double[16];
    /** The particle being moved (null: record the run only). */
    private Particle source;
    private Particle target;
    private double sigma;
    private double keep;
    private int latent;
    private boolean refused;
    /** log of the Metropolis-Hastings ratio so far (the target's and the proposal's terms, site by site). */
    private double logRatio;
    private long seed;
    private long nextRun;
    long attempts;
    long accepts;

    LevelMove(Model<?> model, long kernelSeed) {
        this(model, kernelSeed, Breakage.NONE);
    }

    LevelMove(Model<?> model, long kernelSeed, Breakage breakage) {
        this.breakage = breakage;
        this.runner = Execution.of(model).relaxMargins(true).with(this).leanRunner();
        this.rng = Rng.forRun(kernelSeed, 0);
    }

    /** Points the model's runs at the stream of {@code seed} (runs from 0) and the kernel at its own stream. */
    void reseed(long runSeed, long kernelSeed) {
        this.seed = runSeed;
        this.nextRun = 0;
        rng.reset(kernelSeed, 0);
    }

    /** A uniform draw in [0, 1) from the kernel's stream (for resampling). */
    double uniform() {
        return rng.nextDouble();
    }

    /** A run of the model drawn from its prior (margins relaxed), recorded. */
    Particle fromPrior() {
        Particle p = new Particle();
        source = null;
        target = p;
        run(p);
        return p;
    }

    /** One move of {@code x} at level {@code level} with step {@code stepSigma}; returns the next state (maybe x). */
    Particle move(Particle x, double level, double stepSigma, Particle spare) {
        source = x;
        target = spare;
        sigma = stepSigma;
        keep = Math.sqrt(1 - stepSigma * stepSigma);
        run(spare);
        attempts++;
        if (refused || runner.failed() || spare.size != x.size || !(spare.margin >= level)) {
            return x;
        }
        if (!(logRatio >= 0) && !(Math.log(rng.openUniform()) < logRatio)) {
            return x;
        }
        accepts++;
        return spare;
    }

    private void run(Particle p) {
        runner.run(seed, nextRun++);
        p.margin = runner.margin();
        p.logPrior = runner.logPrior();
        p.logLikelihood = runner.logLikelihood();
    }

    @Override
    protected void enterRun() {
        latent = 0;
        refused = false;
        logRatio = 0;
        target.clear();
    }

    @Override
    protected void process(Message m) {
        if (source == null || m.kind() != SiteKind.LATENT) {
            return;
        }
        int j = latent++;
        if (refused || !source.isAt(j, m.site())) {
            refused = true;
            return;
        }
        Dist prior = m.prior();
        switch (prior.valueKind()) {
            case REAL:
                m.setValue(moveReal(j, (RealDist) prior));
                break;
            case INT: {
                int old = (int) source.values[j];
                int v = rng.nextDouble() < keep ? old : ((IntDist) prior).sample(rng);
                redrawRatio(v == old, ((IntDist) prior).logMass(v), source.logPs[j]);
                m.setValue(v);
                break;
            }
            case BOOL: {
                boolean old = source.values[j] != 0;
                boolean v = rng.nextDouble() < keep ? old : ((BoolDist) prior).sample(rng);
                redrawRatio(v == old, ((BoolDist) prior).logMass(v), source.logPs[j]);
                m.setValue(v);
                break;
            }
            default:
                m.setValue(source.objects[j]);
        }
    }

    private double moveReal(int j, RealDist prior) {
        double x = source.values[j];
        boolean movable = StandardCoordinates.movable(prior);
        if (movable != StandardCoordinates.movable((RealDist) source.priors[j])) {
            refused = true;
            return x;
        }
        double xi = source.xis[j];
        if (!movable || !Double.isFinite(xi)) {
            refused |= movable;
            return x;
        }
        reference(j, prior);
        double y = StandardCoordinates.fromStandard(prior, keep * xi + sigma * rng.standardNormal(), ref);
        if (!FreeCoordinates.inside(prior.support(), y)) {
            refused = true;
            return x;
        }
        return y;
    }

    /**
     * A discrete choice kept with probability c, else drawn from its prior: the log of the reverse density over
     * the forward one.
     */
    private void redrawRatio(boolean same, double logMassNew, double logMassOld) {
        double stay = same ? keep : 0;
        logRatio += Math.log(stay + (1 - keep) * Math.exp(logMassOld))
                - Math.log(stay + (1 - keep) * Math.exp(logMassNew));
    }

    /** The reference of an inexact prior into {@link #ref}, from the cache at position j while the prior is equal. */
    private void reference(int j, RealDist prior) {
        if (StandardCoordinates.exact(prior)) {
            return;
        }
        if (j >= refPrior.length) {
            int c = Math.max(j + 1, 2 * refPrior.length);
            refPrior = Arrays.copyOf(refPrior, c);
            refMean = Arrays.copyOf(refMean, c);
            refSd = Arrays.copyOf(refSd, c);
        }
        Dist cached = refPrior[j];
        if (cached != prior && (cached == null || !cached.equals(prior))) {
            FreeCoordinates.reference(prior, prior.support(), ref);
            refPrior[j] = prior;
            refMean[j] = ref[0];
            refSd[j] = ref[1];
        }
        ref[0] = refMean[j];
        ref[1] = refSd[j];
    }

    @Override
    protected void postprocess(Message m) {
        if (m.kind() != SiteKind.LATENT) {
            return;
        }
        int j = target.size;
        Dist prior = m.prior();
        Object v = m.value();
        double logP = m.logP();
        if (prior instanceof RealDist r) {
            double x = ((Number) v).doubleValue();
            double xi = Double.NaN;
            double mismatch = 0;
            if (StandardCoordinates.movable(r) && FreeCoordinates.inside(r.support(), x)) {
                reference(j, r);
                xi = StandardCoordinates.toStandard(r, x, ref);
                mismatch = StandardCoordinates.mismatch(r, x, xi, logP, ref);
            }
            target.add(m.site(), prior, x, null, logP, xi, mismatch);
            if (source != null && j < source.size) {
                boolean moved = !Double.isNaN(source.xis[j]);
                logRatio += breakage == Breakage.NO_PROPOSAL_RATIO ? logP - source.logPs[j]
                        : moved ? mismatch - source.mismatches[j] : logP - source.logPs[j];
            }
            return;
        }
        double scalar = v instanceof Number n ? n.doubleValue() : v instanceof Boolean b ? (b ? 1 : 0) : 0;
        Object object = v instanceof Number || v instanceof Boolean ? null : v;
        target.add(m.site(), prior, scalar, object, logP, Double.NaN, 0);
        if (source != null && j < source.size) {
            logRatio += logP - source.logPs[j];
        }
    }
}
