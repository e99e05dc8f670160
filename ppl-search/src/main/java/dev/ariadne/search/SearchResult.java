package dev.ariadne.search;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a guide search found: the chosen guide, the history of the search, why it stopped, the sites the guide
 * leaves at their prior, the final comparison with the starting guide, and the certification of the guide on
 * fresh runs.
 *
 * @param guide         the chosen guide: the strategy's result, the last good one when the search diverged, or the
 *                      starting guide when the comparison found the result worse
 * @param strategy      the strategy's name
 * @param history       one entry per step
 * @param runsUsed      the model runs the search used, the final comparison included (certification not counted)
 * @param elapsed       the search's wall-clock time (certification not counted)
 * @param stopReason    why the search stopped
 * @param diverged      whether it stopped because it diverged (then {@link #stopReason} says where and how)
 * @param certification the certification, absent when it was switched off
 * @param sitesAtPrior  the sites the search saw that its family leaves at their prior (no family covers the
 *                      prior, or a program returned the prior), by parameter key, each with the reason
 * @param comparison    the final comparison with the starting guide, absent when the strategy never moved
 */
public record SearchResult(FamilyGuide guide, String strategy, List<SearchStep> history, long runsUsed,
                           Duration elapsed, String stopReason, boolean diverged,
                           Optional<Certification> certification, Map<String, String> sitesAtPrior,
                           Optional<StartComparison> comparison) {

    /** The chosen guide's parameters. */
    public Parameters parameters() {
        return guide.parameters();
    }

    /** The certification; an error naming the reason when it was switched off. */
    public Certification certified() {
        return certification.orElseThrow(() -> new IllegalStateException("this search was not certified "
                + "(certify(0, ...) switched it off)"));
    }

    /** A few lines: strategy, steps, runs, time, stop reason, sites left at their prior and certification. */
    public String summary() {
        StringBuilder sb = new StringBuilder(strategy + ": " + history.size() + " steps, " + runsUsed + " runs, "
                + elapsed.toMillis() + " ms; " + stopReason + (diverged ? " (DIVERGED)" : ""));
        sitesAtPrior.forEach((site, why) -> sb.append(System.lineSeparator()).append("  left at its prior: ")
                .append(site).append(": ").append(why));
        return sb.append(System.lineSeparator())
                .append(certification.map(Certification::toString).orElse("not certified")).toString();
    }
}
