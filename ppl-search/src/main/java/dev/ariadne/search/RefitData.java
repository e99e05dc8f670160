package dev.ariadne.search;

/**
 * The values one site took in a cross-entropy iteration's elite runs, with their normalised weights, for
 * {@link SiteFamily#refit}. Entry i is the value of run i: {@code x[i]} for scalar sites (booleans as 0 or 1),
 * {@code vec[i]} for vector sites; only the first {@code size} entries count, and their weights sum to 1.
 *
 * @param x      scalar values (0 for vector sites)
 * @param vec    vector values (null entries for scalar sites)
 * @param weight normalised weights, non-negative, summing to 1 over the first {@code size} entries
 * @param size   the number of values
 */
public record RefitData(double[] x, double[][] vec, double[] weight, int size) {
}
