package dev.ariadne.core;

import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.VecDist;

/**
 * The effects a model program uses: random choices ({@code sample}) and evidence ({@code observe}, {@code factor},
 * {@code condition}). Each call is a <em>site</em> with an address made of its name, an optional index (the
 * {@code (name, index, ...)} forms, for loops; an index must be {@code >= 0}) and the enclosing scopes
 * ({@link #call}, {@link #scoped}). An address may be used once per run.
 *
 * <p>There is one overload per kind of distribution, so doubles, ints and booleans never box and no call is
 * ambiguous. A Prob belongs to one run on one thread: using it after its run ended, or from another thread,
 * is an error.
 */
public interface Prob {

    /** A real latent choice: drawn from the guide's proposal, or from the prior {@code d} when unguided. */
    double sample(String name, RealDist d);

    /** A real latent choice at {@code name[index]}. */
    double sample(String name, int index, RealDist d);

    /** An integer latent choice. */
    int sample(String name, IntDist d);

    /** An integer latent choice at {@code name[index]}. */
    int sample(String name, int index, IntDist d);

    /** A boolean latent choice. */
    boolean sample(String name, BoolDist d);

    /** A boolean latent choice at {@code name[index]}. */
    boolean sample(String name, int index, BoolDist d);

    /** A vector latent choice; the returned array is the caller's. */
    double[] sample(String name, VecDist d);

    /** A vector latent choice at {@code name[index]}. */
    double[] sample(String name, int index, VecDist d);

    /** A latent choice of any type. */
    <T> T sample(String name, ObjDist<T> d);

    /** A latent choice of any type at {@code name[index]}. */
    <T> T sample(String name, int index, ObjDist<T> d);

    /** Evidence: {@code value} was observed from {@code d}; adds log d(value) to log p. */
    void observe(String name, RealDist d, double value);

    /** Evidence at {@code name[index]}. */
    void observe(String name, int index, RealDist d, double value);

    /** Evidence: an integer observation. */
    void observe(String name, IntDist d, int value);

    /** Evidence: an integer observation at {@code name[index]}. */
    void observe(String name, int index, IntDist d, int value);

    /** Evidence: a boolean observation. */
    void observe(String name, BoolDist d, boolean value);

    /** Evidence: a boolean observation at {@code name[index]}. */
    void observe(String name, int index, BoolDist d, boolean value);

    /** Evidence: a vector observation. */
    void observe(String name, VecDist d, double[] value);

    /** Evidence: a vector observation at {@code name[index]}. */
    void observe(String name, int index, VecDist d, double[] value);

    /** Evidence: an observation of any type. */
    <T> void observe(String name, ObjDist<T> d, T value);

    /** Evidence: an observation of any type at {@code name[index]}. */
    <T> void observe(String name, int index, ObjDist<T> d, T value);

    /** A plate: every value observed independently from {@code d}, scored as one site. */
    void observeAll(String name, RealDist d, double[] values);

    /** A plate at {@code name[index]}. */
    void observeAll(String name, int index, RealDist d, double[] values);

    /** A plate of integer observations. */
    void observeAll(String name, IntDist d, int[] values);

    /** A plate of integer observations at {@code name[index]}. */
    void observeAll(String name, int index, IntDist d, int[] values);

    /** A plate of boolean observations. */
    void observeAll(String name, BoolDist d, boolean[] values);

    /** A plate of boolean observations at {@code name[index]}. */
    void observeAll(String name, int index, BoolDist d, boolean[] values);

    /**
     * Soft evidence: adds {@code logWeight} to log p (the paper's evidence function). {@code -inf} gives the run
     * weight 0; NaN and {@code +inf} are errors.
     */
    void factor(String name, double logWeight);

    /** Soft evidence at {@code name[index]}. */
    void factor(String name, int index, double logWeight);

    /**
     * Hard evidence: when {@code holds} is false the run has weight 0. It then ends at its next site, which is
     * never reached, or when the model returns; nothing the model does in between counts (its return value is
     * dropped and exceptions it throws are ignored). The same holds after any site that gives weight 0.
     */
    void condition(String name, boolean holds);

    /** Hard evidence at {@code name[index]}. */
    void condition(String name, int index, boolean holds);

    /**
     * Hard evidence that carries its margin: holds when {@code score >= threshold}, and otherwise gives the run
     * weight 0 exactly as {@code condition(name, false)} does. The run also records how far it was from the
     * boundary, {@code score - threshold} (its {@link Margin}), which a plain boolean condition cannot say: a
     * rare-event search reads the margins of runs that fail to find where the evidence lies ({@link
     * Runner#margin()} gives the run's, the trace each site's).
     *
     * @param score     what the model computed, such as a sum that must pass a threshold; NaN is an error
     * @param threshold the least score that satisfies the evidence; must be finite
     */
    void condition(String name, double score, double threshold);

    /** Hard evidence with its margin at {@code name[index]}: holds when {@code score >= threshold}. */
    void condition(String name, int index, double score, double threshold);

    /** Runs a sub-model in the scope {@code scope}: its sites are addressed {@code scope/...}. */
    <U> U call(String scope, Model<U> sub);

    /** Runs a sub-model in the scope {@code scope[index]}. */
    <U> U call(String scope, int index, Model<U> sub);

    /** Runs a block that returns nothing in the scope {@code scope}. */
    void scoped(String scope, Block block);

    /** Runs a block that returns nothing in the scope {@code scope[index]}. */
    void scoped(String scope, int index, Block block);
}
