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
import dev.ariadne.core.dist.Support;

/**
 * The Markov kernel of subset simulation at one level: a Metropolis-Hastings move whose stationary law is the
 * prior restricted to the runs whose margin is at least the level, {@code pi(x) ∝ p(x) 1[margin(x) >= L]}.
 *
 * <p><b>The proposal.</b> The model is re-run with every latent choice set by this handler, in order. A real choice
 * with prior p_j (its prior in the proposed run, so given the proposed earlier choices) is moved in its unconstrained
 * coordinate u ({@link FreeCoordinates}) by an autoregressive step around the prior's reference N(m, s^2):
 * {@code u' = m + c (u - m) + sigma s z}, with {@code c = sqrt(1 - sigma^2)} and z standard normal (the
 * preconditioned Crank-Nicolson step: for a Normal prior it leaves the prior itself invariant, so only the level
 * decides, in any dimension). A boolean or integer choice keeps its value with probability c and is otherwise
 * drawn afresh from its prior. Vector and object choices keep their value.
 *
 * <p><b>Why the stationary law is the restricted prior, for every model.</b> The proposal has a density q(x' | x)
 * in the same coordinates as the target: for each real choice, the normal density of u' times |du'/dx'|; for each
 * discrete choice, {@code c 1[x'_j = x_j] + (1 - c) p_j(x'_j)}; kept choices contribute a point mass on both sides.
 * The reverse density q(x | x') is computed the same way, with each choice's prior as it was in x (kept in the
 * particle). The move is accepted with probability
 * {@code min(1, p(x') q(x | x') / (p(x) q(x' | x)))} when the proposed run did not fail and its margin is at least
 * L, and rejected otherwise: Metropolis-Hastings with a proposal density that exists on both sides, so detailed
 * balance holds with respect to pi whatever the reference, the step sigma or the model (Tierney 1994). A proposed
 * run whose choices are not at the same addresses as x (the structure changed) is rejected: since the reverse
 * proposal from such a run could not return to x either, the restricted kernel stays reversible on each structure.
 * The step sigma is a constant of the move (chosen in the pilot run and then fixed), never a function of the
 * particles it moves.
 */
final class LevelMove extends Handler {

    private final Runner<?> runner;
    private final Rng rng;
    private final double[] ref = new double[2];
    /** The reference of the last prior seen at each position, reused while the prior is equal (a model makes the
     * same prior at a site run after run; its reference may cost a digamma). */
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
    private double logForward;
    private double logReverse;
    private long seed;
    private long nextRun;
    long attempts;
    long accepts;

    LevelMove(Model<?> model, long kernelSeed) {
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

    /** One move of {@code x} at level {@code level} with step {@code sigma}; returns the next state (maybe x). */
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
        double logRatio = spare.logPrior - x.logPrior + logReverse - logForward;
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
        logForward = 0;
        logReverse = 0;
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
                discrete(v == old, ((IntDist) prior).logMass(v), source.logPs[j]);
                m.setValue(v);
                break;
            }
            case BOOL: {
                boolean old = source.values[j] != 0;
                boolean v = rng.nextDouble() < keep ? old : ((BoolDist) prior).sample(rng);
                discrete(v == old, ((BoolDist) prior).logMass(v), source.logPs[j]);
                m.setValue(v);
                break;
            }
            default:
                m.setValue(source.objects[j]);
        }
    }

    private double moveReal(int j, RealDist prior) {
        double x = source.values[j];
        Support s = prior.support();
        Dist before = source.priors[j];
        Support s0 = before.support();
        if (!FreeCoordinates.movable(s) || !FreeCoordinates.movable(s0)) {
            return x;
        }
        if (!FreeCoordinates.inside(s, x)) {
            refused = true;
            return x;
        }
        reference(j, prior, s);
        double mean = ref[0] + keep * (FreeCoordinates.toFree(s, x) - ref[0]);
        double sd = sigma * ref[1];
        double u = mean + sd * rng.standardNormal();
        double y = FreeCoordinates.fromFree(s, u);
        if (!FreeCoordinates.inside(s, y) || !FreeCoordinates.inside(s0, y)) {
            refused = true;
            return x;
        }
        logForward += logNormal(u, mean, sd) - FreeCoordinates.logJacobian(s, y);
        reference(j, (RealDist) before, s0);
        double back = ref[0] + keep * (FreeCoordinates.toFree(s0, y) - ref[0]);
        logReverse += logNormal(FreeCoordinates.toFree(s0, x), back, sigma * ref[1])
                - FreeCoordinates.logJacobian(s0, x);
        return y;
    }

    /** The reference of {@code prior} into {@link #ref}, from the cache at position j when the prior is equal. */
    private void reference(int j, RealDist prior, Support s) {
        if (j >= refPrior.length) {
            int c = Math.max(j + 1, 2 * refPrior.length);
            refPrior = java.util.Arrays.copyOf(refPrior, c);
            refMean = java.util.Arrays.copyOf(refMean, c);
            refSd = java.util.Arrays.copyOf(refSd, c);
        }
        Dist cached = refPrior[j];
        if (cached != prior && (cached == null || !cached.equals(prior))) {
            FreeCoordinates.reference(prior, s, ref);
            refPrior[j] = prior;
            refMean[j] = ref[0];
            refSd[j] = ref[1];
        }
        ref[0] = refMean[j];
        ref[1] = refSd[j];
    }

    /** A discrete choice kept with probability c, else drawn from its prior: both directions' log densities. */
    private void discrete(boolean same, double logMassNew, double logMassOld) {
        double stay = same ? keep : 0;
        logForward += Math.log(stay + (1 - keep) * Math.exp(logMassNew));
        logReverse += Math.log(stay + (1 - keep) * Math.exp(logMassOld));
    }

    private static double logNormal(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return -0.5 * z * z - Math.log(sd);
    }

    @Override
    protected void postprocess(Message m) {
        if (m.kind() != SiteKind.LATENT) {
            return;
        }
        Object v = m.value();
        double scalar = v instanceof Number n ? n.doubleValue() : v instanceof Boolean b ? (b ? 1 : 0) : 0;
        Object object = v instanceof Number || v instanceof Boolean ? null : v;
        target.add(m.site(), m.prior(), scalar, object, m.logP());
    }
}
