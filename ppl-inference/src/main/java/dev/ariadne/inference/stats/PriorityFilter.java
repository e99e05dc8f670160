package dev.ariadne.inference.stats;

/**
 * A worker's filter in front of the {@link PrioritySample}s of its shards: it keeps the {@code k + 1} largest log
 * priorities the worker has let through and lets a new one through only if it would enter them. A priority it turns
 * away is at most the least of {@code k + 1} others of the same call, all from runs the worker made earlier: it is
 * not among the {@code k + 1} largest of the call, which are what the shards' merged sample holds. Leaving it out of
 * its shard's sample changes nothing in the merged one (its items, priorities and threshold), as long as those
 * {@code k + 1} largest priorities are distinct, which {@link PrioritySample} assumes for its own merges too.
 *
 * <p>Without it, each shard's sample takes every one of its first {@code k + 1} runs and then every run above its
 * own threshold: with the default {@code k = 1000} and shards of 8,192 runs, about 3,000 items made, held and
 * sorted at each merge per shard, which cost an empty model's run 130 ns against its 60 without a sample. With it, a
 * run that a shard would keep only until the call's later runs push it out is never made into an item.
 *
 * <p>It belongs to one worker, which must feed it shards in increasing index order, and sees only runs of shards
 * that are merged if any later shard of that worker is: a backend merges a prefix of the shards (see
 * {@code ShardWorker}). Not thread-safe.
 */
public final class PriorityFilter {

    private static final double LN2 = 0.6931471805599453;
    /**
     * More than the error of {@code e * LN2} against {@code Math.log(2^e)} for a normal {@code 2^e < 1}
     * ({@code |e| <= 1022}): Math.log is within 1 ulp (at most 2^-43 there), LN2 within 2^-54 of ln 2 relatively, the
     * product within half an ulp (2^-44).
     */
    private static final double MARGIN = 1e-9;

    private final TopValues top;

    /**
     * A filter for samples made with {@code new PrioritySample<>(k)}.
     *
     * @param k the number of items the samples keep, >= 1
     */
    public PriorityFilter(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        this.top = new TopValues(k == Integer.MAX_VALUE ? k : k + 1);
    }

    /**
     * Whether an item of log priority {@code logPriority} may be among the {@code k + 1} largest of the call, so that
     * its shard's sample must see it.
     *
     * @param logPriority {@code log w - log u} of a run with positive weight
     */
    public boolean admits(double logPriority) {
        return top.offer(logPriority);
    }

    /**
     * False only where {@link #admits} would surely turn away {@code logWeight - Math.log(u)}, decided without the
     * logarithm, so that a run the filter turns away costs no {@code log}. Why it never says false wrongly: with
     * {@code e = getExponent(u)}, {@code u >= 2^e}, and Math.log is semi-monotonic and within 1 ulp, so
     * {@code Math.log(u) >= Math.log(2^e) >= b = e * LN2 - MARGIN}; then {@code logWeight - Math.log(u) <=
     * logWeight - b} as real numbers, and rounding, being monotonic, keeps the order between the two computed
     * differences. When {@code logWeight - b} is at most the least priority held, so is the priority: turned away.
     * The bound is loose by at most ln 2, so a run near the filter's threshold still takes the logarithm.
     *
     * @param logWeight the run's log weight, finite
     * @param u         its uniform draw in (0, 1)
     * @return false if {@code admits(logWeight - Math.log(u))} would return false (and then need not be called)
     */
    public boolean mayAdmit(double logWeight, double u) {
        if (!top.isFull() || !(u >= Double.MIN_NORMAL)) {
            return true; // a subnormal u's exponent is not getExponent's
        }
        return logWeight - (Math.getExponent(u) * LN2 - MARGIN) > top.min();
    }
}
