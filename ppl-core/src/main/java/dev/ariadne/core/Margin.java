package dev.ariadne.core;

import java.util.Locale;

/**
 * What a margin condition ({@link Prob#condition(String, double, double)}) saw in one run: the score the model
 * computed and the threshold it had to reach. The condition holds when {@code score >= threshold}; its margin
 * {@code score - threshold} says how far the run was from the boundary of the evidence, on either side. A trace
 * shows it as the value of the condition's site.
 *
 * @param score     the model's score (never NaN)
 * @param threshold the threshold (finite)
 */
public record Margin(double score, double threshold) {

    /** {@code score - threshold}: non-negative when the condition holds, negative when it gives the run weight 0. */
    public double margin() {
        return score - threshold;
    }

    /** Whether the condition held: {@code score >= threshold}. */
    public boolean holds() {
        return score >= threshold;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.5g %s %.5g", score, holds() ? ">=" : "<", threshold);
    }
}
