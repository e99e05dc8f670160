package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;

/**
 * A guide for the sites of one kind of value only ({@link Guide#real}, {@link Guide#integer}, {@link Guide#bool}):
 * every other site keeps its prior, by design, and {@link #leavesPriorBecause} says so. A guide check called a
 * change-point guide of the README's kind, its rates drawn from their posterior given the date and the date left at
 * its prior, not clean ("never guided: tau") with no reason given (a new user).
 */
final class KindGuide implements Guide {

    private static final long serialVersionUID = 1L;

    private final Guide guide;
    private final Class<? extends Dist> kind;
    private final String name;

    /**
     * @param guide what proposes at a site whose prior is of {@code kind} (null: the prior)
     * @param kind  the priors it guides
     * @param name  the factory and the sites it guides, for the reason ("Guide.real guides real sites")
     */
    KindGuide(Guide guide, Class<? extends Dist> kind, String name) {
        this.guide = guide;
        this.kind = kind;
        this.name = name;
    }

    @Override
    public Dist propose(Site site, Dist prior, History history) {
        if (!kind.isInstance(prior)) {
            return prior;
        }
        Dist q = guide.propose(site, prior, history);
        return q == null ? prior : q;
    }

    @Override
    public String leavesPriorBecause(Dist prior) {
        return kind.isInstance(prior) ? null : name + " only, so this site keeps its prior by design";
    }

    @Override
    public String toString() {
        return name;
    }
}
