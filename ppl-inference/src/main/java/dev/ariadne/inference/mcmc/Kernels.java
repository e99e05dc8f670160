package dev.ariadne.inference.mcmc;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Guide;
import java.util.Arrays;

/**
 * The kernels MCMC is made of, for any model, including models whose structure changes from run to run.
 *
 * <pre>{@code
 * Kernel k = Kernels.singleSite();                               // lightweight MH: reals by random walk
 * Kernel k = Kernels.randomWalk().at("theta[*]")                 // a random walk on theta[0], theta[1], ...
 *         .andThen(Kernels.gibbs().at("z[*]"))                   // then a Gibbs update of one z
 *         .andThen(Kernels.independence(searchedGuide));         // then a whole run proposed by a guide
 * }</pre>
 */
public final class Kernels {

    private static final double DEFAULT_TARGET_RATE = 0.44;
    static final int DEFAULT_GIBBS_VALUES = 64;

    private Kernels() {
    }

    /**
     * Lightweight (single-site) MH: each step picks one latent site uniformly and proposes a new value for it, by
     * a random walk in the unconstrained space for real sites and from the site's prior for all others
     * ({@link SingleSiteKernel#fromPrior()} for the prior everywhere). Handles changing structure exactly.
     */
    public static SingleSiteKernel singleSite() {
        return new SingleSiteKernel(SingleSiteKernel.Mode.MIXED, null, Double.NaN, true, DEFAULT_TARGET_RATE,
                null, Breakage.NONE);
    }

    /**
     * Random-walk MH on real sites: each step picks one real latent site uniformly and moves it by a Gaussian step
     * in the unconstrained space of its support (log for positive sites, logit for intervals), with the
     * log-Jacobian in the ratio. The step is per site, adapted during warm-up only.
     */
    public static SingleSiteKernel randomWalk() {
        return new SingleSiteKernel(SingleSiteKernel.Mode.WALK, null, Double.NaN, true, DEFAULT_TARGET_RATE,
                null, Breakage.NONE);
    }

    /** Gibbs updates of finite discrete sites (booleans, bounded integers), scored value by value. */
    public static GibbsKernel gibbs() {
        return new GibbsKernel(null, DEFAULT_GIBBS_VALUES, Breakage.NONE);
    }

    /** Independence MH with the guide as a whole-run proposal; its acceptance rate grades the guide. */
    public static IndependenceKernel independence(Guide guide) {
        return new IndependenceKernel(guide, Breakage.NONE);
    }

    /** The kernels in turn (a cycle). */
    public static Kernel cycle(Kernel... kernels) {
        java.util.Objects.requireNonNull(kernels, "Kernels.cycle: the kernels must not be null");
        if (kernels.length == 0) {
            throw new IllegalArgumentException("cycle: give at least one kernel");
        }
        java.util.List<Kernel> flat = new java.util.ArrayList<>();
        for (Kernel k : kernels) {
            java.util.Objects.requireNonNull(k, "kernel");
            if (k instanceof Compositions.Cycle) {
                flat.addAll(Arrays.asList(((Compositions.Cycle) k).parts));
            } else {
                flat.add(k);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new Compositions.Cycle(flat.toArray(new Kernel[0]));
    }

    /**
     * One of the kernels per step, chosen with probabilities proportional to the weights (a mixture).
     *
     * @param weights finite, non-negative, not all zero; one per kernel
     */
    public static Kernel mixture(double[] weights, Kernel... kernels) {
        java.util.Objects.requireNonNull(weights, "Kernels.mixture: the weights must not be null");
        java.util.Objects.requireNonNull(kernels, "Kernels.mixture: the kernels must not be null");
        if (weights.length != kernels.length || kernels.length == 0) {
            throw new IllegalArgumentException("mixture: give one weight per kernel, got " + weights.length
                    + " weights for " + kernels.length + " kernels");
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0 && weights[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("mixture: weight " + i + " must be finite and >= 0, got "
                        + weights[i]);
            }
            java.util.Objects.requireNonNull(kernels[i], "kernel");
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("mixture: the weights are all zero");
        }
        return new Compositions.Mixture(weights, kernels);
    }

    // ---------------------------------------------------------------- shared by the site kernels

    static boolean matches(AddressPattern[] patterns, TraceState<?> s, int i) {
        if (patterns == null) {
            return true;
        }
        for (AddressPattern p : patterns) {
            if (p.matches(s.scopes[i], s.names[i], s.indices[i])) {
                return true;
            }
        }
        return false;
    }

    static String describePatterns(AddressPattern[] patterns) {
        if (patterns == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" at ");
        for (int i = 0; i < patterns.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(patterns[i]);
        }
        return sb.toString();
    }
}
