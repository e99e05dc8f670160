package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.SiteKind;
import dev.ariadne.inference.FirstRuns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The verdicts on names that the chains' settings give and the model never makes: an independence kernel's guide
 * pattern, the starting guide's ({@code Mcmc.init}), a kernel's {@code at} pattern, and an address given a fixed
 * random-walk step. A mistyped "aa" in
 * an independence guide left its choices at their prior in every proposal, an "init" pattern left them at their prior
 * at the start, and {@code fixedSteps(Map.of("muu", 0.5))} fixed no step, each with nothing said (a new user and an
 * adversarial tester), where importance sampling's diagnostics name a guide's pattern that matches nothing. The names
 * are matched against the latent choices of the model's first {@link #PATTERN_RUNS} prior runs of the chains' seed,
 * once.
 */
final class UnmatchedNames<T> {

    /** Prior runs whose latent choices the names are matched against. */
    static final int PATTERN_RUNS = 20;

    private final Model<T> model;
    private final Kernel kernel;
    private final Guide init;
    private final long seed;
    private List<String> verdicts;

    /** {@code init} is the chains' starting guide, or null. */
    UnmatchedNames(Model<T> model, Kernel kernel, Guide init, long seed) {
        this.model = model;
        this.kernel = kernel;
        this.init = init;
        this.seed = seed;
    }

    /** One verdict per name that matches no choice, with the nearest choice; empty if every name matches one. */
    synchronized List<String> verdicts() {
        if (verdicts == null) {
            verdicts = List.copyOf(find());
        }
        return verdicts;
    }

    private List<String> find() {
        List<Guide> guides = new ArrayList<>(kernel.guides());
        List<Address> fixedSteps = new ArrayList<>();
        Map<Kernel, AddressPattern[]> kept = new LinkedHashMap<>();
        for (Kernel k : Compositions.parts(kernel)) {
            if (k instanceof SingleSiteKernel s) {
                fixedSteps.addAll(s.fixedAddresses());
                if (s.patterns() != null) {
                    kept.put(k, s.patterns());
                }
            } else if (k instanceof GibbsKernel g && g.patterns() != null) {
                kept.put(k, g.patterns());
            }
        }
        List<String> out = new ArrayList<>();
        if (guides.isEmpty() && init == null && fixedSteps.isEmpty() && kept.isEmpty()) {
            return out;
        }
        Set<Address> made = new LinkedHashSet<>();
        Set<String> shown = new LinkedHashSet<>();
        FirstRuns.visit(Execution.of(model).runner(), seed, PATTERN_RUNS, s -> {
            if (s.kind() == SiteKind.LATENT && made.add(s.address())) {
                shown.add(s.address().toString());
            }
        });
        if (made.isEmpty()) {
            return out;
        }
        kept.forEach((k, patterns) -> {
            for (AddressPattern p : patterns) {
                if (made.stream().noneMatch(p::matches)) {
                    out.add(String.format(Locale.ROOT, "%s: its pattern '%s' (at) matched no choice of the model's "
                            + "first %d runs, so the kernel moves no choice there: mistyped, or naming choices the runs "
                            + "seldom make%s", k.describe(), p, PATTERN_RUNS, FirstRuns.seen(p.toString(), shown)));
                }
            }
        });
        for (Address a : fixedSteps) {
            if (!made.contains(a)) {
                out.add(String.format(Locale.ROOT, "the fixed step given for %s names no choice of the model's first "
                        + "%d runs, so no choice takes it: mistyped, or naming a choice the runs seldom make%s", a,
                        PATTERN_RUNS, FirstRuns.seen(a.toString(), shown)));
            }
        }
        if (init != null) {
            guides.add(0, init);
        }
        for (Guide g : guides) {
            String whose = g == init ? "the chains' starting guide (init)" : "the independence kernel's guide";
            String what = g == init ? "the chains start those choices from their prior"
                    : "its proposals draw the choices it meant from their prior";
            for (AddressPattern p : g.patterns()) {
                if (made.stream().noneMatch(p::matches)) {
                    out.add(String.format(Locale.ROOT, "%s: its pattern '%s' matched no choice of the model's first "
                            + "%d runs, so %s: mistyped, or naming choices the runs seldom make%s", whose, p,
                            PATTERN_RUNS, what, FirstRuns.seen(p.toString(), shown)));
                }
            }
        }
        return out;
    }
}
