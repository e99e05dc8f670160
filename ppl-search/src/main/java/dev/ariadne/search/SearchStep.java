package dev.ariadne.search;

import dev.ariadne.inference.Estimate;
import java.time.Duration;

/**
 * One step of a search's history.
 *
 * @param step      the step number, from 1
 * @param objective the objective's estimate at this step with its standard error (from the step's own runs, or
 *                  the common random numbers for gradient-free strategies); {@code +inf} when no run was accepted
 * @param runsUsed  the model runs the search has used so far
 * @param elapsed   the time since the search started
 * @param note      what happened (level reached, no update, ...), or empty
 */
public record SearchStep(int step, Estimate objective, long runsUsed, Duration elapsed, String note) {
}
