package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.SiteKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Why a guide's pattern matches no latent site, and the patterns that match none of a call's first runs, made again
 * with their traces, where none of the runs of the per-site breakdown met the evidence and the breakdown saw no site:
 * rare evidence hid a typo, as
 * {@code Guide.at("xx", ...)} for x under a condition met by 1 run in 31,000 was named at 1 run in 44 and not there
 * (a new user).
 */
final class UnmatchedPatterns {

    private UnmatchedPatterns() {
    }

    /**
     * One verdict per pattern of {@code execution}'s guide that matches no latent site of runs 0 to
     * {@link FirstRuns#RUNS} - 1 of {@code seed} (fewer where the call made fewer).
     */
    static List<String> inFirstRuns(Execution<?> execution, long seed, long runs) {
        Guide g = execution.guide();
        if (g == null || g.patterns().isEmpty()) {
            return List.of();
        }
        List<Address> latent = new ArrayList<>();
        List<Address> evidence = new ArrayList<>();
        int made = (int) Math.min(runs, FirstRuns.RUNS);
        FirstRuns.visit(execution.runner(), seed, made,
                s -> (s.kind() == SiteKind.LATENT ? latent : evidence).add(s.address()));
        Set<String> shapes = new LinkedHashSet<>();
        latent.forEach(a -> shapes.add(SiteTable.shape(a)));
        List<String> seen = new ArrayList<>(shapes);
        List<String> out = new ArrayList<>();
        for (AddressPattern p : g.patterns()) {
            if (latent.stream().anyMatch(p::matches) || out.stream().anyMatch(v -> v.contains("'" + p + "'"))) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "the guide's pattern '%s' matched no latent site in the call's first "
                    + "%,d runs, made again with their traces since none of the runs the per-site breakdown read met "
                    + "the evidence", p, made) + why(p.toString(), evidence.stream().filter(p::matches).findFirst()
                    .map(Address::toString), seen));
        }
        return out;
    }

    /**
     * Why pattern {@code p} matched no latent site: it names {@code evidence} (a site whose value the model states),
     * if present, or else it is mistyped or meant sites the runs never reached; {@code seen} are the latent sites'
     * shapes the runs made, from which the nearest name is offered.
     */
    static String why(String p, java.util.Optional<String> evidence, List<String> seen) {
        String latent = String.join(", ", seen);
        return evidence.map(e -> ": it names evidence, " + e + ", whose value the model states, and a guide proposes "
                + "only at random choices (latent sites seen: " + latent + ")")
                .orElseGet(() -> ": mistyped, and then the sites it meant stay at their prior, or meant for sites "
                        + "those runs never reached, which the guide proposes where they are reached (latent sites "
                        + "seen: " + latent
                        + AddressPattern.nearestName(p, seen).map(near -> "; did you mean " + near + "?").orElse("")
                        + ")");
    }
}
