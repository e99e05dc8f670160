package dev.ariadne.search;

import java.io.Serializable;
import java.util.List;

/**
 * One run of the guided model as the search sees it: log p, log q, whether it failed, the per-site suffix sums
 * of log p - log q (for Rao-Blackwellised scores), the taped proposals, the relaxed log weight and the level (for
 * the cross-entropy method's elite sets), and its margin. Runs are made with the margin conditions relaxed
 * ({@link dev.ariadne.core.Execution#relaxMargins}), so every run has its margin and its whole set of sites; a run
 * whose margin is negative counts as failed, with weight 0, exactly as under the model.
 *
 * <p>Serialisable: a batch's shards return their runs' outcomes as their partials (see {@link BatchJob}). Serialised
 * size, within a shard's list: about 60 bytes, plus 8 bytes per site of a taped run (the suffix sums) and each taped
 * entry's parameters, prior and proposal.
 */
final class RunOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    long index;
    double logP;
    double logQ;
    boolean failed;
    /**
     * Whether the run failed for a draw the doubles cannot carry ({@link dev.ariadne.core.FailureCause
     * #UNREPRESENTABLE_DRAW}): a proposal too near an end of its support, or narrower than the doubles' spacing.
     */
    boolean unrepresentable;
    /** suffix[i] = sum over sites m >= i of (log p_m - log q_m), for the sites the run reached. */
    double[] suffix;
    List<Tape.Entry> entries;
    /** log p of every site but the hard conditions, minus log q: the weight of the run with its conditions dropped. */
    double relaxedLogWeight;
    /** The user's level function on the run's history, or NaN when none was given. */
    double level;
    /**
     * The run's least margin ({@link dev.ariadne.core.Runner#margin()} of the run with its margin conditions
     * relaxed): negative when a margin condition did not hold (then {@link #failed}), -inf when the run failed any
     * other way, +inf when it met no margin condition.
     */
    double margin;

    double logWeight() {
        return failed ? Double.NEGATIVE_INFINITY : logP - logQ;
    }
}
