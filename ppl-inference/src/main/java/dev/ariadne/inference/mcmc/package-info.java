/**
 * Markov chain Monte Carlo over a model's runs, with no change to how models are written: kernels that re-run
 * the model with one choice changed (lightweight single-site MH, random walks in the unconstrained space, Gibbs
 * for finite discrete sites), independence MH with a guide as the whole-run proposal, their cycles, mixtures and
 * restrictions to address patterns; {@link dev.ariadne.inference.mcmc.Mcmc}, which runs several chains with one
 * stream each (identical results at any parallelism); and {@link dev.ariadne.inference.mcmc.McmcResult}, the
 * draws with their ArviZ-style summary, acceptance rates and verdicts.
 *
 * <p>The kernels target any {@link dev.ariadne.inference.mcmc.Target} of the form prior times something: the
 * posterior, a tempered posterior (annealed SMC's rejuvenation moves) or a prior restricted to a level (subset
 * simulation's moves). {@link dev.ariadne.inference.mcmc.Chain} is one chain, the unit SMC uses.
 */
package dev.ariadne.inference.mcmc;
