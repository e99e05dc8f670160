package dev.ariadne.core;

import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.RealDist;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A guide program in the paper's form: it runs alongside the model and, at each latent choice, supplies the
 * distribution q the choice is really drawn from. It sees the site, the prior there (whose parameters already
 * reflect earlier choices) and the {@link History} of the run so far, and returns a proposal of the same kind
 * and support shape as the prior, or the prior itself to leave the choice alone.
 *
 * <p>The runs' weights p(x, e) / q(x) are then importance weights, and the mean of log q - log p is the guide's
 * free energy. Guides are {@link Serializable} so that shards can run anywhere.
 */
@FunctionalInterface
public interface Guide extends Serializable {

    /**
     * The proposal at this latent site.
     *
     * @param site    the site (valid during this call only)
     * @param prior   the model's distribution at the site
     * @param history the run so far
     * @return the distribution to draw from: same value kind and support shape as {@code prior}, or {@code prior}
     */
    Dist propose(Site site, Dist prior, History history);

    /** The guide that leaves every choice to the prior: importance sampling becomes likelihood weighting. */
    static Guide prior() {
        return PriorGuide.INSTANCE;
    }

    /**
     * A guide that decides from the site and the run so far alone, never reading the prior: {@code proposal}
     * returns the distribution to draw from, or null to leave the site at its prior. Most guides written by hand
     * are of this kind (a fixed proposal per name and index, perhaps moved by earlier choices):
     * <pre>{@code
     * Guide.bySite((site, history) -> site.name().equals("z") ? assignment[site.index()] : null)
     * }</pre>
     * Because the prior is never handed to it, a prior made at its sample site ({@code p.sample("z", i,
     * new Categorical(pi))}) stays a value the compiler can keep in registers: such a site allocates nothing, where
     * a guide that receives the prior object makes it escape (see {@link #withoutPrior()}).
     */
    static Guide bySite(SiteProposal proposal) {
        return new SiteGuide(java.util.Objects.requireNonNull(proposal, "proposal"));
    }

    /**
     * A guide for real sites only; other sites keep their prior, and so does a real site where {@code proposal}
     * returns null (as with {@link #bySite}).
     */
    static Guide real(RealProposal proposal) {
        java.util.Objects.requireNonNull(proposal, "proposal");
        return new KindGuide((site, prior, history) -> proposal.propose(site, (RealDist) prior, history),
                RealDist.class, "Guide.real guides real sites");
    }

    /**
     * A guide for integer sites only; other sites keep their prior, and so does an integer site where
     * {@code proposal} returns null.
     */
    static Guide integer(IntProposal proposal) {
        java.util.Objects.requireNonNull(proposal, "proposal");
        return new KindGuide((site, prior, history) -> proposal.propose(site, (IntDist) prior, history),
                IntDist.class, "Guide.integer guides integer sites");
    }

    /**
     * A guide for boolean sites only; other sites keep their prior, and so does a boolean site where
     * {@code proposal} returns null.
     */
    static Guide bool(BoolProposal proposal) {
        java.util.Objects.requireNonNull(proposal, "proposal");
        return new KindGuide((site, prior, history) -> proposal.propose(site, (BoolDist) prior, history),
                BoolDist.class, "Guide.bool guides boolean sites");
    }

    /**
     * The guide {@code g} at sites matching {@code pattern} (such as {@code x[*]}); the prior elsewhere. If {@code g}
     * is a whole-run defensive mixture, so is the result, with the same prior share: a run follows the prior
     * everywhere, or {@code g}'s guide component at the matching sites (and the prior elsewhere).
     */
    static Guide at(String pattern, Guide g) {
        double alpha = java.util.Objects.requireNonNull(g, "guide").wholeRunPriorShare();
        Guide matched = new PatternGuide(new AddressPattern[] {AddressPattern.parse(pattern)},
                new Guide[] {alpha > 0 ? g.guideComponent() : g});
        return alpha > 0 ? defensive(alpha, matched) : matched;
    }

    /** The fixed proposal {@code q} at sites matching {@code pattern}; the prior elsewhere. */
    static Guide at(String pattern, Dist q) {
        requireProposal(q, "Guide.at", pattern);
        return at(pattern, bySite((site, history) -> q));
    }

