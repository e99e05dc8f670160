package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Values of one site, forced one a run with the guide elsewhere, each picked with probability r(v): a run at the
 * picked value, weighed by 1 / r(v), is an unbiased estimate of P(e, x_s in the group) whatever r is, so long as every
 * value has r(v) > 0 ({@link RarelyDrawnGroup}, {@link HiddenSpread}). Each value's runner is made when it is first
 * picked.
 */
final class ForcedGroup<T> {

    private final Execution<T> execution;
    private final List<UnproposedValues.Seen> values;
    private final double[] r;
    private final List<Runner<T>> runners;

    /** {@code values} picked with probabilities {@code r} (summing to 1). */
    ForcedGroup(Execution<T> execution, List<UnproposedValues.Seen> values, double[] r) {
        this.execution = execution;
        this.values = values;
        this.r = r;
        this.runners = new ArrayList<>(Collections.nCopies(values.size(), null));
    }

    /** The value of draw {@code j} of {@code streams}, picked by the uniform of {@code purpose}: its index. */
    int pick(long streams, long j, long purpose) {
        double u = Rng.uniformOf(streams, j, purpose);
        int pick = 0;
        double cumulative = r[0];
        while (u > cumulative && pick < r.length - 1) {
            cumulative += r[++pick];
        }
        return pick;
    }

    /** r(v) of the value at {@code i}. */
    double probability(int i) {
        return r[i];
    }

    /**
     * A run forced at the value at {@code i}, on run {@code index} of {@code streams}: log w 1[x_s = v], with a run
     * that is infinite, never reached the site or failed counted as weight 0 ({@code -inf}).
     */
    double logWeight(int i, long streams, long index) {
        UnproposedValues.Seen v = values.get(i);
        if (runners.get(i) == null) {
            runners.set(i, UnproposedValues.forcedRunner(execution, true, v.address, v.bool, v.value));
        }
        double l = UnproposedValues.forcedLogWeight(runners.get(i), streams, index, v.address, v.bool, v.value);
        return l == l && l < Double.POSITIVE_INFINITY ? l : Double.NEGATIVE_INFINITY;
    }
}
