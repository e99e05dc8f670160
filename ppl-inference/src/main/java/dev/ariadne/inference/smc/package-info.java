/**
 * Sequential Monte Carlo with certified evidence bounds: particle filters for state-space models written with
 * their state explicit ({@link dev.ariadne.inference.smc.Smc#stateSpace}), SMC for any model that resamples at its
 * evidence sites ({@link dev.ariadne.inference.smc.Smc#of}), resampling schemes, filtering and smoothing by the
 * genealogy. Independent sweeps' unbiased evidence estimates play the role of runs in the betting, product and Markov
 * bounds ({@link dev.ariadne.inference.smc.SmcResult}).
 */
package dev.ariadne.inference.smc;
