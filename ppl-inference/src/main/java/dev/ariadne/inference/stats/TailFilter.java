package dev.ariadne.inference.stats;

/**
 * A worker's filter in front of the {@link ParetoKHat} tails of its shards: it keeps the largest {@code capacity}
 * log weights the worker has seen and admits a new one only if it would enter them. A weight it turns away is below
 * {@code capacity} others already seen, so it cannot be among the {@code capacity} largest of all the runs: leaving
 * it out of a shard's tail changes nothing in the merged tail, whose multiset of values, and so k-hat, stays
 * exactly that of one pass over every run. It saves each shard a heap sized for the whole call, at one comparison
 * per run once full.
 *
 * <p>It belongs to one worker, which must feed it shards in increasing index order, and only shards whose tails
 * have the capacity given here ({@link #fits(long)}); make a new one when the capacity changes. Not thread-safe.
 */
public final class TailFilter {

    private final TopValues top;

    /**
     * A filter for tails made with {@code new ParetoKHat(expectedRuns)}.
     *
     * @param expectedRuns the expected runs of the tails it feeds, >= 1
     */
    public TailFilter(long expectedRuns) {
        this.top = new TopValues(ParetoKHat.capacityFor(expectedRuns));
    }

    /** Whether this filter may feed tails made for {@code expectedRuns} runs. */
    public boolean fits(long expectedRuns) {
        return ParetoKHat.capacityFor(expectedRuns) == top.capacity();
    }

    /**
     * Whether log weight {@code l} may be among the largest, so that the shard's tail must see it.
     *
     * @param l a log weight (checked by the tail it goes to)
     */
    public boolean admits(double l) {
        return top.offer(l);
    }
}
