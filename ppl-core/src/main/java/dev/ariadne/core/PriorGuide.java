package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;

/** The guide that proposes the prior everywhere. An enum so that it stays a singleton when deserialised. */
enum PriorGuide implements Guide {
    INSTANCE;

    @Override
    public Dist propose(Site site, Dist prior, History history) {
        return prior;
    }

    @Override
    public String toString() {
        return "prior";
    }
}
