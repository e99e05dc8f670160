package dev.ariadne.inference.mcmc;

import dev.ariadne.core.SerializableToDoubleFunction;
import java.io.Serializable;
import java.util.Objects;

/**
 * The distribution a chain leaves invariant, as an unnormalised log density over the model's runs. Every target is
 * the prior times something: pi(x) = p(x) g(x), where p(x) is the product of the latent sites' prior densities and
 * g depends on the run's evidence and return value. That shape is what makes proposals from the prior (fresh
 * choices when the structure changes, the single-site prior proposal) cancel correctly in every kernel's
 * acceptance ratio, so the same kernels serve the posterior, annealed SMC's tempered targets and subset
 * simulation's restricted priors.
 *
 * <p>A run that fails (a false condition, an observation of probability zero, a value outside its prior's
 * support) has target 0 at every temperature: the kernels never move to it. For annealing from the prior this
 * means the starting point is the prior restricted to runs that do not fail, not the prior itself.
 *
 * @param <T> the model's return type
 */
@FunctionalInterface
public interface Target<T> extends Serializable {

    /**
     * log pi(x) up to a constant, for a run that did not fail.
     *
     * @param logPrior      log p(x): the sum of the latent sites' log prior densities (finite)
     * @param logLikelihood log p(e | x): the sum over observations, factors and conditions (finite)
     * @param value         the run's return value
     * @return the log target density; {@code -inf} for a run outside the target's support, never NaN
     */
    double logDensity(double logPrior, double logLikelihood, T value);

    /** The posterior p(x | e), proportional to p(x) p(e | x). */
    static <T> Target<T> posterior() {
        return (logPrior, logLikelihood, value) -> logPrior + logLikelihood;
    }

    /**
     * The tempered posterior p(x) p(e | x)^beta of annealed SMC: the prior at beta = 0 (restricted to runs that
     * do not fail), the posterior at beta = 1. Only the evidence's log likelihood is tempered; hard conditions
     * keep their weight 0 or 1 at every temperature.
     *
     * @param beta the inverse temperature, finite and >= 0
     */
    static <T> Target<T> tempered(double beta) {
        if (!(beta >= 0 && beta < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tempered target: beta must be finite and >= 0, got " + beta);
        }
        return (logPrior, logLikelihood, value) -> logPrior + beta * logLikelihood;
    }

    /** The prior p(x), restricted to runs that do not fail. */
    static <T> Target<T> prior() {
        return (logPrior, logLikelihood, value) -> logPrior;
    }

    /**
     * This target restricted to the runs whose return value has {@code margin(value) >= level}: for subset
     * simulation, whose moves keep the prior restricted to the current level invariant.
     */
    default Target<T> restrictedTo(SerializableToDoubleFunction<? super T> margin, double level) {
        Objects.requireNonNull(margin, "margin");
        if (Double.isNaN(level)) {
            throw new IllegalArgumentException("restricted target: level is NaN");
        }
        Target<T> base = this;
        return (logPrior, logLikelihood, value) -> {
            double m = margin.applyAsDouble(value);
            if (Double.isNaN(m)) {
                // read as outside the target, with "outside the target" as the chains' only word (an adversarial
                // tester): a NaN score is a fault of the score, as a NaN log density is
                throw new IllegalStateException("restricted target: the margin function is NaN for the value " + value
                        + ", so whether the run lies inside the level set {margin >= " + level + "} cannot be told");
            }
            return m >= level ? base.logDensity(logPrior, logLikelihood, value) : Double.NEGATIVE_INFINITY;
        };
    }
}
