package dev.ariadne.inference.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How a caller watches a job: a listener told after each merge, in shard order (for progress and for stopping once
 * a target is met), and an optional time budget. Immutable; each method returns a new configured object.
 *
 * <p>When the budget runs out every shard is asked to stop, and the result is the merged prefix: the complete
 * shards before the first one that did not finish, then the partial of that one's first runs. Shard 0 always makes
 * at least its first run, so a result is never empty. A stop by the listener is exact and deterministic; a stop
 * by the clock is not (it depends on the machine's speed), which is what a time budget means.
 *
 * @param <P> the partial result type
 */
public final class RunControl<P> {

    private static final RunControl<?> NONE = new RunControl<>(null, null);

    private final MergeListener<P> listener;
    private final Duration budget;

    private RunControl(MergeListener<P> listener, Duration budget) {
        this.listener = listener;
        this.budget = budget;
    }

    /** No listener and no time budget: the job runs every shard. */
    @SuppressWarnings("unchecked")
    public static <P> RunControl<P> none() {
        return (RunControl<P>) NONE;
    }

    /** The same, with {@code l} told after each merge (replacing any listener given before). */
    public RunControl<P> onMerge(MergeListener<P> l) {
        return new RunControl<>(Objects.requireNonNull(l, "listener"), budget);
    }

    /**
     * The same, with a time budget counted from the start of {@link RunSession#run}.
     *
     * @param budget a positive duration
     */
    public RunControl<P> budget(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("time budget must be positive, got " + budget);
        }
        return new RunControl<>(listener, budget);
    }

    /** The listener, or null. */
    public MergeListener<P> listener() {
        return listener;
    }

    /** The time budget, or null for none. */
    public Duration budget() {
        return budget;
    }

    /** Tells the listener, if any, that shard {@code shard} was merged; true if it ends the job. */
    boolean tell(long shard, P merged) {
        return listener != null && listener.merged(shard, merged);
    }
}
