package dev.ariadne.inference.smc;

import java.util.List;
import java.util.Locale;

/**
 * What the sweeps say about the particle system.
 *
 * @param sweeps               the number of sweeps
 * @param particles            N, the particles per sweep
 * @param meanEssPerStep       the ESS after each step, averaged over the sweeps that reached it
 * @param minEssPerStep        the smallest ESS after each step over those sweeps
 * @param meanResamplings      resamplings per sweep, on average
 * @param minUniqueAncestors   over the sweeps, the fewest distinct first-step particles the final particles descend
 *                             from (path degeneracy: N is none, 1 is total)
 * @param meanUniqueAncestors  the same, averaged over the sweeps
 * @param logEvidenceSd        the standard deviation of log Z-hat across sweeps (over sweeps with Z-hat > 0; +inf
 *                             with fewer than two): the scale of the sweeps' disagreement, and what the bounds lose
 * @param zeroSweeps           sweeps whose evidence estimate is 0 (every particle reached weight 0)
 * @param verdicts             plain-language findings; empty when nothing is off
 */
public record SmcDiagnostics(int sweeps, int particles, double[] meanEssPerStep, double[] minEssPerStep,
                             double meanResamplings, int minUniqueAncestors, double meanUniqueAncestors,
                             double logEvidenceSd, int zeroSweeps, List<String> verdicts) {

    /** A printable block of the figures and verdicts. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        double minEss = Double.POSITIVE_INFINITY;
        int at = -1;
        for (int t = 0; t < minEssPerStep.length; t++) {
            if (minEssPerStep[t] < minEss) {
                minEss = minEssPerStep[t];
                at = t;
            }
        }
        sb.append(String.format(Locale.ROOT, "%d sweeps of %d particles, %d step%s; sd of log Z-hat across sweeps "
                + "%.4g%s%n", sweeps, particles, meanEssPerStep.length, meanEssPerStep.length == 1 ? "" : "s",
                logEvidenceSd,
                zeroSweeps > 0 ? "; " + zeroSweeps + " sweeps with Z-hat = 0" : ""));
        sb.append(String.format(Locale.ROOT, "smallest ESS %.1f (step %d); %.1f resamplings per sweep; final particles "
                + "descend from %d to %.0f (mean) first-step particles%n", minEss, at, meanResamplings,
                minUniqueAncestors, meanUniqueAncestors));
        if (verdicts.isEmpty()) {
            sb.append("verdict: nothing looks wrong in the particles drawn (a region of the posterior that the "
                    + "particles reach rarely or never cannot show in them, and the standard error then reads too "
                    + "small)").append(nl);
        } else {
            verdicts.forEach(v -> sb.append("verdict: ").append(v).append(nl));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return report();
    }
}
