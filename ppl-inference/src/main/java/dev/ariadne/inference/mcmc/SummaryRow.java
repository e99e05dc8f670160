package dev.ariadne.inference.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One quantity's line of the summary, in the columns of ArviZ 0.x's {@code summary}: the posterior mean and sd,
 * the 94% highest-density interval, the Monte Carlo standard errors of the mean and the sd, the bulk and tail
 * effective sample sizes and the rank-normalised split R-hat (see {@link Convergence}).
 *
 * <p>A site that some runs do not make (changing structure) is summarised over the draws where it exists, each
 * chain cut to the shortest chain's count of them: its line describes the site given that it exists, and
 * {@code presence} says how often it did.
 *
 * @param name      the quantity: a printed address ({@code theta[3]}), a vector component ({@code w[0]}) or a
 *                  tracked function's name
 * @param mean      the mean of the draws
 * @param sd        their standard deviation
 * @param hdi3      the lower end of the 94% highest-density interval ({@code hdi_3%})
 * @param hdi97     its upper end ({@code hdi_97%})
 * @param mcseMean  the Monte Carlo standard error of the mean: sd / sqrt(ess of the raw draws); infinite when
 *                  every draw is the same value ({@link #constant()}), which no draw can show to be right
 * @param mcseSd    the Monte Carlo standard error of the sd; infinite likewise
 * @param essBulk   the bulk effective sample size (rank-normalised)
 * @param essTail   the tail effective sample size (5% and 95% quantiles)
 * @param rHat      the rank-normalised split R-hat
 * @param presence  the fraction of draws in which the quantity exists (1 for a fixed structure)
 * @param draws     the number of draws the line is computed from
 */
public record SummaryRow(String name, double mean, double sd, double hdi3, double hdi97, double mcseMean,
                         double mcseSd, double essBulk, double essTail, double rHat, double presence, int draws) {

    /** R-hat below this is the usual sign that the chains agree (Vehtari et al. 2021). */
    public static final double R_HAT_LIMIT = 1.01;
    /** Effective draws per chain below which an ESS is too low to trust the MCSE (Vehtari et al. 2021). */
    public static final double ESS_PER_CHAIN = 100;

    /** This row from the draws of one quantity, [chain][draw], NaN where it is absent; null if fewer than 4 remain. */
    static SummaryRow of(String name, double[][] draws) {
        int chains = draws.length;
        double[][] present = new double[chains][];
        long total = 0;
        long found = 0;
        int shortest = Integer.MAX_VALUE;
        for (int c = 0; c < chains; c++) {
            double[] kept = new double[draws[c].length];
            int k = 0;
            for (double v : draws[c]) {
                total++;
                if (!Double.isNaN(v)) {
                    kept[k++] = v;
                }
            }
            found += k;
            present[c] = java.util.Arrays.copyOf(kept, k);
            shortest = Math.min(shortest, k);
        }
        if (shortest < 4) {
            return null;
        }
        for (int c = 0; c < chains; c++) {
            present[c] = java.util.Arrays.copyOf(present[c], shortest);
        }
        double[] hdi = Convergence.hdi(present, 0.94);
        boolean constant = constant(present);
        return new SummaryRow(name, Convergence.mean(present), Convergence.sd(present), hdi[0], hdi[1],
                constant ? Double.POSITIVE_INFINITY : Convergence.mcseMean(present),
                constant ? Double.POSITIVE_INFINITY : Convergence.mcseSd(present), Convergence.essBulk(present),
                Convergence.essTail(present), Convergence.rHat(present), (double) found / total, shortest * chains);
    }

    /** Whether every draw of every chain is the same value. */
    private static boolean constant(double[][] draws) {
        double first = draws[0][0];
        for (double[] chain : draws) {
            for (double v : chain) {
                if (Double.compare(v, first) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the quantity took one value in every draw of every chain: then no draw shows how far its posterior is
     * from a point mass, and its standard errors are infinite.
     */
    public boolean constant() {
        return hdi3 == hdi97 && Double.isInfinite(mcseMean);
    }

    /**
     * What is wrong with this line, in plain words, for {@code chains} chains: R-hat at or above 1.01, a bulk or
     * tail ESS below 100 per chain. Empty when nothing is.
     */
    public List<String> verdicts(int chains) {
        List<String> out = new ArrayList<>();
        if (constant()) {
            out.add(String.format(Locale.ROOT, "%s took one value, %s, in every draw of every chain, so the draws "
                    + "cannot show whether its posterior is a point mass (then all is well) or the chains never "
                    + "moved it: randomWalk() moves only real choices, and values reached only through other modes "
                    + "need a kernel that moves this choice, more chains or dispersed starts; its mcse is infinite",
                    name, hdi3));
            return out;
        }
        double essLimit = ESS_PER_CHAIN * chains;
        if (!(rHat < R_HAT_LIMIT)) {
            out.add(String.format(Locale.ROOT, "chains disagree on %s (r_hat %.3f)", name, rHat));
        }
        if (essBulk < essLimit) {
            out.add(String.format(Locale.ROOT, "ESS too low for the bulk of %s (ess_bulk %.0f < %.0f)", name, essBulk,
                    essLimit));
        }
        if (essTail < essLimit) {
            out.add(String.format(Locale.ROOT, "ESS too low for the tail of %s (ess_tail %.0f < %.0f)", name, essTail,
                    essLimit));
        }
        return out;
    }
}
