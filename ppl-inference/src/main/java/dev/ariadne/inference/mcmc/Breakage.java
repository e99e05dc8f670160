package dev.ariadne.inference.mcmc;

/**
 * Deliberate errors in the acceptance ratios, for the tests of the tests only: each calibration test must fail
 * when its kernel drops the term named here. Not reachable from outside the package.
 */
enum Breakage {
    /** The correct kernels. */
    NONE,
    /** Single-site MH without the site-selection probabilities |D| / |D'|. */
    NO_SELECTION_RATIO,
    /** Single-site MH without the fresh and stale choices' prior densities. */
    NO_FRESH_STALE,
    /** Random walk without the log-Jacobian of the unconstrained space. */
    NO_JACOBIAN,
    /** Independence MH without the proposal densities: accepts by the target's ratio alone. */
    NO_PROPOSAL_DENSITY,
    /** Gibbs scoring each value by its likelihood alone, without its prior. */
    GIBBS_WITHOUT_PRIOR
}
