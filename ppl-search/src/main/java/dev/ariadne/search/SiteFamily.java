package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import java.io.Serializable;
import java.util.List;

/**
 * The per-site family of the built-in guide families ({@link GuideFamily#meanField()} and
 * {@link GuideFamily#structured()}): a parameterised set of proposals for one kind of latent site, in
 * unconstrained parameters (log for scales and shapes, logits for probabilities), so that every real vector of
 * parameters is a valid proposal.
 *
 * <p>Where a site's family comes from, first match wins:
 * <ol>
 *   <li>the prior itself, when its distribution implements {@link HasSiteFamily} (a distribution brings its own
 *   family);</li>
 *   <li>families registered with {@link java.util.ServiceLoader} under this interface's name
 *   ({@code META-INF/services/dev.ariadne.search.SiteFamily}), in class-path order, the first whose
 *   {@link #accepts} holds;</li>
 *   <li>the built-in families: Normal, LogNormal, Beta, Gamma (also for Exponential), Poisson, Geometric,
 *   NegativeBinomial, Bernoulli, Binomial, MultivariateNormal for priors of those distributions, and a location and
 *   scale with the prior's own tail for Cauchy and StudentT priors (a Normal proposal's lighter tail gives weights of
 *   infinite variance wherever the posterior keeps the prior's tail); then by support: a
 *   Normal for real sites, a LogNormal for positive ones, a Beta on [0, 1], a logit-normal on other intervals, a
 *   stick-breaking normal on the simplex, a categorical over a finite integer support of at most
 *   {@value CategoricalFamily#MAX_VALUES} values.</li>
 * </ol>
 * A site no family accepts keeps its prior, and the search reports it with the reason
 * ({@link SearchResult#sitesAtPrior()}). There is no global registry to fill in: what the class path and the
 * distributions carry is the same on every machine that runs a shard.
 *
 * <p><b>Values.</b> A site's value reaches the family as a double {@code x} for scalar sites (integers as
 * themselves, booleans as 0 or 1) or as {@code vec} for vector sites (then x is 0). Object-valued sites have no
 * family.
 *
 * <p><b>Parameters.</b> Each method that reads parameters gets the whole parameter vector {@code p} and the offset
 * of this site's first parameter, so that proposing allocates nothing beyond the proposal.
 *
 * <p>Implementations must be immutable and serialisable: guides travel to the machines that run their shards.
 * "Adding a guide family" in ARCHITECTURE.md walks through one.
 */
public interface SiteFamily extends Serializable {

    /**
     * The family's name, recorded in guide files and used to find the family again when one is loaded: unique
     * among the families on the class path (the built-in ones are upper case, such as {@code NORMAL}).
     */
    String name();

    /** Whether this family can propose at a site with this prior (same kind of value and support shape). */
    boolean accepts(Dist prior);

    /** The number of parameters at a site with this prior (it may depend on the prior, e.g. its dimension). */
    int arity(Dist prior);

    /**
     * The names of the parameters of a site with {@code arity} parameters, such as {@code [loc, logScale]};
     * a site's parameters are named {@code address.name}. Families of fixed arity ignore the argument.
     *
     * @throws IllegalArgumentException when no site of this family has that many parameters
     */
    List<String> parameterNames(int arity);

    /**
     * The initial parameters at a site with this prior: the prior itself where the family contains it, else a
     * proposal close to it (matched moments), so that a search starts from likelihood weighting.
     */
    double[] initial(Dist prior);

    /**
     * Whether {@link #proposal} at {@link #initial} is exactly the prior. Then a site the search has not yet seen
     * proposes the prior object itself, and step 0 is bit-for-bit likelihood weighting.
     */
    default boolean reproducesPrior(Dist prior) {
        return false;
    }

    /**
     * Why the parameter {@code name} cannot hold {@code v} in a proposal of this family, beyond what {@link
     * GuideFile} checks of every log scale (a finite positive scale), or null: a guide file holding such a value is
     * refused when it is read, not at the first run that draws from it. None by default.
     */
    default String parameterProblem(String name, double v) {
        return null;
    }

    /**
     * Why the parameters {@code values} (each of which {@link #parameterProblem} accepts) cannot stand together in a
     * proposal of this family, or null; as {@link #parameterProblem}, a guide file holding them is refused when read.
     * None by default.
     */
    default String parametersProblem(double[] values) {
        return null;
    }

    /**
     * The proposal for the parameters {@code p[offset .. offset + arity)}: same kind of value and support shape as
     * the prior.
     *
     * @throws dev.ariadne.core.dist.ParameterException when a parameter maps to an invalid value (overflow)
     */
    Dist proposal(double[] p, int offset, Dist prior);

    /**
     * The gradient of log q(value) in the parameters {@code p[offset .. offset + arity)}, where q is
     * {@link #proposal}, in closed form, into {@code out[0 .. arity)}. This is the score the gradient strategy
     * uses: the model is never differentiated.
     */
    void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out);

    /**
     * The weighted maximum-likelihood parameters for the values in {@code data} (normalised weights), into
     * {@code out[0 .. arity)}, starting from the current parameters {@code p[offset ..]}: the cross-entropy
     * method's refit. Families should override it with a closed form where one exists. The default maximises
     * sum_i w_i log q(x_i) by gradient ascent on {@link #score} with a backtracking line search, and keeps the
     * current parameters where the data cannot improve them; it never returns NaN.
     */
    default void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        Refits.byAscent(this, data, p, offset, prior, out);
    }

    /**
     * Parameters of a proposal about {@code factor} times as wide as the one at {@code p[offset ..]}, into
     * {@code out[0 .. arity)}: what a search uses when no run of its guide reaches a rare evidence stated as a
     * plain condition, so it widens (tempers) every proposal until some runs do, and moves back as refits allow.
     * Only the spread matters; any proposal of the family is valid. The default keeps the parameters (a family
     * that cannot widen); the built-in families scale a location family's scale, a Gamma's or Poisson's scale,
     * and temper a Beta's, Bernoulli's, Binomial's and categorical's probabilities toward uniform.
     *
     * @param factor at least 1; 1 gives the same proposal
     */
    default void widened(double[] p, int offset, Dist prior, double factor, double[] out) {
        System.arraycopy(p, offset, out, 0, out.length);
    }

    /**
     * The value of a site of this family as a regressor of later sites in a structured guide: its unconstrained
     * coordinate (x on the real line, log x for a positive value, x itself on a bounded interval), or NaN when
     * the family's sites are not regressors (discrete and vector sites).
     */
    default double regressor(double x) {
        return Double.NaN;
    }
}
