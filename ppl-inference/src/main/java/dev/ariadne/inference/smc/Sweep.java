package dev.ariadne.inference.smc;

import dev.ariadne.inference.BelowTheDoubles;
import dev.ariadne.inference.ReturnedObjects;

import dev.ariadne.inference.stats.ParetoKHat;
import java.util.List;
import java.util.Optional;

/**
 * One sweep of SMC: its evidence estimate, its final weighted particles and what happened at each step. A sweep's
 * {@code exp(logEvidence())} is an unbiased, non-negative estimate of P(e); independent sweeps are what the bounds
 * of {@link SmcResult} treat as runs.
 *
 * <p>Serialisable, as a sweep is a shard's partial on a distributed backend: about 16 bytes per particle (its log
 * weight and real value) and its value object (which must be serialisable), a few doubles per step, and the whole
 * particle system only when its history was asked for. A sweep past the particles its call keeps
 * ({@link SmcBuilder#keepParticles}) has no particles.
 *
 * @param <T> the type of a final particle's value
 */
public final class Sweep<T> implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final long index;
    private final double logEvidence;
    /** Null once dropped ({@link #dropParticles}), before the sweep leaves its job. */
    private WeightedParticles<T> particles;
    private final double[] essPerStep;
    private final boolean[] resampled;
    private final int resamplings;
    private final int uniqueAncestors;
    final double[] logHypothesisShare;
    final double[] expectationMeans;
    final double[] logEvidenceByStep;
    final double[][] tracked;
    /**
     * For each tracked quantity and step of a state-space sweep, the values its particles took there while at most
     * two, with their effective numbers of particles ({@link TwoValues#record}); a null entry for more values, or a
     * step not reached; null for other sweeps.
     */
    double[][][] trackedValues;
    /** Where a model's sweep saw one returned object changed in place ({@link ReturnedObjects}); else null. */
    String returnedChanged;
    /** An annealed sweep's final particles' real values near the smallest double; null for other sweeps. */
    BelowTheDoubles belowTheDoubles;
    /**
     * An annealed sweep's rejuvenation steps at each site, by address, at its last temperature (the posterior): the
     * steps that proposed a move there and those accepted; null for other sweeps.
     */
    java.util.Map<String, long[]> kernelMoves;
    private final FilterHistory<T> history;
    /**
     * The largest first-step log weights of an annealed sweep (log prior - log proposal of each particle, the weights
     * of a guide as importance sampler of the prior), for the Pareto k-hat of all sweeps' together; null for other
     * sweeps.
     */
    ParetoKHat firstStepTail;
    /**
     * The first step of a state-space sweep whose transition returned the very state object it was given while
     * other particles shared it, of a type whose contents cannot be compared (see {@code Fingerprint}); -1 if
     * none. A transition that changes such a state in place corrupts the siblings' states.
     */
    int sharedStateStep = -1;
    /**
     * Where and why the first particle of a model's sweep whose run had weight 0 failed (as a run's failure reads:
     * {@code zero likelihood at y (observed 11)}), and which particle; null if none did or the sweep runs no model.
     */
    String firstFailure;
    /**
     * For a state-space sweep whose particles all had weight 0 at some step ({@link #diedAtStep}): that step's first
     * evidence of weight 0, its particle and what it was ({@code particle 1: zero likelihood (...)}; the sweep's first,
     * {@link #firstFailure}, may be a particle others outlived, steps before); null if the sweep lived or none was
     * recorded.
     */
    String failureWhereDied;
    /** For a state-space sweep whose particles all had weight 0 at some step, that step; -1 if it lived. */
    int diedAtStep = -1;
    /**
     * Particles of this sweep left at weight 0 for a proposal's draw the doubles cannot carry (within 2^20 doubles of
     * an end of its support, {@link dev.ariadne.core.dist.RealDist#unrepresentableAt}), and where the first was drawn
     * (null if none): the sweep's estimate leaves out that zone's share of P(e).
     */
    long leftOut;
    String firstLeftOut;
    /**
     * The values a state-space sweep's step guide proposed with probability 0 where their prior does not, each latent's
     * name and value once a step ({@link Particle#unproposed}); empty for the other sweeps.
     */
    List<Particle.Unproposed> unproposed = List.of();
    /**
     * Whether some particle of a state-space sweep met evidence (an observe, a factor or a condition in a step
     * function); true for the other sweeps, whose runs' evidence the call reads from runs of its model.
     */
    boolean evidenceMet = true;

    Sweep(long index, double logEvidence, WeightedParticles<T> particles, double[] essPerStep, boolean[] resampled,
          int resamplings, int uniqueAncestors, double[] logHypothesisShare, double[] expectationMeans,
          double[] logEvidenceByStep, double[][] tracked, FilterHistory<T> history) {
        this.index = index;
        this.logEvidence = logEvidence;
        this.particles = particles;
        this.essPerStep = essPerStep;
        this.resampled = resampled;
        this.resamplings = resamplings;
        this.uniqueAncestors = uniqueAncestors;
        this.logHypothesisShare = logHypothesisShare;
        this.expectationMeans = expectationMeans;
        this.logEvidenceByStep = logEvidenceByStep;
        this.tracked = tracked;
        this.history = history;
    }

    /** The sweep's index: it drew from the streams of (seed, index) alone. */
    public long index() {
        return index;
    }

    /** log Z-hat of this sweep: the log of the product over steps of the mean incremental weights; {@code -inf} if 0. */
    public double logEvidence() {
        return logEvidence;
    }

    /**
     * The final particles with their normalised weights (empty of mass when the sweep's estimate is 0).
     *
     * @throws IllegalStateException for a sweep past the particles the call keeps ({@link #keptParticles})
     */
    public WeightedParticles<T> particles() {
        if (particles == null) {
            throw new IllegalStateException("sweep " + index + " did not keep its final particles: a call keeps the "
                    + "particles of its first sweeps only, as many as keepParticles(n) allows (100,000 by default), so "
                    + "that its memory does not grow with the sweeps; raise it to keep more");
        }
        return particles;
    }

    /**
     * Whether this sweep kept its final particles: the first sweeps of a call do, as many as
     * {@link SmcBuilder#keepParticles} allows; later ones keep their estimates only.
     */
    public boolean keptParticles() {
        return particles != null;
    }

    /**
     * Drops this sweep's final particles, keeping its estimates, per-step figures and history: done by the job that
     * made it, before anyone else sees it (a copy without them had to list every other field, and one added later
     * could be left out).
     */
    void dropParticles() {
        particles = null;
    }

    /** The number of steps (evidence sites, for a model). */
    public int steps() {
        return essPerStep.length;
    }

    /** The ESS after each step (a copy). */
    public double[] essPerStep() {
        return essPerStep.clone();
    }

    /** Whether each step began with a resampling (a copy). */
    public boolean[] resampled() {
        return resampled.clone();
    }

    /** The number of resamplings. */
    public int resamplings() {
        return resamplings;
    }

    /**
     * How many distinct particles of the first step the final particles descend from: a measure of path
     * degeneracy (N means none; 1 means every path starts in the same place).
     */
    public int uniqueAncestors() {
        return uniqueAncestors;
    }

    /** The whole particle system step by step, when it was kept ({@link StateSpaceSmc#keepHistory}). */
    public Optional<FilterHistory<T>> history() {
        return Optional.ofNullable(history);
    }
}
