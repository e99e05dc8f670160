package dev.ariadne.core;

import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.RealDist;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
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

    /** A guide for real sites only; other sites keep their prior. */
    static Guide real(RealProposal proposal) {
        return (site, prior, history) -> prior instanceof RealDist
                ? proposal.propose(site, (RealDist) prior, history) : prior;
    }

    /** A guide for integer sites only; other sites keep their prior. */
    static Guide integer(IntProposal proposal) {
        return (site, prior, history) -> prior instanceof IntDist
                ? proposal.propose(site, (IntDist) prior, history) : prior;
    }

    /** A guide for boolean sites only; other sites keep their prior. */
    static Guide bool(BoolProposal proposal) {
        return (site, prior, history) -> prior instanceof BoolDist
                ? proposal.propose(site, (BoolDist) prior, history) : prior;
    }

    /** The guide {@code g} at sites matching {@code pattern} (such as {@code x[*]}); the prior elsewhere. */
    static Guide at(String pattern, Guide g) {
        return new PatternGuide(new AddressPattern[] {AddressPattern.parse(pattern)},
                new Guide[] {java.util.Objects.requireNonNull(g, "guide")});
    }

    /** The fixed proposal {@code q} at sites matching {@code pattern}; the prior elsewhere. */
    static Guide at(String pattern, Dist q) {
        return at(pattern, (site, prior, history) -> q);
    }

    /**
     * Fixed proposals by address pattern, tried in the map's iteration order; the prior where none matches.
     *
     * @param proposals pattern text (such as {@code x[*]}) to proposal
     */
    static Guide fromMap(Map<String, ? extends Dist> proposals) {
        Map<AddressPattern, Dist> parsed = new LinkedHashMap<>();
        proposals.forEach((k, v) -> parsed.put(AddressPattern.parse(k), v));
        AddressPattern[] patterns = parsed.keySet().toArray(new AddressPattern[0]);
        Guide[] fixed = new Guide[patterns.length];
        int i = 0;
        for (Dist q : parsed.values()) {
            fixed[i++] = (site, prior, history) -> q;
        }
        return new PatternGuide(patterns, fixed);
    }

    /**
     * The whole-run defensive mixture: with probability {@code alpha} the entire run follows the prior, otherwise
     * this guide, so q(x) = alpha prior(x) + (1 - alpha) guide(x) over the run. This is the form that bounds the
     * weights by sup p(e | x) / alpha (a per-site mixture gives no such bound).
     *
     * @param alpha the prior's share, in (0, 1]
     */
    static Guide defensive(double alpha, Guide guide) {
        return new DefensiveGuide(alpha, guide);
    }

    /**
     * The prior's share alpha when this guide is a whole-run defensive mixture (each run follows the prior
     * entirely with probability alpha, so every importance weight is at most sup p(e | x) / alpha); 0 otherwise.
     */
    default double wholeRunPriorShare() {
        return 0;
    }

    /**
     * The address patterns this guide dispatches on (from {@link #at}, {@link #fromMap} and their compositions),
     * so that diagnostics can name a pattern that matched no site: a typo such as {@code lamda} otherwise leaves
     * the sites it meant at their prior, silently. Empty for a guide that does not dispatch on patterns.
     */
    default List<AddressPattern> patterns() {
        return List.of();
    }

    /** This guide where it proposes something other than the prior; {@code other} where it leaves the prior. */
    default Guide orElse(Guide other) {
        Guide self = this;
        return new Guide() {
            private static final long serialVersionUID = 1L;

            @Override
            public Dist propose(Site site, Dist prior, History history) {
                Dist d = self.propose(site, prior, history);
                return d == prior ? other.propose(site, prior, history) : d;
            }

            @Override
            public List<AddressPattern> patterns() {
                List<AddressPattern> all = new ArrayList<>(self.patterns());
                all.addAll(other.patterns());
                return Collections.unmodifiableList(all);
            }
        };
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
