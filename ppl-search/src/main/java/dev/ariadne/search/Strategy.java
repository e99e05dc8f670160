package dev.ariadne.search;

/**
 * How a search moves through a family's parameters. The built-in strategies come from the factories below and
 * are immutable: each setter returns a new strategy, so one configured strategy can be shared by many searches.
 * <ul>
 *   <li>{@link #gradient()}: score-function gradient with Rao-Blackwellisation, leave-one-out baselines and
 *   Adam; needs only the guide's own log density gradient;</li>
 *   <li>{@link #cmaes()} and {@link #bobyqa()}: Commons Math optimisers on a common-random-numbers objective;</li>
 *   <li>{@link #crossEntropy()}: weighted maximum-likelihood refits (inclusive KL), with elite level sets for
 *   rare events;</li>
 *   <li>{@link #hillClimb()}: coordinate hill climbing with restarts on the common-random-numbers objective, for
 *   discrete or non-smooth parameters.</li>
 * </ul>
 * A strategy of your own implements {@link #name()} and {@link #search(SearchContext)} over the documented
 * {@link SearchContext} ("Adding a strategy" in ARCHITECTURE.md has a worked example). Make it immutable and
 * keep its randomness derived from the context's seed.
 */
public interface Strategy {

    /** The score-function gradient strategy with Adam. */
    static GradientStrategy gradient() {
        return GradientStrategy.DEFAULT;
    }

    /** CMA-ES on common random numbers; the result is the last mean, not the best point seen. */
    static CmaesStrategy cmaes() {
        return CmaesStrategy.DEFAULT;
    }

    /** BOBYQA on common random numbers (needs at least 2 parameters). */
    static BobyqaStrategy bobyqa() {
        return BobyqaStrategy.DEFAULT;
    }

    /** The cross-entropy method. */
    static CrossEntropyStrategy crossEntropy() {
        return CrossEntropyStrategy.DEFAULT;
    }

    /** Hill climbing with restarts. */
    static HillClimbStrategy hillClimb() {
        return HillClimbStrategy.DEFAULT;
    }

    /** The strategy's name, for reports. */
    String name();

    /**
     * Runs the search: moves through the parameters, recording steps and finally the chosen parameters in the
     * context. Exceptions it throws propagate to the caller of {@link GuideSearch#run()}, except a failing model
     * run after the first step, which counts as divergence.
     */
    void search(SearchContext context);
}
