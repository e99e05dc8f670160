/**
 * Streaming, mergeable statistics of importance log weights: log-sum-exp, moments, the evidence estimate and its
 * diagnostics (ESS, free energy, KL estimates, Pareto k-hat), confidence bounds on the evidence (betting, product,
 * Markov), priority sampling of posterior draws and self-normalised conditional estimates.
 *
 * <p>Every class takes plain log weights {@code l = log w} (doubles; {@code -inf} means a zero weight, a failed or
 * impossible run; {@code NaN} and {@code +inf} are rejected with {@link java.lang.IllegalArgumentException}) and
 * knows nothing of models. Every accumulator uses constant (or O(sqrt n)) memory and can be computed on shards of
 * runs and merged in run-index order. No figure ever comes out as {@code NaN}: undefined standard errors are reported
 * as {@code +inf}, empty sums as {@code -inf} in log space.
 */
package dev.ariadne.inference.stats;
