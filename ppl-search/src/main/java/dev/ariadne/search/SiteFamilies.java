package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the {@link SiteFamily} of a site from its prior (the prior's own, then those registered with
 * {@link ServiceLoader}, then the built-in ones), finds a family by name for guide files, and says why a site has
 * none. The registered families are read once from the class path; nothing is registered at run time.
 */
final class SiteFamilies {

    /**
     * The built-in families, in the order they are tried (overlaps: StudentT before Normal, Gamma before LogNormal,
     * Beta before logit-normal, Binomial before categorical).
     */
    static final List<SiteFamily> BUILT_IN = List.of(StudentTFamily.INSTANCE, NormalFamily.INSTANCE, GammaFamily.INSTANCE,
            BetaFamily.INSTANCE, LogitNormalFamily.INSTANCE, LogNormalFamily.INSTANCE, PoissonFamily.INSTANCE,
            BernoulliFamily.INSTANCE, BinomialFamily.INSTANCE, CategoricalFamily.INSTANCE, GeometricFamily.INSTANCE,
            NegativeBinomialFamily.INSTANCE, StickBreakingFamily.INSTANCE, MultivariateNormalFamily.INSTANCE);

    private SiteFamilies() {
    }

    /** The families on the class path, read once (the holder idiom: on first use, by the loading thread's loader). */
    private static final class Registered {
        static final List<SiteFamily> FAMILIES = load();

        private static List<SiteFamily> load() {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            List<SiteFamily> found = new ArrayList<>();
            for (SiteFamily f : ServiceLoader.load(SiteFamily.class, cl != null ? cl : SiteFamily.class.getClassLoader())) {
                found.add(f);
            }
            return List.copyOf(found);
        }
    }

    /** The family of a site with this prior, or null when none accepts it (then the site keeps its prior). */
    static SiteFamily of(Dist prior) {
        if (prior instanceof HasSiteFamily h) {
            return h.siteFamily();
        }
        if (prior instanceof ObjDist) {
            return null;
        }
        for (SiteFamily f : Registered.FAMILIES) {
            if (f.accepts(prior)) {
                return f;
            }
        }
        for (SiteFamily f : BUILT_IN) {
            if (f.accepts(prior)) {
                return f;
            }
        }
        return null;
    }

    /** The family of this name among the registered and built-in ones, or null. */
    static SiteFamily named(String name) {
        for (SiteFamily f : Registered.FAMILIES) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        for (SiteFamily f : BUILT_IN) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Why no family accepts this prior (call only when {@link #of} gave null). */
    static String whyNone(Dist prior) {
        Support s = prior.support();
        String what = prior.describe();
        String bring = "; a distribution can bring its own family (HasSiteFamily)";
        if (prior instanceof ObjDist) {
            return what + " draws objects, and no family proposes objects";
        }
        if (prior instanceof dev.ariadne.core.dist.Poisson q && q.rate() == 0) {
            return what + " is a point mass at 0: there is nothing to fit";
        }
        switch (s.type()) {
            case INTEGERS:
                if (s.isFinite()) {
                    return what + " has " + CategoricalFamily.count(s) + " values, more than the "
                            + CategoricalFamily.MAX_VALUES + " a categorical proposal covers" + bring;
                }
                return what + " has an unbounded integer support " + s + ", and only Poisson, Geometric and "
                        + "NegativeBinomial priors have a count family" + bring;
            case REAL_VECTOR:
                return what + " is a real vector, and only MultivariateNormal priors have a vector family" + bring;
            case INTERVAL:
                return what + " has the unbounded interval " + s + bring;
            default:
                return what + " has support " + s + ", which no family covers" + bring;
        }
    }
}
