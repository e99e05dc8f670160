package dev.ariadne.core;

import java.io.Serializable;

/**
 * A guide in the Pyro and Gen form: a separate program over the model's latent addresses that may only
 * {@code sample} and {@code call}/{@code scoped}. It runs first, drawing each latent from its own distribution;
 * then the model is replayed on those values. The per-run record is the same as with a {@link Guide}: each
 * latent site's proposal is the guide program's distribution at that address.
 */
@FunctionalInterface
public interface GuideProgram extends Serializable {

    /** Runs the guide program once; observe, factor and condition are errors here. */
    void run(Prob q);
}
