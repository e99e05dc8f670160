package dev.ariadne.search;

/**
 * How a search moves through a family's parameters. Make one with a factory and tune it with its setters:
 * <ul>
 *   <li>{@link #gradient()}: score-function gradient with Rao-Blackwellisation, leave-one-out baselines and
 *   Adam; needs only the guide's own log density gradient;</li>
 *   <li>{@link #cmaes()} and {@link #bobyqa()}: Commons Math optimisers on a common-random-numbers objective;</li>
 *   <li>{@link #crossEntropy()}: weighted maximum-likelihood refits (inclusive KL), with elite level sets for
 *   rare events;</li>
 *   <li>{@link #hillClimb()}: coordinate hill climbing with restarts on the common-random-numbers objective, for
 *   discrete or non-smooth parameters.</li>
 * </ul>
 */
public abstract class Strategy {

    Strategy() {
    }

    /** The score-function gradient strategy with Adam. */
    public static GradientStrategy gradient() {
        return new GradientStrategy();
    }

    /** CMA-ES on common random numbers; the result is the last mean, not the best point seen. */
    public static CmaesStrategy cmaes() {
        return new CmaesStrategy();
    }

    /** BOBYQA on common random numbers (needs at least 2 parameters). */
    public static BobyqaStrategy bobyqa() {
        return new BobyqaStrategy();
    }

    /** The cross-entropy method. */
    public static CrossEntropyStrategy crossEntropy() {
        return new CrossEntropyStrategy();
    }

    /** Hill climbing with restarts. */
    public static HillClimbStrategy hillClimb() {
        return new HillClimbStrategy();
    }

    /** The strategy's name, for reports. */
    public abstract String name();

    /** {@code value} if it is at least {@code min}, else an error naming this strategy, the setting and the value. */
    final int atLeast(String setting, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name() + ": " + setting + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** {@code value} if it is finite and positive, else an error naming this strategy, the setting and the value. */
    final double positiveFinite(String setting, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name() + ": " + setting + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** Runs the search, recording steps and the chosen parameters in the context. */
    abstract void search(SearchContext ctx);
}
