/**
 * Exact inference by enumeration, for models whose latent choices are all finite-discrete (booleans, integers
 * with a bounded support or all their mass at the lower end of their support, as a Poisson of rate 0, objects whose distribution can list its support).
 *
 * <p>{@link dev.ariadne.inference.enumerate.Enumerate} walks every execution path of a model, depth first, and
 * sums the exact joint probability p(x, e) of each path. The resulting
 * {@link dev.ariadne.inference.enumerate.EnumerationResult} holds the exact evidence P(e), the exact posterior
 * distribution of the model's return value given e, and answers P(h | e), P(h, e) and E[f | e] exactly (up to
 * floating-point rounding). These are the reference answers that sampling-based inference and its bounds are
 * checked against.
 */
package dev.ariadne.inference.enumerate;