    /**
     * Refuses a null fixed proposal: it read as the prior at every site the pattern matched, a guide that did nothing
     * with nothing said (an adversarial tester); a site is left at its prior by not matching it.
     */
    private static void requireProposal(Dist q, String method, String pattern) {
        if (q == null) {
            throw new NullPointerException(method + ": the proposal for '" + pattern + "' is null (a distribution not "
                    + "made yet?); a guide leaves a site at its prior by matching no pattern there");
        }
    }

    /**
     * Fixed proposals by address pattern, tried in the map's iteration order; the prior where none matches. Where two
     * patterns can match one address, the order decides which proposal it gets, so the map must have one: a
     * {@code LinkedHashMap} or a {@code SortedMap}. A map without one ({@code Map.of}, a {@code HashMap}) is refused
     * then, naming the two patterns, since its order (and so the guide) could change from one JVM to the next.
     *
     * @param proposals pattern text (such as {@code x[*]}) to proposal
     * @throws IllegalArgumentException for a pattern that does not parse, or two that overlap in a map without order
     */
    static Guide fromMap(Map<String, ? extends Dist> proposals) {
        java.util.Objects.requireNonNull(proposals, "Guide.fromMap: the map of proposals must not be null");
        Map<AddressPattern, Dist> parsed = new LinkedHashMap<>();
        proposals.forEach((k, v) -> {
            requireProposal(v, "Guide.fromMap", k);
            parsed.put(AddressPattern.parse(k), v);
        });
        AddressPattern[] patterns = parsed.keySet().toArray(new AddressPattern[0]);
        if (!(proposals instanceof LinkedHashMap || proposals instanceof java.util.SortedMap)) {
            int[] pair = AddressPattern.firstOverlap(patterns);
            if (pair != null) {
                throw new IllegalArgumentException("guide patterns '" + patterns[pair[0]] + "' and '"
                        + patterns[pair[1]] + "' can match the same site, and fromMap tries its patterns in the map's "
                        + "order, which this map (" + proposals.getClass().getSimpleName() + ") does not fix: pass a "
                        + "LinkedHashMap in the order to try them, or use Guide.at(first, q).orElse(...)");
            }
        }
        Guide[] fixed = new Guide[patterns.length];
        int i = 0;
        for (Dist q : parsed.values()) {
            fixed[i++] = bySite((site, history) -> q);
        }
        return new PatternGuide(patterns, fixed);
    }

    /**
     * The whole-run defensive mixture: with probability {@code alpha} the entire run follows the prior, otherwise
     * this guide, so q(x) = alpha prior(x) + (1 - alpha) guide(x) over the run. This is the form that bounds the
     * weights by sup p(e | x) / alpha (a per-site mixture gives no such bound). A mixture of a mixture is one
     * mixture: {@code defensive(a, defensive(b, g))} is {@code defensive(1 - (1 - a)(1 - b), g)}.
     *
     * @param alpha the prior's share, in (0, 1]
     */
    static Guide defensive(double alpha, Guide guide) {
        double inner = java.util.Objects.requireNonNull(guide, "guide").wholeRunPriorShare();
        if (inner > 0 && alpha > 0 && alpha <= 1) {
            return new DefensiveGuide(1 - (1 - alpha) * (1 - inner), guide.guideComponent());
        }
        return new DefensiveGuide(alpha, guide);
    }

    /**
     * The prior's share alpha when this guide is a whole-run defensive mixture (each run follows the prior
     * entirely with probability alpha, so every importance weight is at most sup p(e | x) / alpha); 0 otherwise.
     * This, not the guide's class, is how every part of Ariadne recognises a mixture.
     */
    default double wholeRunPriorShare() {
        return 0;
    }

    /**
     * The guide a run follows when it does not follow the prior: for a whole-run defensive mixture its guide
     * component, for any other guide the guide itself. The combinators use it to keep a mixture whole-run when they
     * wrap it ({@link #orElse}, {@link #at(String, Guide)}).
     */
    default Guide guideComponent() {
        return this;
    }

    /**
     * Why this guide, by design, leaves a latent site with this prior at its prior (for example: a searched family
     * has no proposal family for the prior's distribution), or null when it does not. Diagnostics
     * ({@code Importance.check}) print the reason beside every site the guide never touched, so that a site left
     * at its prior is never silent. The default knows of no such reason.
     */
    default String leavesPriorBecause(Dist prior) {
        return null;
    }

