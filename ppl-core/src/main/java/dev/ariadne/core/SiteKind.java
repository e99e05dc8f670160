package dev.ariadne.core;

/** What a site of a run is: a latent choice, an observation, a soft factor or a hard condition. */
public enum SiteKind {
    /** A random choice the model makes; a guide may propose its value. Contributes to log p and log q. */
    LATENT,
    /** An observed value scored under a distribution: evidence, contributing to log p only. */
    OBSERVED,
    /** A soft evidence term added to log p: the paper's evidence function. */
    FACTOR,
    /** Hard evidence: a run whose condition is false has weight 0. */
    CONDITION
}
