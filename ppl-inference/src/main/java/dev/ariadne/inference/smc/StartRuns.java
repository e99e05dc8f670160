package dev.ariadne.inference.smc;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.inference.FirstRuns;
import dev.ariadne.inference.ScoresLostToRounding;
import dev.ariadne.inference.UserDistributionCheck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a few whole runs of the execution an annealed or generic SMC call starts its particles from (its guide, or the
 * prior) show, as importance sampling's per-site breakdown shows them: a guide pattern that matched no latent site (a
 * typo such as {@code "muu"} leaves the sites it meant at their prior, and the call reads as the bootstrap filter with
 * nothing said), and runs that met no evidence at all (a forgotten observe: P(e) reads 1 and every estimate is the
 * prior's). Both were silent under SMC, named under importance sampling and MCMC (a new user).
 */
final class StartRuns {

    private final List<String> verdicts = new ArrayList<>();

    private StartRuns() {
    }

    /**
     * The verdicts from {@link FirstRuns#RUNS} runs of {@code execution} on {@code seed}'s streams (up to
     * {@link FirstRuns#CONFIRMING_RUNS} where a pattern matched no site or no run met evidence); none if none ran.
     * The distributions of the user's own that {@code kernelGuides} (the moves' independence kernels') propose from are
     * checked as the start's are: annealed SMC moved by a kernel whose proposal draws N(0.9, 0.3) but declares the
     * density of N(0.9, 0.5) read log P(e) 21 standard errors off in 10 calls of 10 with nothing said (an adversarial
     * tester).
     */
    static List<String> verdicts(Execution<?> execution, List<Guide> kernelGuides, long seed) {
        StartRuns s = new StartRuns();
        s.read(execution, seed);
        UserDistributionCheck.verdict(execution, kernelGuides, seed).ifPresent(s.verdicts::add);
        ScoresLostToRounding.verdict(execution, seed).ifPresent(s.verdicts::add);
        return s.verdicts;
    }

    private void read(Execution<?> execution, long seed) {
        Set<Address> latent = new LinkedHashSet<>();
        Set<String> shown = new LinkedHashSet<>();
        boolean[] evidence = {false};
        Guide guide = execution.guide();
        List<AddressPattern> patterns = guide == null ? List.of() : guide.patterns();
        int completed = FirstRuns.visitUntil(execution.runner(), seed, site -> {
            if (FirstRuns.isEvidence(site)) {
                evidence[0] = true;
            } else if (latent.add(site.address())) {
                shown.add(site.address().toString());
            }
        }, () -> evidence[0] && patterns.stream().allMatch(p -> latent.stream().anyMatch(p::matches)));
        if (completed == 0) {
            return;
        }
        if (guide != null) {
            for (AddressPattern p : patterns) {
                if (latent.stream().noneMatch(p::matches)) {
                    verdicts.add(String.format(Locale.ROOT, "the guide's pattern '%s' matched no latent site in %,d "
                            + "runs from the start, so the sites it meant draw from their prior, whether it is mistyped "
                            + "or they are sites those runs never reached%s", p, completed,
                            FirstRuns.seen(p.toString(), shown)));
                }
            }
        }
        if (!evidence[0]) {
            verdicts.add(FirstRuns.noEvidence(completed, "the start",
                    "P(e) reads 1 and every estimate is the prior's"));
        }
    }
}