    /**
     * This guide as a proposal that never reads the prior, or null if it may read it. Not null for
     * {@link #bySite} guides, for {@link #at(String, Dist)} and {@link #fromMap}, and for the patterns, mixtures
     * and {@link #orElse} combinations of such guides; null by default, for a guide written as
     * {@code (site, prior, history) -> ...}.
     *
     * <p>The engine asks once per runner. Where it gets a proposal, a latent site's prior is used only inside the
     * site's own code (its draw when the prior proposes, its log density), so a prior made at the site is never
     * allocated once the model is compiled. A guide that receives the prior object makes it escape into code the
     * compiler cannot see through, and the prior is then allocated at every run (a few ns and 16 to 40 bytes).
     */
    default SiteProposal withoutPrior() {
        return null;
    }

    /**
     * The address patterns this guide dispatches on (from {@link #at}, {@link #fromMap} and their compositions),
     * so that diagnostics can name a pattern that matched no site: a typo such as {@code lamda} otherwise leaves
     * the sites it meant at their prior, silently. Empty for a guide that does not dispatch on patterns.
     */
    default List<AddressPattern> patterns() {
        return List.of();
    }

    /**
     * The sites a guide fitted to a model keeps parameters for (a searched guide's addresses), of which a model it
     * fits makes at least one: a guide loaded for another model, whose sites are named otherwise, matches none and
     * proposes the prior everywhere, which the diagnostics then say. Unlike {@link #patterns()}, one of these need
     * not match every model (a site that only some runs make). Empty for a guide that keeps no per-site parameters.
     */
    default List<AddressPattern> fittedSites() {
        return List.of();
    }

    /**
     * Why this guide proposes each site's prior by design, or null: a search's starting guide, returned with no
     * parameters fitted because the search's own guide was no better on fresh runs, says so, and the diagnostics then
     * do not take it for a guide written for another model. Null for a guide that is meant to propose.
     */
    default String priorEverywhereBecause() {
        return null;
    }

    /**
     * This guide where it proposes something other than the prior; {@code other} where it leaves the prior. A
     * whole-run defensive mixture on either side stays one around the combination:
     * {@code defensive(a, g).orElse(h)} is {@code defensive(a, g.orElse(h))}, and likewise on the right.
     *
     * @throws IllegalArgumentException if both sides are defensive mixtures (their two coins make no whole-run
     *                                  mixture); mix once, around the combined guide
     */
    default Guide orElse(Guide other) {
        java.util.Objects.requireNonNull(other, "orElse: the guide to fall back on is null (Guide.prior() leaves "
                + "sites at their prior)");
        double a = wholeRunPriorShare();
        double b = other.wholeRunPriorShare();
        if (a > 0 && b > 0) {
            throw new IllegalArgumentException("orElse: both guides are whole-run defensive mixtures (prior shares " + a
                    + " and " + b + "); mix once, around the combined guide: Guide.defensive(alpha, g.orElse(h))");
        }
        Guide self = guideComponent();
        Guide next = other.guideComponent();
        if (self instanceof PatternGuide first && next instanceof PatternGuide then) {
            Guide both = first.then(then);
            return a > 0 || b > 0 ? defensive(Math.max(a, b), both) : both;
        }
        Guide either = ChainGuide.of(self, next);
        return a > 0 || b > 0 ? defensive(Math.max(a, b), either) : either;
    }

    /**
     * A proposal that depends on the site and the run so far, never on the prior ({@link #bySite}).
     */
    @FunctionalInterface
    interface SiteProposal extends Serializable {
        /**
         * The proposal at this latent site: a distribution of the prior's kind of value and shape of support, or
         * null to leave the site at its prior.
         *
         * @param site    the site (valid during this call only)
         * @param history the run so far
         */
        Dist propose(Site site, History history);
    }

    /** A proposal for real sites. */
    @FunctionalInterface
    interface RealProposal extends Serializable {
        /** The proposal for a real site whose prior is {@code prior}. */
        RealDist propose(Site site, RealDist prior, History history);
    }

    /** A proposal for integer sites. */
    @FunctionalInterface
    interface IntProposal extends Serializable {
        /** The proposal for an integer site whose prior is {@code prior}. */
        IntDist propose(Site site, IntDist prior, History history);
    }

    /** A proposal for boolean sites. */
    @FunctionalInterface
    interface BoolProposal extends Serializable {
        /** The proposal for a boolean site whose prior is {@code prior}. */
        BoolDist propose(Site site, BoolDist prior, History history);
    }
}
