package dev.ariadne.inference.enumerate;

import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.stats.LogSumExp;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Handler;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.dist.ShownArrays;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Exact inference by enumerating every execution path of a model whose latent choices are all finite-discrete.
 *
 * <p>A path is one assignment of values to the latent choices a run actually makes; its weight is the joint
 * probability p(x, e): the product of the prior masses of its choices and of the likelihoods of its evidence
 * (observations, factors, conditions). Summing over all paths gives the evidence P(e) = sum_x p(x, e) exactly,
 * and grouping the paths by the model's return value gives the exact posterior of that value given e. Paths are
 * explored depth first by re-running the model with a replayed prefix of choices, so models whose structure
 * depends on earlier choices (a recursion, a branch that makes more choices) are handled: each path visits only
 * the choices it makes. Values of zero prior mass are skipped, and a path whose evidence has probability 0 stops
 * at that site, so its subtree is never explored.
 *
 * <pre>{@code
 * EnumerationResult<Boolean> r = Enumerate.of(model).maxPaths(10_000).run();
 * double pe = r.evidence();                      // P(e)
 * double ph = r.probability(b -> b);             // P(return value is true | e)
 * }</pre>
 *
 * <p>The model must be a function of its random choices (all randomness through its {@code Prob}); the random
 * stream is never used, since every latent value is set by enumeration. Work is the number of paths times the
 * cost of a run; the {@linkplain #maxPaths(long) path budget} stops a model that has too many. This object is
 * immutable; {@link #run()} may be called again (from one thread at a time if {@link #with extra handlers} are
 * installed, since handlers hold per-run state).
 *
 * @param <T> the model's return type
 */
public final class Enumerate<T> {

    /** The default path budget: a million paths. */
    public static final long DEFAULT_MAX_PATHS = 1_000_000L;
    /**
     * The default most latent choices on one path: ten thousand. Depth first, a recursion without end (a walk that
     * may go on forever) makes each path a little longer than the last, so the work grows as the square of the
     * paths: a new user's walk took 26 s for 16,000 paths and would have spent hours on the default budget, saying
     * nothing.
     */
    public static final int DEFAULT_MAX_CHOICES = 10_000;
    /** How many of a failing path's latent choices its error names. */
    private static final int MAX_CHOICES_NAMED = 12;

    private final Model<T> model;
    private final long maxPaths;
    private final int maxChoices;
    private final Handler[] handlers;

    private Enumerate(Model<T> model, long maxPaths, int maxChoices, Handler[] handlers) {
        this.model = model;
        this.maxPaths = maxPaths;
        this.maxChoices = maxChoices;
        this.handlers = handlers;
    }

    /**
     * Exact enumeration of {@code model}'s paths, with the default budgets of {@value #DEFAULT_MAX_PATHS} paths and
     * {@value #DEFAULT_MAX_CHOICES} latent choices a path.
     */
    public static <T> Enumerate<T> of(Model<T> model) {
        return new Enumerate<>(Objects.requireNonNull(model, "model"), DEFAULT_MAX_PATHS, DEFAULT_MAX_CHOICES,
                new Handler[0]);
    }

    /**
     * The same, stopping with an {@link EnumerationException} (reason {@code PATH_BUDGET}) if the model has
     * more than {@code maxPaths} execution paths of positive prior mass.
     *
     * @param maxPaths at least 1
     */
    public Enumerate<T> maxPaths(long maxPaths) {
        if (maxPaths < 1) {
            throw new IllegalArgumentException("maxPaths must be >= 1, got " + maxPaths);
        }
        return new Enumerate<>(model, maxPaths, maxChoices, handlers);
    }

    /**
     * The same, stopping with an {@link EnumerationException} (reason {@code PATH_BUDGET}) at a path that makes more
     * than {@code maxChoices} latent choices: a model that recurses without end.
     *
     * @param maxChoices at least 1
     */
    public Enumerate<T> maxChoicesPerPath(int maxChoices) {
        if (maxChoices < 1) {
            throw new IllegalArgumentException("maxChoicesPerPath must be >= 1, got " + maxChoices);
        }
        return new Enumerate<>(model, maxPaths, maxChoices, handlers);
    }

    /**
     * The same, with an effect handler wrapped around the model (the first one given is innermost), such as
     * {@link dev.ariadne.core.Handlers#condition} to observe latent sites by address from outside the model, or
     * {@link dev.ariadne.core.Handlers#scale} to temper it. The enumerating handler is outermost: latent sites
     * that an inner handler gives a value (observes) are not enumerated. A handler must not hide latent sites
     * from it ({@code block}); proposals set by a guide handler are ignored, since enumeration sets every value.
     */
    public Enumerate<T> with(Handler handler) {
        Handler[] hs = Arrays.copyOf(handlers, handlers.length + 1);
        hs[handlers.length] = Objects.requireNonNull(handler, "handler");
        return new Enumerate<>(model, maxPaths, maxChoices, hs);
    }

    /** The path budget. */
    public long maxPaths() {
        return maxPaths;
    }

    /** The most latent choices one path may make. */
    public int maxChoicesPerPath() {
        return maxChoices;
    }

    /**
     * Enumerates every path and returns the exact answers.
     *
     * @throws EnumerationException if a latent choice is not finite-discrete (naming its address and
     *                              distribution), if there are more paths than the budget, or if the model does not
     *                              replay consistently
     * @throws RunCancelledException if the calling thread is interrupted (checked before each path; the flag is kept)
     * @throws ModelException       if the model throws, or a run is otherwise invalid (it names the path, counted
     *                              from 0, its latent choices, and the site)
     */
    public EnumerationResult<T> run() {
        EnumeratingHandler enumerator = new EnumeratingHandler(maxPaths, maxChoices);
        Execution<T> execution = Execution.of(model);
        for (Handler h : handlers) {
            execution = execution.with(h);
        }
        Runner<T> runner = execution.with(enumerator).runner();

        Map<T, LogSumExp> byValue = new LinkedHashMap<>();
        SameContents<T> arrays = new SameContents<>();
        LogSumExp total = new LogSumExp();
        long paths = 0;
        long failed = 0;
        String firstFailure = null;
        PathOutcome first = null;
        PathOutcome last = null;
        int[] lastChoices = null;
        enumerator.prefix = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                // A path of fewer than 1,024 sites never reaches the engine's own check.
                throw new RunCancelledException("exact enumeration interrupted after " + paths + " paths; the "
                        + "thread's interrupt flag is kept", null);
            }
            if (paths == maxPaths) {
                throw new EnumerationException(EnumerationException.Reason.PATH_BUDGET,
                        "exact enumeration explored " + paths + " paths, the budget set by maxPaths(" + maxPaths
                                + "), and the model has more; raise maxPaths or use sampling-based inference",
                        null);
            }
            try {
                runner.run(0, paths);
            } catch (ModelException e) {
                if (e.getCause() instanceof EnumerationException) {
                    throw (EnumerationException) e.getCause();
                }
                if (e.getCause() instanceof StackOverflowError) {
                    // A path recursing without end may overflow the stack before it reaches maxChoicesPerPath (a
                    // grammar through calls, 3,234 scopes deep in one JVM, past 10,000 in another): the same
                    // budget's exception, saying which came first.
                    EnumerationException deep = new EnumerationException(EnumerationException.Reason.PATH_BUDGET,
                            "exact enumeration's path " + paths + " overflowed the thread's stack"
                            + (e.lastAddress() == null ? "" : " after its site " + e.lastAddress().toShortString()
                            + " (at depth " + e.lastAddress().depth() + ")") + ", before maxChoicesPerPath("
                            + maxChoices + ") latent choices: " + EnumerationException.ENDLESS + ", or use "
                            + "sampling-based inference", e.lastAddress());
                    deep.initCause(e);
                    throw deep;
                }
                if (e.getCause() instanceof EnumeratingHandler.DistributionThrew) {
                    throw new ModelException(e.getCause().getMessage(), "path " + paths + " of the enumeration"
                            + choices(runner), e.seed(), e.runIndex(), e.lastAddress(), e.getCause().getCause());
                }
                throw new ModelException(e.reason(), "path " + paths + " of the enumeration" + choices(runner),
                        e.seed(), e.runIndex(), e.lastAddress(), e.getCause());
            }
            if (enumerator.error != null) {
                // The model caught and swallowed the error thrown at the site.
                throw enumerator.error;
            }
            checkEveryLatentEnumerated(runner, enumerator, paths);
            if (paths == 0) {
                first = PathOutcome.of(runner);
            }
            paths++;
            if (runner.failed()) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = "path " + (paths - 1) + ": " + runner.failure();
                }
            } else {
                double logP = runner.logP();
                total.add(logP);
                T key = arrays.canonical(runner.value());
                LogSumExp sum = byValue.get(key);
                if (sum == null) {
                    sum = new LogSumExp();
                    byValue.put(key, sum);
                    arrays.watch(key, paths - 1);
                }
                sum.add(logP);
            }
            int j = enumerator.depth - 1;
            while (j >= 0 && enumerator.next[j] < 0) {
                j--;
            }
            if (j < 0) {
                last = PathOutcome.of(runner);
                lastChoices = java.util.Arrays.copyOf(enumerator.choice, enumerator.depth);
                break;
            }
            enumerator.choice[j] = enumerator.next[j];
            enumerator.prefix = j + 1;
        }
        arrays.requireUnchanged();
        requireSameAgain(runner, enumerator, first, new int[0], paths);
        requireSameAgain(runner, enumerator, last, lastChoices, paths);
        return new EnumerationResult<>(byValue, total.logSum(), paths, failed, firstFailure);
    }

    /** How many times the first and the last paths are each made again once every path has been. */
    static final int MADE_AGAIN = 2;

    /**
     * The path of {@code choices} (the first, of none; the last) made again {@link #MADE_AGAIN} times in a row after
     * the others, each making compared with the path's own: a model that keeps state between runs (a counter that adds
     * a condition on every other run) gave an evidence and a posterior that were not the model's, with nothing said,
     * where every sampling method named it (an adversarial tester). Twice in a row, so that a state of period two is
     * seen at both of its phases.
     */
    private static <T> void requireSameAgain(Runner<T> runner, EnumeratingHandler enumerator, PathOutcome made,
                                             int[] choices, long paths) {
        for (int k = 0; k < MADE_AGAIN && made != null; k++) {
            System.arraycopy(choices, 0, enumerator.choice, 0, choices.length);
            enumerator.prefix = choices.length;
            PathOutcome again;
            try {
                runner.run(0, 0);
                again = enumerator.error != null ? new PathOutcome(true, Double.NaN, "did not replay", null)
                        : PathOutcome.of(runner);
            } catch (RuntimeException e) {
                again = new PathOutcome(true, Double.NaN, "threw " + e.getClass().getName(), null);
            }
            if (!made.agrees(again)) {
                throw new EnumerationException(EnumerationException.Reason.INCONSISTENT_MODEL, "exact enumeration's "
                        + (choices.length == 0 ? "first" : "last") + " path, made again after all " + paths
                        + " paths, " + made + " the first time and " + again + " now: the model reads state that its "
                        + "runs change (a counter, a list or a field kept outside the run) or draws from a stream "
                        + "other than its Prob, so no path's probability is the model's; a model keeps no state "
                        + "between runs", null);
            }
        }
    }

    /**
     * How far two makings of a path's log probability may differ (relative to the larger, or absolute below 1): a
     * model whose sum of 400 terms of size 10^6 cancelling in pairs came out in a different order each run read 6e-9
     * apart and was refused at 1e-9 (a hunt), where its answer was right to 6e-9; state that matters moves more.
     */
    static final double TOLERANCE = 1e-6;

    /**
     * How one making of a path ended: its log probability, compared to {@link #TOLERANCE}, and its return value where
     * that is a plain value (a number, boolean, character, string or enum constant, or an array of them), compared by
     * equality: a model that filled a buffer kept between runs returned the number of heads it held, every path
     * weighed the same each time, and the posterior was not the model's, with nothing said (an adversarial tester).
     * Any other value is not compared, as its equality may be its identity.
     */
    private record PathOutcome(boolean failed, double logP, String how, Object value) {
        static PathOutcome of(Runner<?> runner) {
            return runner.failed() ? new PathOutcome(true, Double.NaN, "failed its evidence", null)
                    : new PathOutcome(false, runner.logP(), null, plainValue(runner.value()));
        }

        boolean agrees(PathOutcome p) {
            return failed == p.failed && Objects.equals(how, p.how) && (Double.compare(logP, p.logP) == 0
                    || Math.abs(logP - p.logP) <= TOLERANCE * Math.max(1, Math.max(Math.abs(logP), Math.abs(p.logP))))
                    && (value == null || p.value == null || Objects.deepEquals(value, p.value));
        }

        /** The value itself if it is plain (see the record), a copy of a plain array, else null. */
        private static Object plainValue(Object v) {
            // the boxed numbers, not every Number: an AtomicInteger's equality is its identity
            if (dev.ariadne.core.Fingerprint.unchangeable(v)) {
                return v;
            }
            if (v instanceof int[] a) {
                return a.clone();
            }
            if (v instanceof double[] a) {
                return a.clone();
            }
            if (v instanceof long[] a) {
                return a.clone();
            }
            return v instanceof boolean[] a ? a.clone() : null;
        }

        @Override
        public String toString() {
            if (how != null) {
                return how;
            }
            return "weighed log " + logP + (value == null ? "" : " and returned " + shown(value));
        }

        /** The value as a message shows it: an array by its entries, a long one shortened ({@link ShownArrays}). */
        private static String shown(Object v) {
            return v.getClass().isArray() ? ShownArrays.value(v) : dev.ariadne.core.UserText.of(v);
        }
    }

    /**
     * The first latent site of the run that is not, in order, among those the enumerator saw: the one a handler hid.
     */
    private static Address hiddenSite(Runner<?> runner, EnumeratingHandler enumerator) {
        int k = 0;
        for (int i = 0; i < runner.siteCount(); i++) {
            if (runner.siteKind(i) != SiteKind.LATENT) {
                continue;
            }
            if (k == enumerator.seen || runner.siteIndex(i) != enumerator.seenIndices[k]
                    || !runner.siteName(i).equals(enumerator.seenNames[k])
                    || !Objects.equals(runner.siteScope(i), enumerator.seenScopes[k])) {
                return runner.siteAddress(i);
            }
            k++;
        }
        throw new AssertionError("more latent sites than the enumerator saw, and none missing");
    }

    /**
     * Return values that are arrays, told apart by their contents rather than by identity: each path returns a new
     * array, and a posterior keyed by identity listed one entry a path (a new user's sums of three dice returned as
     * {@code int[]}: 36 entries for 11 values). The first array returned with given contents stands for them all.
     */
    private static final class SameContents<T> {
        private final Map<ArrayContents, T> first = new java.util.HashMap<>();
        /**
         * Each distinct returned object that may be mutable (not an array, which is copied, nor a number, a boolean,
         * a string or an enum), with its contents' fingerprint when it became a key and the path that returned it.
         */
        private final Map<Object, long[]> watched = new java.util.IdentityHashMap<>();

        /** Notes {@code key}, a new key of the posterior returned by {@code path}, to check at the end. */
        void watch(T key, long path) {
            if (key == null || key.getClass().isArray() || key instanceof Number || key instanceof Boolean
                    || key instanceof CharSequence || key instanceof Character || key instanceof Enum<?>) {
                return;
            }
            long f = dev.ariadne.core.Fingerprint.of(key);
            if (f != dev.ariadne.core.Fingerprint.UNFOLLOWED) {
                watched.putIfAbsent(key, new long[] {f, path});
            }
        }

        /**
         * Refuses a key changed in place after it was returned: a model that fills one list anew at each path gave a
         * posterior of one entry, {[1]=0.3}, summing to 0.3 (an adversarial tester); keys changed under a hash map
         * are not the values the paths returned.
         */
        void requireUnchanged() {
            watched.forEach((key, at) -> {
                if (dev.ariadne.core.Fingerprint.of(key) != at[0]) {
                    throw new IllegalStateException("the model's return value on path " + at[1] + ", a "
                            + key.getClass().getSimpleName() + ", was changed in place after it was returned (it is now "
                            + key + "): a later path changed the object an earlier one returned, so the posterior, "
                            + "keyed by value, is not the paths' values; return a new object at each run");
                }
            });
        }

        T canonical(T value) {
            if (value == null || !value.getClass().isArray()) {
                return value;
            }
            T known = first.get(new ArrayContents(value));
            if (known != null) {
                return known;
            }
            // a copy, as key and value: a model may fill one array anew at each path (ReturnValues)
            T kept = dev.ariadne.core.ReturnValues.kept(value);
            first.put(new ArrayContents(kept), kept);
            return kept;
        }
    }

    /** An array's contents, with {@link Arrays#deepEquals} and {@link Arrays#deepHashCode} as equality. */
    private record ArrayContents(Object array) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayContents other
                    && Arrays.deepEquals(new Object[] {array}, new Object[] {other.array});
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {array});
        }
    }

    /** The latent choices of the path the runner just took, as ": a = true, k = 2", or "" if it made none. */
    private static String choices(Runner<?> runner) {
        History h = runner.history();
        StringJoiner joined = new StringJoiner(", ", ": ", "");
        joined.setEmptyValue("");
        int shown = 0;
        for (int i = 0; i < h.size(); i++) {
            if (h.kind(i) != SiteKind.LATENT) {
                continue;
            }
            if (shown == MAX_CHOICES_NAMED) {
                joined.add("...");
                break;
            }
            joined.add(h.address(i) + " = " + ShownArrays.value(h.value(i)));
            shown++;
        }
        return joined.toString();
    }

    /**
     * Every latent site of the run must have been set by the enumerator; otherwise it was drawn at random and the
     * sum over paths would be wrong. Also, a replayed prefix must be reached again.
     */
    private static void checkEveryLatentEnumerated(Runner<?> runner, EnumeratingHandler enumerator, long path) {
        int latent = 0;
        int n = runner.siteCount();
        for (int i = 0; i < n; i++) {
            if (runner.siteKind(i) == SiteKind.LATENT) {
                latent++;
            }
        }
        if (latent > enumerator.seen) {
            Address hidden = hiddenSite(runner, enumerator);
            throw new EnumerationException(EnumerationException.Reason.INCONSISTENT_MODEL, "the latent site " + hidden
                    + " of path " + path + " was not enumerated: a handler hid it from the enumerator (block)", hidden);
        }
        if (enumerator.depth < enumerator.prefix) {
            throw new EnumerationException(EnumerationException.Reason.INCONSISTENT_MODEL,
                    "the model is not a function of its random choices: replaying the first " + enumerator.prefix
                            + " choices of an earlier path made only " + enumerator.depth + " choices on path "
                            + path + " (draw all randomness through Prob and do not depend on mutable state)",
                    null);
        }
    }
}
