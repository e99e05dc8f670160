package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.inference.GuideTails;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on an independence kernel whose guide's weights p / q grow without bound along a tail: the chain is
 * then not geometrically ergodic, and its mcse can read too small with nothing else to show it (an outside
 * statistician: the posterior N(0.9, 0.408) with the guide N(0.9, 0.31), 4 chains of 5,000 draws, read
 * P(mu > 1.8 | e) = 0.0137 as 0.0054 +- 0.0014 with ESS 2,595 and r_hat 1.0004, under "no problem found"). Found
 * once, by {@link GuideTails#unboundedWeights}, for chains that target the posterior.
 */
final class UnboundedGuideWeights<T> {

    private final Model<T> model;
    private final Kernel kernel;
    private final boolean posterior;
    private final long seed;
    private final long draws;
    private Optional<String> verdict;

    /** The chains' starting guide ({@code Mcmc.init}), or null, whose patterns are checked too. */
    private Guide init;

    /** The same, with the chains' starting guide, whose patterns {@link #unmatchedPatterns} checks too. */
    UnboundedGuideWeights<T> startingFrom(Guide start) {
        this.init = start;
        return this;
    }

    UnboundedGuideWeights(Model<T> model, Kernel kernel, boolean posterior, long seed, long draws) {
        this.model = model;
        this.kernel = kernel;
        this.posterior = posterior;
        this.seed = seed;
        this.draws = draws;
    }

    /** The verdict on the first independence kernel's guide whose weights are unbounded; empty if none. */
    synchronized Optional<String> verdict() {
        if (verdict == null) {
            verdict = Optional.empty();
            // With a random walk in the kernel too, the chain has the walk's spectral gap wherever the walk has one
            // (a cycle's or a mixture's operator norm is at most its parts'): all 40 calls of a logistic regression
            // with singleSite() then a narrow independence guide read "not geometrically ergodic" with their
            // estimates within their mcse (a new user). Where the posterior's tail defeats the walk too,
            // HeavyTailedTarget says so.
            if (posterior && !HeavyTailedTarget.walks(kernel)) {
                for (Guide g : guides(kernel, new ArrayList<>())) {
                    Optional<String> found = GuideTails.unboundedWeights(Execution.of(model).guide(g), seed, draws);
                    if (found.isPresent()) {
                        verdict = Optional.of(found.get() + ": the independence kernel's acceptance ratio is a ratio "
                                + "of those weights, so its chains are not geometrically ergodic (or, with a bound "
                                + "that far out, mix as if they were not), and they visit that tail in rare long "
                                + "stays that r_hat, the ESS and the mcse need not show (tail probabilities and "
                                + "quantiles read off most); give the guide tails at least as wide as the posterior's, "
                                + "or mix the prior back in (Guide.defensive)");
                        break;
                    }
                }
            }
        }
        return verdict;
    }

    /** Prior runs whose latent choices an independence guide's patterns are matched against. */
    static final int PATTERN_RUNS = 20;

    /**
     * Each independence kernel's guide pattern that matches no latent choice of the model's first
     * {@link #PATTERN_RUNS} prior runs of the chains' seed: a mistyped "aa" left its choices at their prior in every
     * proposal with nothing said (a new user), where importance sampling's diagnostics name it.
     */
    List<String> unmatchedPatterns() {
        List<Guide> gs = guides(kernel, new ArrayList<>());
        List<Address> fixedSteps = new ArrayList<>();
        for (Kernel k : parts(kernel, new ArrayList<>())) {
            if (k instanceof SingleSiteKernel s) {
                fixedSteps.addAll(s.fixedAddresses());
            }
        }
        List<String> out = new ArrayList<>();
        if (gs.isEmpty() && init == null && fixedSteps.isEmpty()) {
            return out;
        }
        java.util.Set<dev.ariadne.core.Address> made = new java.util.LinkedHashSet<>();
        java.util.Set<String> shown = new java.util.LinkedHashSet<>();
        dev.ariadne.core.Runner<T> runner = Execution.of(model).runner();
        for (int i = 0; i < PATTERN_RUNS; i++) {
            try {
                runner.run(seed, i);
            } catch (RuntimeException e) {
                continue; // the chains' own runs report a model that fails
            }
            for (dev.ariadne.core.TraceSite s : runner.trace().sites()) {
                if (s.kind() == dev.ariadne.core.SiteKind.LATENT && made.add(s.address())) {
                    shown.add(s.address().toString());
                }
            }
        }
        if (made.isEmpty()) {
            return out;
        }
        for (Address a : fixedSteps) {
            if (!made.contains(a)) {
                // fixedSteps(Map.of("muu", 0.5)) ran with nothing said (an adversarial tester)
                out.add(String.format(java.util.Locale.ROOT, "the fixed step given for %s names no choice of the "
                        + "model's first %d runs, so no choice takes it: mistyped, or naming a choice the runs seldom "
                        + "make (choices seen: %s%s)", a, PATTERN_RUNS, dev.ariadne.inference.ShortList.of(
                        List.copyOf(shown)), dev.ariadne.core.AddressPattern.nearestName(a.toString(), shown)
                        .map(n -> "; did you mean " + n + "?").orElse("")));
            }
        }
        if (init != null) {
            gs.add(0, init);
        }
        for (Guide g : gs) {
            String whose = g == init ? "the chains' starting guide (init)" : "the independence kernel's guide";
            String what = g == init ? "the chains start those choices from their prior"
                    : "its proposals draw the choices it meant from their prior";
            for (dev.ariadne.core.AddressPattern p : g.patterns()) {
                if (made.stream().noneMatch(p::matches)) {
                    out.add(String.format(java.util.Locale.ROOT, "%s: its pattern '%s' matched no choice of the "
                            + "model's first %d runs, so %s: mistyped, or naming choices the runs seldom make (choices "
                            + "seen: %s%s)", whose, p, PATTERN_RUNS, what,
                            dev.ariadne.inference.ShortList.of(List.copyOf(shown)),
                            dev.ariadne.core.AddressPattern.nearestName(p.toString(), shown)
                                    .map(n -> "; did you mean " + n + "?").orElse("")));
                }
            }
        }
        return out;
    }

    /** Every kernel in {@code k}, compositions opened, in order. */
    static List<Kernel> parts(Kernel k, List<Kernel> out) {
        if (k instanceof Compositions.Cycle c) {
            for (Kernel part : c.parts) {
                parts(part, out);
            }
        } else if (k instanceof Compositions.Mixture m) {
            for (Kernel part : m.parts) {
                parts(part, out);
            }
        } else if (k instanceof Compositions.Repeat r) {
            parts(r.part, out);
        } else {
            out.add(k);
        }
        return out;
    }

    /** The guides of the independence kernels in {@code k}, in order. */
    static List<Guide> guides(Kernel k, List<Guide> out) {
        for (Kernel part : parts(k, new ArrayList<>())) {
            if (part instanceof IndependenceKernel ik) {
                out.add(ik.guide());
            }
        }
        return out;
    }
}
