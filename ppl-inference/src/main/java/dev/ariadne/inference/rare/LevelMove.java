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
import dev.ariadne.core.dist.Multinomial;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.ValueKind;
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
 * between choices, and only the level decides. A count (Poisson, Binomial, Geometric, NegativeBinomial) steps the
 * same way in its own standard coordinate, a point of its value's interval of probability, recorded with the run
 * ({@link DiscreteCoordinates}), so that it moves by a little and climbs its tail. Any other boolean or integer
 * choice (a label, whose index need not follow the margin) keeps its value with probability c and is otherwise drawn
 * afresh from its prior; when the pilot finds that it cannot climb that way, labels with a distribution function
 * are stepped like counts ({@code stepLabels}). Vector and object choices keep their value.
 *
 * <p><b>Why the stationary law is the restricted prior, for every model.</b> Write T for the map from the real
 * choices x to xi given the discrete ones (triangular: xi_j depends on x_j and the choices before it), so the prior
 * in xi has the density {@code p_xi = p(x) / |det dT/dx|}. A stepped discrete choice's state is its coordinate,
 * whose value is a function of it and the earlier choices; under the prior extended by a coordinate uniform in
 * probability within its value's interval (how a run from the prior records it), its density relative to phi is
 * p(v) / w(v), 1 up to rounding. The step in xi is reversible with respect to N(0, I), so the Metropolis-Hastings
 * ratio of the whole proposal is {@code [p_xi(xi') / phi(xi')] / [p_xi(xi) / phi(xi)]} times, for each redrawn
 * discrete choice, the ratio of its prior masses and of its keep-or-redraw densities in both directions, and for
 * each kept choice the ratio of its prior densities. The first factor is the sum over real and stepped discrete
 * choices of their mismatch ({@link StandardCoordinates#mismatch}, {@link DiscreteCoordinates.Table#mismatch}) at
 * x' minus at x (0 for the exact maps). Whether a discrete choice is stepped or redrawn depends only on its prior
 * in the run (and {@code stepLabels}), so the reverse move proposes it the same way; a choice stepped in one run and
 * redrawn in the other is refused. The extended law's marginal is the prior, so the level fractions, which read
 * only the runs, have the same means as without the coordinates. A proposed run that failed, whose margin is below the level, whose choices are not at
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
        NO_PROPOSAL_RATIO,
        /**
         * Forgets a stepped count's prior mass in its coordinate's density (1 / w(v) for p(v) / w(v)): the
         * stationary law then spreads the counts as if every value were as likely as its interval is wide in xi.
         */
        NO_DISCRETE_MASS
    }

    private final Breakage breakage;
    private final Runner<?> runner;
    private final Rng rng;
    private final double[] ref = new double[2];
    /** The reference of the last inexact prior seen at each position, reused while the prior is equal. */
    private Dist[] refPrior = new Dist[16];
    private double[] refMean = new double[16];
    private double[] refSd = new double[16];
    /** The coordinates of the last discrete prior seen at each position (null where it has none). */
    private Dist[] tablePrior = new Dist[16];
    private DiscreteCoordinates.Table[] tables = new DiscreteCoordinates.Table[16];
    /** The coordinate a discrete choice was stepped to in this run's current site (NaN: not stepped). */
    private double proposedXi = Double.NaN;
    /** Whether discrete labels with coordinates are stepped too, not only counts ({@link DiscreteCoordinates}). */
    private final boolean stepLabels;
    /**
     * The first discrete choice over three or more values seen kept or redrawn rather than stepped (a label, a prior
     * with no distribution function, or a multinomial's count vector): its address, prior and which of these; null
     * if none.
     */
    String redrawn;
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
        this(model, kernelSeed, Breakage.NONE, false);
    }

    /** A move whose discrete labels are stepped too when {@code stepLabels}, else only its counts. */
    LevelMove(Model<?> model, long kernelSeed, Breakage breakage, boolean stepLabels) {
        this.breakage = breakage;
        this.stepLabels = stepLabels;
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
        Particle p = new Particle(lastPriorSize);
        source = null;
        target = p;
        run(p);
        lastPriorSize = p.size;
        return p;
    }

    /** The choices of the latest run drawn from the prior: room for as many in the next. */
    private int lastPriorSize;

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
        proposedXi = Double.NaN;
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
            case INT:
            case BOOL:
                moveDiscrete(j, prior, m);
                break;
            default:
                m.setValue(source.objects[j]);
        }
    }

    private double moveReal(int j, RealDist prior) {
        double x = source.values[j];
        boolean movable = StandardCoordinates.movable(prior);
        if (!(source.priors[j] instanceof RealDist old) || movable != StandardCoordinates.movable(old)) {
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
     * A discrete choice: stepped in its coordinate ({@link DiscreteCoordinates}) when its prior here and in the
     * source both have one, else (neither has: a prior with no distribution function) kept with probability c and
     * otherwise drawn afresh from its prior; a choice whose prior has a table in one run and not in the other is
     * refused, since the reverse move would propose it differently.
     */
    private void moveDiscrete(int j, Dist prior, Message m) {
        boolean bool = prior.valueKind() == ValueKind.BOOL;
        int old = (int) source.values[j];
        if (source.priors[j].valueKind() != prior.valueKind()) {
            // the same address with another kind of choice: no move between them is reversible
            refused = true;
            return;
        }
        DiscreteCoordinates.Table t = steppable(j, prior);
        double xi = source.xis[j];
        int v;
        if (t != null && !Double.isNaN(xi)) {
            double stepped = keep * xi + sigma * rng.standardNormal();
            v = t.value(stepped, old);
            proposedXi = stepped;
        } else if (t == null && source.redrawn(j)) {
            if (bool) {
                BoolDist d = (BoolDist) prior;
                boolean b = rng.nextDouble() < keep ? old != 0 : d.sample(rng);
                v = b ? 1 : 0;
                redrawRatio(v == old, d.logMass(b), source.logPs[j]);
            } else {
                IntDist d = (IntDist) prior;
                v = rng.nextDouble() < keep ? old : d.sample(rng);
                redrawRatio(v == old, d.logMass(v), source.logPs[j]);
            }
        } else {
            refused = true;
            v = old;
        }
        if (bool) {
            m.setValue(v != 0);
        } else {
            m.setValue(v);
        }
    }

    /**
     * The coordinates a discrete choice at position j is stepped through: a count's, or with {@link #stepLabels}
     * any prior's that has them; null for a choice that is kept or redrawn. A function of the prior alone, so the
     * reverse move makes the same choice.
     */
    private DiscreteCoordinates.Table steppable(int j, Dist prior) {
        return stepLabels || DiscreteCoordinates.isCount(prior) ? table(j, prior) : null;
    }

    /** The coordinates of a discrete prior at position j, from the cache while the prior is equal; null if none. */
    private DiscreteCoordinates.Table table(int j, Dist prior) {
        if (j >= tablePrior.length) {
            int c = Math.max(j + 1, 2 * tablePrior.length);
            tablePrior = Arrays.copyOf(tablePrior, c);
            tables = Arrays.copyOf(tables, c);
        }
        Dist cached = tablePrior[j];
        if (cached != prior && (cached == null || !cached.equals(prior))) {
            tables[j] = DiscreteCoordinates.of(prior);
            tablePrior[j] = prior;
        }
        return tables[j];
    }

    /**
     * A discrete choice kept with probability c, else drawn from its prior: the log of the reverse density over
     * the forward one.
     */
    private void redrawRatio(boolean same, double logMassNew, double logMassOld) {
        if (same && logMassNew == logMassOld) {
            return; // a choice kept under an unchanged prior: the two terms are the same number, whose difference is 0
        }
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
        if (prior.support() == null) {
            throw new IllegalStateException(Support.nullFrom("the model's distribution", prior.getClass(),
                    m.address()));
        }
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
        double stepped = proposedXi;
        proposedXi = Double.NaN;
        if (object == null && (prior instanceof IntDist || prior instanceof BoolDist)) {
            DiscreteCoordinates.Table t = steppable(j, prior);
            if (t != null) {
                // a prior draw gets its coordinate uniformly in its value's interval; a stepped one keeps its step
                double xi = source == null ? t.draw((long) scalar, rng) : stepped;
                double mismatch = Double.isNaN(xi) ? 0
                        : t.mismatch((long) scalar, breakage == Breakage.NO_DISCRETE_MASS ? 0 : logP);
                target.add(m.site(), prior, scalar, null, logP, xi, mismatch);
                if (source != null && j < source.size) {
                    logRatio += !Double.isNaN(stepped) ? mismatch - source.mismatches[j] : logP - source.logPs[j];
                }
                return;
            }
            // no coordinates: the choice is kept or redrawn, which its mismatch NaN records (Particle.redrawn)
            target.add(m.site(), prior, scalar, null, logP, Double.NaN, Double.NaN);
            if (redrawn == null && prior instanceof IntDist d && !(d.support().upper() - d.support().lower() < 2)) {
                redrawn = target.address(j) + " ~ " + shortName(prior) + (table(j, prior) == null
                        ? ", whose distribution function subset simulation cannot compute," : ", a label (no count),");
            }
            if (source != null && j < source.size) {
                logRatio += logP - source.logPs[j];
            }
            return;
        }
        target.add(m.site(), prior, scalar, object, logP, Double.NaN, 0);
        if (redrawn == null && prior instanceof Multinomial) {
            redrawn = target.address(j) + " ~ " + shortName(prior) + ", a count vector with no coordinates to step "
                    + "(drawn as binomials in turn, each category's count of the trials left, its counts would be "
                    + "stepped),";
        }
        if (source != null && j < source.size) {
            logRatio += logP - source.logPs[j];
        }
    }

    /** A prior as a message names it, at most 60 characters. */
    private static String shortName(Dist prior) {
        String name = prior.toString();
        return name.length() <= 60 ? name : name.substring(0, 57) + "...";
    }
}
