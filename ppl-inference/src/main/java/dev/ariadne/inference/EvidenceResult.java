package dev.ariadne.inference;

import dev.ariadne.inference.stats.Bound;
import dev.ariadne.inference.stats.BoundMethod;
import java.util.List;

/**
 * A result that estimates the evidence P(e) from independent, non-negative, unbiased estimates of it (importance
 * weights, or the evidence estimates of independent SMC sweeps), so that it can certify lower bounds on P(e) and on
 * P(h, e) and estimate P(h | e). Examples and tools treat importance sampling and sequential Monte Carlo alike
 * through it.
 *
 * <p>Every bound holds with probability at least 1 - delta over the randomness of the runs (or sweeps) whatever the
 * proposal, because it rests only on each run's estimate being non-negative with mean at most P(e) (or P(h, e)).
 */
public interface EvidenceResult {

    /** log Z-hat, the log of the mean of the unbiased estimates of P(e), with its standard error. */
    Estimate logEvidence();

    /** The default certified lower bound on P(e) (the betting confidence sequence), at error probability delta. */
    default Bound lowerBound(double delta) {
        return lowerBound(delta, BoundMethod.BETTING);
    }

    /** A certified lower bound on P(e) by the named method. */
    Bound lowerBound(double delta, BoundMethod method);

    /** The default certified lower bound on P(h, e) for a declared hypothesis. */
    default Bound lowerBound(String hypothesis, double delta) {
        return lowerBound(hypothesis, delta, BoundMethod.BETTING);
    }

    /** A certified lower bound on P(h, e) for a declared hypothesis, by the named method. */
    Bound lowerBound(String hypothesis, double delta, BoundMethod method);

    /** P(h | e) at delta 0.05: the quotient of bounds, the self-normalised estimate, and a rigorous interval where one exists. */
    default ConditionalEstimate conditional(String hypothesis) {
        return conditional(hypothesis, 0.05);
    }

    /** P(h | e) at the given delta. */
    ConditionalEstimate conditional(String hypothesis, double delta);

    /** The declared hypotheses, in order. */
    List<String> hypothesisNames();
}
