package dev.ariadne.inference.smc;

import dev.ariadne.core.RunPrefix;

/**
 * One particle of generic SMC: the prefix of its run so far (its latent values by site, up to the latent site at which
 * its run last stopped) and, once its model has returned, its value. Records are reused from sweep to sweep; a
 * resampled particle copies its ancestor's.
 */
final class ParticleRecord {

    final RunPrefix prefix = new RunPrefix();
    boolean finished;
    Object value;

    /** Empties the record for a new sweep. */
    void clear() {
        prefix.clear();
        finished = false;
        value = null;
    }

    /** Makes this record a copy of {@code o}. */
    void copyFrom(ParticleRecord o) {
        prefix.copyFrom(o.prefix);
        finished = o.finished;
        value = o.value;
    }
}
