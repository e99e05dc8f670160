package dev.ariadne.search;

/**
 * A distribution that brings its own guide family: the mean-field and structured guides propose at its sites
 * from {@link #siteFamily()}, ahead of every other family (see {@link SiteFamily} for the order). Implement it
 * beside the distribution's kind, for example {@code record Kumaraswamy(double a, double b) implements RealDist,
 * HasSiteFamily}. To load guide files that name the family, also register the family with
 * {@link java.util.ServiceLoader} (the loader finds families by name, before it has seen any prior).
 */
public interface HasSiteFamily {

    /** The family the guides use at a site whose prior is this distribution. */
    SiteFamily siteFamily();
}
