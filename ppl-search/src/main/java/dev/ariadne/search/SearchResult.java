package dev.ariadne.search;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a guide search found: the chosen guide, the history of the search, why it stopped, and the certification
 * of the guide on fresh runs.
 *
 * @param guide         the chosen guide (the last good one when the search diverged)
 * @param strategy      the strategy's name
 * @param history       one entry per step
 * @param runsUsed      the model runs the search used (certification not counted)
 * @param elapsed       the search's wall-clock time (certification not counted)
 * @param stopReason    why the search stopped
 * @param diverged      whether it stopped because it diverged (then {@link #stopReason} says where and how)
 * @param certification the certification, absent when it was switched off
 */
public record SearchResult(FamilyGuide guide, String strategy, List<SearchStep> history, long runsUsed,
                           Duration elapsed, String stopReason, boolean diverged,
                           Optional<Certification> certification) {

    /** The chosen guide's parameters. */
    public Parameters parameters() {
        return guide.parameters();
    }

    /** The certification; an error naming the reason when it was switched off. */
    public Certification certified() {
        return certification.orElseThrow(() -> new IllegalStateException("this search was not certified "
                + "(certify(0, ...) switched it off)"));
    }

    /** A few lines: strategy, steps, runs, time, stop reason and certification. */
    public String summary() {
        return strategy + ": " + history.size() + " steps, " + runsUsed + " runs, " + elapsed.toMillis() + " ms; "
                + stopReason + (diverged ? " (DIVERGED)" : "") + System.lineSeparator()
                + certification.map(Certification::toString).orElse("not certified");
    }
}
